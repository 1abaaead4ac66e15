"""The shape of the rule files: a rule, a provincial draft of one, a sourced setting, a file.

Shape only; what the values mean (the check exists, the paths are fields of the filing, the
codes are in the catalogues, the sources are in the bibliography) is checked by the loader.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

Severity = Literal["error", "warning", "info"]


class _Strict(BaseModel):
    # validators built on first validation: a start from the rules snapshot needs none
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class When(_Strict):
    """Conditions on the order that decide whether a rule applies at all."""

    nature: list[str] | None = None
    not_nature: list[str] | None = None
    unit: bool | None = None  # True: every nature except individual
    filing_type: list[str] | None = None
    not_filing_type: list[str] | None = None
    # One provider's own requirement (rules/catalogues/providers.yaml): not for another
    # provider; for a filing that names none, an info hint (see `provider_hint`).
    provider: list[str] | None = None
    # Conditions on the website/APP a finding is about (the one its path lies in; a path
    # outside any service: some service of the order fits). See `service_applies`.
    content_type: list[str] | None = None
    service_type: list[str] | None = None

    @property
    def per_service(self) -> bool:
        return self.content_type is not None or self.service_type is not None


def applies(when: When, filing: Any, unit: bool) -> bool:
    """Whether a rule's or a checklist item's `when` holds for this order."""
    nature, ftype = filing.principal.nature, filing.filing_type
    named = filing.provider
    return not (
        (when.provider is not None and named and named not in when.provider)
        or (when.nature is not None and nature not in when.nature)
        or (when.not_nature is not None and nature in when.not_nature)
        or (when.unit is not None and when.unit != unit)
        or (when.filing_type is not None and ftype not in when.filing_type)
        or (when.not_filing_type is not None and ftype in when.not_filing_type)
    )


def _service_fits(when: When, service: Any) -> bool:
    return not ((when.content_type is not None and getattr(service, "content_type", "") not in when.content_type)
                or (when.service_type is not None and getattr(service, "service_type", "") not in when.service_type))


def service_of(filing: Any, path: str) -> Any:
    """The website or APP a field path lies in (`websites[2].name` → websites[2]), else None."""
    for kind in ("websites[", "apps["):
        if path.startswith(kind):
            end = path.find("]")
            try:
                return getattr(filing, kind[:-1])[int(path[len(kind):end])]
            except (ValueError, IndexError):
                return None
    return None


def service_applies(when: When, filing: Any, path: str) -> bool:
    """A `when` on the service (content_type, service_type) for the finding at `path`."""
    if not when.per_service:
        return True
    service = service_of(filing, path)
    if service is not None:
        return _service_fits(when, service)
    return any(_service_fits(when, s) for _, s in filing.services())


def provider_hint(when: When, filing: Any) -> bool:
    """A provider's own requirement on a filing that names no provider: reported as info."""
    return when.provider is not None and not filing.provider


class Cited(BaseModel):
    """Something with a `source:`; the loader resolves it against the bibliography."""

    _cites: tuple[str, ...] = PrivateAttr(default=())  # bibliography keys of `source`
    _source_title: str = PrivateAttr(default="")
    _basis: tuple[str, str] = PrivateAttr(default=("", ""))  # grade and date of the strongest source

    @property
    def cites(self) -> tuple[str, ...]:
        return self._cites

    @property
    def grade(self) -> str:
        return self._basis[0]

    @property
    def source_date(self) -> str:
        return self._basis[1]

    @property
    def source_title(self) -> str:
        return self._source_title


class Rule(_Strict, Cited):
    id: str = Field(min_length=1)
    check: str
    paths: list[str] = Field(min_length=1)
    severity: Severity
    when: When = Field(default_factory=When)
    params: dict[str, Any] = Field(default_factory=dict)
    message: str = Field(min_length=1)
    message_en: str = Field(min_length=1)
    hint: str = ""
    hint_en: str = ""
    source: str = Field(min_length=1)
    overrides: list[str] = Field(default_factory=list)
    # when it finds something at a path, the other rules' findings there are dropped: they
    # would judge a value that is not really there (a masked number)
    exclusive: bool = False
    province: str | None = None  # set by the loader for provincial rules
    _typed: Any = PrivateAttr(default=None)  # the params as the check's typed model (loader)

    @property
    def typed_params(self) -> Any:
        return self._typed


class RuleDraft(BaseModel):
    """A provincial rule as written: with `extends`, every missing field comes from the parent."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str
    extends: str | None = None
    check: str | None = None
    paths: list[str] | None = None
    severity: Severity | None = None
    when: When | None = None
    params: dict[str, Any] | None = None
    message: str | None = None
    message_en: str | None = None
    hint: str | None = None
    hint_en: str | None = None
    source: str | None = None
    overrides: list[str] | None = None
    exclusive: bool | None = None


class Disputed(_Strict):
    value: Any
    source: str = Field(min_length=1)
    note: str = ""


class Setting(_Strict):
    """A per-province value with its source; `disputed` keeps what other sources say."""

    value: Any
    source: str = Field(min_length=1)
    note: str = ""
    disputed: list[Disputed] = Field(default_factory=list)


class NationalFile(_Strict):
    rules: list[Rule] = Field(default_factory=list)
    settings: dict[str, Setting] = Field(default_factory=dict)


class ProvinceFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    province: str
    source: str = ""
    settings: dict[str, Setting] = Field(default_factory=dict)
    rules: list[RuleDraft] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> ProvinceFile:
        ids = [r.id for r in self.rules]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup:
            raise ValueError(f"rule id {dup!r} defined twice")
        return self
