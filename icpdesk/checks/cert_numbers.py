"""Certificate numbers: resident IDs (GB 11643), social credit codes (GB 32100), organisation
codes (GB 11714) and the formats of passports and travel permits; ages from ID birth dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any, Literal

from stdnum.cn import ric, uscc

from ..fieldpaths import get
from .base import Ctx, Hit, NoParams, Params, SettingKey, check, disputed

_ID_SHAPE = re.compile(r"\d{17}[\dXx]")
_PERMIT_PREFIXES = {"81": "香港", "82": "澳门", "83": "台湾"}
# GB 32100: 31 symbols (no I O S V Z); position 1 is the registration authority, 2 the category.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_SHAPE = re.compile(rf"[1-9ANY][1-59][0-9]{{6}}[{_USCC_ALPHABET}]{{10}}")
_LEGACY_REG = re.compile(r"\d{15}")  # 工商注册号 before 三证合一 (2015)
_ORG_SHAPE = re.compile(r"[0-9A-Z]{8}-?[0-9X]")
_DOC_FORMATS = {  # formats from third-party validators: UNCERTAIN, warnings only (§2.4)
    "passport": re.compile(r"[A-Z0-9]{5,17}"),
    "hk_macau_pass": re.compile(r"[HM]\d{8}(?:\s?\d{2})?|[HM]\d{10}"),
    "taiwan_pass": re.compile(r"\d{8}|[A-Z0-9]{10,12}"),
    # old card: 3 letters + 12 digits (one validator); the newer 18-character number has no
    # published format (icp-rules.md §10), so any 18 letters and digits pass
    "foreign_permanent_id": re.compile(r"[A-Z]{3}\d{12}|[0-9A-Z]{18}"),
}


def _compact(number: str) -> str:
    """Spaces, dashes and full-width characters (１２３) as people type them, removed/folded."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", number or ""))


@lru_cache(maxsize=512)
def analyse_resident_id(number: str, permit: bool, prefixes: frozenset[str]) -> dict[str, Any]:
    """Each aspect of a GB 11643 number; later aspects are judged only if earlier ones pass."""
    n = _compact(number)
    out: dict[str, Any] = {"number": n, "problem": None, "birth": None}
    if not _ID_SHAPE.fullmatch(n):
        out["problem"] = "format"
        out["legacy"] = len(n) == 15 and n.isdigit()
        return out
    n_up = n.upper()
    prefix = n_up[:2]
    if permit:
        if prefix not in _PERMIT_PREFIXES:
            out["problem"] = "region"
            return out
    elif prefix not in prefixes:
        out["problem"] = "region"
        return out
    try:
        out["birth"] = dt.date(int(n_up[6:10]), int(n_up[10:12]), int(n_up[12:14]))
    except ValueError:
        out["problem"] = "birth_date"
        return out
    if ric.calc_check_digit(n_up) != n_up[-1]:
        out["problem"] = "checksum"
        out["expected"] = ric.calc_check_digit(n_up)
        return out
    out["lowercase_x"] = n.endswith("x")
    return out


@lru_cache(maxsize=8)
def _prefixes(catalogues: Any) -> frozenset[str]:
    return frozenset(e.get("gb2260")[:2] for e in catalogues["provinces"].entries)


def analyse(ctx: Ctx, number: str, permit: bool = False) -> dict[str, Any]:
    return analyse_resident_id(number.strip()[:64], permit, _prefixes(ctx.catalogues))


def _holder_cert_type(ctx: Ctx, path: str) -> str:
    parent = get(ctx.filing, path.rsplit(".", 1)[0])
    return getattr(parent, "cert_type", "") or ""


def _number_kind(ctx: Ctx, path: str) -> str:
    entry = ctx.catalogues["cert_types"].get(_holder_cert_type(ctx, path))
    return entry.get("number", "none") if entry else "none"


class ResidentIdParams(Params):
    aspect: Literal["format", "region", "birth_date", "checksum", "lowercase_x", "region_unknown"]


@check("resident_id", ResidentIdParams, returns=("value", "length", "expected", "legacy", "region"))
def resident_id(ctx: Ctx, path: str, value: Any, params: ResidentIdParams) -> list[Hit]:
    kind = _number_kind(ctx, path)
    if kind not in ("resident_id", "residence_permit") or not isinstance(value, str) or not value.strip():
        return []
    a = analyse(ctx, value, kind == "residence_permit")
    aspect = params.aspect
    if aspect == a["problem"]:
        hit: dict[str, Any] = {"value": a["number"][:24], "length": len(a["number"])}
        if aspect == "checksum":
            hit["expected"] = a["expected"]
        if aspect == "format" and a.get("legacy"):
            hit["legacy"] = "（这像是15位的旧号码，请填写证件上的18位号码）"
        else:
            hit["legacy"] = ""
        return [hit]
    if a["problem"] is None:
        if aspect == "lowercase_x" and a["lowercase_x"]:
            return [{}]
        # the county code in GB/T 2260 at any time, not only in the birth year: people keep, or
        # are given, codes of districts created later (310115 浦东新区, 500103 重庆)
        if aspect == "region_unknown" and not (kind == "residence_permit"
                                               or ctx.catalogues.regions.code_known(a["number"][:6])):
            return [{"region": a["number"][:6]}]
    return []


