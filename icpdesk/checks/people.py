"""Who is who: individuals are their own leader, units' leaders and the legal representative,
authorisation letters, certificate expiry, investor and domain holder."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field

from ..fieldpaths import get
from ..model import Person
from .base import Ctx, Hit, NoParams, Params, check, disputed
from .contacts import identity

_DATE = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?")
PERMANENT = ("长期", "永久", "long-term", "permanent")


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


@check("individual_same_person", returns=("what", "what_en"))
def individual_same_person(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """An individual's filing has one person: principal, its leader and every site leader."""
    p = ctx.filing.principal
    lead = p.leader
    hits = []
    if p.name.strip() and lead.name.strip() and not _same(p.name, lead.name):
        hits.append({"path": "principal.leader.name", "what": "姓名", "what_en": "name"})
    if p.cert_type and lead.cert_type and p.cert_type != lead.cert_type:
        hits.append({"path": "principal.leader.cert_type", "what": "证件类型", "what_en": "certificate type"})
    if p.cert_number.strip() and lead.cert_number.strip() and \
            re.sub(r"\s", "", p.cert_number).upper() != re.sub(r"\s", "", lead.cert_number).upper():
        hits.append({"path": "principal.leader.cert_number", "what": "证件号码", "what_en": "certificate number"})
    for at, person in ctx.filing.leaders()[1:]:
        if identity(person) and identity(lead) and identity(person) != identity(lead):
            hits.append({"path": at, "what": "网站/APP负责人", "what_en": "site/APP leader"})
    return hits


def leader_is_legal_rep(ctx: Ctx, person: Person | None = None) -> bool | None:
    """None when the filing does not say who the legal representative is."""
    rep = (ctx.filing.principal.legal_representative or "").strip()
    if not rep:
        return None
    return _same((person or ctx.filing.principal.leader).name, rep)


