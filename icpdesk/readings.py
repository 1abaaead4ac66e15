"""What OCR read on a scan, as the rules see it (issue 18): each field with its confidence and
the box it was read in. Plain data, no OCR library: the checks and the engine use it whether or
not `icpdesk[ocr]` is installed; icpdesk/ocr/ fills it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

# At or above this a read field is "confident": a mismatch with what was typed is a warning.
# Below it the scan only says it "could not read" the field (info), never more.
CONFIDENT = 0.85

Box = tuple[tuple[float, float], ...]  # the corners where the text was read, in pixels of the scan


@dataclass(frozen=True)
class ReadField:
    value: str
    confidence: float
    box: Box = ()

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "confidence": round(self.confidence, 3),
                "box": [[round(x, 1), round(y, 1)] for x, y in self.box]}


@dataclass
class Reading:
    """One scan: the extractor used (`kind`, a material kind), the document the text looks like
    (`document`: id_front, id_back, licence, domain_cert, unknown) and the fields, named as in
    the filing model (name, cert_number, cert_address, valid_until, legal_representative,
    domain, holder…)."""

    kind: str
    document: str
    fields: dict[str, ReadField] = field(default_factory=dict)
    lines: int = 0  # text lines the OCR found at all (0: nothing legible)
    error: str | None = None  # the scan could not be read (not an image, OCR failed)

    def get(self, name: str) -> ReadField | None:
        return self.fields.get(name)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "document": self.document, "lines": self.lines,
                               "fields": {k: v.to_dict() for k, v in self.fields.items()}}
        if self.error:
            out["error"] = self.error
        return out


class Line(NamedTuple):
    """One line of text as the OCR engine found it: what extraction reads documents from."""

    text: str
    confidence: float
    box: Box

    @property
    def left(self) -> float:
        return min(x for x, _ in self.box)

    @property
    def top(self) -> float:
        return min(y for _, y in self.box)

    @property
    def middle(self) -> float:
        return sum(y for _, y in self.box) / len(self.box)

    @property
    def height(self) -> float:
        return max(y for _, y in self.box) - self.top
