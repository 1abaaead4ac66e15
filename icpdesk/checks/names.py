"""Website and APP names (icp-rules.md §3.2): length in Chinese characters, no bare Latin or
digits, no symbols, no national prefixes, not the domain, and the word lists."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

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


class NameSymbolsParams(Params):
    allowed: str = ""  # symbols the sources accept in a name, e.g. "（）-" (full-width brackets, hyphen)
    # a site named after its unit may carry the symbols of the unit's registered name
    # (杭州某某（集团）有限公司官网, 一汽-大众官网)
    from_principal_name: bool = False


@check("name_symbols", NameSymbolsParams, returns=("symbols",))
def name_symbols(ctx: Ctx, path: str, value: Any, params: NameSymbolsParams) -> list[Hit]:
    text = _text(value)
    allowed = params.allowed + (ctx.filing.principal.name if params.from_principal_name else "")
    bad = sorted({c for c in text if not _ALLOWED.match(c) and c not in allowed})
    return [{"symbols": " ".join(bad[:10])}] if bad else []


class NameLengthParams(Params):
    min: int | None = Field(None, ge=1)
    max: int | None = Field(None, ge=1)
    count: Literal["chars", "chinese"] = "chars"  # every character, or Chinese characters only


@check("name_length", NameLengthParams, returns=("count", "min", "max"))
def name_length(ctx: Ctx, path: str, value: Any, params: NameLengthParams) -> list[Hit]:
    """A name's length within bounds; `when` gives the nature or content type it is for."""
    text = _text(value)
    if not text:
        return []
    n = len(_CJK.findall(text)) if params.count == "chinese" else len(text)
    if (params.min is not None and n < params.min) or (params.max is not None and n > params.max):
        return [{"count": n, "min": params.min or 0, "max": params.max or ""}]
    return []


_PART = re.compile(r"\{(unit|unit_short|any)\}")


@lru_cache(maxsize=256)
def _template_regex(template: str, unit: str) -> re.Pattern[str]:
    out, at = [], 0
    for m in _PART.finditer(template):
        out.append(re.escape(template[at:m.start()]))
        out.append({"unit": re.escape(unit), "unit_short": "(?P<short>.{2,})", "any": ".+"}[m.group(1)])
        at = m.end()
    out.append(re.escape(template[at:]))
    return re.compile("".join(out))


class NameTemplateParams(Params):
    # "{unit}官网", "{unit_short}官网": {unit} the principal's full name, {unit_short} two or
    # more characters taken in order from it (a short form), {any} any text
    templates: list[str] = Field(min_length=1)
    example: str = Field(min_length=1)


@check("name_template", NameTemplateParams, returns=("example", "province"))
def name_template(ctx: Ctx, path: str, value: Any, params: NameTemplateParams) -> list[Hit]:
    """A name that must follow one of the province's templates (full or short unit name + 官网)."""
    text = _text(value)
    unit = ctx.filing.principal.name.strip()
    if not text or not unit:
        return []
    for template in params.templates:
        m = _template_regex(template, unit).fullmatch(text)
        if m and (m.groupdict().get("short") is None or _in_order(m.group("short"), unit)):
            return []
    return [{"example": params.example, "province": ctx.province_label()}]


def _in_order(short: str, unit: str) -> bool:
    """杭州示例 → 杭州示例科技有限公司, 示例科技 → yes; 科示 → no: every character in order."""
    at = 0
    for c in short:
        at = unit.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


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


@check("name_place", returns=("place",))
def name_place(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """The name opens with the name of an administrative area (怒江网, 西湖生活): GB/T 2260 names
    and their short forms."""
    text = _text(value)
    place = next((n for n in ctx.catalogues.place_names if text.startswith(n)), None) if text else None
    return [{"place": place}] if place else []