@check("leader_legal_rep", returns=("province", "rep"))
def leader_legal_rep(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """The province wants the legal representative as principal leader (where another
    leader is allowed, the authorisation letter is on the materials checklist)."""
    setting = ctx.province.setting("leader_legal_rep")
    disputes_must = setting is not None and any(d.value == "must" for d in setting.disputed)
    if (ctx.province.values.leader_legal_rep != "must" and not disputes_must) or leader_is_legal_rep(ctx) is not False:
        return []  # (山西: free, but one source says must: a warning naming both)
    if foreign_rep_authorises(ctx):
        return []  # 河北/山东: a foreign legal representative authorises a mainland leader instead
    return [{"province": ctx.province_label(), "rep": ctx.filing.principal.legal_representative,
             **disputed(ctx, "leader_legal_rep")}]


def _setting_or_disputed(ctx: Ctx, key: str) -> bool:
    """The setting holds here, or another source says it does (then the finding is a warning)."""
    s = ctx.province.setting(key)
    return bool(ctx.province.value(key)) or (s is not None and any(d.value is True for d in s.disputed))


def foreign_rep_authorises(ctx: Ctx) -> bool:
    """The legal representative holds no mainland resident ID where the province then wants a
    mainland leader with an authorisation letter (河北, 山东; 山西 by one source)."""
    rep_cert = ctx.filing.principal.legal_representative_cert_type
    return bool(rep_cert) and rep_cert != "resident_id" and _setting_or_disputed(ctx, "foreign_rep_mainland_leader")


@check("leader_mainland", returns=("province", "cert_type"))
def leader_mainland(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """河北/山东 (山西 disputed): a unit's principal leader holds a mainland resident ID; a
    foreign or HK/Macau/Taiwan legal representative authorises such a person."""
    if not isinstance(value, str) or not value or value == "resident_id":
        return []
    if not _setting_or_disputed(ctx, "foreign_rep_mainland_leader"):
        return []
    return [{"province": ctx.province_label(), "cert_type": ctx.catalogues["cert_types"].term(value),
             **disputed(ctx, "foreign_rep_mainland_leader")}]


@check("site_leader_same_as_principal", returns=("province",))
def site_leader_same_as_principal(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """江苏/海南/黑龙江: when the principal leader is not the legal representative, every
    site leader is the principal leader."""
    if value is None or not ctx.province.values.site_leader_same_if_not_rep or leader_is_legal_rep(ctx) is not False:
        return []
    lead = value.leader
    if lead is not None and identity(lead) and identity(lead) != identity(ctx.filing.principal.leader):
        return [{"path": f"{path}.leader", "province": ctx.province_label(),
                 **disputed(ctx, "site_leader_same_if_not_rep")}]
    return []


def parse_day(text: str) -> dt.date | str | None:
    """A date as people write it; 'permanent' for 长期; None when it is no date at all."""
    t = text.strip()
    if t.lower() in PERMANENT:
        return "permanent"
    m = _DATE.fullmatch(t)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class CertExpiryParams(Params):
    aspect: Literal["format", "expired", "soon"]
    months: int = Field(3, ge=1)


@check("cert_expiry", CertExpiryParams, returns=("value", "date", "months"))
def cert_expiry(ctx: Ctx, path: str, value: Any, params: CertExpiryParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    day = parse_day(value[:40])
    aspect = params.aspect
    if day is None:
        return [{"value": value.strip()[:24]}] if aspect == "format" else []
    if day == "permanent" or not isinstance(day, dt.date):
        return []
    if aspect == "expired" and day < ctx.today:
        return [{"date": day.isoformat()}]
    months = params.months
    if aspect == "soon" and ctx.today <= day < ctx.today + dt.timedelta(days=30 * months):
        return [{"date": day.isoformat(), "months": months}]
    return []



@check("investor", returns=("expected", "why"))
def investor(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """投资人: an individual's own name; units as the province says (§2.1)."""
    p = ctx.filing.principal
    inv = (value or "").strip()
    if not inv:
        return []
    if not ctx.is_unit:
        return [] if _same(inv, p.name) else [{"expected": p.name, "why": "个人备案的投资人即本人"}]
    want = ctx.province.values.unit_investor
    if want == "legal_representative" and p.nature == "enterprise" and p.legal_representative \
            and not _same(inv, p.legal_representative):
        return [{"expected": p.legal_representative, "why": f"{ctx.province_label()}要求企业投资人填写法定代表人",
                 **disputed(ctx, "unit_investor")}]
    if want == "unit_name" and p.name and not _same(inv, p.name):
        return [{"expected": p.name, "why": f"{ctx.province_label()}要求投资人填写单位全称",
                 **disputed(ctx, "unit_investor")}]
    return []


class InvestorSuperiorParams(Params):
    allow_unit_name: bool = False  # 云南: 单位全称或上一级主管单位全称


@check("investor_superior", InvestorSuperiorParams, returns=("value", "province"))
def investor_superior(ctx: Ctx, path: str, value: Any, params: InvestorSuperiorParams) -> list[Hit]:
    """Public bodies name their superior body as 投资人或主管单位 (which icpdesk cannot know): not a
    person of the filing, nor (unless allowed) the unit itself. `when` names the natures."""
    inv = (value or "").strip() if isinstance(value, str) else ""
    p = ctx.filing.principal
    if not inv:
        return []
    people = [p.leader.name, p.legal_representative or ""]
    people += [s.leader.name for _, s in ctx.filing.services() if s.leader]
    own = [] if params.allow_unit_name else [p.name]
    if any(n.strip() and _same(inv, n) for n in people + own):
        return [{"value": inv[:40], "province": ctx.province_label()}]
    return []


@check("domain_holder", returns=("holder", "principal", "province"))
def domain_holder(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """R2: the holder on the domain certificate is the principal (name, type, number)."""
    holder = (value or "").strip()
    p = ctx.filing.principal
    if not holder or not p.name.strip() or _same(holder, p.name):
        return []
    service = get(ctx.filing, path.rsplit(".", 1)[0])
    if service is None:
        return []
    if ctx.is_unit and p.legal_representative and _same(holder, p.legal_representative):
        # most bureaus take the unit's name or its legal representative's [TX-PROV]; where only
        # the unit's name is taken, 重庆 accepts the legal representative with a letter attached
        # for that site (materials: authorization_letter for websites[i])
        if not ctx.province.values.domain_holder_unit_only:
            return []
        owner = path.rsplit(".", 1)[0]
        if ctx.province.values.domain_holder_rep_letter and any(
                m.kind == "authorization_letter" and m.for_ == owner for m in ctx.filing.materials):
            return []
        return [{"holder": holder, "principal": p.name, "province": ctx.province_label(),
                 **disputed(ctx, "domain_holder_unit_only"), "severity": "warning"}]
    return [{"holder": holder, "principal": p.name, "province": ctx.province_label()}]
