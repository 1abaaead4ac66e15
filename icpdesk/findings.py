"""The one shape every check reports in (contract §2)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

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

    def to_dict(self) -> dict[str, str]:
        d = asdict(self)
        if d["overrides"] is None:
            del d["overrides"]
        return d

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message

    def hint_text(self, lang: str = "zh") -> str:
        return (self.hint_en or self.hint) if lang == "en" else (self.hint or self.hint_en)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def sort_key(f: Finding) -> tuple[int, str, str]:
    return (SEVERITY_ORDER[f.severity], f.path, f.rule)
