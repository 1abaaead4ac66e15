"""Rules as data: national rules, per-province settings and overrides, loaded and checked once.

rules/national/*.yaml holds the national rules and `settings.yaml` the national defaults of
every per-province setting (limits, word lists, who must be the leader…). A province file
(rules/provinces/<pinyin>.yaml) may change settings and add rules; a provincial rule that
replaces national ones names them in `overrides:`, and one that only changes a national rule
(its severity, its parameters) says `extends:` and inherits the rest. So which provincial
rule beat which national one is written in the data, and shows in every finding.

Loading checks meaning, not only shape: the check and its typed parameters, the paths against
the filing model, `when` codes against the catalogues, message placeholders against what the
check fills, materials conditions and image rules against the code, and every source against
the bibliography. A broken rules folder is refused here, naming the file, the rule and why.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .. import rules_cache
from ..catalogues import Catalogues
from ..errors import RulesError
from ..fieldpaths import known_pattern
from .plandata import PlanData
from .plugins import Plugins, Ref
from .schema import NationalFile, ProvinceFile, Rule, Setting, When
from .settings import CODE_SETTINGS, SETTING_KEYS, SettingValues
from .sources import GRADE_RANK, Bibliography, Source, SourcesFile, UnknownSource, date_key


class Province:
    """The rules in force for one province: national defaults with its overrides applied."""

    def __init__(self, code: str, settings: dict[str, Setting], values: SettingValues, rules: list[Rule],
                 overridden: dict[str, str]) -> None:
        self.code = code
        self.settings = settings
        self.values = values  # the same settings, typed: `province.values.min_age`
        self.rules = rules
        self.overridden = overridden  # national rule id -> provincial rule id

    def value(self, key: str, default: Any = None) -> Any:
        """A setting named by a rule's parameter (the loader checked that the key exists)."""
        v = self.values.get(key)
        return default if v is None else v

    def setting(self, key: str) -> Setting | None:
        return self.settings.get(key)


