"""Checks across the filings of a workspace (rules/national/workspace.yaml): what bounces an
order at the bureau although nothing inside it is wrong — a number, an ID, a domain or an APP
name that another filing of the same agency already uses differently.

Each check here is two small functions: `key` reduces a field to what makes two filings meet
(a phone's digits, an ID number, a domain) and `clash` says whether two such facts conflict.
icpdesk/workspace_cross.py indexes the facts of every filing and asks these. The engine never
calls them on one filing alone (`needs="workspace"`): without the other filings they find
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..fieldpaths import get
from ..model import Filing
from .base import Params, check

WORKSPACE = "workspace"  # the input the engine does not have: the other filings


@dataclass(frozen=True, slots=True)
class Fact:
    """One field of one filing as the cross-checks see it."""

    id: str  # the filing's id in the workspace
    rule: str  # the rule in force for this filing that indexed it
    check: str
    key: str  # what two filings must share to meet
    path: str
    value: str  # as the user wrote it (for messages)
    principal: str  # who files: the principal's certificate number (or name); "" unknown
    data: str = ""  # what is compared once they meet (a name, a contact), normalised
    shown: str = ""  # and as the user wrote it


_NON_DIGITS = re.compile(r"\D")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SPACES = re.compile(r"[\s\u3000]+")


def phone_digits(value: str) -> str:
    """The number without spaces, dashes and the country code (+86 / 0086)."""
    d = _NON_DIGITS.sub("", value or "")
    if d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and (value.lstrip().startswith("+") or len(d) == 13):
        d = d[2:]
    else:
        return d
    return d if _MOBILE.fullmatch(d) or d.startswith("0") else "0" + d  # +86 571…: the trunk 0 back


def phone_kind(digits: str) -> str:
    """mobile, landline (with its area code: a bare 8-digit number is not comparable across
    cities) or "" (neither)."""
    if _MOBILE.fullmatch(digits):
        return "mobile"
    if digits.startswith("0") and 10 <= len(digits) <= 16:
        return "landline"
    return ""


def cert_key(value: str) -> str:
    return _SPACES.sub("", value or "").upper()


def name_key(value: str) -> str:
    return _SPACES.sub("", value or "").casefold()


def principal_key(filing: Filing) -> str:
    p = filing.principal
    cert = cert_key(p.cert_number)
    if cert:
        return cert
    name = name_key(p.name)
    return f"name:{name}" if name else ""


def _parent(path: str) -> str:
    return path.rsplit(".", 1)[0]


# --- the checks: parameters, key and clash ------------------------------------------------------
class PhoneParams(Params):
    numbers: Literal["mobile", "landline"]


class DomainParams(Params):
    principal: Literal["same", "other"]


Key = Callable[[Filing, str, Any, Any], tuple[str, str, str] | None]  # (key, data, shown) or not indexed


def _phone_key(filing: Filing, path: str, value: Any, params: PhoneParams) -> tuple[str, str, str] | None:
    digits = phone_digits(str(value or ""))
    return (digits, "", "") if digits and phone_kind(digits) == params.numbers else None


def _cert_name_key(filing: Filing, path: str, value: Any, params: Any) -> tuple[str, str, str] | None:
    """A certificate number and the name it is given with (the principal's, or the leader's)."""
    cert = cert_key(str(value or ""))
    name = str(get(filing, _parent(path) + ".name") or "")
    return (cert, name_key(name), name.strip()) if cert and name_key(name) else None


def _contact_key(filing: Filing, path: str, value: Any, params: Any) -> tuple[str, str, str] | None:
    """One person (by certificate number) and one of their contacts: phone1 (within one
    principal) or email (anywhere)."""
    cert = cert_key(str(get(filing, _parent(path) + ".cert_number") or ""))
    text = str(value or "").strip()
    if not cert or not text:
        return None
    field = path.rsplit(".", 1)[1]
    if field == "email":
        return (f"{cert}|email", text.casefold(), text)
    # a mobile is compared within one principal only: under another principal the leader must
    # give another number (workspace.phone.mobile_other_principal)
    data = phone_digits(text)
    return (f"{cert}|{field}|{principal_key(filing)}", data, text) if data else None


def _domain_key(filing: Filing, path: str, value: Any, params: DomainParams) -> tuple[str, str, str] | None:
    """Each rule its own groups: the same-principal rule indexes only the orders its `when` takes."""
    domain = str(value or "").strip().rstrip(".").casefold().removeprefix("www.")
    return (f"{params.principal}|{domain}", "", "") if domain else None


def _app_name_key(filing: Filing, path: str, value: Any, params: Any) -> tuple[str, str, str] | None:
    name = name_key(str(value or ""))
    who = principal_key(filing)
    return (f"{who}|{name}", "", "") if name and who else None


@dataclass(frozen=True)
class Cross:
    """`key` makes two facts meet; they clash when what `on` names (the principal, or the
    data: a name, a contact) is the same (`same(params)` true) or differs (false)."""

    key: Key
    on: Literal["principal", "data"]
    same: Callable[[Any], bool]


CROSS: dict[str, Cross] = {
    "phone_other_principal": Cross(_phone_key, "principal", lambda p: False),
    "cert_number_other_name": Cross(_cert_name_key, "data", lambda p: False),
    "person_contact_differs": Cross(_contact_key, "data", lambda p: False),
    "domain_in_other_filing": Cross(_domain_key, "principal", lambda p: p.principal == "same"),
    "app_name_same_principal": Cross(_app_name_key, "principal", lambda p: True),
}

# What every cross-check's hit fills: the other filing by its id, principal and order type,
# its value where the two differ, how many more filings clash, and (domains of one principal)
# the type of order to use instead.
_RETURNS = ("value", "name", "other_id", "other_principal", "other_type", "other_value", "more", "should")


def _not_alone(ctx: Any, path: str, value: Any, params: Any) -> None:
    """Never called by the engine (needs the workspace); see icpdesk/workspace_cross.py."""
    return None


phone_other_principal = check("phone_other_principal", PhoneParams, returns=_RETURNS, needs=WORKSPACE)(_not_alone)
cert_number_other_name = check("cert_number_other_name", returns=_RETURNS, needs=WORKSPACE)(_not_alone)
person_contact_differs = check("person_contact_differs", returns=_RETURNS, needs=WORKSPACE)(_not_alone)
domain_in_other_filing = check("domain_in_other_filing", DomainParams, returns=_RETURNS, needs=WORKSPACE)(_not_alone)
app_name_same_principal = check("app_name_same_principal", returns=_RETURNS, needs=WORKSPACE)(_not_alone)
