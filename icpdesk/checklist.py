"""The materials checklist for `icpdesk plan` and the wizard (the data and its conditions are
in icpdesk/checks/materials.py, where the validator reads them too)."""

from __future__ import annotations

from .checks.materials import CONDITIONS, Needed, checklist_for
from .engine import Validator
from .model import Filing

__all__ = ["CONDITIONS", "Needed", "checklist", "checklist_for"]


def checklist(filing: Filing, validator: Validator | None = None) -> list[Needed]:
    validator = validator or Validator()
    return checklist_for(validator.context(filing))
