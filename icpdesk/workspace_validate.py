"""Every filing of a workspace validated on all cores, then checked against each other
(`icpdesk workspace validate`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import IcpdeskError
from .workspace import Workspace, counts


def _validate_one(job: tuple[str, str, str | None]) -> dict[str, Any]:
    """In a worker: one filing of the workspace, validated against its own folder."""
    from .engine import Validator

    root, id, today = job
    ws = Workspace(Path(root))
    try:
        filing = ws.load(id)
    except IcpdeskError as e:
        return {"id": id, "unreadable": str(e), "errors": 1, "warnings": 0, "findings": []}
    from .workspace_cross import facts_of

    day = dt.date.fromisoformat(today) if today else None
    validator = Validator(today=day, base_dir=ws.folder(id))
    findings = validator.validate(filing)
    errors, warnings = counts(findings)
    return {"id": id, "errors": errors, "warnings": warnings, "findings": [f.to_dict() for f in findings],
            "cross": facts_of(validator.rulebook, id, filing)}  # for the checks across filings


def validate_all(ws: Workspace, *, jobs: int | None = None, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every filing of the workspace validated, on all cores (a process per core), and then
    checked against the others (icpdesk/workspace_cross.py); an unreadable one is skipped there."""
    ids = ws.ids()
    from .parallel import on_cores

    results = on_cores(_validate_one, [(str(ws.root), id, today.isoformat() if today else None) for id in ids], jobs)
    from .workspace_cross import merge_into

    merge_into(results)
    entries = {e.id: e for e in ws.entries()}
    for r in results:
        e = entries.get(r["id"])
        r.update(name=e.name if e else "", province=e.province if e else "", status=e.status if e else "")
    return results
