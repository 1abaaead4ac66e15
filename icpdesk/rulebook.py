"""Rules as data: national rules, per-province settings and overrides, loaded and checked once.

rules/national/*.yaml holds the national rules and `settings.yaml` the national defaults of
every per-province setting (limits, word lists, who must be the leader…). A province file
(rules/provinces/<pinyin>.yaml) may change settings and add rules; a provincial rule that
replaces national ones names them in `overrides:`, and one that only changes a national rule
(its severity, its parameters) says `extends:` and inherits the rest. So which provincial
rule beat which national one is written in the data, and shows in every finding.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import yamlio
from .catalogues import Catalogues
from .errors import RulesError
from .paths import rules_dir


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Strict):
    """Conditions on the order that decide whether a rule applies at all."""

    nature: list[str] | None = None
    not_nature: list[str] | None = None
    unit: bool | None = None  # True: every nature except individual
    filing_type: list[str] | None = None
    not_filing_type: list[str] | None = None


def applies(when: When, filing: Any, unit: bool) -> bool:
    """Whether a rule's or a checklist item's `when` holds for this order."""
    nature, ftype = filing.principal.nature, filing.filing_type
    return not (
        (when.nature is not None and nature not in when.nature)
        or (when.not_nature is not None and nature in when.not_nature)
        or (when.unit is not None and when.unit != unit)
        or (when.filing_type is not None and ftype not in when.filing_type)
        or (when.not_filing_type is not None and ftype in when.not_filing_type)
    )


class Rule(_Strict):
    id: str
    check: str
    paths: list[str] = Field(min_length=1)
    touches: list[str] = Field(default_factory=list)  # fields a cross-field rule reads
    severity: Literal["error", "warning", "info"]
    when: When = Field(default_factory=When)
    params: dict[str, Any] = Field(default_factory=dict)
    message: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    hint: str = ""
    hint_en: str = ""
    source: str = Field(min_length=1)
    overrides: list[str] = Field(default_factory=list)
    province: str | None = None  # set by the loader for provincial rules


class RuleDraft(BaseModel):
    """A provincial rule as written: with `extends`, every missing field comes from the parent."""

    model_config = ConfigDict(extra="forbid")
    id: str
    extends: str | None = None
    check: str | None = None
    paths: list[str] | None = None
    touches: list[str] | None = None
    severity: Literal["error", "warning", "info"] | None = None
    when: When | None = None
    params: dict[str, Any] | None = None
    message: str | None = None
    message_en: str | None = None
    hint: str | None = None
    hint_en: str | None = None
    source: str | None = None
    overrides: list[str] | None = None


class Setting(_Strict):
    """A per-province value with its source; `disputed` keeps what other sources say."""

    value: Any
    source: str = Field(min_length=1)
    note: str = ""
    disputed: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _disputes_have_sources(self) -> Setting:
        for d in self.disputed:
            if "value" not in d or not d.get("source"):
                raise ValueError("each disputed entry needs a value and a source")
        return self


class NationalFile(_Strict):
    rules: list[Rule] = Field(default_factory=list)
    settings: dict[str, Setting] = Field(default_factory=dict)


class ProvinceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    province: str
    source: str = ""
    settings: dict[str, Setting] = Field(default_factory=dict)
    rules: list[RuleDraft] = Field(default_factory=list)


class Province:
    """The rules in force for one province: national defaults with its overrides applied."""

    def __init__(self, code: str, settings: dict[str, Setting], rules: list[Rule],
                 overridden: dict[str, str]) -> None:
        self.code = code
        self.settings = settings
        self.rules = rules
        self.overridden = overridden  # national rule id -> provincial rule id

    def value(self, key: str, default: Any = None) -> Any:
        s = self.settings.get(key)
        return default if s is None else s.value

    def setting(self, key: str) -> Setting | None:
        return self.settings.get(key)


def _read(path: Path) -> Any:
    try:
        return yamlio.load_trusted(path.read_text(encoding="utf-8"))
    except Exception as e:
        raise RulesError(f"{path}: {str(e).splitlines()[0]}") from None


def _fail(path: Path, err: ValidationError | ValueError, data: Any = None) -> RulesError:
    if isinstance(err, ValidationError):
        first = err.errors(include_url=False)[0]
        loc = list(first["loc"])
        rule = ""
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(data, dict):
            try:
                rule = f" rule {data['rules'][loc[1]].get('id', '#' + str(loc[1]))}:"
            except (KeyError, IndexError, AttributeError, TypeError):
                rule = ""
        where = ".".join(str(p) for p in loc)
        return RulesError(f"{path}:{rule} {where}: {first['msg']}")
    return RulesError(f"{path}: {err}")


class Rulebook:
    def __init__(self, folder: Path | None = None) -> None:
        from .checks import REGISTRY  # the named Python checks the data may call

        self.folder = folder or rules_dir()
        if not self.folder.is_dir():
            raise RulesError(f"rules folder not found: {self.folder}")
        self.catalogues = Catalogues.load(self.folder / "catalogues")
        self.national: list[Rule] = []
        self.settings: dict[str, Setting] = {}
        for path in sorted((self.folder / "national").glob("*.yaml")):
            data = _read(path)
            try:
                nf = NationalFile.model_validate(data)
            except ValidationError as e:
                raise _fail(path, e, data) from None
            self.national += nf.rules
            for key, s in nf.settings.items():
                if key in self.settings:
                    raise RulesError(f"{path}: setting {key!r} defined twice")
                self.settings[key] = s
        self._by_id: dict[str, Rule] = {}
        for r in self.national:
            if r.id in self._by_id:
                raise RulesError(f"rules/national: rule id {r.id!r} defined twice")
            self._by_id[r.id] = r
        self._provinces: dict[str, Province] = {}
        self.province_sources: dict[str, str] = {}
        for path in sorted((self.folder / "provinces").glob("*.yaml")):
            self._load_province(path)
        for rule in self.all_rules():
            if rule.check not in REGISTRY:
                raise RulesError(f"rule {rule.id}: unknown check {rule.check!r}")
            try:
                REGISTRY[rule.check].validate_params(rule.params)
            except ValueError as e:
                raise RulesError(f"rule {rule.id}: {e}") from None
        self._national_province = Province("", dict(self.settings), list(self.national), {})
        from .plandata import PlanData

        self.plan = PlanData(self.folder, self.catalogues["filing_types"].codes,
                             self.catalogues["material_kinds"].codes)

    def _load_province(self, path: Path) -> None:
        data = _read(path)
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
                raise RulesError(f"{path}: rule {draft.id}: {e.errors(include_url=False)[0]['msg']} "
                                 f"({'.'.join(map(str, e.errors()[0]['loc']))})") from None
            for target in rule.overrides:
                if target not in self._by_id:
                    raise RulesError(f"{path}: rule {rule.id} overrides unknown rule {target!r}")
                overridden[target] = rule.id
            rules.append(rule)
        national = [r for r in self.national if r.id not in overridden]
        self._provinces[entry.code] = Province(entry.code, settings, national + rules, overridden)
        self.province_sources[entry.code] = pf.source

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
            prov = Province(entry.code, dict(self.settings), list(self.national), {})
            self._provinces[entry.code] = prov
        return prov

    def rule(self, rule_id: str) -> Rule | None:
        if rule_id in self._by_id:
            return self._by_id[rule_id]
        return next((r for r in self.all_rules() if r.id == rule_id), None)

    @cached_property
    def version(self) -> str:
        """A digest of every rule file: tells a reviewer whether the rules changed since export."""
        h = hashlib.sha256()
        for p in sorted(self.folder.rglob("*.yaml")):
            h.update(p.relative_to(self.folder).as_posix().encode())
            h.update(p.read_bytes())
        return h.hexdigest()[:16]


_default: Rulebook | None = None


def default_rulebook() -> Rulebook:
    global _default
    if _default is None:
        _default = Rulebook()
    return _default
