"""Generic checks that the data configures: required fields, known codes, patterns, uniqueness."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..fieldpaths import get
from .base import CatalogueName, Ctx, FieldPath, Hit, NoParams, Params, Place, SettingKey, Term, check, disputed


def blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    return False


@check("required", returns=("field",))
def required(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if blank(value):
        return [{"field": ctx.catalogues.field_term(path)}]
    return []


class KnownCodeParams(Params):
    catalogue: CatalogueName


@check("known_code", KnownCodeParams, returns=("value", "choices"))
def known_code(ctx: Ctx, path: str, value: Any, params: KnownCodeParams) -> list[Hit]:
    cat = ctx.catalogues[params.catalogue]
    values = value if isinstance(value, list) else [value]
    return [
        {"value": v, "choices": "、".join(e.zh for e in cat.entries[:12])}
        for v in values
        if isinstance(v, str) and v.strip() and v not in cat and not (
            params.catalogue == "provinces" and ctx.catalogues.province(v))
    ]


@check("nature_allows_cert_type", returns=("nature", "cert_type", "allowed"))
def nature_allows_cert_type(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    p = ctx.filing.principal
    nature = ctx.catalogues["natures"].get(p.nature)
    if nature is None or not p.cert_type or p.cert_type not in ctx.catalogues["cert_types"]:
        return []
    allowed = nature.get("cert_types", [])
    if p.cert_type in allowed:
        return []
    certs = ctx.catalogues["cert_types"]
    return [{"nature": Term(nature.zh, nature.en), "cert_type": certs.term(p.cert_type),
             "allowed": Term.listing([certs.term(c) for c in allowed])}]


@check("nature_cert_type_local", returns=("nature", "cert_type", "allowed", "province"))
def nature_cert_type_local(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A province that takes only some of the certificate types a nature allows (天津 law firms:
    the newest licence; 甘肃: enterprises the business licence, other units the organisation code)."""
    p = ctx.filing.principal
    allowed = ctx.province.values.nature_cert_types.get(p.nature)
    if not allowed or not p.cert_type or p.cert_type in allowed:
        return []
    certs = ctx.catalogues["cert_types"]
    return [{"nature": ctx.catalogues["natures"].term(p.nature),
             "allowed": Term.listing([certs.term(c) for c in allowed]), "cert_type": certs.term(p.cert_type),
             "province": ctx.province_label(),
             **disputed(ctx, "nature_cert_types")}]


class SettingFlagParams(Params):
    setting: SettingKey
    fires_when: bool  # the finding is raised when the province's setting has this value


@check("setting_flag", SettingFlagParams, returns=("province",))
def setting_flag(ctx: Ctx, path: str, value: Any, params: SettingFlagParams) -> list[Hit]:
    """A province's yes/no rule; the rule's `when` says to which orders it applies."""
    if bool(ctx.province.value(params.setting)) != params.fires_when:
        return []
    return [{"province": ctx.province_label(), **disputed(ctx, params.setting)}]


@check("person_cert_type", returns=("cert_type",))
def person_cert_type(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A leader's certificate must be one a person holds (not a business licence)."""
    entry = ctx.catalogues["cert_types"].get(value) if isinstance(value, str) else None
    if entry is not None and entry.get("holder") != "person":
        return [{"cert_type": entry.zh}]
    return []


class UniqueWithinParams(Params):
    items: FieldPath
    field: str


@check("unique_within", UniqueWithinParams, returns=("value", "first"))
def unique_within(ctx: Ctx, path: str, value: Any, params: UniqueWithinParams) -> list[Hit]:
    """Values of `field` must not repeat across the list `items` (websites, apps…)."""
    seen: dict[str, int] = {}
    hits = []
    for i, item in enumerate(get(ctx.filing, params.items) or []):
        v = getattr(item, params.field, None)
        if not isinstance(v, str) or not v.strip():
            continue
        key = v.strip().casefold()
        if key in seen:
            hits.append({"path": f"{params.items}[{i}].{params.field}", "value": v,
                         "first": Place(f"{params.items}[{seen[key]}]")})
        else:
            seen[key] = i
    return hits


class SettingMinLengthParams(Params):
    setting: SettingKey


@check("setting_min_length", SettingMinLengthParams, returns=("count", "min", "province"))
def setting_min_length(ctx: Ctx, path: str, value: Any, params: SettingMinLengthParams) -> list[Hit]:
    """Remark length required by the province (a setting, so the number is data)."""
    need = ctx.province.value(params.setting)
    text = (value or "").strip() if isinstance(value, str) else ""
    if need and len(text) < need:
        return [{"count": len(text), "min": need, "province": ctx.province_label(),
                 **disputed(ctx, params.setting)}]
    return []


class MaxLengthParams(Params):
    max: int = Field(ge=1)


@check("max_length", MaxLengthParams, returns=("length", "max"))
def max_length(ctx: Ctx, path: str, value: Any, params: MaxLengthParams) -> list[Hit]:
    if isinstance(value, str) and len(value) > params.max:
        return [{"length": len(value), "max": params.max}]
    return []


@check("masked_value")
def masked_value(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A number with asterisks: it came from a package exported with --mask (3301**********4565)."""
    return [{}] if isinstance(value, str) and "**" in value else []


@check("cleaned_on_read")
def cleaned_on_read(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """Fields whose text the model cleaned when the file was read (full-width, invisible)."""
    return [{"path": at} for at in ctx.filing.cleaned_paths]


@check("invisible_chars", returns=("char",))
def invisible_chars(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """Numbers, codes, domains and e-mails holding an invisible or bidirectional character (a
    zero-width space, a BOM, U+202E): names are cleaned of them, these fields are not."""
    from ..fieldpaths import dotted
    from ..model import FOLDED, INVISIBLE

    hits: list[Hit] = []

    def walk(node: Any, at: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in FOLDED and isinstance(v, str | list):
                    for text in [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)]:
                        m = INVISIBLE.search(text)
                        if m:
                            hits.append({"path": dotted((*at, k)), "char": f"U+{ord(m.group(0)):04X}"})
                            break
                else:
                    walk(v, (*at, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*at, i))

    walk(ctx.filing.model_dump(mode="json"), ())
    return hits
