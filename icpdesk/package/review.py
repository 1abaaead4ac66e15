"""Reviews in packages: review.json of a returned package read as untrusted input, and the
returned package written (every member of the package as received, plus review.json). The
review model itself is icpdesk/reviews.py."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from pydantic import ValidationError

from ..atomic import atomic_file
from ..reviews import MAX_REVIEW_BYTES, REVIEW, ReviewFile, ReviewRound, review_digest, review_document
from ..yamlio import bad_text, load_json
from .layout import zip_entry
from .safezip import Refused, read_small, stream


def read_review(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[ReviewFile | None, str | None]:
    """review.json of a returned package: (the file, None) or (None, why it cannot be trusted)."""
    try:
        data = load_json(read_small(zf, info, MAX_REVIEW_BYTES).decode("utf-8"))
    except Refused as e:
        return None, str(e)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "review.json 无法解析 / review.json is unreadable"
    if bad_text(data) is not None:
        return None, "review.json 含无效字符 / invalid text in review.json"
    try:
        review = ReviewFile.model_validate(data)
    except ValidationError:
        return None, "review.json 结构不对 / review.json does not fit its schema"
    if review.digest != review_digest(data):
        return None, "review.json 被改动（摘要不符）/ review.json was edited (digest mismatch)"
    return review, None


def write_returned(package: Path, out: Path, rounds: list[ReviewRound], manifest_digest_value: str) -> Path:
    """The package again, every member as it was (an earlier review.json replaced), plus
    review.json holding `rounds`. Call only on a package that verified intact."""
    from .safezip import open_checked

    zf, members = open_checked(package)
    data = json.dumps(review_document(rounds, manifest_digest_value), ensure_ascii=False, indent=2).encode()
    with zf, atomic_file(out, inputs=[package]) as raw, zipfile.ZipFile(raw, "w") as zout:
        for name, info in members.items():
            if name == REVIEW:
                continue
            entry = zip_entry(name, info.compress_type)
            with zout.open(entry, "w", force_zip64=info.file_size > 2**31) as dst:
                for chunk in stream(zf, info):
                    dst.write(chunk)
        zout.writestr(zip_entry(REVIEW, zipfile.ZIP_DEFLATED), data)
    return out



class OpenedPackage:
    """A package opened for review: verified as hostile input, its scans (when intact) unpacked
    into a private temporary folder (0700) that `close` removes; nothing is written elsewhere."""

    def __init__(self, path: Path, validator=None) -> None:
        from .. import scratch
        from .verify import unpack_materials, verify_package

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
