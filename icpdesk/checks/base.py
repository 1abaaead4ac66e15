"""How a check is declared: `@check(name, Params, returns=...)` makes a CheckSpec of the
function; icpdesk/checks/registry.py lists them. Nothing registers itself on import."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any

from ..catalogues import Term
from ..rulebook import CheckSpec, Hit, NoParams, Params, Place, Ref
from .context import Ctx

# Parameter types whose values the loader checks against the data (see rulebook.plugins.Ref).
SettingKey = Annotated[str, Ref("setting")]
CatalogueName = Annotated[str, Ref("catalogue")]
FieldPath = Annotated[str, Ref("path")]
ContentCodes = Annotated[list[str], Ref("code:content_types")]
NatureCodes = Annotated[list[str], Ref("code:natures")]

__all__ = ["CatalogueName", "CheckSpec", "ContentCodes", "Ctx", "FieldPath", "Hit", "NatureCodes", "NoParams",
           "Params", "Place", "SettingKey", "Term", "check", "disputed"]


def check(name: str, params: type[Params] | type[NoParams] = NoParams, *,
          returns: Iterable[str] = (), needs: str | None = None) -> Callable[[Callable[..., Any]], CheckSpec]:
    """Declare a check: its name in the rules, its parameter model, the placeholders its hits
    fill (a rule's message may use only those) and the input it needs (CheckSpec.needs)."""

    def deco(fn: Callable[..., Any]) -> CheckSpec:
        return CheckSpec(name, fn, params, frozenset(returns), needs)

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
            f"{d.source} ({d.value})" for d in s.disputed)
    return extra
