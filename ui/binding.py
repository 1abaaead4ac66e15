"""Between form values and the filing model: writing a typed value to a dotted path, and the
text forms of lists (domains) — plain conversions, no rules."""

from __future__ import annotations

import re
from typing import Any

from icpdesk.fieldpaths import get
from icpdesk.model import App, Filing, Person, Preapproval, Website

# optional fields: an empty entry means "not given" (None), as in a hand-written filing file
_OPTIONAL = {"legal_representative", "filing_number", "phone2", "emergency_phone", "office_phone",
             "cert_expiry", "package_name", "bundle_id", "cert_md5", "cert_sha1", "domain_expires",
             "provider", "legal_representative_cert_type", "domain_holder_cert_type",
             "domain_holder_cert_number"}
_LISTS = {"domains", "more_home_urls"}


def split_list(text: str) -> list[str]:
    return [x for x in re.split(r"[\s,，;；、]+", text or "") if x]


def to_model(attr: str, value: Any) -> Any:
    if attr in _LISTS and isinstance(value, str):
        return split_list(value)
    if attr in _OPTIONAL and isinstance(value, str) and not value.strip():
        return None
    return value


def to_editor(attr: str, value: Any) -> Any:
    if attr in _LISTS and isinstance(value, list):
        return ", ".join(value)
    return value


def assign(filing: Filing, path: str, value: Any) -> None:
    """Set the field at `path`, creating a missing site leader or pre-approval on the way."""
    parent_path, _, attr = path.rpartition(".")
    parent = get(filing, parent_path) if parent_path else filing
    if parent is None and parent_path.endswith(".leader"):
        owner = get(filing, parent_path.rsplit(".", 1)[0])
        if isinstance(owner, Website | App):
            owner.leader = Person()
            parent = owner.leader
    if parent is None and parent_path.endswith(".preapproval"):
        owner = get(filing, parent_path.rsplit(".", 1)[0])
        if isinstance(owner, Website | App):
            owner.preapproval = Preapproval()
            parent = owner.preapproval
    if parent is None:
        return
    setattr(parent, "for_" if attr == "for" else attr, to_model(attr, value))


def read(filing: Filing, path: str) -> Any:
    return to_editor(path.rsplit(".", 1)[-1], get(filing, path))
