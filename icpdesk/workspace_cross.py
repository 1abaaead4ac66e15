"""The checks across all filings of a workspace (rules/national/workspace.yaml), full and
incremental.

Each filing is reduced to its facts (icpdesk/checks/across.py: a phone's digits, an ID number
with its name, a domain…), kept in an index from what two filings must share to the facts that
share it. A filing's cross findings are then a few dictionary lookups, and an edit of one filing
(`update`) touches only the groups its old and new facts are in: it returns the filings whose
findings may have changed, and only those are asked again.

Findings are built by the engine's own `_findings`, so they carry the rule, severity, sources,
grade and both languages exactly like every other finding.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .catalogues import Term
from .checks.across import CROSS, Cross, Fact, principal_key
from .engine import Validator
from .fieldpaths import expand
from .findings import Finding, sort_key
from .model import Filing
from .rulebook import Rule, Rulebook, applies

Group = tuple[str, str]  # (check, key)


@dataclass(frozen=True, slots=True)
class About:
    """What a finding in another filing says about this one: its principal, order type, and
    whether a website of it is filed (has its number)."""

    principal: str
    filing_type: str
    filed: bool


def cross_rules(rulebook: Rulebook) -> dict[str, Rule]:
    return {r.id: r for r in rulebook.all_rules() if r.check in CROSS}


@lru_cache(maxsize=64)
def _in_force(rulebook: Rulebook, province: str) -> tuple[tuple[Rule, Cross, Any], ...]:
    """The cross rules in force for a province with their check and typed parameters."""
    return tuple((r, CROSS[r.check], r.typed_params) for r in rulebook.province(province).rules if r.check in CROSS)


def facts_of(rulebook: Rulebook, id: str, filing: Filing) -> tuple[list[Fact], About]:
    """The filing's facts under the cross rules in force for its province (picklable: a
    worker process computes them where it loads the filing)."""
    about = About(filing.principal.name.strip(), filing.filing_type, any(w.filing_number for w in filing.websites))
    if filing.filing_type.startswith("cancel_"):  # removes a record; it cannot clash with a new one
        return [], about
    nature = rulebook.catalogues["natures"].get(filing.principal.nature)
    unit = bool(nature.get("unit")) if nature else filing.principal.nature != "individual"  # as Ctx.is_unit
    who = principal_key(filing)
    facts: list[Fact] = []
    for rule, cross, params in _in_force(rulebook, filing.principal.region.province):
        if not applies(rule.when, filing, unit):
            continue
        for pattern in rule.paths:
            for path, value in expand(filing, pattern):
                found = cross.key(filing, path, value, params)
                if found:
                    key, data, shown = found
                    facts.append(Fact(id, rule.id, rule.check, key, path, str(value), who, data, shown))
    return facts, about


_VERSIONS = itertools.count()


class _Group:
    """The facts of every filing that share one key, with what a query needs, computed once
    after each change: a filing's clash is then found without comparing it with every member
    (a number shared by hundreds of filings costs no more than one shared by two)."""

    __slots__ = ("_by_value", "_exact", "_ids", "_on", "_vals", "members", "version")

    def __init__(self, on: str) -> None:
        self.members: dict[str, list[Fact]] = {}
        self._on = on
        self._ids: list[str] | None = None
        self.version = next(_VERSIONS)

    def changed(self) -> None:
        self._ids = None
        self.version = next(_VERSIONS)  # what was answered from it before is stale

    def _stats(self) -> list[str]:
        ids = self._ids = sorted(self.members)
        self._vals = {m: frozenset(v for f in self.members[m] if (v := getattr(f, self._on))) for m in ids}
        self._exact = Counter(self._vals.values())
        self._by_value: dict[str, list[str]] = {}
        for m in ids:
            for v in self._vals[m]:
                self._by_value.setdefault(v, []).append(m)
        return ids

    def clash(self, me: str, value: str, same: bool) -> tuple[str, int] | None:
        """The first other filing (by id) that clashes with `value` of filing `me`, and how many do."""
        if not value:  # an unknown principal clashes with nobody
            return None
        ids = self._ids if self._ids is not None else self._stats()
        if same:
            found = self._by_value.get(value, [])
            others = [m for m in found[:2] if m != me]
            return (others[0], len(found) - (me in self._vals and value in self._vals[me])) if others else None
        # clashing: a member with some value other than this one
        count = len(ids) - self._exact[frozenset({value})] - self._exact[frozenset()]
        count -= bool(self._vals.get(me, frozenset()) - {value})
        if count <= 0:
            return None
        first = next((m for m in ids[:8] if m != me and self._vals[m] - {value}), None)
        if first is None:  # many members share the value: the first member of each other value
            first = min(m for v, ms in self._by_value.items() if v != value for m in ms[:2] if m != me)
        return first, count

    def fact(self, id: str, value: str, same: bool) -> Fact:
        """The other filing's fact to quote: one that clashes."""
        facts = self.members[id]
        return next((f for f in facts if (getattr(f, self._on) == value) == same), facts[0])


