"""The package's manifest and what may be in a package, and the masking of personal numbers."""

from __future__ import annotations

import re
import zipfile
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Filing
from ..yamlio import canonical_digest

FORMAT = "icpdesk/package@1"
MANIFEST = "manifest.json"
SUMMARY_HTML = "summary.html"
SUMMARY_PDF = "summary.pdf"
MATERIALS = "materials/"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entry times: the same input gives the same bytes


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(pattern=r"^(materials/[A-Za-z0-9_.\-]{1,120}|summary\.html|summary\.pdf)$")
    bytes: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class FindingEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str = Field(max_length=200)
    severity: Literal["error", "warning", "info"]
    path: str = Field(max_length=300)
    message: str
    message_en: str
    source: str
    hint: str = ""
    hint_en: str = ""
    overrides: str | None = None
    source_title: str = ""
    cites: list[str] = Field(default_factory=list)
    grade: str = ""
    source_date: str = ""


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["icpdesk/package@1"]
    tool_version: str
    rules_version: str
    created: str
    masked: bool = False
    filing: dict[str, Any]
    findings: list[FindingEntry]
    plan: dict[str, Any] = Field(default_factory=dict)
    images: list[dict[str, Any]] = Field(default_factory=list)
    files: list[FileEntry]
    reviews: list[dict[str, Any]] = Field(default_factory=list)  # review rounds answered (review.py)
    digest: str = Field("", pattern=r"^([0-9a-f]{64})?$")


def zip_entry(name: str, compress: int) -> zipfile.ZipInfo:
    """A member as icpdesk writes it: fixed time, mode 0600 (Unix), the given compression."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o600 << 16
    info.create_system = 3  # Unix: the mode bits above mean what they say
    return info


manifest_digest = canonical_digest  # the manifest's "digest" (yamlio.canonical_digest)


def owner_slug(owner: str) -> str:
    """`websites[0]` → `website1`: a safe part of a member name."""
    m = re.fullmatch(r"(websites|apps)\[(\d+)\]", owner)
    return f"{m.group(1)[:-1]}{int(m.group(2)) + 1}" if m else re.sub(r"[^a-z0-9]", "", owner.lower()) or "x"


def mask_number(value: str | None) -> str | None:
    """3301**********123X: region and the last four kept, as GB/T 35273 display masks do."""
    if not value:
        return value
    v = value.strip()
    if len(v) <= 8:
        return v[:1] + "*" * (len(v) - 2) + v[-1:] if len(v) > 2 else "*" * len(v)
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def mask_phone(value: str | None) -> str | None:
    """138****8000."""
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


MASKED_FIELDS = ("cert_number", "phone1", "phone2", "emergency_phone", "office_phone")
# ID- and phone-shaped numbers anywhere in free text (a remark saying "联系人手机13800138000"):
# resident IDs (18 or old 15 digits), mainland mobiles with or without +86, landlines with area code.
# An ID number may be written in groups ("3301 0219 8806 1222 01", "330102-19880612-2201"): one
# space, tab, full-width space or hyphen is allowed between any two of its digits.
_SEP = "[ \t\u00a0\u3000-]?"
_PII_IN_TEXT = re.compile(rf"(?<![0-9A-Za-z])(?:\d(?:{_SEP}\d){{16}}{_SEP}[\dXx]|\d(?:{_SEP}\d){{14}}"
                          r"|(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}[\s-]?\d{7,8})(?![0-9A-Za-z])")


def mask_text(text: str) -> str:
    """Every ID- or phone-shaped number in a free-text field, masked like the fields themselves."""
    def one(m: re.Match[str]) -> str:
        s = m.group(0)
        digits = re.sub(r"\D", "", s)
        if len(digits) >= 15 and not s.startswith(("+", "0")):
            return mask_number(re.sub(r"[^\dXx]", "", s)) or ""  # the groups' spaces go: no digit shows by them
        if len(digits) == 13 and digits.startswith("86"):
            return "+86 " + (mask_phone(digits[2:]) or "")
        return mask_phone(s) or ""
    return _PII_IN_TEXT.sub(one, text)


def masked_filing(filing: Filing) -> Filing:
    f = filing.model_copy(deep=True)
    people = [f.principal.leader] + [s.leader for _, s in f.services() if s.leader]
    for p in people:
        p.cert_number = mask_number(p.cert_number) or ""
        p.phone1 = mask_phone(p.phone1) or ""
        for attr in ("phone2", "emergency_phone", "office_phone"):
            setattr(p, attr, mask_phone(getattr(p, attr)))
    if f.principal.nature == "individual":
        f.principal.cert_number = mask_number(f.principal.cert_number) or ""
    _mask_free_text(f)
    return f


def _mask_free_text(model: BaseModel) -> None:
    """Names, addresses, remarks…: every text field that is not itself a masked number."""
    for name, value in list(model):
        if isinstance(value, BaseModel):
            _mask_free_text(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _mask_free_text(item)
        elif isinstance(value, str) and name not in MASKED_FIELDS and value:
            masked = mask_text(value)
            if masked != value:
                setattr(model, name, masked)


def is_masked_path(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in MASKED_FIELDS


def masked_plan(plan: dict[str, Any]) -> dict[str, Any]:
    out = dict(plan)
    out["sms"] = [{**e, "phone": mask_phone(e.get("phone")),
                   **({"name": mask_text(e["name"])} if isinstance(e.get("name"), str) else {})}
                  for e in plan.get("sms", [])]
    return out
