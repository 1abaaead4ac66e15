"""Runs the rules in force for the filing's province over a whole filing.

There is one entry point, `Validator.validate`: a whole filing takes about a millisecond, so
live validation as the user types runs it too (icpdesk/live.py) instead of guessing which
rules a field touches.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .catalogues import Term
from .checks import Ctx
from .fieldpaths import expand
from .findings import SECONDARY_NOTE, Finding, Severity, sort_key
from .model import Filing
from .readings import Reading
from .rulebook import Hit, Place, Province, Rule, Rulebook, applies, provider_hint, service_applies
from .rulebook.sources import WEAK, UnknownSource
from .shipped import default_rulebook

CheckFn = Callable[[Ctx, str, Any, Any], Iterable[Hit] | None]


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _english(value: Any, labels: Callable[[str, str], str]) -> Any:
    """A hit's value as an English message shows it: a place by its English label, a term by
    its English word, anything else (the user's own data) as it is."""
    if isinstance(value, Place):
        return labels(value, "en")
    return value.en if isinstance(value, Term) else value


# a rule, its check, typed parameters, the input it needs, whether its `when` names the service
Compiled = tuple[Rule, CheckFn, Any, str | None, bool]
Applying = tuple[Rule, CheckFn, Any, str | None, bool, bool]  # and whether it is only a provider's hint


class Validator:
    def __init__(self, rulebook: Rulebook | None = None, *, today: dt.date | None = None,
                 base_dir: Path | None = None) -> None:
        self.rulebook = rulebook or default_rulebook()
        self.today = today
        self.base_dir = base_dir
        self._compiled: dict[str, list[Compiled]] = {}
        self._applying: dict[tuple[Any, ...], list[Applying]] = {}

    def _rules(self, prov: Province) -> list[Compiled]:
        """The province's rules with their check function, typed parameters and the input the
        check needs (CheckSpec.needs), looked up once."""
        compiled = self._compiled.get(prov.code)
        if compiled is None or len(compiled) != len(prov.rules):
            checks = self.rulebook.plugins.checks
            compiled = [(r, checks[r.check].fn, r.typed_params, checks[r.check].needs, r.when.per_service)
                        for r in prov.rules]
            self._compiled[prov.code] = compiled
        return compiled

    def _applicable(self, prov: Province, filing: Filing, unit: bool) -> list[Applying]:
        """The rules whose `when` holds for this order, with whether each is only a provider's
        hint; `when` reads nothing but these fields, so the list is kept per combination."""
        rules = self._rules(prov)
        key = (prov.code, len(rules), unit, filing.principal.nature, filing.filing_type, filing.provider)
        found = self._applying.get(key)
        if found is None:
            found = [(r, fn, params, needs, per_service, provider_hint(r.when, filing))
                     for r, fn, params, needs, per_service in rules if applies(r.when, filing, unit)]
            if len(self._applying) > 256:  # a long session of many orders: start afresh
                self._applying.clear()
            self._applying[key] = found
        return found

    def context(self, filing: Filing, readings: dict[int, Reading] | None = None,
                filled: dict[str, str] | None = None) -> Ctx:
        return Ctx(filing=filing, province=self.rulebook.province(filing.principal.region.province),
                   catalogues=self.rulebook.catalogues, today=self.today or dt.date.today(),
                   plan=self.rulebook.plan, base_dir=self.base_dir, readings=readings, filled=filled)

    def validate(self, filing: Filing, readings: dict[int, Reading] | None = None,
                 filled: dict[str, str] | None = None) -> list[Finding]:
        """Every rule in force; with `readings` (materials index → what OCR read) the scans'
        cross-checks too (rules/national/ocr.yaml), and with `filled` (path → value taken from
        a scan) the marks on those fields until they are edited."""
        ctx = self.context(filing, readings, filled)
        unit = ctx.is_unit
        targets: dict[str, list[tuple[str, Any]]] = {}  # many rules share a path pattern
        out: list[Finding] = []
        exclusive: set[str] = set()  # paths where an exclusive rule fired
        sole: set[str] = set()  # and those rules
        absent = {name for name, given in (("readings", readings), ("filled", filled)) if not given}
        absent.add("workspace")  # the checks across filings run in icpdesk/workspace_cross.py
        for rule, fn, params, needs, per_service, hint_only in self._applicable(ctx.province, filing, unit):
            if needs in absent:  # e.g. the scans' cross-checks when nothing was read: every keystroke
                continue
            for pattern in rule.paths:
                found = targets.get(pattern)
                if found is None:
                    found = targets[pattern] = list(self._targets(filing, pattern))
                for path, value in found:
                    if per_service and not service_applies(rule.when, filing, path):
                        continue
                    hits = fn(ctx, path, value, params)
                    if hits:
                        out += self._findings(rule, path, hits, hint_only)
                        if rule.exclusive:
                            exclusive.add(path)
                            sole.add(rule.id)
        if exclusive:
            out = [f for f in out if f.path not in exclusive or f.rule in sole]
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

    def _basis(self, rule: Rule, extra: str | None) -> tuple[str, str]:
        """Grade and date of what a finding rests on: a setting's own sources where the hit
        names them (the province's fact), else the rule's."""
        bib = self.rulebook.bibliography
        keys = rule.cites
        if extra:
            with contextlib.suppress(UnknownSource):  # a hit's source is data the loader checked
                keys = bib.keys_in(extra)
        return bib.basis(keys)

    def _providers(self, rule: Rule, lang: str) -> str:
        cat = self.rulebook.catalogues["providers"]
        sep = "、" if lang == "zh" else ", "
        return sep.join(cat.label(c, lang) for c in rule.when.provider or ())

    def _findings(self, rule: Rule, path: str, hits: Iterable[Hit], hint_only: bool = False) -> list[Finding]:
        """`hint_only`: a provider's own rule on a filing that names no provider."""
        found = []
        zh_prefix = en_prefix = ""
        if hint_only:
            zh_prefix = f"（{self._providers(rule, 'zh')}的要求，未选接入商时仅供参考）"
            en_prefix = f"({self._providers(rule, 'en')} only; no provider chosen) "
        labels = self.rulebook.catalogues.place_label
        for hit in hits:
            fmt = fmt_en = _Defaults(hit)
            if any(isinstance(v, Place | Term) for v in hit.values()):
                fmt = _Defaults({k: labels(v) if isinstance(v, Place) else v for k, v in hit.items()})
                fmt_en = _Defaults({k: _english(v, labels) for k, v in hit.items()})
            cites, title = self._cites(rule, hit.get("source"))
            grade, date = self._basis(rule, hit.get("source"))
            severity: Severity = "info" if hint_only else hit.get("severity", rule.severity)
            zh_note = en_note = ""
            if grade in WEAK:
                severity = "warning" if severity == "error" else severity
                if grade == "secondary":
                    zh_note, en_note = SECONDARY_NOTE
            found.append(Finding(
                rule=rule.id,
                severity=severity,
                path=hit.get("path", path),
                message=zh_prefix + rule.message.format_map(fmt) + zh_note,
                message_en=en_prefix + rule.message_en.format_map(fmt_en) + en_note,
                source=rule.source + (f"; {hit['source']}" if hit.get("source") else ""),
                hint=rule.hint.format_map(fmt),
                hint_en=rule.hint_en.format_map(fmt_en),
                overrides=", ".join(rule.overrides) or None,
                source_title=title,
                cites=cites,
                grade=grade,
                source_date=date,
            ))
        return found
