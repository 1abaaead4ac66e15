"""The materials checklist: which documents this order needs, for whom, why, and the image
rules each must meet (rules/plan/materials.yaml with the named conditions below). The
validator reports what is missing from it; `icpdesk plan` prints it (icpdesk/checklist.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..catalogues import Catalogues
from ..rulebook import ImageLimits, MaterialIf, MaterialItem, applies, limits_key, provider_hint, service_applies
from .cert_numbers import analyse
from .common import sole_proprietor_code
from .contacts import identity
from .context import Ctx
from .people import leader_is_legal_rep


@dataclass(frozen=True)
class Needed:
    kind: str
    owner: str  # principal | websites[i] | apps[i]: what `materials[].for` says
    required: bool
    why: str
    why_en: str
    source: str
    image: ImageLimits
    present: bool

    def to_dict(self, catalogues: Catalogues) -> dict[str, Any]:
        img = self.image
        return {
            "kind": self.kind, "kind_label": catalogues["material_kinds"].label(self.kind),
            "kind_label_en": catalogues["material_kinds"].label(self.kind, "en"),
            "for": self.owner, "for_label": catalogues.owner_label(self.owner),
            "for_label_en": catalogues.owner_label(self.owner, "en"),
            "required": self.required, "present": self.present,
            "why": self.why, "why_en": self.why_en, "source": self.source,
            "image": {k: v for k, v in img.model_dump().items() if v not in (None, "", [])
                      and k != "history"},
        }


Condition = Callable[["_Case", str], bool | None]  # None: does not apply; bool: required


class _Case:
    """One checklist run: the filing, the province and the validator's context."""

    def __init__(self, ctx: Ctx) -> None:
        self.filing = ctx.filing
        self.ctx = ctx
        self.prov = ctx.province

    def service(self, owner: str) -> Any:
        kind, idx = owner[:-1].split("[")
        return getattr(self.filing, kind)[int(idx)]

    # Asked once per owner: computed once per run, so the checklist stays linear in the sites.
    @cached_property
    def all_persons_resident(self) -> bool:
        p = self.filing.principal
        people = [p.leader] + [s.leader for _, s in self.filing.services() if s.leader]
        return all(x.cert_type == "resident_id" for x in people)

    @cached_property
    def total_domains(self) -> int:
        return sum(len(w.domains) for w in self.filing.websites)


def _domain_cert_by_province(c: _Case, owner: str) -> bool | None:
    need = c.prov.values.domain_cert_min_domains
    return True if need and c.total_domains >= need else None


def _domain_cert_by_provider(c: _Case, owner: str) -> bool | None:
    return None if _domain_cert_by_province(c, owner) else True


def _principal_leader_needs_letter(c: _Case, owner: str) -> bool | None:
    rule = c.prov.values.leader_legal_rep
    if leader_is_legal_rep(c.ctx) is not False or rule == "must":
        return None  # the legal representative leads, or only he may (a rule error then)
    return rule == "auth"  # elsewhere providers still ask for it (Kingsoft): not required


def _site_leader_needs_letter(c: _Case, owner: str) -> bool | None:
    if not c.prov.values.site_leader_auth_letter:
        return None
    return True if leader_is_legal_rep(c.ctx, c.service(owner).leader) is False else None


def _has_preapproval(c: _Case, owner: str) -> bool | None:
    pre = c.service(owner).preapproval
    return True if pre is not None and pre.type.strip() else None


def _curtain_photo_needed(c: _Case, owner: str) -> bool | None:
    """Kingsoft: the face check replaces the curtain photo for a person with a resident ID, or
    a licensed unit whose leaders all hold resident IDs. Tencent: some provinces verify
    electronically in its mini program. With no provider named, either spares the photo."""
    p = c.filing.principal
    face_check = (p.nature == "individual" and p.cert_type == "resident_id") or (
        p.cert_type == "business_license" and c.all_persons_resident)
    electronic = c.prov.values.electronic_verification
    spared = {"kingsoft": face_check, "tencent": electronic}.get(c.filing.provider or "", face_check or electronic)
    return None if spared else True


def _nonlocal(c: _Case) -> bool:
    """An individual's resident ID issued in another province than the filing's."""
    p = c.filing.principal
    entry = c.ctx.catalogues.province(c.prov.code) if c.prov.code else None
    if entry is None or p.nature != "individual" or p.cert_type != "resident_id":
        return False
    a = analyse(c.ctx, p.cert_number) if p.cert_number.strip() else None
    if a is None or a["problem"]:
        return False
    return bool(a["number"][:2] != entry.get("gb2260")[:2])


