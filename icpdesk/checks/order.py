"""The order as a whole: filing type and filing numbers, pre-approval, remarks, service
content, and materials that point at something real."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from .. import filing_numbers
from ..fieldpaths import get
from .base import ContentCodes, Ctx, Hit, NoParams, Params, SettingKey, Term, check, disputed
from .common import blank
from .contacts import is_mobile, parse_cn
from .materials import checklist_for


class FilingNumberParams(Params):
    aspect: Literal["format", "province", "belongs", "serial_length"]
    expect: Literal["principal", "website", "app"] = "principal"


@check("filing_number", FilingNumberParams,
       returns=("value", "example", "prefix", "province", "expected", "principal", "digits"))
def filing_number(ctx: Ctx, path: str, value: Any, params: FilingNumberParams) -> list[Hit]:
    """aspect format: parses as the expected kind (principal / site / app);
    aspect province: its prefix is the region's; aspect belongs: a site number carries the
    principal's serial."""
    if not isinstance(value, str) or not value.strip():
        return []
    num = filing_numbers.parse(value)
    expect = params.expect
    aspect = params.aspect
    example = {"principal": "浙ICP备12345678号", "website": "浙ICP备12345678号-1",
               "app": "浙ICP备12345678号-1A"}[expect]
    if aspect == "format":
        ok = num is not None and (
            (expect == "principal" and num.is_principal)
            or (expect == "website" and num.index is not None and num.kind == "")
            or (expect == "app" and num.index is not None and num.kind in ("A", "X", "K")))
        return [] if ok else [{"value": value.strip()[:40], "example": example}]
    if num is None:
        return []
    if aspect == "serial_length":
        usual = filing_numbers.USUAL_SERIAL_LENGTHS
        return [] if len(num.serial) in usual else [{"value": str(num), "digits": len(num.serial)}]
    if aspect == "province":
        entry = ctx.catalogues.province(ctx.province.code) if ctx.province.code else None
        if entry is not None and num.prefix not in entry.get("icp_prefixes", []):
            return [{"prefix": num.prefix, "province": entry.code,
                     "expected": "/".join(entry.get("icp_prefixes", []))}]
        return []
    if aspect == "belongs":
        principal = filing_numbers.parse(ctx.filing.principal.filing_number or "")
        if principal is not None and num.principal != principal.principal:
            return [{"value": str(num), "principal": principal.principal}]
    return []


class FilingTypeNumbersParams(Params):
    aspect: Literal["principal_missing", "site_missing", "app_missing", "unexpected"]


@check("filing_type_numbers", FilingTypeNumbersParams, returns=("type",))
def filing_type_numbers(ctx: Ctx, path: str, value: Any, params: FilingTypeNumbersParams) -> list[Hit]:
    """What the filing type relies on: existing filing numbers (or none, for a first filing)."""
    f = ctx.filing
    entry = ctx.catalogues["filing_types"].get(f.filing_type)
    if entry is None:
        return []
    needs = entry.get("needs", [])
    aspect = params.aspect
    label = entry.zh
    if aspect == "principal_missing" and "principal_number" in needs and blank(f.principal.filing_number):
        return [{"path": "principal.filing_number", "type": label}]
    if aspect == "site_missing" and "site_numbers" in needs:
        return [{"path": f"websites[{i}].filing_number", "type": label}
                for i, w in enumerate(f.websites) if blank(w.filing_number)]
    if aspect == "app_missing" and "app_numbers" in needs:
        return [{"path": f"apps[{i}].filing_number", "type": label}
                for i, a in enumerate(f.apps) if blank(a.filing_number)]
    if aspect == "unexpected" and not needs and not blank(f.principal.filing_number):
        return [{"path": "principal.filing_number", "type": label}]
    return []


