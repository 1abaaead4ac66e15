"""The one shape every check reports in (contract §2)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
GRADE_WORDS = {"official": ("官方", "official"), "provider": ("服务商资料", "provider"),
               "own": ("icpdesk 约定", "icpdesk's own"), "secondary": ("二手资料", "secondary"),
               "heuristic": ("icpdesk 经验", "icpdesk heuristic")}


def strength_label(grade: str, date: str, lang: str = "zh") -> str:
    """［服务商资料，2019-08-16］ / [provider, 2019-08-16]: how strong a source is, and its date."""
    en = lang == "en"
    word = GRADE_WORDS.get(grade, (grade, grade))[1 if en else 0]
    when = date if en or date != "undated" else "未注明日期"
    return f"[{word}{', ' + when if when else ''}]" if en else f"［{word}{'，' + when if when else ''}］"


# said by every finding that rests on secondary sources only (never an error then)
SECONDARY_NOTE = ("（依据仅为二手资料）", " (secondary sources only)")


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
    # how strong what the finding rests on is (official | provider | own | secondary |
    # heuristic: the strongest cited source) and that source's date
    grade: str = ""
    source_date: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = asdict(self)
        for key in ("overrides", "source_title", "grade", "source_date"):
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

    def source_label(self, lang: str = "zh") -> str:
        """Where the rule comes from, for people: the cited titles (rules/sources.yaml), else the
        raw text, with how strong the source is and its date: 腾讯云《…》［服务商资料，2024-05-10］."""
        label = self.source_title or self.source
        if not self.grade:
            return label
        return f"{label} {strength_label(self.grade, self.source_date, lang)}"

    def hint_text(self, lang: str = "zh") -> str:
        return (self.hint_en or self.hint) if lang == "en" else (self.hint or self.hint_en)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def sort_key(f: Finding) -> tuple[int, str, str, str]:
    return (SEVERITY_ORDER[f.severity], f.path, f.rule, f.message)