class CrossIndex:
    def __init__(self, rulebook: Rulebook | None = None) -> None:
        self.validator = Validator(rulebook)
        self.rulebook = self.validator.rulebook
        self.rules = cross_rules(self.rulebook)
        self._same = {id: CROSS[r.check].same(r.typed_params) for id, r in self.rules.items()}
        self.facts: dict[str, list[Fact]] = {}
        self.about: dict[str, About] = {}
        self._groups: dict[Group, _Group] = {}
        self.touched: set[str] = set()  # by the last live validation: other filings to refresh
        # per filing, per fact: the group's version and the findings answered from it (after an
        # edit, a filing sharing one changed group recomputes that fact only)
        self._memo: dict[str, dict[int, tuple[int, list[Finding]]]] = {}
        types = self.rulebook.catalogues["filing_types"]
        self._type_term = types.term
        self._change_site = types.term("change_site")

    # --- building and updating --------------------------------------------------------------
    @classmethod
    def of(cls, filings: Mapping[str, Filing], rulebook: Rulebook | None = None) -> CrossIndex:
        index = cls(rulebook)
        for id, filing in filings.items():
            index.put(id, *facts_of(index.rulebook, id, filing))
        return index

    def put(self, id: str, facts: Iterable[Fact], about: About) -> set[str]:
        """This filing's facts replace its old ones; returns every filing whose cross findings
        may have changed: it, and those sharing a group where its facts changed (all its groups
        when its principal's name or its order type changed: their messages name it)."""
        facts = list(facts)
        old = self.facts.get(id, [])
        moved = set(old) ^ set(facts) if self.about.get(id) == about else set(old) | set(facts)
        self.remove(id)
        self._memo.pop(id, None)
        self.facts[id] = facts
        self.about[id] = about
        for f in facts:
            group = self._groups.get((f.check, f.key))
            if group is None:
                group = self._groups[(f.check, f.key)] = _Group(CROSS[f.check].on)
            group.members.setdefault(id, []).append(f)
            group.changed()
        touched = {id}
        for f in moved:
            group = self._groups.get((f.check, f.key))
            if group is not None:
                touched.update(group.members)
        return touched

    def update(self, id: str, filing: Filing | None) -> set[str]:
        """After an edit (or with None, a removal) of one filing: the filings to ask again."""
        if filing is None:
            return self.remove(id)
        return self.put(id, *facts_of(self.rulebook, id, filing))

    def remove(self, id: str) -> set[str]:
        touched: set[str] = set()
        for f in self.facts.pop(id, []):
            group = self._groups.get((f.check, f.key))
            if group is None or group.members.pop(id, None) is None:
                continue
            group.changed()
            touched.update(group.members)
            if not group.members:
                del self._groups[(f.check, f.key)]
        self.about.pop(id, None)
        self._memo.pop(id, None)
        return touched

    # --- asking -----------------------------------------------------------------------------
    def findings(self, id: str) -> list[Finding]:
        """The cross findings of one filing, each naming the first other filing it clashes with."""
        out: list[Finding] = []
        memo = self._memo.setdefault(id, {})
        for i, mine in enumerate(self.facts.get(id, [])):
            group = self._groups[(mine.check, mine.key)]
            kept = memo.get(i)
            if kept is None or kept[0] != group.version:
                kept = memo[i] = (group.version, self._answer(id, mine, group))
            out += kept[1]
        return sorted(set(out), key=sort_key)

    def _answer(self, id: str, mine: Fact, group: _Group) -> list[Finding]:
        rule = self.rules.get(mine.rule)
        if rule is None:
            return []
        same = self._same[rule.id]
        value = getattr(mine, CROSS[mine.check].on)
        found = group.clash(id, value, same)
        if found is None:
            return []
        other, count = found
        hit = self._hit(id, mine, other, group.fact(other, value, same), count - 1)
        return self.validator._findings(rule, mine.path, [hit])

    def live(self, id: str) -> Callable[[Filing], list[Finding]]:
        """For the open filing (Document.cross): each validation as the user types puts the
        filing as it is now into the index and returns its cross findings; `touched` then holds
        the other filings whose cross findings may have changed (their list rows to refresh)."""

        def cross(filing: Filing) -> list[Finding]:
            self.touched = self.update(id, filing) - {id}
            return self.findings(id)

        return cross

    def all_findings(self) -> dict[str, list[Finding]]:
        return {id: self.findings(id) for id in self.facts}

    def _hit(self, id: str, mine: Fact, other_id: str, theirs: Fact, n: int) -> dict[str, Any]:
        about = self.about[other_id]
        more = Term(f"（另有 {n} 份备案）", f" (and {n} more filings)") if n else Term("", "")
        if about.filed:  # the other order's site is filed: this one should change it
            should = Term(f"备案 {other_id} 的网站已备案，改动请用“{self._change_site}”订单",
                          f'the site of filing {other_id} is filed: change it with a "{self._change_site.en}" order')
        else:
            should = Term(f"与备案 {other_id} 合并为一个订单，或放弃其中一个", f"merge it with filing {other_id} "
                          "into one order, or drop one of them")
        return {"value": mine.value, "name": mine.shown, "other_id": other_id,
                "other_principal": about.principal or "?", "other_type": self._type_term(about.filing_type),
                "other_value": theirs.shown, "more": more, "should": should}