@check("services_present")
def services_present(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    f = ctx.filing
    if f.filing_type in ("cancel_principal", "change_principal"):
        return []
    return [] if f.websites or f.apps else [{"path": "websites"}]  # the page that adds them


class PreapprovalParams(Params):
    aspect: Literal["number", "individual"]


@check("preapproval", PreapprovalParams, returns=("category",))
def preapproval(ctx: Ctx, path: str, value: Any, params: PreapprovalParams) -> list[Hit]:
    """aspect number: a category needs its approval number (its scan is on the materials
    checklist); individual: individuals cannot hold pre-approvals [TX-SITE]."""
    pre = getattr(value, "preapproval", None)
    if pre is None or blank(pre.type):
        return []
    label = ctx.catalogues["preapproval_types"].label(pre.type)
    aspect = params.aspect
    if aspect == "number" and blank(pre.number):
        return [{"path": f"{path}.preapproval.number", "category": label}]
    if aspect == "individual" and not ctx.is_unit:
        return [{"path": f"{path}.preapproval", "category": label}]
    return []


def _squash(text: str) -> str:
    return re.sub(r"[\s，。,.;；、“”\"']", "", text)


class RemarkStatementParams(Params):
    statement: str = Field(min_length=1)
    setting: SettingKey | None = None


@check("remark_statement", RemarkStatementParams, returns=("statement", "province"))
def remark_statement(ctx: Ctx, path: str, value: Any, params: RemarkStatementParams) -> list[Hit]:
    """The fixed personal-site statement (Kingsoft; 山东/广西/内蒙古) in the remark."""
    if params.setting and not ctx.province.value(params.setting):
        return []
    remark = value if isinstance(value, str) else ""
    if _squash(params.statement) in _squash(remark[:5000]):
        return []
    extra = disputed(ctx, params.setting) if params.setting else {}
    return [{"statement": params.statement, "province": ctx.province_label(), **extra}]


def _phone2_mobile(ctx: Ctx, owner: Any) -> str | None:
    phone2 = ctx.filing.principal.leader.phone2 or ""
    return "联系方式2是手机号" if phone2.strip() and is_mobile(phone2) else None


def _no_landline(ctx: Ctx, owner: Any) -> str | None:
    lead = ctx.filing.principal.leader
    numbers = [n for n in (lead.office_phone, lead.phone2) if n and n.strip()]
    landline = any(parse_cn(n) is not None and not is_mobile(n) for n in numbers)
    return None if landline else "没有填写座机（办公室电话）"


def _several_domains(ctx: Ctx, owner: Any) -> str | None:
    n = len(getattr(owner, "domains", []) or [])
    return f"这个网站有 {n} 个域名" if n > 1 else None


def _hospital(ctx: Ctx, owner: Any) -> str | None:
    names = (ctx.filing.principal.name, getattr(owner, "name", ""))
    return "主办单位或网站是医院" if any("医院" in (n or "") for n in names) else None


_TRIGGERS = {"phone2_mobile": _phone2_mobile, "no_landline": _no_landline,
             "several_domains": _several_domains, "hospital": _hospital}


class RemarkMentionsParams(Params):
    setting: SettingKey
    trigger: Literal["phone2_mobile", "no_landline", "several_domains", "hospital"]
    words: list[str] = Field(min_length=1)  # the remark answers it when it holds any of them
    example: str = Field(min_length=1)


@check("remark_mentions", RemarkMentionsParams, returns=("province", "example", "why"))
def remark_mentions(ctx: Ctx, path: str, value: Any, params: RemarkMentionsParams) -> list[Hit]:
    """A province that wants a situation explained in the remark of the principal or the site
    (天津: whose mobile 联系方式2 is; 安徽: 企业无座机; 黑龙江/广东: the domains serve one site)."""
    if value is None or not ctx.province.value(params.setting):
        return []
    why = _TRIGGERS[params.trigger](ctx, value)
    if why is None:
        return []
    remark = _squash((value.remark or "")[:5000])
    if any(_squash(w) in remark for w in params.words):
        return []
    return [{"path": f"{path}.remark", "province": ctx.province_label(), "example": params.example, "why": why,
             **disputed(ctx, params.setting)}]


@check("personal_site_and_app")
def personal_site_and_app(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """icp-rules.md §4: an individual files websites and APPs in separate orders."""
    f = ctx.filing
    return [{"path": "apps"}] if not ctx.is_unit and f.websites and f.apps else []


@check("remark_describes")
def remark_describes(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """Content type 其他, or a personal site: say in the remark what the site will carry."""
    service = value
    if service is None:
        return []
    if (service.content_type == "other" or not ctx.is_unit) and blank(service.remark):
        return [{"path": f"{path}.remark"}]
    return []


class ContentTypeSettingParams(Params):
    setting: SettingKey
    aspect: Literal["banned", "required"]


@check("content_type_setting", ContentTypeSettingParams, returns=("value", "codes", "province"))
def content_type_setting(ctx: Ctx, path: str, value: Any, params: ContentTypeSettingParams) -> list[Hit]:
    """aspect banned: the province refuses these content types for personal sites;
    aspect required: the province wants one of these."""
    codes = ctx.province.value(params.setting) or []
    if not codes or not isinstance(value, str) or not value:
        return []
    bad = value in codes if params.aspect == "banned" else value not in codes
    if not bad:
        return []
    kinds = ctx.catalogues["content_types"]
    return [{"value": kinds.term(value), "codes": Term.listing([kinds.term(c) for c in codes]),
             "province": ctx.province_label(), **disputed(ctx, params.setting)}]


class PersonalContentTypeParams(Params):
    allowed: ContentCodes


@check("personal_content_type", PersonalContentTypeParams, returns=("value",))
def personal_content_type(ctx: Ctx, path: str, value: Any, params: PersonalContentTypeParams) -> list[Hit]:
    if isinstance(value, str) and value and value not in params.allowed:
        return [{"value": ctx.catalogues["content_types"].term(value)}]
    return []


_TARGET = re.compile(r"principal|(websites|apps)\[(\d+)\]")


@check("material_target", returns=("value",))
def material_target(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    target = getattr(value, "for_", "")
    m = _TARGET.fullmatch(target or "")
    if m and (m.group(1) is None or int(m.group(2)) < len(get(ctx.filing, m.group(1)))):
        return []
    return [{"path": f"{path}.for", "value": target}]


@check("material_file", returns=("value",))
def material_file(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """The scan exists beside the filing file (judged only when the filing came from a file);
    an empty path names no file at all (export would fail on it: issue 28 item 5)."""
    if ctx.base_dir is None or value is None:
        return []
    if blank(value.path):
        return [{"path": f"{path}.path", "value": ""}]
    try:
        p = (ctx.base_dir / value.path).resolve()
        ok = p.is_file()
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        ok = False
    return [] if ok else [{"path": f"{path}.path", "value": value.path[:120]}]


@check("material_inside", returns=("value",))
def material_inside(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A material is a file under the filing file's folder: an absolute path, `..` out of it or a
    link that leads elsewhere would pack any file of the machine into the package."""
    if ctx.base_dir is None or value is None or blank(value.path):
        return []
    try:
        base = ctx.base_dir.resolve()
        inside = (base / value.path).resolve().is_relative_to(base)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        inside = False
    return [] if inside else [{"path": f"{path}.path", "value": value.path[:120]}]


@check("materials_missing", returns=("code", "for", "kind", "kind_en", "owner", "owner_en", "why", "why_en"))
def materials_missing(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """What the materials checklist asks for and the filing does not list."""
    kinds = ctx.catalogues["material_kinds"]
    hits = []
    for need in checklist_for(ctx):
        if need.present:
            continue
        hits.append({
            "path": "materials", "code": need.kind, "for": need.owner, "source": need.source,
            "kind": kinds.label(need.kind), "kind_en": kinds.label(need.kind, "en"),
            "owner": ctx.catalogues.owner_label(need.owner),
            "owner_en": ctx.catalogues.owner_label(need.owner, "en"),
            "why": need.why, "why_en": need.why_en,
            **({} if need.required else {"severity": "info"}),
        })
    return hits
