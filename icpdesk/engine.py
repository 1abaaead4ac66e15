"""Runs the rules in force for the filing's province over a whole filing.

There is one entry point, `Validator.validate`: a whole filing takes about a millisecond, so
live validation as the user types runs it too (icpdesk/live.py) instead of guessing which
rules a field touches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .checks import Ctx
from .fieldpaths import expand
from .findings import Finding, sort_key
from .model import Filing
from .rulebook import Province, Rule, Rulebook, applies
from .rulebook.sources import UnknownSource
from .shipped import default_rulebook


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Validator:
    def __init__(self, rulebook: Rulebook | None = None, *, today: dt.date | None = None,
                 base_dir: Path | None = None) -> None:
        self.rulebook = rulebook or default_rulebook()
        self.today = today
        self.base_dir = base_dir

    def context(self, filing: Filing) -> Ctx:
        return Ctx(filing=filing, province=self.rulebook.province(filing.principal.region.province),
                   catalogues=self.rulebook.catalogues, today=self.today or dt.date.today(),
                   plan=self.rulebook.plan, base_dir=self.base_dir)

    def active(self, filing: Filing, prov: Province | None = None) -> list[Rule]:
        """The rules that apply to this order (its province, nature and filing type)."""
        ctx = self.context(filing)
        return [r for r in (prov or ctx.province).rules if applies(r.when, filing, ctx.is_unit)]

    def validate(self, filing: Filing) -> list[Finding]:
        ctx = self.context(filing)
        out: list[Finding] = []
        for rule in ctx.province.rules:
            if not applies(rule.when, filing, ctx.is_unit):
                continue
            for pattern in rule.paths:
                for path, value in self._targets(filing, pattern):
                    out += self._run(rule, ctx, path, value)
        return sorted(set(out), key=sort_key)

    @staticmethod
    def _targets(filing: Filing, pattern: str) -> Iterable[tuple[str, Any]]:
        if pattern == "filing":
            return [("filing", filing)]
        return expand(filing, pattern)

    def _cites(self, rule: Rule, extra: str | None) -> tuple[tuple[str, ...], str]:
        if not extra:
            return rule.cites, rule.source_title
        bib = self.rulebook.bibliography
        try:
            keys = tuple(dict.fromkeys(rule.cites + bib.keys_in(extra)))
        except UnknownSource:  # a hit's own source is data the loader checked; never fail a run on it
            return rule.cites, rule.source_title
        return keys, bib.title(keys)

    def _run(self, rule: Rule, ctx: Ctx, path: str, value: Any) -> list[Finding]:
        spec = self.rulebook.plugins.checks[rule.check]
        found = []
        for hit in spec.fn(ctx, path, value, rule.typed_params) or ():
            fmt = _Defaults(hit)
            cites, title = self._cites(rule, hit.get("source"))
            found.append(Finding(
                rule=rule.id,
                severity=hit.get("severity", rule.severity),
                path=hit.get("path", path),
                message=rule.message.format_map(fmt),
                message_en=rule.message_en.format_map(fmt),
                source=rule.source + (f"; {hit['source']}" if hit.get("source") else ""),
                hint=rule.hint.format_map(fmt),
                hint_en=rule.hint_en.format_map(fmt),
                overrides=", ".join(rule.overrides) or None,
                source_title=title,
                cites=cites,
            ))
        return found
