"""The one shape every check reports in (contract §2)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    path: str
    message: str
    message_en: str
    source: str
    hint: str = ""
    hint_en: str = ""
    overrides: str | None = None  # the national rule a provincial one replaced, if any
    source_title: str = ""  # the cited sources by title (rules/sources.yaml), for people
    cites: tuple[str, ...] = ()  # their keys in the bibliography

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = asdict(self)
        for key in ("overrides", "source_title"):
            if not d[key]:
                del d[key]
        if d["cites"]:
            d["cites"] = list(d["cites"])
        else:
            del d["cites"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(**{**d, "cites": tuple(d.get("cites") or ())})

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message

    def source_label(self) -> str:
        """Where the rule comes from, for people: the cited titles (rules/sources.yaml), else the raw text."""
        return self.source_title or self.source

    def hint_text(self, lang: str = "zh") -> str:
        return (self.hint_en or self.hint) if lang == "en" else (self.hint or self.hint_en)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def sort_key(f: Finding) -> tuple[int, str, str, str]:
    return (SEVERITY_ORDER[f.severity], f.path, f.rule, f.message)
