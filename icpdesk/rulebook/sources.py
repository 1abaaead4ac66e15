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
    # how strong the source is: official (MIIT, a 管局), provider (a hosting provider's own page),
    # secondary (agencies, forums, copies); heuristic sources are icpdesk's own
    grade: Literal["official", "provider", "secondary"] | None = None

    def label(self) -> str:
        who = self.publisher.split(" (")[0]
        when = f" ({self.date})" if self.date and self.date != "undated" else ""
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

    def title(self, keys: tuple[str, ...]) -> str:
        return "；".join(self.sources[k].label() for k in keys)

    def entries(self, keys: set[str] | list[str] | tuple[str, ...]) -> list[tuple[str, Source]]:
        """The sources for a list of cited keys, in the bibliography's order (for summaries)."""
        wanted = set(keys)
        return [(k, s) for k, s in self.sources.items() if k in wanted]