def read_yaml(path: Path) -> Any:
    try:
        return rules_cache.load_trusted(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as e:  # the line and column a maintainer needs to find it
        mark = e.problem_mark or e.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        what = "; ".join(x for x in (e.context, e.problem) if x)
        raise RulesError(f"{path}{where}: {what or str(e).splitlines()[0]}") from None
    except Exception as e:
        raise RulesError(f"{path}: {str(e).splitlines()[0]}") from None


def _first_error(err: ValidationError) -> tuple[str, str]:
    first = err.errors(include_url=False)[0]
    return ".".join(str(p) for p in first["loc"]), first["msg"]


def _fail(path: Path, err: ValidationError, data: Any = None) -> RulesError:
    loc = list(err.errors(include_url=False)[0]["loc"])
    rule = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(data, dict):
        try:
            rule = f" rule {data['rules'][loc[1]].get('id', '#' + str(loc[1]))}:"
        except (KeyError, IndexError, AttributeError, TypeError):
            rule = ""
    where, msg = _first_error(err)
    return RulesError(f"{path}:{rule} {where}: {msg}")


def placeholders(template: str) -> set[str]:
    """The names a message template fills: `{count}` and `{max}` in "至少{min}个（现有{count}个）"."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            names.add(name.split(".")[0].split("[")[0])
    return names


def beats(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether basis `a` (grade, date) is both stronger and newer than `b` (dates known)."""
    da, db = date_key(a[1]), date_key(b[1])
    return (GRADE_RANK.get(a[0], 0) > GRADE_RANK.get(b[0], 0) and da is not None and db is not None
            and da > db)


def _sources_in(obj: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every `source` string in loaded data, however deeply nested."""
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(by_alias=True)
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("source", "national_source") and isinstance(v, str) and v:  # "" = inherited
                yield f"{at}.{k}".lstrip("."), v
            else:
                yield from _sources_in(v, f"{at}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _sources_in(v, f"{at}[{i}]")


class Rulebook:
    def __init__(self, folder: Path, plugins: Plugins) -> None:
        self.folder = folder
        self.plugins = plugins
        if not self.folder.is_dir():
            raise RulesError(f"rules folder not found: {self.folder}")
        self.bibliography = self._load_sources()
        self.catalogues = Catalogues.load(self.folder / "catalogues")
        self.national: list[Rule] = []
        self.settings: dict[str, Setting] = {}
        for path in sorted((self.folder / "national").glob("*.yaml")):
            data = read_yaml(path)
            try:
                nf = NationalFile.model_validate(data)
            except ValidationError as e:
                raise _fail(path, e, data) from None
            for r in nf.rules:
                self._check_rule(path, r)
            self.national += nf.rules
            for key, s in nf.settings.items():
                if key in self.settings:
                    raise RulesError(f"{path}: setting {key!r} defined twice")
                self.settings[key] = s
        missing = sorted(SETTING_KEYS - set(self.settings))
        if missing:
            raise RulesError(f"{self.folder / 'national'}: no national default for setting(s) {missing}")
        self.values = self._typed_settings(self.folder / "national" / "settings.yaml", self.settings)
        self._by_id: dict[str, Rule] = {}
        for r in self.national:
            if r.id in self._by_id:
                raise RulesError(f"rules/national: rule id {r.id!r} defined twice")
            self._by_id[r.id] = r
        self._provinces: dict[str, Province] = {}
        self.province_sources: dict[str, str] = {}
        for path in sorted((self.folder / "provinces").glob("*.yaml")):
            self._load_province(path)
        self._national_province = Province("", dict(self.settings), self.values, list(self.national), {})
        self.plan = PlanData(self.folder, self.catalogues["filing_types"].codes,
                             self.catalogues["material_kinds"].codes)
        self._check_plan()

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the checks' code (icpdesk/rules_snapshot.py hands the table back)."""
        state = dict(self.__dict__)
        state.pop("plugins", None)
        return state

    # --- loading -----------------------------------------------------------------------------
    def _load_sources(self) -> Bibliography:
        # sources.yaml, then one file per research area in sources/ (a key defined twice is refused)
        path = self.folder / "sources.yaml"
        if not path.is_file():
            raise RulesError(f"{path}: the bibliography is missing")
        merged: dict[str, Source] = {}
        for part in [path, *sorted((self.folder / "sources").glob("*.yaml"))]:
            try:
                found = SourcesFile.model_validate(read_yaml(part)).sources
            except ValidationError as e:
                where, msg = _first_error(e)
                raise RulesError(f"{part}: {where}: {msg}") from None
            ungraded = sorted(k for k, src in found.items() if src.grade is None and not src.heuristic)
            if ungraded:
                raise RulesError(f"{part}: source(s) {ungraded} have no grade (official, provider, own or "
                                 "secondary; or heuristic: true)")
            twice = sorted(set(found) & set(merged))
            if twice:
                raise RulesError(f"{part}: source key(s) {twice} already defined in another sources file")
            merged.update(found)
        return Bibliography(merged)

    def _cites(self, where: str, text: str) -> tuple[str, ...]:
        try:
            return self.bibliography.keys_in(text)
        except UnknownSource as e:
            raise RulesError(f"{where}: {e}") from None

    def _typed_settings(self, path: Path, settings: dict[str, Setting]) -> SettingValues:
        for key, s in settings.items():
            chosen = self._cites(f"{path}: setting {key}", s.source)
            for d in s.disputed:
                other = self._cites(f"{path}: setting {key} (disputed)", d.source)
                if beats(self.bibliography.basis(other), self.bibliography.basis(chosen)):
                    raise RulesError(f"{path}: setting {key}: the disputed value {d.value!r} rests on newer and "
                                     f"stronger sources {list(other)} than the chosen one {list(chosen)}: "
                                     "choose it, or say why in a source of the same strength")
        try:
            values = SettingValues.model_validate({k: s.value for k, s in settings.items()})
        except ValidationError as e:
            where, msg = _first_error(e)
            raise RulesError(f"{path}: setting {where}: {msg}") from None
        for key, catalogue in CODE_SETTINGS.items():
            unknown = [c for c in values.get(key) if c not in self.catalogues[catalogue]]
            if unknown:
                raise RulesError(f"{path}: setting {key}: unknown {catalogue} code(s) {unknown}")
        return values

    def _load_province(self, path: Path) -> None:
        data = read_yaml(path)
        try:
            pf = ProvinceFile.model_validate(data)
        except ValidationError as e:
            raise _fail(path, e, data) from None
        entry = self.catalogues.province(pf.province)
        if entry is None:
            raise RulesError(f"{path}: unknown province {pf.province!r}")
        if entry.code in self._provinces:
            raise RulesError(f"{path}: province {entry.code} has two rule files")
        settings = dict(self.settings)
        for key, s in pf.settings.items():
            if key not in self.settings:
                raise RulesError(f"{path}: setting {key!r} has no national default in "
                                 "rules/national/settings.yaml")
            settings[key] = s
        values = self._typed_settings(path, settings) if pf.settings else self.values
        rules: list[Rule] = []
        overridden: dict[str, str] = {}
        for draft in pf.rules:
            base: dict[str, Any] = {}
            if draft.extends:
                parent = self._by_id.get(draft.extends)
                if parent is None:
                    raise RulesError(f"{path}: rule {draft.id} extends unknown rule {draft.extends!r}")
                base = parent.model_dump()
                base["overrides"] = [draft.extends]
            given = draft.model_dump(exclude_none=True, exclude={"extends"})
            try:
                rule = Rule.model_validate({**base, **given, "province": entry.code})
            except ValidationError as e:
                where, msg = _first_error(e)
                raise RulesError(f"{path}: rule {draft.id}: {where}: {msg}") from None
            if rule.id in self._by_id:
                raise RulesError(f"{path}: rule id {rule.id!r} is a national rule's (use extends: or a new id)")
            for target in rule.overrides:
                if target not in self._by_id:
                    raise RulesError(f"{path}: rule {rule.id} overrides unknown rule {target!r}")
                overridden[target] = rule.id
            self._check_rule(path, rule)
            rules.append(rule)
        national = [r for r in self.national if r.id not in overridden]
        self._provinces[entry.code] = Province(entry.code, settings, values, national + rules, overridden)
        self.province_sources[entry.code] = pf.source

    # --- meaning -----------------------------------------------------------------------------
    def _check_rule(self, path: Path, rule: Rule) -> None:
        where = f"{path}: rule {rule.id}"
        spec = self.plugins.checks.get(rule.check)
        if spec is None:
            raise RulesError(f"{where}: unknown check {rule.check!r}")
        try:
            typed = spec.params.model_validate(rule.params)
        except ValidationError as e:
            loc, msg = _first_error(e)
            raise RulesError(f"{where}: check {rule.check!r} params: {loc}: {msg}") from None
        for name, info in spec.params.model_fields.items():
            for ref in (m for m in info.metadata if isinstance(m, Ref)):
                self._check_ref(where, name, ref, getattr(typed, name))
        for pattern in rule.paths:
            if not known_pattern(pattern):
                raise RulesError(f"{where}: path {pattern!r} is no field of the filing model")
        self._check_when(where, rule.when)
        for field in ("message", "message_en", "hint", "hint_en"):
            unknown = placeholders(getattr(rule, field)) - spec.returns
            if unknown:
                fills = ", ".join(sorted(spec.returns)) or "nothing"
                raise RulesError(f"{where}: {field} uses {{{', '.join(sorted(unknown))}}}, which check "
                                 f"{rule.check!r} does not fill (it fills: {fills})")
        rule._typed = typed
        rule._cites = self._cites(where, rule.source)
        rule._source_title = self.bibliography.title(rule._cites)
        rule._basis = self.bibliography.basis(rule._cites)
        self._check_strength(where, rule.severity, rule._cites)

    def _check_strength(self, where: str, severity: str, cites: tuple[str, ...]) -> None:
        if severity == "error" and self.bibliography.weak(cites):
            raise RulesError(f"{where}: an error resting only on secondary or heuristic sources "
                             f"{list(cites)}: make it a warning, or cite an official or provider source")

    def _check_ref(self, where: str, name: str, ref: Ref, value: Any) -> None:
        if value is None:
            return
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for v in values:
            ok = {
                "setting": lambda x: x in SETTING_KEYS,
                "catalogue": lambda x: self.catalogues.has(x),
                "path": lambda x: known_pattern(x),
            }.get(ref.kind, lambda x: x in self.catalogues[ref.kind.removeprefix("code:")])(v)
            if not ok:
                what = {"setting": "setting key", "catalogue": "catalogue", "path": "field path"}.get(
                    ref.kind, ref.kind.removeprefix("code:") + " code")
                raise RulesError(f"{where}: params.{name}: unknown {what} {v!r}")

    def _check_when(self, where: str, when: When) -> None:
        for field, catalogue in (("nature", "natures"), ("not_nature", "natures"),
                                 ("filing_type", "filing_types"), ("not_filing_type", "filing_types"),
                                 ("provider", "providers"), ("content_type", "content_types"),
                                 ("service_type", "service_types")):
            unknown = [c for c in getattr(when, field) or [] if c not in self.catalogues[catalogue]]
            if unknown:
                raise RulesError(f"{where}: when.{field}: unknown {catalogue} code(s) {unknown}")

    def _check_plan(self) -> None:
        plan = self.plan
        materials = self.folder / "plan" / "materials.yaml"
        for i, item in enumerate(plan.materials.items):
            where = f"{materials}: items[{i}] ({item.kind})"
            if item.condition and item.condition not in self.plugins.conditions:
                raise RulesError(f"{where}: unknown condition {item.condition!r}; known: "
                                 f"{', '.join(sorted(self.plugins.conditions))}")
            self._check_when(where, item.when)
            cond = item.if_
            if cond is not None:
                bad = [n for n in cond.province or [] if self.catalogues.province(n) is None]
                bad += [c for c in cond.content_type or [] if c not in self.catalogues["content_types"]]
                bad += [c for c in cond.service_type or [] if c not in self.catalogues["service_types"]]
                bad += [cond.setting] if cond.setting is not None and cond.setting not in SETTING_KEYS else []
                if bad:
                    raise RulesError(f"{where}: if: unknown province, content or service type or setting {bad}")
        for v in plan.images.variants:
            bad = [] if v.kind in self.catalogues["material_kinds"] else [v.kind]
            bad += [c for c in v.provider or [] if c not in self.catalogues["providers"]]
            bad += [c for c in v.service_type or [] if c not in self.catalogues["service_types"]]
            if bad:
                raise RulesError(f"{self.folder / 'images' / 'limits.yaml'}: variants: unknown kind, provider or "
                                 f"service type {bad}")
        images = self.folder / "images" / "rules.yaml"
        for rule_id, fills in self.plugins.image_rules.items():
            rule = plan.image_rules.get(rule_id)
            if rule is None:
                raise RulesError(f"{images}: no entry for {rule_id!r}, which the image checks raise")
            rule._cites = self._cites(f"{images}: rule {rule_id}", rule.source)
            rule._source_title = self.bibliography.title(rule._cites)
            rule._basis = self.bibliography.basis(rule._cites)
            self._check_strength(f"{images}: rule {rule_id}", rule.severity, rule._cites)
            unknown_providers = [c for c in rule.provider or [] if c not in self.catalogues["providers"]]
            if unknown_providers:
                raise RulesError(f"{images}: rule {rule_id}: unknown providers code(s) {unknown_providers}")
            for field in ("message", "message_en", "hint", "hint_en"):
                unknown = placeholders(getattr(rule, field)) - fills
                if unknown:
                    raise RulesError(f"{images}: rule {rule_id}: {field} uses {{{', '.join(sorted(unknown))}}}, "
                                     "which the image checks do not fill")
        unused = sorted(set(plan.image_rules) - set(self.plugins.image_rules))
        if unused:
            raise RulesError(f"{images}: {unused} are never raised by the image checks")
        for name, data in self._plan_files():
            for where, text in _sources_in(data):
                self._cites(f"{self.folder / name}: {where}", text)

    def _plan_files(self) -> Iterable[tuple[str, Any]]:
        plan = self.plan
        yield "plan/sms.yaml", plan.sms
        yield "plan/materials.yaml", plan.materials
        yield "plan/after_approval.yaml", plan.after
        yield "images/limits.yaml", plan.images
        yield "images/rules.yaml", list(plan.image_rules.values())
        for name in self.catalogues.names():
            yield f"catalogues/{name}.yaml", self.catalogues[name]

    # --- lookups -----------------------------------------------------------------------------
    def all_rules(self) -> list[Rule]:
        out = list(self.national)
        for p in self._provinces.values():
            out += [r for r in p.rules if r.province]
        return out

    def province(self, name: str) -> Province:
        """Rules in force for a province; an unknown or empty one gets the national rules."""
        entry = self.catalogues.province(name) if name else None
        if entry is None:
            return self._national_province
        prov = self._provinces.get(entry.code)
        if prov is None:
            prov = Province(entry.code, dict(self.settings), self.values, list(self.national), {})
            self._provinces[entry.code] = prov
        return prov

    @cached_property
    def version(self) -> str:
        """A digest of every rule file: tells a reviewer whether the rules changed since export."""
        h = hashlib.sha256()
        for p in sorted(self.folder.rglob("*.yaml")):
            h.update(p.relative_to(self.folder).as_posix().encode())
            h.update(p.read_bytes())
        return h.hexdigest()[:16]
