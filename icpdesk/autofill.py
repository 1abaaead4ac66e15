"""What the providers' forms fill in by themselves (the seeds: '系统获取…自动填充'): for an
individual, the leader is the principal, and the investor is the person."""

from __future__ import annotations

from .model import Filing


def autofill(filing: Filing) -> list[str]:
    """Apply the automatic values; returns the paths that changed."""
    p = filing.principal
    changed: list[str] = []
    if p.nature != "individual":
        return changed
    for attr in ("name", "cert_type", "cert_number"):
        if getattr(p.leader, attr) != getattr(p, attr) and getattr(p, attr):
            setattr(p.leader, attr, getattr(p, attr))
            changed.append(f"principal.leader.{attr}")
    if p.name and not p.investor:
        p.investor = p.name
        changed.append("principal.investor")
    for i, w in enumerate(filing.websites):
        if not w.domain_holder and p.name:
            w.domain_holder = p.name
            changed.append(f"websites[{i}].domain_holder")
    return changed
