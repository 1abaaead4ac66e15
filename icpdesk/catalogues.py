"""Code lists with Chinese and English labels (rules/catalogues/*.yaml), checked at load."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from . import rules_cache
from .errors import RulesError
from .fieldpaths import matches
from .regions import RegionTable


class Term(str):
    """A word a check puts into a message that has its own English: a province, a field's label,
    a catalogue entry. It is the Chinese word itself (so Chinese messages and code that compares
    strings see no difference); the engine fills English messages with `.en`."""

    en: str

    def __new__(cls, zh: str, en: str | None = None) -> Term:
        term = super().__new__(cls, zh)
        term.en = zh if en is None else en
        return term

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (the process pool) keep the English
        return (Term, (str(self), self.en))

    @staticmethod
    def listing(terms: list[Term]) -> Term:
        """Several terms as one: 营业执照、组织机构代码证 / Business licence, Organisation code."""
        return Term("、".join(terms), ", ".join(t.en for t in terms))


class Entry(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    code: str
    zh: str
    en: str

    def get(self, key: str, default: Any = None) -> Any:
        return (self.model_extra or {}).get(key, default)

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    catalogue: str
    title: str
    title_en: str
    source: str
    entries: list[Entry]

    def model_post_init(self, _ctx: Any) -> None:
        self._by_code: dict[str, Entry] = {}
        for e in self.entries:
            if e.code in self._by_code:
                raise ValueError(f"duplicate code {e.code!r}")
            self._by_code[e.code] = e

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Entry | None:
        return self._by_code.get(code)

    def label(self, code: str, lang: str = "zh") -> str:
        e = self._by_code.get(code)
        return e.label(lang) if e else code

    def term(self, code: str) -> Term:
        """The entry's label in both languages, for a message (an unknown code as itself)."""
        e = self._by_code.get(code)
        return Term(e.zh, e.en) if e else Term(code)

    @property
    def codes(self) -> list[str]:
        return list(self._by_code)


REQUIRED = ("provinces", "natures", "cert_types", "content_types", "service_types", "languages",
            "preapproval_types", "material_kinds", "platforms", "filing_types", "fields", "providers")


class Catalogues:
    def __init__(self, items: dict[str, Catalogue]) -> None:
        missing = [n for n in REQUIRED if n not in items]
        if missing:
            raise RulesError(f"rules/catalogues: missing catalogue(s) {', '.join(missing)}")
        self._items = items
        self._labels: dict[tuple[str, str], str] = {}
        self._province_alias: dict[str, str] = {}
        for e in items["provinces"].entries:
            self._province_alias[e.code] = e.code
            self._province_alias[e.zh] = e.code
        self._cross_check()

    def __getitem__(self, name: str) -> Catalogue:
        return self._items[name]

    def has(self, name: str) -> bool:
        return name in self._items

    def names(self) -> list[str]:
        return list(self._items)

    @cached_property
    def regions(self) -> RegionTable:
        """GB/T 2260 with the corrections of the `regions` catalogue (icpdesk/regions.py)."""
        return RegionTable(self._items["regions"].entries if "regions" in self._items else ())

    @cached_property
    def place_names(self) -> list[str]:
        """Province, city and district names and their short forms, longest first (the names check)."""
        return self.regions.place_names(self._items["provinces"].entries)

    def province(self, name: str) -> Entry | None:
        code = self._province_alias.get(name.strip())
        return self._items["provinces"].get(code) if code else None

    def field_label(self, path: str, lang: str = "zh") -> str:
        key = (path, lang)
        label = self._labels.get(key)
        if label is None:
            entry = next((e for e in self._items["fields"].entries if matches(path, e.code)), None)
            label = entry.label(lang) if entry else path
            if len(self._labels) < 65536:  # paths repeat (every site has the same fields)
                self._labels[key] = label
        return label

    def field_term(self, path: str) -> Term:
        return Term(self.field_label(path), self.field_label(path, "en"))

    def province_term(self, code: str | None) -> Term:
        """A province by its short name (浙江 / Zhejiang); none: the national rules (全国 / national)."""
        if not code:
            return Term("全国", "national")
        e = self["provinces"].get(code)
        return Term(code, e.en if e else code)

    def place_label(self, path: str, lang: str = "zh") -> str:
        """A field named for people, wherever it is: `websites[1].leader.phone1` → 网站2负责人的
        联系方式1（手机） / Contact 1 (mobile) of the leader of Website 2; a section alone by its name."""
        from .fieldpaths import owner as owner_of

        section = owner_of(path)
        where = self.owner_label(section, lang)
        if path == section:
            return where
        field = re.sub(r"\[\d+\]$", "", path)  # one entry of a list field: the field's label
        label = self.field_label(field, lang)
        if ".leader." not in path:
            return f"{label} of {where}" if lang == "en" else f"{where}的{label}"
        if lang == "en":
            label = label.removeprefix("Leader ")
            return f"{label[:1].upper()}{label[1:]} of the leader of {where}"
        person = "主体负责人" if section == "principal" else f"{where}负责人"
        return f"{person}的{label.removeprefix('负责人')}"

    def owner_label(self, owner: str, lang: str = "zh") -> str:
        """`websites[0]` → 网站1 / Website 1; `principal` → 主体信息 / Principal."""
        if owner.startswith(("websites[", "apps[", "materials[")):
            kind, idx = owner[:-1].split("[", 1)
            label = self.field_label(f"{kind}[0]", lang)
            if idx.isdigit():
                return f"{label} {int(idx) + 1}" if lang == "en" else f"{label}{int(idx) + 1}"
        names = {"zh": {"principal": "主体信息", "filing": "整个订单", "filing_type": "备案类型",
                        "websites": "网站", "apps": "APP", "materials": "备案资料"},
                 "en": {"principal": "Principal", "filing": "Whole order", "filing_type": "Filing type",
                        "websites": "Websites", "apps": "APPs", "materials": "Materials"}}
        return names["en" if lang == "en" else "zh"].get(owner, owner)

    def _cross_check(self) -> None:
        certs = self._items["cert_types"]
        for nature in self._items["natures"].entries:
            for ct in nature.get("cert_types", []):
                if ct not in certs:
                    raise RulesError(f"rules/catalogues/natures.yaml: {nature.code} allows "
                                     f"unknown certificate type {ct!r}")

    @classmethod
    def load(cls, folder: Path) -> Catalogues:
        items: dict[str, Catalogue] = {}
        for path in sorted(folder.glob("*.yaml")):
            try:
                cat = Catalogue.model_validate(rules_cache.load_trusted(path.read_text(encoding="utf-8")))
            except Exception as e:  # a schema error, a duplicate code, unreadable YAML: all fatal
                raise RulesError(f"{path}: {str(e).splitlines()[0]}") from None
            items[cat.catalogue] = cat
        return cls(items)
