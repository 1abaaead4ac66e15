"""What a scan says against what was typed (issue 18). The readings come from icpdesk/ocr (the
`validate --ocr` command, the app after a drop); without them these checks find nothing.

A rule names the document, the field read and the filing field it is compared with, as a path
template: `{person}` is the person the scan shows (the leader of the material's owner for the
leader's ID card; the principal for the principal's certificate), `{owner}` the material's owner.
A read field below readings.CONFIDENT never calls a typed value wrong: it says "could not read".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Literal

from ..fieldpaths import get
from ..readings import Reading
from .base import Ctx, Hit, NoParams, Params, Term, check

_LEADER_KINDS = ("leader_id_front", "leader_id_back")


_MATERIAL = re.compile(r"materials\[(\d+)\]")


def _reading(ctx: Ctx, path: str) -> tuple[Reading, Any] | None:
    if not ctx.readings:  # the usual case: nothing was read (every keystroke asks)
        return None
    m = _MATERIAL.fullmatch(path)
    if not m:
        return None
    i = int(m.group(1))
    reading = ctx.readings.get(i)
    if reading is None or i >= len(ctx.filing.materials):
        return None
    return reading, ctx.filing.materials[i]


def _field_read(ctx: Ctx, path: str, document: str, field: str, *, confident: bool,
                owner: str | None = None) -> tuple[Reading, Any, Any] | None:
    """(reading, material, read field) when the scan at `path` is `document` and its `field` was
    read with (or, confident=False, without) confidence; for scans of `owner` only, if given."""
    found = _reading(ctx, path)
    if found is None:
        return None
    reading, material = found
    read = reading.get(field)
    if reading.document != document or read is None or read.confident != confident:
        return None
    if owner and (material.for_ or "principal") != owner:
        return None
    return reading, material, read


def person_path(ctx: Ctx, material: Any) -> str:
    """The filing's record of the person or unit a scan shows."""
    owner = material.for_ or "principal"
    if material.kind not in _LEADER_KINDS:
        return "principal"
    if owner != "principal" and get(ctx.filing, f"{owner}.leader") is not None:
        return f"{owner}.leader"
    return "principal.leader"  # a site without its own leader is run by the principal's


def target(ctx: Ctx, material: Any, template: str) -> str:
    return template.format(person=person_path(ctx, material), owner=material.for_ or "principal")


def document_term(ctx: Ctx, document: str) -> Term:
    return ctx.catalogues["ocr_documents"].term(document)


def _norm(text: str) -> str:
    """Compared as a reader compares: full-width as half-width, no spaces or punctuation, upper case."""
    flat = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s·•.,，。、:：;；()（）\-—]", "", flat).upper()


def same(kind: str, typed: str, read: str) -> bool:
    a, b = _norm(typed), _norm(read)
    if kind == "address":  # OCR may lose or add a character at a line's end
        return a == b or (len(a) >= 6 and len(b) >= 6 and (a in b or b in a))
    return a == b


class ReadParams(Params):
    document: str  # the document whose field is read (id_front, id_back, licence, domain_cert)
    field: str  # the field as the reading names it
    target: str  # the filing field, as a template: {person}.cert_number, principal.name, {owner}.domains
    compare: Literal["exact", "name", "address", "member"] = "exact"
    owner: str | None = None  # only scans attached for this owner (principal)


@check("ocr_mismatch", ReadParams, returns=("typed", "read", "document", "confidence"), needs="readings")
def ocr_mismatch(ctx: Ctx, path: str, value: Any, params: ReadParams) -> list[Hit]:
    """The scan, read with confidence, says something else than the filing field."""
    found = _field_read(ctx, path, params.document, params.field, confident=True, owner=params.owner)
    if found is None:
        return []
    reading, material, read = found
    at = target(ctx, material, params.target)
    typed = get(ctx.filing, at)
    if typed in (None, "", []):
        return []  # empty: the app offers to fill it from the scan
    if params.compare == "member":
        wanted = read.value.lower().rstrip(".")
        if wanted in [str(d).strip().lower().rstrip(".") for d in typed]:
            return []
        typed = "、".join(str(d) for d in typed)
    elif same(params.compare, str(typed), read.value):
        return []
    return [{"path": at, "typed": str(typed)[:80], "read": read.value[:80],
             "document": document_term(ctx, reading.document), "confidence": f"{read.confidence:.0%}"}]


