"""A package opened for review (the review window's): verified as hostile input, its scans
unpacked into a private folder, a returned package written from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import scratch
from ..reviews import ReviewRound
from .review import write_returned
from .safezip import Refused
from .verify import unpack_materials, verify_package


class OpenedPackage:
    """A package opened for review: verified as hostile input, its scans (when intact) unpacked
    into a private temporary folder (0700) that `close` removes; nothing is written elsewhere."""

    def __init__(self, path: Path, validator=None) -> None:
        self.path = Path(path)
        self.report = verify_package(self.path, validator=validator)  # Refused: not readable at all
        self.folder = scratch.make("review")  # 0700; a killed process's is swept at the next start
        self.scans: list[Path | None] = [None] * len(self.report.filing.materials if self.report.filing else [])
        if self.report.integrity == "ok" and self.report.filing is not None:
            self.scans = list(unpack_materials(self.path, self.report.filing, self.folder))

    def image_findings(self, index: int) -> list[dict]:
        """The export's verdict on the scan of materials[index] (the hashes vouch for the bytes)."""
        m = self.report.manifest
        images = m.images if m else []
        return list(images[index].get("findings", [])) if index < len(images) else []

    def write_returned(self, out: Path, round_: ReviewRound) -> Path:
        if self.report.integrity != "ok" or self.report.manifest is None:
            raise Refused("包已被改动，不能在上面审阅 / the package was altered; ask for a new export")
        rounds = [*self.report.reviews, round_]
        write_returned(self.path, out, rounds, self.report.manifest.digest)
        self.report.reviews, self.report.returned = rounds, True  # a report made now shows this round
        return out

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
