"""The bibliography (rules/sources.yaml): what a rule's `source:` text cites, resolved.

A source text cites keys in brackets (`[TX-PROV] 北京`, `[002_cda330130d5f816e.txt]`) or names a
document that has aliases (`icp-rules.md §3.3`, `GB 11643-1999`). An unknown key, or a text that
cites nothing known, is refused at load; a finding carries the keys and a readable title line,
so a tooltip or summary.pdf says 腾讯云《各省管局要求》 rather than `[TX-PROV]`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_KEY = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*|\d{3}_[0-9a-f]{16}\.txt)\]")


Grade = Literal["official", "provider", "own", "secondary"]
# strongest first; "heuristic" is a source marked heuristic (icpdesk's own judgement)
GRADE_RANK = {"official": 4, "provider": 3, "own": 2, "secondary": 1, "heuristic": 0}
WEAK = frozenset({"secondary", "heuristic"})  # never enough for an error
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def date_key(text: str) -> tuple[int, int, int] | None:
    """A source's date for comparing: the first YYYY[-MM[-DD]] in it ("≈2023", "2024-05-10");
    None for "undated" or no year."""
    m = _DAY.search(text or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


class Source(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    title: str = Field(min_length=1)
    publisher: str = ""
    date: str = ""  # the source's own date; "undated" where it gives none
    url: str = ""
    retrieved: str = ""
    aliases: list[str] = Field(default_factory=list)
    note: str = ""
    heuristic: bool = False  # icpdesk's own judgement, no published source: never enough for an error
    # how strong the source is: official (MIIT, a 管局, a standard), provider (a hosting
    # provider's own page), secondary (agencies, forums, copies, AI-compiled knowledge bases),
    # own (icpdesk's own contract: its file format and limits); heuristic sources have none
    grade: Grade | None = None

    @property
    def strength(self) -> str:
        return "heuristic" if self.heuristic or self.grade is None else self.grade

    def label(self, dated: bool = True) -> str:
        who = self.publisher.split(" (")[0]
        when = f" ({self.date})" if dated and self.date and self.date != "undated" else ""
        return f"{who + ' ' if who else ''}《{self.title}》{when}"


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    sources: dict[str, Source]


class UnknownSource(ValueError):
    pass


class Bibliography:
    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self._aliases = sorted(((a, k) for k, s in sources.items() for a in s.aliases),
                               key=lambda p: -len(p[0]))

    def keys_in(self, text: str) -> tuple[str, ...]:
        """The keys a source text cites, in order; raises UnknownSource for a key not listed or
        for a text that cites nothing known."""
        return self._keys_in(text)

    @lru_cache(maxsize=4096)  # noqa: B019 - one bibliography per rulebook, kept for its life
    def _keys_in(self, text: str) -> tuple[str, ...]:
        found: list[str] = []
        for m in _KEY.finditer(text):
            if m.group(1) not in self.sources:
                raise UnknownSource(f"unknown source key [{m.group(1)}] (not in rules/sources.yaml)")
            found.append(m.group(1))
        found += [key for alias, key in self._aliases if alias in text]
        if not found:
            raise UnknownSource(f"source {text!r} cites nothing listed in rules/sources.yaml")
        return tuple(dict.fromkeys(found))

    @lru_cache(maxsize=4096)  # noqa: B019 - one bibliography per rulebook, kept for its life
    def basis(self, keys: tuple[str, ...]) -> tuple[str, str]:
        """(grade, date) of what a finding rests on: the strongest of the cited sources, and the
        newest date among those of that grade ("" when undated)."""
        if not keys:
            return "", ""
        grade = max((self.sources[k].strength for k in keys), key=GRADE_RANK.__getitem__)
        dated = [(date_key(s.date), s.date) for k in keys if (s := self.sources[k]).strength == grade]
        known = [d for d in dated if d[0] is not None]
        return grade, (max(known)[1] if known else "")

    def weak(self, keys: tuple[str, ...]) -> bool:
        """Only secondary or heuristic sources: never enough for an error."""
        return bool(keys) and all(self.sources[k].strength in WEAK for k in keys)

    @lru_cache(maxsize=4096)  # noqa: B019 - one bibliography per rulebook, kept for its life
    def title(self, keys: tuple[str, ...]) -> str:
        return "；".join(self.sources[k].label() for k in keys)

    def entries(self, keys: set[str] | list[str] | tuple[str, ...]) -> list[tuple[str, Source]]:
        """The sources for a list of cited keys, in the bibliography's order (for summaries)."""
        wanted = set(keys)
        return [(k, s) for k, s in self.sources.items() if k in wanted]
