"""Which filing type an order is (验证备案类型), from questions a user can answer offline.

Providers decide it from the principal's certificate, the domain or APP name and their own
records (icp-rules.md §1.1); icpdesk asks the same things as plain questions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .catalogues import Catalogues, Entry

Action = Literal["new", "change_principal", "change_service", "change_access",
                 "cancel_principal", "cancel_service", "cancel_access"]


class Situation(BaseModel):
    """The questions. `principal_here` / `service_here`: filed through this provider."""

    model_config = ConfigDict(extra="forbid")
    service: Literal["website", "app"] = "website"
    action: Action = "new"
    principal_filed: bool = False
    principal_here: bool = False
    service_filed: bool = False


class Decision(BaseModel):
    code: str
    zh: str
    en: str
    explain: str
    explain_en: str
    prefilled: str
    prefilled_en: str = ""
    needs: list[str]
    password: bool
    warnings: list[str]  # each in Chinese, with its English at the same index of warnings_en
    warnings_en: list[str] = []


_CHANGE = {("change_principal", "website"): "change_principal", ("change_principal", "app"): "change_principal",
           ("change_service", "website"): "change_site", ("change_service", "app"): "change_app",
           ("change_access", "website"): "change_access", ("change_access", "app"): "change_app",
           ("cancel_principal", "website"): "cancel_principal", ("cancel_principal", "app"): "cancel_principal",
           ("cancel_service", "website"): "cancel_site", ("cancel_service", "app"): "cancel_app",
           ("cancel_access", "website"): "cancel_access", ("cancel_access", "app"): "cancel_access"}


def decide_code(s: Situation) -> tuple[str, list[tuple[str, str]]]:
    """The filing type code, and warnings (Chinese, English) about answers that do not fit together."""
    warnings: list[tuple[str, str]] = []
    if s.action != "new":
        if not s.principal_filed:
            warnings.append(("变更/注销只针对已备案的主体", "changes and cancellations need a filed principal"))
        return _CHANGE[(s.action, s.service)], warnings
    if not s.principal_filed:
        if s.service_filed:
            warnings.append(("域名/APP已在别的主体下备案：先注销原备案或过户", "the domain or APP is filed under "
                             "another principal: cancel or transfer that filing first"))
        return "new_filing", warnings
    if not s.service_filed:
        if s.service == "app":
            return ("new_app_this_provider" if s.principal_here else "new_app_other_provider"), warnings
        return ("new_site_this_provider" if s.principal_here else "new_site_other_provider"), warnings
    if s.service == "app":
        return "app_access", warnings
    return ("continued_access" if s.principal_here else "new_access"), warnings


def describe(entry: Entry, warnings: list[tuple[str, str]] | None = None) -> Decision:
    return Decision(code=entry.code, zh=entry.zh, en=entry.en, explain=entry.get("explain", ""),
                    explain_en=entry.get("explain_en", ""), prefilled=entry.get("prefilled", ""),
                    prefilled_en=entry.get("prefilled_en", ""),
                    needs=list(entry.get("needs", [])), password=bool(entry.get("password", False)),
                    warnings=[zh for zh, _ in warnings or []], warnings_en=[en for _, en in warnings or []])


def decide(s: Situation, catalogues: Catalogues) -> Decision:
    code, warnings = decide_code(s)
    entry = catalogues["filing_types"].get(code)
    if entry is None:  # the decision table and the catalogue are both shipped data; a test keeps them in step
        raise KeyError(f"filing type {code!r} is not in rules/catalogues/filing_types.yaml")
    return describe(entry, warnings)
