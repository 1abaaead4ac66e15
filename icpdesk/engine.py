"""Runs the rules in force for the filing's province over a whole filing or over one field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .checks import REGISTRY, Ctx
from .fieldpaths import expand, get, matches
from .findings import Finding, sort_key
from .model import Filing
from .rulebook import Province, Rule, Rulebook, applies, default_rulebook


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Validator:
    def __init__(self, rulebook: Rulebook | None = None, *, today: dt.date | None = None,
                 base_dir: Path | None = None) -> None:
        self.rulebook = rulebook or default_rulebook()
        self.today = today
        self.base_dir = base_dir
        self._plans: dict[tuple[str, str, str, str], list[tuple[Rule, bool]]] = {}

    def context(self, filing: Filing) -> Ctx:
        return Ctx(filing=filing, province=self.rulebook.province(filing.principal.region.province),
                   catalogues=self.rulebook.catalogues, today=self.today or dt.date.today(),
                   base_dir=self.base_dir, plan=self.rulebook.plan)

    def _active(self, filing: Filing, prov: Province) -> list[Rule]:
        unit = self.context(filing).is_unit
        return [r for r in prov.rules if applies(r.when, filing, unit)]

    def validate(self, filing: Filing) -> list[Finding]:
        ctx = self.context(filing)
        out: list[Finding] = []
        for rule in self._active(filing, ctx.province):
            for pattern in rule.paths:
                for path, value in self._targets(filing, pattern):
                    out += self._run(rule, ctx, path, value)
        return sorted(set(out), key=sort_key)

    def check_field_detail(self, filing: Filing, path: str) -> tuple[list[Finding], dict[str, bool]]:
        """Like check_field, plus which rules ran (rule id → ran on this field alone): a caller
        that shows messages per field replaces those rules' old messages with the new ones."""
        return self._check_field(filing, path)

    def check_field(self, filing: Filing, path: str) -> list[Finding]:
        """Findings that the value at `path` decides: for live validation as the user types.

        Rules that run on the field itself run on it alone; cross-field rules that read it
        (`touches`) run whole, so the caller can refresh every field they mention.
        """
        return self._check_field(filing, path)[0]

    def _check_field(self, filing: Filing, path: str) -> tuple[list[Finding], dict[str, bool]]:
        ctx = self.context(filing)
        out: list[Finding] = []
        plan = self._plan(filing, ctx.province, path)
        for rule, on_field in plan:
            if on_field:
                out += self._run(rule, ctx, path, _value_at(filing, path))
            else:
                for pattern in rule.paths:
                    for p, value in self._targets(filing, pattern):
                        out += self._run(rule, ctx, p, value)
        return sorted(set(out), key=sort_key), {rule.id: on_field for rule, on_field in plan}

    def _plan(self, filing: Filing, prov: Province, path: str) -> list[tuple[Rule, bool]]:
        """Which rules a keystroke in `path` re-runs; cached, since rules never change at run time."""
        key = (prov.code, filing.principal.nature, filing.filing_type, path)
        plan = self._plans.get(key)
        if plan is None:
            plan = []
            for rule in self._active(filing, prov):
                if any(matches(path, p) for p in rule.paths):
                    plan.append((rule, True))
                elif any(matches(path, t) for t in rule.touches):
                    plan.append((rule, False))
            if len(self._plans) > 4096:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    @staticmethod
    def _targets(filing: Filing, pattern: str) -> Iterable[tuple[str, Any]]:
        if pattern == "filing":
            return [("filing", filing)]
        return expand(filing, pattern)

    def _run(self, rule: Rule, ctx: Ctx, path: str, value: Any) -> list[Finding]:
        spec = REGISTRY[rule.check]
        found = []
        for hit in spec.fn(ctx, path, value, rule.params) or ():
            fmt = _Defaults(hit)
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
            ))
        return found


def _value_at(filing: Filing, path: str) -> Any:
    return filing if path == "filing" else get(filing, path)
