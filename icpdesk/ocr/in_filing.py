"""OCR of a filing's scans, and what the readings could fill in (issue 18).

Readings are kept per file content (sha256 of the bytes and the material kind) in this process's
memory, so a scan read after a drop is not read again at the next validation; nothing read is
written anywhere (the text of an ID card is personal data)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ..fieldpaths import get
from ..images.verdicts import content_hash
from ..model import Filing
from ..readings import Reading
from ..rulebook import Rulebook
from .extract import OCR_KINDS
from .worker import read_isolated

_memory: dict[tuple[str, str], Reading] = {}
_lock = threading.Lock()


def read_cached(path: Path, kind: str | None) -> Reading:
    digest = content_hash(path)
    key = (digest or "", kind or "")
    with _lock:
        hit = _memory.get(key) if digest else None
    if hit is not None:
        return hit
    reading = read_isolated(path, kind)  # a crash or hang of the native reader costs its process only
    if digest and not reading.error:
        with _lock:
            if len(_memory) > 512:
                _memory.clear()
            _memory[key] = reading
    return reading


def read_checked(paths: list[Path], kinds: list[str | None]) -> list[Reading]:
    """Readings of files that the image checks decoded first, in their worker processes with
    their memory and time limits (verdicts cached by content): a hostile file never reaches
    the OCR's decoder in this process."""
    from ..images.batch import check_many
    from ..images.verdicts import shared_cache

    out = []
    for path, kind, report in zip(paths, kinds, check_many(paths, kinds=kinds, cache=shared_cache()), strict=False):
        if report.width is None:
            why = report.findings[0].message_en if report.findings else "not an image"
            out.append(Reading(kind or "", "unknown", error=why))
        else:
            out.append(read_cached(path, kind or ""))
    return out


def read_materials(filing: Filing, base: Path) -> dict[int, Reading]:
    """Readings of the materials OCR knows how to read (ID cards, licence, domain certificates)."""
    todo = [(i, m) for i, m in enumerate(filing.materials) if m.kind in OCR_KINDS]
    read = read_checked([base / m.path for _, m in todo], [m.kind for _, m in todo])
    return {i: r for (i, _), r in zip(todo, read, strict=True)}


@dataclass(frozen=True)
class Fill:
    """A filing field that is empty and that a scan read with confidence."""

    path: str
    value: str
    material: int
    field: str  # the reading's field name
    confidence: float


def fills(filing: Filing, readings: dict[int, Reading], rulebook: Rulebook) -> list[Fill]:
    """The empty fields the readings can fill, by the same rules that compare them
    (ocr_mismatch for values, ocr_validity for the expiry date): one per path, most confident."""
    from ..checks.ocr import target
    from ..engine import Validator

    ctx = Validator(rulebook).context(filing)
    best: dict[str, Fill] = {}
    for rule in rulebook.province(filing.principal.region.province).rules:
        if rule.check not in ("ocr_mismatch", "ocr_validity") or rule.params.get("compare") == "member":
            continue
        if rule.check == "ocr_validity" and rule.params.get("aspect") != "expired":
            continue  # one validity rule per document is enough to know the field
        for i, reading in readings.items():
            read = reading.get(rule.params.get("field", "valid_until"))
            if reading.document != rule.params["document"] or read is None or not read.confident:
                continue
            at = target(ctx, filing.materials[i], rule.params["target"])
            if filing.principal.nature == "individual":
                at = _PERSON_IS_PRINCIPAL.get(at, at)
            if get(filing, at) not in (None, "") or not _settable(filing, at):
                continue
            if at not in best or best[at].confidence < read.confidence:
                best[at] = Fill(at, read.value, i, rule.params.get("field", "valid_until"), read.confidence)
    return list(best.values())


# An individual's leader is the principal: the card fills the principal, and the automatic
# values copy it to the leader (whose fields the form locks), never the leader alone
_PERSON_IS_PRINCIPAL = {"principal.leader.name": "principal.name",
                        "principal.leader.cert_number": "principal.cert_number",
                        "principal.leader.cert_type": "principal.cert_type"}


def _settable(filing: Filing, path: str) -> bool:
    parent, _, name = path.rpartition(".")
    owner = get(filing, parent) if parent else filing
    return owner is not None and name in type(owner).model_fields
