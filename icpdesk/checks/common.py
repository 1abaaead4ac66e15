"""Generic checks that the data configures: required fields, known codes, patterns, uniqueness."""

from __future__ import annotations

import re
from typing import Any, Literal

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


_TRADE_NAME_ABSENT = ("个体工商户", "无字号")


def sole_proprietor_code(number: str) -> bool:
    """A 个体工商户's unified social credit code: 18 characters opening with 92 (GB 32100-2015)."""
    n = "".join(number.split()).upper()
    return len(n) == 18 and n.startswith("92")


def has_trade_name(principal: Any) -> bool:
    """A 个体工商户 without 字号 files under the operator's name (or says 个体工商户/无字号)."""
    name = principal.name.strip()
    people = {(principal.legal_representative or "").strip(), principal.leader.name.strip()} - {""}
    return bool(name) and name not in people and not any(w in name for w in _TRADE_NAME_ABSENT)


class SoleProprietorParams(Params):
    aspect: Literal["nature", "remark", "refused"]


@check("sole_proprietor", SoleProprietorParams, returns=("nature", "trade", "remark", "province"))
def sole_proprietor(ctx: Ctx, path: str, value: Any, params: SoleProprietorParams) -> list[Hit]:
    """A 92… credit code: the nature the province wants for a 个体工商户 (with or without 字号),
    and the remark it wants without one (setting `sole_proprietor`)."""
    p = ctx.filing.principal
    rule = ctx.province.values.sole_proprietor
    if not sole_proprietor_code(p.cert_number):
        return []
    trade = has_trade_name(p)
    trade_term = Term("有字号", "with a trade name") if trade else Term("无字号", "without a trade name")
    base: Hit = {"trade": trade_term, "province": ctx.province_label(), **disputed(ctx, "sole_proprietor")}
    if params.aspect == "refused":
        return [base] if rule.expected(trade) == "refused" else []
    if params.aspect == "nature":
        want = rule.expected(trade)
        if want and want != "refused" and p.nature and p.nature != want:
            return [{**base, "nature": ctx.catalogues["natures"].term(want), "remark": rule.remark}]
        return []
    if not trade and rule.remark and rule.remark not in p.remark:
        return [{**base, "path": "principal.remark", "nature": ctx.catalogues["natures"].term(p.nature),
                 "remark": rule.remark}]
    return []


class RemarkPatternParams(Params):
    # the remark must match; a named group (?P<who>…) is a part that must be there
    regex: re.Pattern[str]
    example: str = Field(min_length=1)
    # only when this field of the remark's owner is filled (relative: leader.phone2)
    if_filled: str | None = None
    # only when these fields of the remark's owner have one of these values ({leader.cert_type: [passport]})
    if_equals: dict[str, list[str]] = Field(default_factory=dict)
    # only when the owner's leader (the principal leader for the principal) is not the legal representative
    if_leader_not_legal_rep: bool = False


def _attr(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


@check("remark_pattern", RemarkPatternParams, returns=("example", "province"))
def remark_pattern(ctx: Ctx, path: str, value: Any, params: RemarkPatternParams) -> list[Hit]:
    """Remark content beyond fixed words: a pattern with named parts, e.g. whose 联系方式2 it is."""
    owner = get(ctx.filing, path.rsplit(".", 1)[0]) if "." in path else ctx.filing
    if params.if_filled and blank(_attr(owner, params.if_filled)):
        return []
    if any(_attr(owner, field) not in values for field, values in params.if_equals.items()):
        return []
    if params.if_leader_not_legal_rep:
        rep = (ctx.filing.principal.legal_representative or "").strip()
        leader = getattr(owner, "leader", None) or ctx.filing.principal.leader
        if not rep or leader.name.strip() == rep:
            return []
    text = value if isinstance(value, str) else ""
    m = re.search(params.regex, text[:2000])
    if m and all(v and v.strip() for v in m.groupdict().values()):
        return []
    return [{"example": params.example, "province": ctx.province_label()}]