def uscc_problem(number: str) -> str | None:
    n = _compact(number).upper()
    if _LEGACY_REG.fullmatch(n):
        return "legacy"
    if not _USCC_SHAPE.fullmatch(n):
        return "format"
    if uscc.calc_check_digit(n) != n[-1]:
        return "checksum"
    return None


def org_code_ok(number: str) -> bool:
    """GB 11714: 8 symbols and a MOD 11 check character."""
    n = _compact(number).upper()
    if not _ORG_SHAPE.fullmatch(n) or len(n) != 9:
        return False
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(n[:8], weights, strict=True))
    c9 = 11 - total % 11
    return n[8] == {10: "X", 11: "0"}.get(c9, str(c9))


class UnitCertNumberParams(Params):
    aspect: Literal["org_or_uscc", "checksum", "format", "legacy"]


@check("unit_cert_number", UnitCertNumberParams, returns=("value", "length"))
def unit_cert_number(ctx: Ctx, path: str, value: Any, params: UnitCertNumberParams) -> list[Hit]:
    kind = _number_kind(ctx, path)
    if kind not in ("uscc", "uscc_or_org") or not isinstance(value, str) or not value.strip():
        return []
    number = value.strip()[:64]
    problem = uscc_problem(number)
    aspect = params.aspect
    if kind == "uscc_or_org":
        if problem in ("format", "legacy") and not org_code_ok(number) and aspect == "org_or_uscc":
            return [{"value": number[:24]}]
        if problem == "checksum" and aspect == "checksum":
            return [{"value": number[:24]}]
        return []
    if aspect == problem:
        return [{"value": number[:24], "length": len(_compact(number))}]
    return []


@check("document_format", returns=("value", "cert_type"))
def document_format(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    ct = _holder_cert_type(ctx, path)
    rx = _DOC_FORMATS.get(ct)
    if rx is None or not isinstance(value, str) or not value.strip():
        return []
    if rx.fullmatch(value.strip().upper()) is None:
        return [{"value": value.strip()[:24], "cert_type": ctx.catalogues["cert_types"].label(ct)}]
    return []


def birth_date(ctx: Ctx, path: str, number: Any) -> dt.date | None:
    kind = _number_kind(ctx, path)
    if kind not in ("resident_id", "residence_permit") or not isinstance(number, str):
        return None
    return analyse(ctx, number, kind == "residence_permit")["birth"]


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@check("birth_not_future", returns=("birth",))
def birth_not_future(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    born = birth_date(ctx, path, value)
    if born and (born > ctx.today or born.year < 1900):
        return [{"birth": born.isoformat()}]
    return []


class MinimumAgeParams(Params):
    aspect: Literal["refused", "proof"]
    setting: SettingKey = "min_age"  # unit_min_age: 广东's minimum for a unit's leader


@check("minimum_age", MinimumAgeParams, returns=("age", "province", "min", "adult", "needs"))
def minimum_age(ctx: Ctx, path: str, value: Any, params: MinimumAgeParams) -> list[Hit]:
    """aspect refused: below the province's minimum; aspect proof: a minor who needs papers."""
    born = birth_date(ctx, path, value)
    if born is None or born > ctx.today:
        return []
    age = age_on(born, ctx.today)
    minimum = ctx.province.value(params.setting)
    adult = ctx.province.values.adult_age
    base = {"age": age, "province": ctx.province_label(), "min": minimum, "adult": adult,
            "needs": ctx.province.values.minor_requirement}
    if params.aspect == "refused" and minimum and age < minimum:
        return [{**base, **disputed(ctx, params.setting)}]
    if params.aspect == "proof" and age < adult and not (minimum and age < minimum):
        return [{**base, **disputed(ctx, "minor_requirement")}]
    return []


class IdRegionLocalParams(Params):
    setting: SettingKey
    # the material that answers it (a local residence proof): attached for the principal, no finding
    unless_material: str | None = None


@check("id_region_local", IdRegionLocalParams, returns=("province", "prefix"))
def id_region_local(ctx: Ctx, path: str, value: Any, params: IdRegionLocalParams) -> list[Hit]:
    """The ID's region code (its first two digits) against the filing province."""
    setting = params.setting
    if not ctx.province.value(setting) or _number_kind(ctx, path) != "resident_id":
        return []
    if params.unless_material and any(m.kind == params.unless_material and m.for_ == "principal"
                                       for m in ctx.filing.materials):
        return []
    entry = ctx.catalogues.province(ctx.province.code)
    a = analyse(ctx, value) if isinstance(value, str) and value.strip() else None
    if entry is None or a is None or a["problem"]:
        return []
    if a["number"][:2] != entry.get("gb2260")[:2]:
        return [{"province": entry.code, "prefix": a["number"][:2], **disputed(ctx, setting)}]
    return []
