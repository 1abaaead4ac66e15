"""Website and APP names (icp-rules.md §3.2): length in Chinese characters, no bare Latin or
digits, no symbols, no national prefixes, not the domain, and the word lists."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from ..fieldpaths import get
from .base import Ctx, Hit, NoParams, Params, SettingKey, check, disputed

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]")
_LATIN_DIGITS = re.compile(r"[A-Za-z0-9\s]+")
_ALLOWED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebefA-Za-z0-9\s]")
_DOMAIN_LIKE = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-\u4e00-\u9fff]+)+")


def _text(value: Any) -> str:
    return value.strip()[:500] if isinstance(value, str) else ""


class NameMinChineseParams(Params):
    chars: int = Field(ge=1)


@check("name_min_chinese", NameMinChineseParams, returns=("count", "min"))
def name_min_chinese(ctx: Ctx, path: str, value: Any, params: NameMinChineseParams) -> list[Hit]:
    text = _text(value)
    n = len(_CJK.findall(text))
    return [{"count": n, "min": params.chars}] if text and n < params.chars else []


@check("name_not_latin_digits", returns=("value",))
def name_not_latin_digits(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    text = _text(value)
    return [{"value": text[:40]}] if text and _LATIN_DIGITS.fullmatch(text) else []


@check("name_symbols", returns=("symbols",))
def name_symbols(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    text = _text(value)
    bad = sorted({c for c in text if not _ALLOWED.match(c)})
    return [{"symbols": " ".join(bad[:10])}] if bad else []


class NamePrefixParams(Params):
    prefixes: list[str] = Field(min_length=1)


@check("name_prefix", NamePrefixParams, returns=("prefix",))
def name_prefix(ctx: Ctx, path: str, value: Any, params: NamePrefixParams) -> list[Hit]:
    text = _text(value)
    hit = next((p for p in params.prefixes if text.startswith(p)), None)
    return [{"prefix": hit}] if hit else []


@check("name_is_domain", returns=("domain",))
def name_is_domain(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    text = _text(value)
    if not text:
        return []
    service = get(ctx.filing, path.rsplit(".", 1)[0])
    domains = {d.strip().lower() for d in getattr(service, "domains", []) or [] if isinstance(d, str)}
    m = _DOMAIN_LIKE.search(text)
    if text.lower() in domains or m:
        return [{"domain": m.group(0) if m else text}]
    return []


def _words_found(text: str, words: list[str]) -> list[str]:
    return [w for w in dict.fromkeys(words) if w and w in text]


class NameWordsParams(Params):
    words: list[str] = Field(default_factory=list)
    setting: SettingKey | None = None
    unless_preapproval: bool = False


@check("name_words", NameWordsParams, returns=("words", "province"))
def name_words(ctx: Ctx, path: str, value: Any, params: NameWordsParams) -> list[Hit]:
    """Word lists: fixed in the rule (`words`) or per province (`setting`). The matched words
    are named, since a one-character entry such as 网 (宁夏) hits almost every name."""
    text = _text(value)
    if not text:
        return []
    if params.unless_preapproval:
        service = get(ctx.filing, path.rsplit(".", 1)[0])
        if getattr(service, "preapproval", None) is not None:
            return []
    words = list(params.words)
    extra: dict[str, Any] = {}
    if params.setting:
        words += ctx.province.value(params.setting) or []
        extra = disputed(ctx, params.setting)
    found = _words_found(text, words)
    if not found:
        return []
    return [{"words": "、".join(found), "province": ctx.province_label(), **extra}]


class NameFormParams(Params):
    regex: re.Pattern[str]
    example: str


@check("name_form", NameFormParams, returns=("example", "province"))
def name_form(ctx: Ctx, path: str, value: Any, params: NameFormParams) -> list[Hit]:
    text = _text(value)
    if text and not re.fullmatch(params.regex, text):
        return [{"example": params.example, "province": ctx.province_label()}]
    return []


class PreapprovalKeywordsParams(Params):
    sourced_only: bool = False  # True: only the trigger words a source lists (an error may rest on them)


@check("preapproval_keywords", PreapprovalKeywordsParams, returns=("words", "category", "category_en"))
def preapproval_keywords(ctx: Ctx, path: str, value: Any, params: PreapprovalKeywordsParams) -> list[Hit]:
    """R9: a name that suggests a pre-approval category while the site declares none."""
    text = _text(value)
    service = get(ctx.filing, path.rsplit(".", 1)[0])
    if not text or service is None or getattr(service, "preapproval", None) is not None:
        return []
    for entry in ctx.catalogues["preapproval_types"].entries:
        words = list(entry.get("keywords", []))
        if not params.sourced_only:
            words += entry.get("hint_keywords", [])
        found = _words_found(text, words)
        if found:
            return [{"words": "、".join(found), "category": entry.zh, "category_en": entry.en}]
    return []


_PLACE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
                   "自治旗", "地区", "林区", "新区", "省", "市", "区", "县", "盟", "旗")


# the 55 minority nationalities, for the short form of autonomous areas (怒江傈僳族自治州 → 怒江)
_PEOPLES = sorted([
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴",
    "基诺"
], key=len, reverse=True)


def _short(name: str) -> str:
    for suffix in _PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped and name.endswith("族"):
        stripped = False
        for people in _PEOPLES:
            if name.endswith(people + "族") and len(name) - len(people) - 1 >= 2:
                name, stripped = name[: -len(people) - 1], True
                break
    return name


def _place_names(ctx: Ctx) -> list[str]:
    """Current province, city and district names with their short forms (浙江, 怒江, 西湖),
    longest first; computed once per run."""
    names = ctx.memo.get("place_names")
    if names is None:
        regions = ctx.catalogues.regions
        found: set[str] = set()
        for e in ctx.catalogues["provinces"].entries:
            found.add(e.code)
            gb = e.get("gb2260")
            for city in regions.cities(gb, e.zh):
                found.update((city, _short(city)))
                for district in regions.districts(gb, city):
                    found.update((district, _short(district)))
        names = ctx.memo["place_names"] = sorted((n for n in found if len(n) >= 2), key=len, reverse=True)
    return names


@check("name_place", returns=("place",))
def name_place(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """The name opens with the name of an administrative area (怒江网, 西湖生活): GB/T 2260 names
    and their short forms."""
    text = _text(value)
    place = next((n for n in _place_names(ctx) if text.startswith(n)), None) if text else None
    return [{"place": place}] if place else []
