"""The per-province settings, typed one by one.

rules/national/settings.yaml gives every key its national default, a province file may change
any of them; both are read through `SettingValues`, so a misspelt key, `{value: 3}` where a
list of limits belongs or `muts` for `must` is refused at load with the file and the key, and
the checks read `province.values.<key>` with its real type.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Limit(_Strict):
    """One entry of a per-order limit: the first entry whose conditions fit the order applies."""

    max: int = Field(ge=0)
    nature: list[str] | None = None
    unit: bool | None = None
    filing_type: list[str] | None = None
    since: dt.date | None = None  # in force from this day (a notice's date); before it, skipped
    until: dt.date | None = None  # in force before this day
    note: str = ""


Nature = Literal["individual", "enterprise"]


class SoleProprietor(_Strict):
    """How a 个体工商户 (credit code 92…) files in a province: as which nature, with or without a
    字号 (trade name), and what its remark must say. None: the province takes either."""

    nature: Nature | None = None  # with or without a trade name
    with_trade_name: Nature | None = None
    without_trade_name: Nature | Literal["refused"] | None = None  # refused: obtain a 字号 first (陕西)
    remark: str = ""  # without a trade name the remark contains this (安徽 无字号无公章个体工商户)

    def expected(self, trade_name: bool) -> str | None:
        return (self.with_trade_name if trade_name else self.without_trade_name) or self.nature


class PlanLimit(_Strict):
    """An order size beyond which a province wants a 网站建设方案书: any count over its limit."""

    unit: bool | None = None  # None: every principal
    sites: int | None = Field(None, ge=0)  # more websites than this
    domains: int | None = Field(None, ge=0)  # more distinct domains in the order than this
    domains_per_site: int | None = Field(None, ge=0)
    note: str = ""


LeaderRule = Literal["must", "auth", "free"]
PhoneKind = Literal["landline", "mobile", "shared_cost", "toll_free"]
HomeUrls = Literal["one", "one_per_domain"]


def _dotted(suffixes: list[str]) -> list[str]:
    bad = [s for s in suffixes if not s.startswith(".") or s.endswith(".") or ".." in s]
    if bad:
        raise ValueError(f"domain suffixes are written with a leading dot, like .cn: {bad}")
    return suffixes


Suffixes = Annotated[list[str], AfterValidator(_dotted)]


class SettingValues(_Strict):
    """Every setting a province may change, with its type (the defaults are in the data)."""

    leader_legal_rep: LeaderRule  # must | auth (with an authorisation letter) | free
    site_leader_auth_letter: bool
    site_leader_same_if_not_rep: bool
    min_age: int | None
    adult_age: int
    minor_requirement: str
    personal_id_local: bool
    nonlocal_residence_proof: bool
    unit_phone2_required: bool
    unit_landline_required: bool
    same_city_addresses: bool
    phone_local: bool  # the leaders' phones must be numbers of the province (geocoded offline)
    max_sites_per_order: list[Limit]
    max_domains_per_site: list[Limit]
    max_domains_per_order: list[Limit]
    personal_banned_words: list[str]
    personal_content_banned: list[str]  # content_types codes
    personal_content_required: list[str]  # content_types codes
    personal_statement_required: bool
    remark_min_chars: int | None
    personal_forbidden_suffixes: Suffixes
    domain_holder_unit_only: bool
    unit_investor: Literal["legal_representative", "unit_name"] | None
    unfilable_suffixes: Suffixes
    domain_cert_min_domains: int | None
    electronic_verification: bool
    undertaking_letter: bool
    party_building_form: bool
    footer_principal_number: bool
    footer_copyright: bool
    domain_min_valid_months: int | None
    filable_suffixes: Suffixes
    extra_filable_suffixes: Suffixes  # a province's own list adds these (北京 .tel)
    personal_principal_change: bool  # False: an individual's principal cannot be changed
    nature_cert_types: dict[str, list[str]]  # nature → the only certificate types this province takes
    foreign_rep_mainland_leader: bool  # foreign/HK-MO-TW legal rep: a mainland-ID holder leads, authorised
    unit_min_age: int | None  # the youngest a unit's leader may be
    unit_leader_id_local: bool  # a unit leader's resident ID from this province
    home_urls: HomeUrls | None  # one home URL per site, or one per domain
    phone2_mobile_remark: bool  # 联系方式2 a mobile: the remark says whose
    no_landline_remark: bool  # an enterprise without an office phone says so in the remark
    multi_domain_remark: bool  # a site with several domains: the remark says they serve one site
    hospital_remark: bool  # a hospital's site: the remark gives its licence
    site_plan: list[PlanLimit]  # when a 网站建设方案书 is needed
    site_plan_guarantee: bool  # …and a guarantee letter with it
    travel_agency_license: bool  # a travel agency shows its licence
    foreigner_residence_permit: bool  # a foreign individual shows a local residence permit
    name_review_form: bool  # public bodies: 《网站名称审核表》
    opening_form: bool  # public bodies: 《网站开办资格申请表》
    establishment_approval: bool  # public bodies: the 编办 approval
    non_unit_name_docs: bool  # a unit's site not named after the unit: 承诺书 + 建站说明书
    finance_docs: bool  # internet finance: proof of qualification + 承诺书
    change_all_images: bool  # change filings upload every document image again
    sole_proprietor: SoleProprietor  # 个体工商户: which nature to file as
    domain_holder_rep_letter: bool  # unit-only holder, but the legal representative with a letter (重庆)
    office_phone_kinds: list[PhoneKind]  # what the office phone may be: landline, mobile, shared_cost (400…), toll_free

    def get(self, key: str) -> Any:
        return getattr(self, key)


SETTING_KEYS = frozenset(SettingValues.model_fields)
# Settings whose values are codes of a catalogue: checked against it at load.
CODE_SETTINGS = {"personal_content_banned": "content_types", "personal_content_required": "content_types"}