class UncertainParams(Params):
    document: str
    field: str
    target: str
    owner: str | None = None


@check("ocr_uncertain", UncertainParams, returns=("read", "document", "confidence"), needs="readings")
def ocr_uncertain(ctx: Ctx, path: str, value: Any, params: UncertainParams) -> list[Hit]:
    """A field the scan shows but OCR could not read with confidence: the user compares."""
    found = _field_read(ctx, path, params.document, params.field, confident=False, owner=params.owner)
    if found is None:
        return []
    reading, material, read = found
    return [{"path": target(ctx, material, params.target), "read": read.value[:80],
             "document": document_term(ctx, reading.document), "confidence": f"{read.confidence:.0%}"}]


class ValidityParams(Params):
    document: str
    field: str = "valid_until"
    target: str
    aspect: Literal["expired", "soon"]
    days: int = 60


@check("ocr_validity", ValidityParams, returns=("date", "days", "document"), needs="readings")
def ocr_validity(ctx: Ctx, path: str, value: Any, params: ValidityParams) -> list[Hit]:
    """The validity printed on the scan has ended, or ends within `days`."""
    found = _field_read(ctx, path, params.document, params.field, confident=True)
    if found is None:
        return []
    reading, material, read = found
    try:
        until = dt.date.fromisoformat(read.value)
    except ValueError:
        return []  # 长期, or no date
    left = (until - ctx.today).days
    hit = {"path": target(ctx, material, params.target), "date": until.isoformat(), "days": params.days,
           "document": document_term(ctx, reading.document)}
    if params.aspect == "expired" and left < 0:
        return [hit]
    if params.aspect == "soon" and 0 <= left < params.days:
        return [hit]
    return []


class DocumentParams(Params):
    kinds: list[str]  # material kinds this rule looks at
    expected: list[str]  # the documents a scan of those kinds may be
    aspect: Literal["wrong_side", "other"]


@check("ocr_document", DocumentParams, returns=("document", "expected"), needs="readings")
def ocr_document(ctx: Ctx, path: str, value: Any, params: DocumentParams) -> list[Hit]:
    """The scan attached as one document is another: the ID card's other side, or something else."""
    found = _reading(ctx, path)
    if found is None:
        return []
    reading, material = found
    if material.kind not in params.kinds or reading.document in params.expected or reading.document == "unknown":
        return []
    sides = {"id_front", "id_back"}
    wrong_side = reading.document in sides and set(params.expected) <= sides
    if (params.aspect == "wrong_side") != wrong_side:
        return []
    docs = ctx.catalogues["ocr_documents"]
    expected = Term.listing([docs.term(d) for d in params.expected])
    return [{"document": docs.term(reading.document), "expected": expected}]


class UnreadParams(Params):
    kinds: list[str]


@check("ocr_unread", UnreadParams, returns=("why",), needs="readings")
def ocr_unread(ctx: Ctx, path: str, value: Any, params: UnreadParams) -> list[Hit]:
    """A scan OCR could not read at all: nothing could be compared (never more than info)."""
    found = _reading(ctx, path)
    if found is None:
        return []
    reading, material = found
    if material.kind not in params.kinds:
        return []
    if reading.error:
        return [{"why": Term(f"无法读取：{reading.error}", f"unreadable: {reading.error}")}]
    if reading.document == "unknown" and not any(f.confident for f in reading.fields.values()):
        return [{"why": Term("没有认出证件上的文字", "no text of the document was recognised")}]
    return []


@check("ocr_filled", NoParams, returns=("value",), needs="filled")
def ocr_filled(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    """A field filled from a scan, until the user edits it: read by a machine, to be compared."""
    return [{"path": at, "value": written[:80]} for at, written in (ctx.filled or {}).items()
            if str(get(ctx.filing, at) or "") == written]