def _nonlocal_id(c: _Case, owner: str) -> bool | None:
    return True if c.prov.values.nonlocal_residence_proof and _nonlocal(c) else None


def _site_plan(c: _Case, owner: str) -> bool | None:
    """上海 ≥ 30 sites or ≥ 30 domains on a site; 广东 personal > 5 domains or > 10 sites, units
    > 30; 重庆 > 5 sites: the order is over one of the province's sizes."""
    f = c.filing
    distinct = {d.strip().lower() for w in f.websites for d in w.domains if d.strip()}
    most = max((len(w.domains) for w in f.websites), default=0)
    for lim in c.prov.values.site_plan:
        if lim.unit is not None and lim.unit != c.ctx.is_unit:
            continue
        if ((lim.sites is not None and len(f.websites) > lim.sites)
                or (lim.domains is not None and len(distinct) > lim.domains)
                or (lim.domains_per_site is not None and most > lim.domains_per_site)):
            return True
    return None


def _site_plan_guarantee(c: _Case, owner: str) -> bool | None:
    return _site_plan(c, owner) if c.prov.values.site_plan_guarantee else None


def _travel_agency(c: _Case, owner: str) -> bool | None:
    names = [c.filing.principal.name, *(w.name for w in c.filing.websites)]
    return True if c.prov.values.travel_agency_license and any("旅行社" in n for n in names) else None


def _foreigner_residence(c: _Case, owner: str) -> bool | None:
    p = c.filing.principal
    foreign = p.cert_type in ("passport", "foreign_permanent_id")
    return True if c.prov.values.foreigner_residence_permit and foreign else None


_COMPANY_TAILS = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "集团", "中心")


def _unit_core(name: str, catalogues: Catalogues) -> str:
    """杭州示例科技有限公司 → 示例科技: the name without the place it opens with and its legal form."""
    core = name.strip()
    for tail in _COMPANY_TAILS:
        if core.endswith(tail) and len(core) > len(tail):
            core = core[: -len(tail)]
            break
    for e in catalogues["provinces"].entries:
        for lead in (e.zh + "省", e.zh + "市", e.zh):
            if core.startswith(lead) and len(core) > len(lead) + 1:
                core = core[len(lead):]
    return core


def _not_named_after_unit(c: _Case, owner: str) -> bool | None:
    """四川: a unit's site named neither after the unit nor by any part of its name needs a
    承诺书 and a 建站说明书 (two characters in common count as a short form)."""
    if not c.prov.values.non_unit_name_docs:
        return None
    site = c.service(owner).name.strip()
    core = _unit_core(c.filing.principal.name, c.ctx.catalogues)
    if not site or not core:
        return None
    pairs = {core[i:i + 2] for i in range(len(core) - 1)} or {core}
    return None if any(p in site for p in pairs) else True


def _finance(c: _Case, owner: str) -> bool | None:
    if not c.prov.values.finance_docs:
        return None
    service = c.service(owner)
    pre = service.preapproval
    entry = c.ctx.catalogues["preapproval_types"].get("finance")
    words = entry.get("keywords", []) if entry else []
    return True if (pre is not None and pre.type == "finance") or any(w in service.name for w in words) else None


def _preapproval_words(c: _Case, owner: str) -> bool | None:
    """A name with a pre-approval category's words and no approval: some provinces' templates
    want a 不涉及前置审批 undertaking (not required: which provinces is not published)."""
    service = c.service(owner)
    if service.preapproval is not None and service.preapproval.type.strip():
        return None
    for e in c.ctx.catalogues["preapproval_types"].entries:
        if any(w in service.name for w in [*e.get("keywords", []), *e.get("hint_keywords", [])]):
            return False
    return None


def _setting(name: str) -> Condition:
    return lambda c, owner: True if c.prov.value(name) else None


CONDITIONS: dict[str, Condition] = {
    "domain_cert_by_province": _domain_cert_by_province,
    "domain_cert_by_provider": _domain_cert_by_provider,
    "principal_leader_needs_letter": _principal_leader_needs_letter,
    "site_leader_needs_letter": _site_leader_needs_letter,
    "has_preapproval": _has_preapproval,
    "curtain_photo_needed": _curtain_photo_needed,
    "nonlocal_id": _nonlocal_id,
    "undertaking_letter": _setting("undertaking_letter"),
    "party_building_form": _setting("party_building_form"),
    "site_plan": _site_plan,
    "site_plan_guarantee": _site_plan_guarantee,
    "travel_agency": _travel_agency,
    "foreigner_residence": _foreigner_residence,
    "not_named_after_unit": _not_named_after_unit,
    "finance_docs": _finance,
    "name_review_form": _setting("name_review_form"),
    "opening_form": _setting("opening_form"),
    "establishment_approval": _setting("establishment_approval"),
    "change_all_images": _setting("change_all_images"),
    "preapproval_words": _preapproval_words,
}


