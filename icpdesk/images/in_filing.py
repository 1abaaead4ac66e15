"""The scans' findings as findings of a filing: at `materials[i]`, and with one provider's own
image requirements (an image rule's `provider:`) applied as the filing's provider says: as
written for that provider, dropped for another, an info hint when the filing names none.

No Pillow here: the UI and the export call it on reports the workers made."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..findings import Finding
from ..rulebook import PlanData, limits_key

HINT_ZH = "（未选接入商，仅供参考）"
HINT_EN = "(no provider chosen; for reference) "


def for_provider(findings: Iterable[Finding], provider: str | None, plan: PlanData) -> list[Finding]:
    out = []
    for f in findings:
        rule = plan.image_rules.get(f.rule)
        if rule is not None and not f.grade:  # how strong the image rule's sources are (issue 27)
            f = replace(f, grade=rule.grade, source_date=rule.source_date)
        only = rule.provider if rule is not None else None
        if only is None:
            out.append(f)
        elif not provider:
            out.append(replace(f, severity="info", message=HINT_ZH + f.message, message_en=HINT_EN + f.message_en))
        elif provider in only:
            out.append(f)
    return out


def at_materials(indexed: Iterable[tuple[int, Iterable[Finding]]], provider: str | None,
                 plan: PlanData) -> list[Finding]:
    """Findings of the scan of `materials[i]` for each (i, findings), placed at that material."""
    return [replace(f, path=f"materials[{i}]") for i, found in indexed
            for f in for_provider(found, provider, plan)]


def kind_key(filing, material) -> str:
    """The scan's kind with the provider and its owner's service type: a kind's limits may differ
    by them (rules/images/limits.yaml `variants`)."""
    owner = material.for_
    service = None
    if owner.startswith(("websites[", "apps[")):
        kind, _, idx = owner[:-1].partition("[")
        items = getattr(filing, kind)
        service = items[int(idx)].service_type if idx.isdigit() and int(idx) < len(items) else None
    return limits_key(material.kind, filing.provider, service)


def scan_findings(filing, base, *, cache=None, jobs: int | None = None, progress=None) -> list[Finding]:
    """The findings of every attached scan that exists under `base` (a missing one is a rule's
    finding), checked in worker processes; with a cache, scans judged before are not decoded."""
    from .batch import check_many  # the workers and Pillow: only when scans are checked
    from .check import PREVIEW_SIDE

    present = [(i, base / m.path, kind_key(filing, m)) for i, m in enumerate(filing.materials)
               if (base / m.path).is_file()]
    # with a cache, the decode also makes the summaries' previews, which the cache keeps on disk:
    # an export after this validate (in any process) draws them without decoding the scans
    reports = check_many([p for _, p, _ in present], kinds=[k for _, _, k in present], jobs=jobs,
                         progress=progress, cache=cache, thumbnail=PREVIEW_SIDE if cache is not None else None)
    from ..shipped import default_rulebook

    return at_materials(((i, r.findings) for (i, _, _), r in zip(present, reports, strict=True)),
                        filing.provider, default_rulebook().plan)
