"""Data behind `icpdesk plan`: the SMS table, the materials checklist and the image limits
(rules/plan/*.yaml, rules/images/limits.yaml), checked against a schema at load."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .. import rules_cache
from ..errors import RulesError
from .schema import Cited, When


class _Strict(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Sourced(_Strict):
    text: str
    text_en: str = ""
    source: str = Field(min_length=1)


class Valued(_Strict):
    value: Any
    source: str = Field(min_length=1)
    note: str = ""
    history: list[dict[str, Any]] = Field(default_factory=list)
    disputed: list[dict[str, Any]] = Field(default_factory=list)
    text: str = ""
    text_en: str = ""


class Verified(_Strict):
    roles: list[Literal["principal", "service"]]
    source: str = Field(min_length=1)
    disputed: list[dict[str, Any]] = Field(default_factory=list)
    history: list[dict[str, Any]] = Field(default_factory=list)


class TailException(_Strict):
    province: str
    cert_type: str
    text: str
    text_en: str
    source: str


class Senders(_Strict):
    current: list[str]
    source: str
    pilot_era: dict[str, Any]


class SmsData(_Strict):
    national_since: str
    national_source: str
    where: str
    senders: Senders
    virtual_prefixes: Valued
    code: dict[str, Any]
    validity_hours: Valued
    resends: Valued
    auto_resend: Sourced
    wrong_inputs: Valued
    on_expiry: Sourced
    inputs: Sourced
    cert_tail_exceptions: list[TailException]
    same_person: Sourced
    history: list[dict[str, str]]
    verified: dict[str, Verified]


class MaterialIf(_Strict):
    """Data conditions of a materials item: every one given must hold (a list: any of it).
    A website/APP owner is judged by its own name, remark and types; the principal by its
    own name and remark and by any of its services."""

    province: list[str] | None = None  # province codes (浙江) or names
    names_contain: list[str] | None = None  # words in the principal's or the service's name
    remark_contains: list[str] | None = None  # words in the principal's or the service's remark
    content_type: list[str] | None = None
    service_type: list[str] | None = None
    leader_not_legal_rep: bool | None = None  # the owner's leader is (not) the legal representative
    nonlocal_individual: bool | None = None  # an individual whose resident ID is from another province
    sole_proprietor: bool | None = None  # a 个体工商户 (credit code 92…)
    domain_holder_legal_rep: bool | None = None  # the site's/APP's domain holder is the legal representative
    setting: str | None = None  # a province setting (rules/national/settings.yaml) that holds (is true/non-empty)


class MaterialItem(_Strict):
    kind: str
    for_: Literal["principal", "principal_leader", "each_website", "each_app", "each_service",
                  "each_service_leader"] = Field(alias="for")
    when: When = Field(default_factory=When)
    condition: str | None = None
    if_: MaterialIf | None = Field(None, alias="if")
    required: bool
    why: str = Field(min_length=1)
    why_en: str = Field(min_length=1)
    source: str = Field(min_length=1)


class MaterialsData(_Strict):
    items: list[MaterialItem]


class ImageLimits(_Strict):
    formats: list[str] | None = None
    warn_bytes: int | None = None
    max_bytes: int | None = None
    colour: bool | None = None
    min_pixels: tuple[int, int] | None = None
    hard_min_pixels: tuple[int, int] | None = None
    exact_pixels: tuple[int, int] | None = None
    document_mm: tuple[float, float] | None = None  # a document's real size: it is looked for in the picture
    note: str = ""
    source: str = ""
    history: list[dict[str, Any]] = Field(default_factory=list)


class ImageThresholds(_Strict):
    max_pixels: int
    grey_mean_chroma: float
    grey_p99_chroma: float
    blur_min_sharpness: float
    doc_min_area: float
    doc_max_slant: float
    doc_aspect_tolerance: float
    glare_min_share: float
    copy_max_spread: float
    dark_mean: float
    bright_mean: float
    bright_max_stddev: float
    analysis_side: int
    timeout_seconds: float
    memory_mb: int


class ImageRule(_Strict, Cited):
    id: str = Field(pattern=r"^image\.")
    severity: Literal["error", "warning", "info"]
    message: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    hint: str = Field(min_length=1)
    hint_en: str = Field(min_length=1)
    source: str = Field(min_length=1)
    fixable: bool = False
    provider: list[str] | None = None  # one provider's own requirement (see When.provider)


class ImageRules(_Strict):
    rules: list[ImageRule]


class ImageVariant(ImageLimits):
    """A kind's limits for one provider or service type (小程序 icons…), laid over the kind's."""

    kind: str
    provider: list[str] | None = None
    service_type: list[str] | None = None

    def fits(self, provider: str, service_type: str) -> bool:
        return ((self.provider is None or provider in self.provider)
                and (self.service_type is None or service_type in self.service_type))


def limits_key(kind: str, provider: str | None = None, service_type: str | None = None) -> str:
    """The key `for_kind` reads: the kind, with the order's provider and the owner's service type
    where a variant may depend on them (`app_icon|tencent|mini_program_service`)."""
    return f"{kind}|{provider or ''}|{service_type or ''}" if provider or service_type else kind


class ImagesData(_Strict):
    defaults: ImageLimits
    kinds: dict[str, ImageLimits]
    thresholds: ImageThresholds
    variants: list[ImageVariant] = Field(default_factory=list)
    _merged: dict[str, ImageLimits] = PrivateAttr(default_factory=dict)  # per key: asked per scan, per keystroke

    def for_kind(self, key: str) -> ImageLimits:
        """The defaults with the kind's own values laid over them, then the first variant that
        fits the provider and service type in the key (see `limits_key`)."""
        found = self._merged.get(key)
        if found is None:
            found = self._merged[key] = self._merge(key)
        return found

    def _merge(self, key: str) -> ImageLimits:
        kind, _, rest = key.partition("|")
        provider, _, service_type = rest.partition("|")
        own = self.kinds.get(kind)
        variant = next((v for v in self.variants if v.kind == kind and v.fits(provider, service_type)), None)
        if own is None and variant is None:
            return self.defaults
        merged = self.defaults.model_dump()
        if own is not None:
            merged |= own.model_dump(exclude_unset=True)
        if variant is not None:
            merged |= variant.model_dump(exclude_unset=True, exclude={"kind", "provider", "service_type"})
        return ImageLimits.model_validate(merged)


class Step(_Strict):
    id: str
    text: str
    text_en: str
    source: str = Field(min_length=1)
    service: Literal["website", "app"] | None = None
    setting: str | None = None


class AfterData(_Strict):
    deadlines: list[Step]
    after_approval: list[Step]


class PlanData:
    def __init__(self, folder: Path, filing_types: list[str], material_kinds: list[str]) -> None:
        self.sms = _load(folder / "plan" / "sms.yaml", SmsData)
        self.materials = _load(folder / "plan" / "materials.yaml", MaterialsData)
        self.images = _load(folder / "images" / "limits.yaml", ImagesData)
        self.image_rules = {r.id: r for r in _load(folder / "images" / "rules.yaml", ImageRules).rules}
        self.after = _load(folder / "plan" / "after_approval.yaml", AfterData)
        missing = sorted(set(filing_types) - set(self.sms.verified))
        if missing:
            raise RulesError(f"{folder / 'plan' / 'sms.yaml'}: no SMS entry for {missing}")
        for item in self.materials.items:
            if item.kind not in material_kinds:
                raise RulesError(f"{folder / 'plan' / 'materials.yaml'}: unknown kind {item.kind!r}")


def _load(path: Path, schema: type[BaseModel]) -> Any:
    try:
        return schema.model_validate(rules_cache.load_trusted(path.read_text(encoding="utf-8")))
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        raise RulesError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    except Exception as e:
        raise RulesError(f"{path}: {str(e).splitlines()[0]}") from None