# --- the whole workspace ----------------------------------------------------------------------
def _facts_from_file(job: tuple[str, str]) -> tuple[str, tuple[list[Fact], About] | str]:
    """In a worker: one filing file's facts, or why it could not be read."""
    from .errors import IcpdeskError
    from .fileio import load_filing
    from .shipped import default_rulebook

    id, path = job
    try:
        filing = load_filing(Path(path))
    except (IcpdeskError, OSError) as e:
        return id, str(e)
    return id, facts_of(default_rulebook(), id, filing)


def index_files(paths: Mapping[str, Path], *, jobs: int | None = None,
                rulebook: Rulebook | None = None) -> tuple[CrossIndex, dict[str, str]]:
    """The index of a workspace's filings (id → its filing file), read on all cores, as the app
    builds it once when it opens the workspace and then keeps with `update`; and the filings
    skipped because they could not be read (id → the one-line reason)."""
    from .parallel import on_cores

    found = on_cores(_facts_from_file, [(id, str(p)) for id, p in paths.items()], jobs)
    index = CrossIndex(rulebook)
    skipped: dict[str, str] = {}
    for id, got in found:
        if isinstance(got, str):
            skipped[id] = got
        else:
            index.put(id, *got)
    return index, skipped


# --- icpdesk workspace validate ----------------------------------------------------------------
def merge_into(results: list[dict[str, Any]], rulebook: Rulebook | None = None) -> CrossIndex:
    """Results of `validate_all` (each with the facts its worker found under "cross"): every
    readable filing's cross findings added to its findings and counts. A filing that could not
    be read has no facts: the others are still cross-checked."""
    index = CrossIndex(rulebook)
    for r in results:
        found = r.pop("cross", None)
        if found is not None and "unreadable" not in r:
            index.put(r["id"], *found)
    for r in results:
        if r["id"] not in index.facts:
            continue
        extra = index.findings(r["id"])
        r["cross"] = len(extra)
        if extra:
            r["findings"] = r["findings"] + [f.to_dict() for f in extra]
            r["errors"] += sum(f.severity == "error" for f in extra)
            r["warnings"] += sum(f.severity == "warning" for f in extra)
    return index


def text_lines(r: dict[str, Any], en: bool) -> list[str]:
    """`workspace validate` without --json: a filing's cross findings, one indented line each."""
    lines = []
    for f in r["findings"]:
        if f["rule"].startswith("workspace."):
            finding = Finding.from_dict(f)
            lines.append(f"    {f['severity']}  {f['path']}  {finding.text('en' if en else 'zh')}  [{f['rule']}]")
    return lines
