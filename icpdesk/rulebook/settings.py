"""The per-province settings, typed one by one.

rules/national/settings.yaml gives every key its national default, a province file may change
any of them; both are read through `SettingValues`, so a misspelt key, `{value: 3}` where a
list of limits belongs or `muts` for `must` is refused at load with the file and the key, and
the checks read `province.values.<key>` with its real type.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limit(_Strict):
    """One entry of a per-order limit: the first entry whose conditions fit the order applies."""

    max: int = Field(ge=0)
    nature: list[str] | None = None
    unit: bool | None = None
    filing_type: list[str] | None = None
    note: str = ""


LeaderRule = Literal["must", "auth", "free"]


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

    def get(self, key: str) -> Any:
        return getattr(self, key)


SETTING_KEYS = frozenset(SettingValues.model_fields)
# Settings whose values are codes of a catalogue: checked against it at load.
CODE_SETTINGS = {"personal_content_banned": "content_types", "personal_content_required": "content_types"}
