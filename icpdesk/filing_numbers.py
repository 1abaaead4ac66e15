"""Filing numbers: 浙ICP备12345678号 (principal) and 浙ICP备12345678号-1 (site; -1A an APP,
-1X a mini program, -1K a quick app). icp-rules.md §9 [TXI-OVERVIEW] [HW-KB-APP]."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(r"(?P<prefix>\w)ICP备(?P<serial>\d{8}|\d{10})号(?:-(?P<index>\d{1,4})(?P<kind>[AXK])?)?")
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
