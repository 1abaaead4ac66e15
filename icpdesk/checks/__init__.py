"""Named Python checks that rules in rules/ call by name.

A check is `fn(ctx, path, value, params) -> iterable of hits`; a hit is a dict of values for
the rule's message template, optionally with its own `path` (where the finding belongs),
`severity` (a disputed provincial setting downgrades an error to a warning) and `source`.
A check never raises on odd input: any text, empty or huge, gets a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogues import Catalogues
from ..model import Filing
from ..rulebook import Province

Hit = dict[str, Any]
CheckFn = Callable[["Ctx", str, Any, dict[str, Any]], Iterable[Hit] | None]


@dataclass
class Ctx:
    filing: Filing
    province: Province
    catalogues: Catalogues
    today: dt.date
    base_dir: Path | None = None
    plan: Any = None  # the rulebook's PlanData (materials checklist, SMS table)
    memo: dict[Any, Any] = field(default_factory=dict)  # per-run cache shared by checks

    @property
    def is_unit(self) -> bool:
        e = self.catalogues["natures"].get(self.filing.principal.nature)
        return bool(e.get("unit")) if e else self.filing.principal.nature != "individual"

    def province_label(self) -> str:
        return self.province.code or "全国"


@dataclass(frozen=True)
class CheckSpec:
    name: str
    fn: CheckFn
    params: frozenset[str]
    required: frozenset[str]

    def validate_params(self, given: dict[str, Any]) -> None:
        unknown = set(given) - self.params
        if unknown:
            raise ValueError(f"check {self.name!r} takes no parameter(s) {sorted(unknown)}")
        missing = self.required - set(given)
        if missing:
            raise ValueError(f"check {self.name!r} needs parameter(s) {sorted(missing)}")


REGISTRY: dict[str, CheckSpec] = {}


def check(name: str, *, params: Iterable[str] = (), required: Iterable[str] = ()):
    def deco(fn: CheckFn) -> CheckFn:
        if name in REGISTRY:
            raise RuntimeError(f"check {name} registered twice")
        req = frozenset(required)
        REGISTRY[name] = CheckSpec(name, fn, frozenset(params) | req, req)
        return fn

    return deco


def disputed(ctx: Ctx, key: str) -> Hit:
    """Severity and source extras for a hit that rests on a provincial setting.

    Where sources disagree on the setting, the finding is a warning naming both sources.
    """
    s = ctx.province.setting(key)
    if s is None:
        return {}
    extra: Hit = {"source": s.source}
    if s.disputed:
        extra["severity"] = "warning"
        extra["source"] = s.source + "; 存在冲突 / disputed by " + ", ".join(
            f"{d['source']} ({d['value']})" for d in s.disputed)
    return extra


from . import (  # noqa: E402,F401  - registration happens on import
    addresses,
    apps,
    cert_numbers,
    common,
    contacts,
    domains,
    names,
    order,
    people,
)
