"""The SMS plan (短信核验): who gets an MIIT code for this filing, from which sender, how long
it is valid and what the person must type. One code per distinct mobile number: the system
tells people apart by number [001][002]."""

from __future__ import annotations

from dataclasses import dataclass, field

import phonenumbers

from .checks import Ctx
from .checks.contacts import normalise, parse_cn, virtual_prefix
from .model import Person

CARRIERS = {"China Mobile": "china_mobile", "China Unicom": "china_unicom", "China Telecom": "china_telecom"}
CARRIER_LABELS = {"china_mobile": ("中国移动", "China Mobile"), "china_unicom": ("中国联通", "China Unicom"),
                  "china_telecom": ("中国电信", "China Telecom"), "virtual": ("虚拟运营商", "virtual operator"),
                  "unknown": ("未知", "unknown")}


@dataclass
class SmsEntry:
    phone: str
    roles: list[str] = field(default_factory=list)  # paths: principal.leader, websites[0].leader
    role_labels: list[str] = field(default_factory=list)
    role_labels_en: list[str] = field(default_factory=list)
    name: str = ""
    cert_type: str = ""
    carrier: str = "unknown"
    pilot_sender: str | None = None
    cert_tail: str = ""
    cert_tail_en: str = ""
    problems: list[str] = field(default_factory=list)
    problems_en: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def carrier_of(number: str, virtual_prefixes: list[str]) -> str:
    if virtual_prefix(number, virtual_prefixes):
        return "virtual"
    num = parse_cn(number)
    if num is None or phonenumbers.number_type(num) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                             phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "unknown"
    from phonenumbers import carrier  # its data takes ~60 ms to load: only when a plan is made

    return CARRIERS.get(carrier.name_for_number(num, "en"), "unknown")


def _who(ctx: Ctx, roles: list[str]) -> list[tuple[str, Person]]:
    """(role path, person) for every role the filing type verifies."""
    f = ctx.filing
    out = []
    if "principal" in roles:
        out.append(("principal.leader", f.principal.leader))
    if "service" in roles:
        out += [(f"{at}.leader", svc.leader or f.principal.leader) for at, svc in f.services()]
    return out


def _tail_rule(ctx: Ctx, person: Person) -> tuple[str, str]:
    for exc in ctx.plan.sms.cert_tail_exceptions:
        if exc.province == ctx.province.code and exc.cert_type == person.cert_type:
            return exc.text, exc.text_en
    label = ctx.catalogues["cert_types"].get(person.cert_type)
    doc, doc_en = (label.zh, label.en) if label else ("证件", "certificate")
    return f"{doc}号码后6位", f"the last 6 characters of the {doc_en} number"


def sms_entries(ctx: Ctx) -> list[SmsEntry]:
    sms = ctx.plan.sms
    verified = sms.verified.get(ctx.filing.filing_type)
    if verified is None:
        return []
    entries: dict[str, SmsEntry] = {}
    for role, person in _who(ctx, verified.roles):
        key = normalise(person.phone1) or f"(missing:{role})"
        e = entries.get(key)
        if e is None:
            carrier_code = carrier_of(person.phone1, sms.virtual_prefixes.value) if person.phone1 else "unknown"
            tail, tail_en = _tail_rule(ctx, person)
            e = entries[key] = SmsEntry(
                phone=key if not key.startswith("(") else "", name=person.name, cert_type=person.cert_type,
                carrier=carrier_code, pilot_sender=sms.senders.pilot_era["by_carrier"].get(carrier_code),
                cert_tail=tail, cert_tail_en=tail_en)
            if not person.phone1:
                e.problems.append("缺少联系方式1，无法接收验证码")
                e.problems_en.append("no contact-1 mobile to receive the code")
            elif carrier_code == "virtual":
                e.problems.append("虚拟运营商号段可能收不到验证码")
                e.problems_en.append("virtual-operator numbers may get no code")
        e.roles.append(role)
        owner = role.rsplit(".", 1)[0]
        e.role_labels.append(("主体" if owner == "principal" else ctx.catalogues.owner_label(owner)) + "负责人")
        e.role_labels_en.append(("principal" if owner == "principal"
                                 else ctx.catalogues.owner_label(owner, "en")) + " leader")
    return list(entries.values())


def sms_rules(ctx: Ctx) -> dict:
    """The rules around the codes, current first, with what older sources said."""
    sms = ctx.plan.sms
    verified = sms.verified.get(ctx.filing.filing_type)
    return {
        "required": bool(verified and verified.roles),
        "since": sms.national_since, "where": sms.where,
        "senders": sms.senders.current, "code_digits": sms.code["digits"], "arrives": sms.code["arrives"],
        "valid_hours": sms.validity_hours.value, "valid_hours_history": sms.validity_hours.history,
        "resends": sms.resends.value, "resends_disputed": sms.resends.disputed,
        "auto_resend": sms.auto_resend.text, "auto_resend_en": sms.auto_resend.text_en,
        "wrong_inputs": sms.wrong_inputs.value,
        "wrong_inputs_text": sms.wrong_inputs.text, "wrong_inputs_text_en": sms.wrong_inputs.text_en,
        "on_expiry": sms.on_expiry.text, "on_expiry_en": sms.on_expiry.text_en,
        "inputs": sms.inputs.text, "inputs_en": sms.inputs.text_en,
        "same_person": sms.same_person.text, "same_person_en": sms.same_person.text_en,
        "verified_roles": verified.roles if verified else [],
        "verified_source": verified.source if verified else "",
        "disputed": verified.disputed if verified else [], "history": verified.history if verified else [],
        "sources": sorted({sms.national_source, sms.validity_hours.source, sms.resends.source,
                           sms.wrong_inputs.source}),
    }
