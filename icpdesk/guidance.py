"""What the app shows before a rule would complain, as plain answers from the core: the
province's site limit for this order, the remarks the address rule accepts, whether a scan's
problems have a one-click fix. The UI asks these instead of reading rule ids or parameters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checks.domains import site_limit as _site_limit
from .engine import Validator
from .findings import Finding
from .model import Filing
from .rulebook import Rulebook

HOUSE_NUMBER_RULE = "principal.mailing_address.house_number"


@dataclass(frozen=True)
class SiteLimit:
    province: str  # "" when the filing names no known province
    count: int
    limit: int | None  # None: the province sets no limit for this order

    @property
    def over(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def full(self) -> bool:
        return self.limit is not None and self.count >= self.limit


def site_limit(validator: Validator, filing: Filing) -> SiteLimit:
    ctx = validator.context(filing)
    return SiteLimit(ctx.province.code, len(filing.websites), _site_limit(ctx))


def remark_suggestions(rulebook: Rulebook, province: str = "") -> list[str]:
    """Remarks that satisfy the address rule when the address is already as detailed as it gets."""
    prov = rulebook.province(province)
    rule = next((r for r in prov.rules if r.id == HOUSE_NUMBER_RULE or HOUSE_NUMBER_RULE in r.overrides), None)
    params = rule.typed_params if rule else None
    return list(getattr(params, "remarks", []))


def fixable(rulebook: Rulebook, findings: Iterable[Finding]) -> bool:
    """Whether `icpdesk fix-image` can repair any of a scan's problems."""
    rules = rulebook.plan.image_rules
    return any(f.rule in rules and rules[f.rule].fixable for f in findings)


def missing_statement(rulebook: Rulebook, filing: Filing, findings: Iterable[Finding], path: str) -> str | None:
    """The fixed statement a remark at `path` lacks (a provider's or a bureau's personal-site
    statement), as the rule in force words it; None when none is missing."""
    prov = rulebook.province(filing.principal.region.province)
    statements = {r.id: getattr(r.typed_params, "statement", "") for r in prov.rules if r.check == "remark_statement"}
    return next((statements[f.rule] for f in findings if f.path == path and statements.get(f.rule)), None)
