"""Filing numbers: 浙ICP备12345678号 (principal) and 浙ICP备12345678号-1 (site; -1A an APP,
-1X a mini program, -1K a quick app). icp-rules.md §9 [TXI-OVERVIEW] [HW-KB-APP]."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The serial is 8 or 10 digits in every number the sources show, but that is UNCERTAIN (§9): any
# 4 to 12 digits parse, and an unusual length is a warning of its own (filing_number.serial_length).
_NUMBER = re.compile(r"(?P<prefix>\w)ICP备(?P<serial>\d{4,12})号(?:-(?P<index>\d{1,4})(?P<kind>[AXK])?)?")
USUAL_SERIAL_LENGTHS = (8, 10)
KINDS = {"": "website", "A": "app", "X": "mini_program", "K": "quick_app"}


@dataclass(frozen=True)
class FilingNumber:
    prefix: str
    serial: str
    index: int | None = None
    kind: str = ""  # "", A, X, K

    @property
    def principal(self) -> str:
        return f"{self.prefix}ICP备{self.serial}号"

    @property
    def is_principal(self) -> bool:
        return self.index is None

    def __str__(self) -> str:
        return self.principal + (f"-{self.index}{self.kind}" if self.index is not None else "")


def normalise(text: str) -> str:
    """Footers insert spaces and full-width characters; ＩＣＰ备 is ICP备."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t).replace("icp", "ICP").replace("—", "-").replace("－", "-")


def parse(text: str) -> FilingNumber | None:
    if not isinstance(text, str) or len(text) > 80:
        return None
    m = _NUMBER.fullmatch(normalise(text))
    if not m:
        return None
    idx = m["index"]
    return FilingNumber(m["prefix"], m["serial"], int(idx) if idx else None, m["kind"] or "")
