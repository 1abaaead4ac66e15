"""Addresses: in the filing province (no cross-province filing), the same city where the
province demands it, and detailed down to the house number or explained in the remark."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import Field

from .base import Ctx, Hit, NoParams, Params, SettingKey, check, disputed

_HOUSE = re.compile(r"[\d０-９一二三四五六七八九十百千零〇]+\s*(?:号|弄|栋|幢|座|单元|室|户|组|层|楼)")


@lru_cache(maxsize=8)
def _names(catalogues: Any) -> tuple[tuple[str, str], ...]:
    """(name as written at the start of an address, province code), longest first."""
    pairs = []
    for e in catalogues["provinces"].entries:
        pairs += [(e.zh, e.code), (e.code, e.code)]
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))


def province_of(ctx: Ctx, address: str) -> str | None:
    """The province an address opens with; street names (江西中路) are not read as provinces."""
    text = address.strip()
    for name, code in _names(ctx.catalogues):
        if text.startswith(name):
            return code
    return None


def _city_stem(city: str) -> str:
    c = city.strip()
    for suffix in ("市", "地区", "自治州", "盟"):
        if c.endswith(suffix) and len(c) > len(suffix) + 1:
            return c[: -len(suffix)]
    return c


class AddressProvinceParams(Params):
    aspect: Literal["other", "unclear"]


@check("address_province", AddressProvinceParams, returns=("found", "province"))
def address_province(ctx: Ctx, path: str, value: Any, params: AddressProvinceParams) -> list[Hit]:
    """aspect other: opens with another province (error); unclear: names no province and not
    the region's city either, so a reviewer cannot tell (warning)."""
    if not isinstance(value, str) or not value.strip() or not ctx.province.code:
        return []
    found = province_of(ctx, value)
    region = ctx.filing.principal.region
    if params.aspect == "other" and found and found != ctx.province.code:
        return [{"found": ctx.catalogues.province_term(found), "province": ctx.province_label()}]
    city = _city_stem(region.city)
    if params.aspect == "unclear" and found is None and not (city and value.strip().startswith(city)):
        return [{"province": ctx.province_label()}]
    return []


class SameCityParams(Params):
    setting: SettingKey


@check("same_city", SameCityParams, returns=("city", "province"))
def same_city(ctx: Ctx, path: str, value: Any, params: SameCityParams) -> list[Hit]:
    if not ctx.province.value(params.setting):
        return []
    p = ctx.filing.principal
    city = _city_stem(p.region.city)
    if not city:
        return []
    return [
        {"path": f"principal.{field}", "city": p.region.city, "province": ctx.province_label(),
         **disputed(ctx, params.setting)}
        for field in ("cert_address", "mailing_address")
        if getattr(p, field).strip() and city not in getattr(p, field)
    ]


class HouseNumberParams(Params):
    remarks: list[str] = Field(min_length=1)
    # notes the providers accept in the address itself, e.g. （已为最详细地址）
    accept: list[str] = Field(default_factory=list)


@check("house_number", HouseNumberParams, returns=("remark",))
def house_number(ctx: Ctx, path: str, value: Any, params: HouseNumberParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip() or _HOUSE.search(value[:500]):
        return []
    if any(note in value for note in params.accept):
        return []
    remark = ctx.filing.principal.remark or ""
    if any(r in remark for r in params.remarks):
        return []
    return [{"remark": params.remarks[0]}]


class ForbiddenPatternParams(Params):
    regex: re.Pattern[str]


@check("forbidden_pattern", ForbiddenPatternParams, returns=("match",))
def forbidden_pattern(ctx: Ctx, path: str, value: Any, params: ForbiddenPatternParams) -> list[Hit]:
    if not isinstance(value, str):
        return []
    m = re.search(params.regex, value[:1000])
    return [{"match": m.group(0)}] if m else []


@check("region_abolished", NoParams, returns=("district", "until", "city"))
def region_abolished(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A district that GB/T 2260 no longer has (杭州 江干区 since 2021), from an older file."""
    region = ctx.filing.principal.region
    entry = ctx.catalogues.province(region.province)
    if entry is None or not isinstance(value, str) or not value.strip():
        return []
    gone = ctx.catalogues.regions.abolished(entry.get("gb2260"), region.city.strip(), value.strip())
    return [{"district": value.strip(), "until": gone.until or "?", "city": region.city}] if gone else []


class RegionInAddressParams(Params):
    level: Literal["city", "district"]
    accept: list[str] = Field(default_factory=list)  # notes that stand in (已为最详细地址)


@check("region_in_address", RegionInAddressParams, returns=("place", "field"))
def region_in_address(ctx: Ctx, path: str, value: Any, params: RegionInAddressParams) -> list[Hit]:
    """The city or district chosen as the region appears in the address (a province that checks
    the chosen 区县 against the certificate address)."""
    if not isinstance(value, str) or not value.strip() or any(n in value for n in params.accept):
        return []
    region = ctx.filing.principal.region
    place = (region.district if params.level == "district" else region.city).strip()
    if not place:
        return []
    stem = _district_stem(place) if params.level == "district" else _city_stem(place)
    return [] if stem in value else [{"place": place, "field": ctx.catalogues.field_term(path)}]


def _district_stem(district: str) -> str:
    d = district.strip()
    for suffix in ("自治县", "区", "县", "市", "旗"):
        if d.endswith(suffix) and len(d) > len(suffix) + 1:
            return d[: -len(suffix)]
    return d
