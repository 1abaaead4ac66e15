"""What every check sees: the filing, the rules in force for its province, the catalogues, the
plan data and today's date. Typed, so a check cannot read a field that is not there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogues import Catalogues, Term
from ..model import Filing
from ..readings import Reading
from ..rulebook import PlanData, Province


@dataclass
class Ctx:
    filing: Filing
    province: Province
    catalogues: Catalogues
    today: dt.date
    plan: PlanData
    base_dir: Path | None = None  # the filing file's folder: material paths are relative to it
    memo: dict[Any, Any] = field(default_factory=dict)  # per-run cache shared by checks
    readings: dict[int, Reading] | None = None  # what OCR read on materials[i] (issue 18), when asked for
    filled: dict[str, str] | None = None  # fields the user filled from a scan: path → the value written

    @property
    def is_unit(self) -> bool:
        e = self.catalogues["natures"].get(self.filing.principal.nature)
        return bool(e.get("unit")) if e else self.filing.principal.nature != "individual"

    def province_label(self) -> Term:
        """The filing's province as messages name it: 浙江 in Chinese, Zhejiang in English."""
        return self.catalogues.province_term(self.province.code)
