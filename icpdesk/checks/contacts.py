"""Phones and emails: mainland mobiles for the SMS check, landlines with area codes, mail
addresses, and the cross-person rules (one number, one person; emergency ≠ leader mobile)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumberType as T

from ..model import Person
from .base import Ctx, Hit, NoParams, Params, Place, SettingKey, Term, check, disputed
from .common import blank

_MOBILE = {T.MOBILE, T.FIXED_LINE_OR_MOBILE}
_FIXED = {T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE, T.VOIP, T.UAN}
_EXT = re.compile(r"\s*(?:转|ext\.?|x|-)\s*(\d{1,6})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def parse_cn(raw: str) -> phonenumbers.PhoneNumber | None:
    """A phone number as typed in China (spaces, dashes, +86); None if it is not one."""
    text = raw.strip()[:40]
    if not text or not re.fullmatch(r"[\d\s\-+()（）转extEXT.]+", text):
        return None
    try:
        num = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num) or phonenumbers.region_code_for_number(num) != "CN":
        return None
    return num


def normalise(raw: Any) -> str:
    """Comparable form: the national number of a valid number, else the bare digits."""
    if not isinstance(raw, str):
        return ""
    num = parse_cn(raw)
    if num is not None:
        return str(num.national_number)
    digits = re.sub(r"\D", "", raw)
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


def is_mobile(raw: str) -> bool:
    """A mainland mobile, without an extension (the SMS goes to the number itself)."""
    num = parse_cn(raw)
    return num is not None and not num.extension and phonenumbers.number_type(num) in _MOBILE


@check("mobile", returns=("value",))
def mobile(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    return [] if is_mobile(value) else [{"value": value.strip()[:24]}]


def virtual_prefix(number: str, prefixes: list[str]) -> str | None:
    """The virtual-operator range a mobile number belongs to, if any."""
    n = normalise(number)
    return next((p for p in prefixes if n.startswith(p)), None)


@check("virtual_range", returns=("prefix",))
def virtual_range(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """Ranges from the SMS table (rules/plan/sms.yaml), so the plan and the check agree."""
    if not isinstance(value, str) or not is_mobile(value):
        return []
    hit = virtual_prefix(value, ctx.plan.sms.virtual_prefixes.value)
    return [{"prefix": hit}] if hit else []


_KINDS = {"landline": _FIXED, "mobile": {T.MOBILE, T.FIXED_LINE_OR_MOBILE}, "shared_cost": {T.SHARED_COST},
          "toll_free": {T.TOLL_FREE}}


class LandlineParams(Params):
    # the kinds of number the province takes here (setting office_phone_kinds: landline, mobile,
    # shared_cost = 400…, toll_free = 800…); none: a landline only. A province that requires a
    # landline (unit_landline_required, 江苏) takes a landline only.
    setting: SettingKey | None = None


@check("landline", LandlineParams, returns=("value",))
def landline(ctx: Ctx, path: str, value: Any, params: LandlineParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    kinds = ["landline"]
    extra: Hit = {}
    if params.setting and not ctx.province.values.unit_landline_required:
        kinds = ctx.province.value(params.setting) or kinds
        extra = disputed(ctx, params.setting)
    text = _EXT.sub("", value) if len(re.sub(r"\D", "", value)) > 12 else value
    num = parse_cn(text)
    if num is None or not any(phonenumbers.number_type(num) in _KINDS[k] for k in kinds):
        return [{"value": value.strip()[:24], **extra}]
    return []


@check("phone", returns=("value",))
def phone(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    return [] if parse_cn(value) else [{"value": value.strip()[:24]}]


@lru_cache(maxsize=1024)
def _email_ok(text: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email  # pulls in dnspython: on first use

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as e:
        return str(e)
    return None


@check("email", returns=("value", "why"))
def email(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    problem = _email_ok(value.strip()[:320])
    return [{"value": value.strip()[:64], "why": problem}] if problem else []


def identity(p: Person) -> str:
    """Who a person is, for telling two entries apart: certificate number, else name."""
    number = re.sub(r"\s", "", p.cert_number or "").upper()
    return number or (p.name or "").strip()


def _people(ctx: Ctx) -> list[tuple[str, Person]]:
    key = "people"
    if key not in ctx.memo:
        ctx.memo[key] = ctx.filing.leaders()
    return ctx.memo[key]


def _clashes(entries) -> list[tuple[str, str]]:
    """(path, first path) for every value claimed by a second, different owner.

    `entries` yields (value, owner, path); empty values or owners are skipped."""
    first: dict[str, tuple[str, str]] = {}
    out = []
    for value, who, at in entries:
        if not value or not who:
            continue
        prior = first.setdefault(value, (who, at))
        if prior[0] != who:
            out.append((at, prior[1]))
    return out


@check("phone_one_person", returns=("other",))
def phone_one_person(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """The SMS check and the bureaus tell people apart by mobile number [001][002]."""
    entries = ((normalise(getattr(p, field)), identity(p), f"{at}.{field}")
               for at, p in _people(ctx) for field in ("phone1", "phone2", "emergency_phone"))
    return [{"path": at, "other": Place(other)} for at, other in _clashes(entries)]


@check("emergency_not_leader_mobile", returns=("other",))
def emergency_not_leader_mobile(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    mobiles = {normalise(p.phone1): at for at, p in _people(ctx) if normalise(p.phone1)}
    hits = []
    for at, person in _people(ctx):
        n = normalise(person.emergency_phone)
        if n and n in mobiles:
            hits.append({"path": f"{at}.emergency_phone", "other": Place(f"{mobiles[n]}.phone1")})
    return hits


@check("emails_differ", returns=("other",))
def emails_differ(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    entries = (((p.email or "").strip().casefold(), identity(p), f"{at}.email") for at, p in _people(ctx))
    return [{"path": at, "other": Place(other)} for at, other in _clashes(entries)]


class UnitPhone2Params(Params):
    setting: SettingKey


@check("unit_phone2", UnitPhone2Params, returns=("province",))
def unit_phone2(ctx: Ctx, path: str, value: Any, params: UnitPhone2Params) -> list[Hit]:
    """联系方式2 required for units in some provinces, and not the leader's own mobile."""
    if not ctx.province.value(params.setting) or not isinstance(value, Person):
        return []
    extra = {"province": ctx.province_label(), **disputed(ctx, params.setting)}
    if blank(value.phone2):
        return [{"path": f"{path}.phone2", **extra}]
    if normalise(value.phone2) == normalise(value.phone1):
        return [{"path": f"{path}.phone2", **extra}]
    return []