def _words(words: list[str] | None, texts: list[str]) -> bool:
    return words is None or any(w in t for w in words for t in texts)


def _data_if(c: _Case, cond: MaterialIf, owner: str) -> bool:
    """The `if:` of a materials item (rules/plan/materials.yaml): every condition given holds."""
    f, p = c.filing, c.filing.principal
    services = [c.service(owner)] if owner != "principal" else [s for _, s in f.services()]
    own = services if owner != "principal" else [p]
    if cond.province is not None and not any(
            (e := c.ctx.catalogues.province(n)) is not None and e.code == c.prov.code for n in cond.province):
        return False
    if not _words(cond.names_contain, [x.name for x in own]):
        return False
    if not _words(cond.remark_contains, [x.remark for x in own]):
        return False
    if cond.content_type is not None and not any(s.content_type in cond.content_type for s in services):
        return False
    if cond.service_type is not None and not any(s.service_type in cond.service_type for s in services):
        return False
    if cond.leader_not_legal_rep is not None:
        leader = services[0].leader if owner != "principal" and services[0].leader else None
        is_rep = leader_is_legal_rep(c.ctx, leader) if leader else leader_is_legal_rep(c.ctx)
        if is_rep is None or is_rep == cond.leader_not_legal_rep:
            return False
    if cond.nonlocal_individual is not None and _nonlocal(c) != cond.nonlocal_individual:
        return False
    if cond.setting is not None and not c.prov.value(cond.setting):
        return False
    if cond.domain_holder_legal_rep is not None:
        rep = (p.legal_representative or "").strip()
        held = bool(rep) and any(s.domain_holder.strip() == rep for s in services)
        if held != cond.domain_holder_legal_rep:
            return False
    return cond.sole_proprietor is None or sole_proprietor_code(p.cert_number) == cond.sole_proprietor


def _service_type(c: _Case, owner: str) -> str | None:
    return c.service(owner).service_type if owner.startswith(("websites[", "apps[")) else None


def _owners(c: _Case, item: MaterialItem) -> list[str]:
    f = c.filing
    if item.for_ in ("principal", "principal_leader"):
        return ["principal"]
    if item.for_ == "each_website":
        return [f"websites[{i}]" for i in range(len(f.websites))]
    if item.for_ == "each_app":
        return [f"apps[{i}]" for i in range(len(f.apps))]
    services = [at for at, _ in f.services()]
    if item.for_ == "each_service":
        return services
    lead = identity(f.principal.leader)
    return [at for at, s in f.services() if s.leader is not None and identity(s.leader) != lead]


def checklist_for(ctx: Ctx) -> list[Needed]:
    case = _Case(ctx)
    filing, plan = ctx.filing, ctx.plan
    have = {(m.kind, m.for_) for m in filing.materials}
    unit = ctx.is_unit
    out: list[Needed] = []
    images = plan.images
    limits: dict[tuple[str, str | None], ImageLimits] = {}  # per kind and service type: many sites share them
    for item in plan.materials.items:
        if not applies(item.when, filing, unit):
            continue
        cond = item.if_
        if cond is not None and cond.setting is not None and not case.prov.value(cond.setting):
            continue  # the province's own item, not this province's
        hint_only = provider_hint(item.when, filing)  # one provider's item, none named: info
        per_service = item.when.per_service
        for owner in _owners(case, item):
            if per_service and not service_applies(item.when, filing, owner):
                continue
            if cond is not None and not _data_if(case, cond, owner):
                continue
            required = item.required and not hint_only
            if item.condition:
                verdict = CONDITIONS[item.condition](case, owner)
                if verdict is None:
                    continue
                required = required and verdict
            service_type = _service_type(case, owner) if images.variants else None
            image = limits.get((item.kind, service_type))
            if image is None:
                image = limits[item.kind, service_type] = images.for_kind(
                    limits_key(item.kind, filing.provider, service_type))
            out.append(Needed(item.kind, owner, required, item.why, item.why_en, item.source, image,
                              (item.kind, owner) in have))
    return out
