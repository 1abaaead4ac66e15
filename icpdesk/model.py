"""The filing model (contract §1): one filing order with its principal, sites, APPs and scans.

Every field is optional at the model level so that a half-finished draft still loads; what a
filing *needs* is reported by the rules as findings, not refused by the model. The model
refuses only what cannot be a filing at all: unknown keys and wrong types (an unquoted
certificate number read by YAML as an integer, for instance, would lose its leading zeros).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

FORMAT: Literal["icpdesk/filing@1"] = "icpdesk/filing@1"
# What one order can hold at the very most: far beyond any bureau's limit (a few sites, a few
# domains each), low enough that a hostile file is refused at once instead of checked for minutes.
MAX_SERVICES = 1000  # websites, and APPs
MAX_DOMAINS = 200  # per website or APP
MAX_LANGUAGES = 50
MAX_MATERIALS = 2000
MAX_ORDER_DOMAINS = 2000  # all websites' and APPs' domains together


# What is stored is what is checked and what is exported, so text is cleaned when it enters the
# model (from a file or a keystroke): invisible characters (zero-width space, BOM, bidi controls,
# control characters other than line breaks and tabs) are removed everywhere, and numbers, codes,
# domains and addresses of the internet are NFKC-folded (full-width ３３０１ → 3301, ＡＢＣ → ABC;
# robustness.md #35). Chinese text keeps its full-width punctuation.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FOLDED = frozenset({"cert_number", "phone1", "phone2", "emergency_phone", "office_phone", "email",
                    "filing_number", "domains", "home_url", "package_name", "bundle_id", "cert_md5",
                    "cert_sha1", "public_key", "cert_expiry", "domain_expires", "number", "more_home_urls",
                    "domain_holder_cert_number"})


INVISIBLE = _INVISIBLE


def clean_text(value: str, fold: bool = False) -> str:
    """Names and free text lose their invisible characters; numbers, codes, domains and e-mails
    (`fold`) keep them, so the input.invisible rule can say so: an invisible character in a
    domain is a different domain, not a typo to be mended silently (issue 28 item 14)."""
    if value.isascii() and value.isprintable():
        return value  # the common case, and nothing to clean
    if fold:
        return unicodedata.normalize("NFKC", value)
    return _INVISIBLE.sub("", value)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    @model_validator(mode="before")
    @classmethod
    def _null_is_missing(cls, data: Any) -> Any:
        """`number: null` in YAML or JSON means "not given": the field takes its default and the
        rules report what is missing, instead of refusing the file over a type."""
        if not isinstance(data, dict) or None not in data.values():
            return data
        fields = cls.model_fields
        by_alias: dict[str, str] = {f.alias: name for name, f in fields.items() if f.alias}
        out = {}
        for key, value in data.items():
            field = fields.get(by_alias.get(key, key)) if isinstance(key, str) else None
            if value is None and field is not None and not field.is_required() and field.default is not None:
                continue  # a str, list or model field with a default: absent
            out[key] = value
        return out

    @field_validator("*", mode="after")
    @classmethod
    def _clean(cls, value: Any, info: ValidationInfo) -> Any:
        fold = info.field_name in FOLDED
        if isinstance(value, str):
            return clean_text(value, fold)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return [clean_text(v, fold) for v in value]
        return value


class Region(_Strict):
    """主办单位所属区域: the province decides which bureau's rules apply."""

    province: str = Field("", title="省份")
    city: str = Field("", title="城市")
    district: str = Field("", title="区县")


class Person(_Strict):
    """A leader (负责人): of the principal, of a website or of an APP."""

    name: str = Field("", title="负责人姓名")
    cert_type: str = Field("resident_id", title="负责人证件类型")
    cert_number: str = Field("", title="负责人证件号码")
    cert_expiry: str | None = Field(None, title="证件有效期至", description="YYYY-MM-DD or 长期")
    phone1: str = Field("", title="联系方式1", description="mobile; the MIIT SMS code goes here")
    phone2: str | None = Field(None, title="联系方式2")
    emergency_phone: str | None = Field(None, title="应急联系电话")
    office_phone: str | None = Field(None, title="办公室电话")
    email: str = Field("", title="电子邮件地址")


class Principal(_Strict):
    region: Region = Field(default_factory=Region, title="主办单位所属区域")
    nature: str = Field("", title="主办单位性质")
    cert_type: str = Field("", title="主办单位证件类型")
    cert_number: str = Field("", title="主办单位证件号码")
    name: str = Field("", title="主办单位或主办人名称")
    cert_address: str = Field("", title="证件住所")
    mailing_address: str = Field("", title="通讯地址")
    investor: str = Field("", title="投资人或主管单位")
    legal_representative: str | None = Field(None, title="法定代表人")
    # where a foreign or HK/Macau/Taiwan legal representative must authorise a mainland leader
    legal_representative_cert_type: str | None = Field(None, title="法定代表人证件类型")
    cert_expiry: str | None = Field(None, title="主办单位证件有效期至", description="YYYY-MM-DD or 长期")
    filing_number: str | None = Field(None, title="主体备案号")
    leader: Person = Field(default_factory=Person, title="主体负责人")
    remark: str = Field("", title="备注")