class SettingRequiresFieldParams(Params):
    setting: SettingKey
    field: str


@check("setting_requires_field", SettingRequiresFieldParams, returns=("province",))
def setting_requires_field(ctx: Ctx, path: str, value: Any, params: SettingRequiresFieldParams) -> list[Hit]:
    """A field the province makes mandatory (e.g. 江苏 enterprises: a landline)."""
    if not ctx.province.value(params.setting):
        return []
    if blank(getattr(value, params.field, None)):
        return [{"path": f"{path}.{params.field}", "province": ctx.province_label(),
                 **disputed(ctx, params.setting)}]
    return []


@check("cert_one_person", returns=("other",))
def cert_one_person(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """R18: one certificate number, one person: the same number under two names is a typo."""
    entries = ((re.sub(r"\s", "", p.cert_number or "").upper(), (p.name or "").strip(), f"{at}.cert_number")
               for at, p in _people(ctx))
    return [{"path": at, "other": Place(other)} for at, other in _clashes(entries)]


class PhoneLocalParams(Params):
    setting: SettingKey


@check("phone_local", PhoneLocalParams, returns=("value", "place", "province"))
def phone_local(ctx: Ctx, path: str, value: Any, params: PhoneLocalParams) -> list[Hit]:
    """The province wants local numbers: where phonenumbers' offline geocoder data places the
    number (mobiles by their number block, landlines by area code) in another province."""
    if not ctx.province.value(params.setting) or not isinstance(value, str) or not value.strip():
        return []
    num = parse_cn(value)
    entry = ctx.catalogues.province(ctx.province.code) if ctx.province.code else None
    if num is None or entry is None:
        return []
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    place = _place(e164)
    if not place or place == "中国":  # unknown, or a nationwide range: no verdict
        return []
    # the data writes 广西南宁市 for mobiles and 广西壮族自治区南宁市 for landlines
    if place.startswith((entry.zh, entry.code)):
        return []
    return [{"value": value.strip()[:24], "place": Term(place, _place(e164, "en") or place),
             "province": ctx.province_label(), **disputed(ctx, params.setting)}]


@lru_cache(maxsize=1024)
def _place(e164: str, lang: str = "zh") -> str:
    from phonenumbers import geocoder  # its data loads on first use

    return geocoder.description_for_number(phonenumbers.parse(e164), lang) or ""