class Preapproval(_Strict):
    type: str = Field("", title="前置审批类型")
    number: str = Field("", title="前置审批号")


class Website(_Strict):
    name: str = Field("", title="网站名称")
    domains: list[str] = Field(default_factory=list, max_length=MAX_DOMAINS, title="网站域名")
    home_url: str = Field("", title="网站首页URL")
    more_home_urls: list[str] = Field(default_factory=list, max_length=MAX_DOMAINS, title="其他首页URL")
    content_type: str = Field("", title="网站服务内容")
    service_type: str = Field("", title="服务类型")
    languages: list[str] = Field(default_factory=list, max_length=MAX_LANGUAGES, title="网站语言")
    preapproval: Preapproval | None = Field(None, title="前置审批")
    filing_number: str | None = Field(None, title="网站备案号")
    domain_holder: str = Field("", title="域名持有者")
    # the holder's real-name certificate: the principal's certificate type must be the same
    domain_holder_cert_type: str | None = Field(None, title="域名持有者证件类型")
    domain_holder_cert_number: str | None = Field(None, title="域名持有者证件号码")
    domain_expires: str | None = Field(None, title="域名到期日", description="YYYY-MM-DD, the earliest of its domains")
    leader: Person | None = Field(None, title="网站负责人", description="null: the principal leader")
    remark: str = Field("", title="备注")


class App(_Strict):
    name: str = Field("", title="APP名称")
    platform: str = Field("", title="平台")
    package_name: str | None = Field(None, title="包名")
    bundle_id: str | None = Field(None, title="Bundle ID")
    public_key: str = Field("", title="公钥")
    cert_md5: str | None = Field(None, title="证书MD5指纹")
    cert_sha1: str | None = Field(None, title="证书SHA-1指纹")
    domains: list[str] = Field(default_factory=list, max_length=MAX_DOMAINS, title="域名")
    content_type: str = Field("", title="APP服务内容")
    service_type: str = Field("", title="服务类型")
    languages: list[str] = Field(default_factory=list, max_length=MAX_LANGUAGES, title="APP语言")
    provides_sdk: bool = Field(False, title="是否提供SDK服务")
    uses_third_party_sdk: bool = Field(False, title="是否使用第三方SDK")
    preapproval: Preapproval | None = Field(None, title="前置审批")
    filing_number: str | None = Field(None, title="APP备案号")
    domain_holder: str = Field("", title="域名持有者")
    domain_holder_cert_type: str | None = Field(None, title="域名持有者证件类型")
    domain_holder_cert_number: str | None = Field(None, title="域名持有者证件号码")
    leader: Person | None = Field(None, title="APP负责人", description="null: the principal leader")
    remark: str = Field("", title="备注")


class Material(_Strict):
    kind: str = Field(..., title="资料类型")
    for_: str = Field("principal", alias="for", title="所属")
    path: str = Field(..., title="文件")


class Filing(_Strict):
    format: Literal["icpdesk/filing@1"] = FORMAT
    filing_type: str = Field("new_filing", title="备案类型")
    # The access provider the order goes through (rules/catalogues/providers.yaml): some
    # requirements are one provider's own; without it they are reported as hints.
    provider: str | None = Field(None, title="接入商")
    principal: Principal = Field(default_factory=Principal, title="主体信息")
    websites: list[Website] = Field(default_factory=list, max_length=MAX_SERVICES, title="网站")
    apps: list[App] = Field(default_factory=list, max_length=MAX_SERVICES, title="APP")
    materials: list[Material] = Field(default_factory=list, max_length=MAX_MATERIALS, title="备案资料")
    # The MIIT filing password some access filings ask for: accepted for the session, never
    # written back by a save, an export or a summary (exclude), never shown in a repr.
    filing_password: SecretStr | None = Field(None, title="备案密码", exclude=True, repr=False)
    # Paths whose text the model cleaned when the filing was read (fileio fills it in), so the
    # user is told that what will be exported is not byte for byte what the file says.
    _cleaned: tuple[str, ...] = PrivateAttr(default=())

    @property
    def cleaned_paths(self) -> tuple[str, ...]:
        return self._cleaned

    @model_validator(mode="after")
    def _bounded(self) -> Filing:
        total = sum(len(s.domains) for _, s in self.services())
        if total > MAX_ORDER_DOMAINS:
            raise ValueError(f"一个订单最多 {MAX_ORDER_DOMAINS} 个域名（现有 {total} 个）/ "
                             f"at most {MAX_ORDER_DOMAINS} domains in one order ({total})")
        return self

    def leaders(self) -> list[tuple[str, Person]]:
        """Every distinct leader entry with its path; a null site leader is the principal's."""
        out = [("principal.leader", self.principal.leader)]
        for at, service in self.services():
            if service.leader:
                out.append((f"{at}.leader", service.leader))
        return out

    def services(self) -> list[tuple[str, Website | App]]:
        return [(f"websites[{i}]", w) for i, w in enumerate(self.websites)] + [
            (f"apps[{i}]", a) for i, a in enumerate(self.apps)
        ]
