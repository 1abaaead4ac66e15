"""From OCR lines to the filing's fields: which document a scan is, and what it says.

Labels are found with the spaces squeezed out (营业执照 prints 名　　称); a value is the rest of
the label's line, else the text to its right on the same row, and an address takes the lines
below it that start in its column. Every number goes through the same check digits as a typed
one (GB 11643 for ID numbers, GB 32100 for credit codes): a number that fails is tried with the
characters OCR confuses (O/0, I/1, S/5, B/8…) and then with one visually close digit changed;
only a single valid alternative is taken, with a lower confidence, and a number that stays
invalid is returned below the confidence line, so it can only ever say "could not read".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from stdnum.cn import ric, uscc

from ..readings import Line, ReadField, Reading

# material kind → the documents its scan may be (the first is the expected one)
OCR_KINDS: dict[str, tuple[str, ...]] = {
    "leader_id_front": ("id_front",),
    "leader_id_back": ("id_back",),
    "principal_cert": ("licence", "id_front"),  # a unit's licence; an individual's ID card
    "domain_cert": ("domain_cert",),
}

_MARKS = {  # words only that document prints
    "id_front": ("公民身份号码", "公民身份号", "身份号码"),
    "id_back": ("签发机关", "有效期限", "居民身份证"),
    "licence": ("统一社会信用代码", "营业执照", "法定代表人", "经营范围"),
    "domain_cert": ("域名注册证书", "域名证书", "域名持有者", "注册商"),
}
_WEAK = {"id_front": ("姓名", "住址", "出生", "民族"), "domain_cert": ("域名", "持有者", "所有者", "注册者")}

_USCC_CONFUSED = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "i": "1", "S": "5", "s": "5",
                                "Z": "2", "z": "2", "V": "U", "：": ":"})  # letters a credit code never has
_CONFUSED = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "U": "0", "I": "1", "l": "1", "|": "1",
                           "i": "1", "L": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6",
                           "b": "6", "g": "9", "q": "9", "T": "7", "x": "X", "×": "X", "Ⅹ": "X",
                           "（": "(", "）": ")", "：": ":"})
_CLOSE_DIGITS = {"0": "689", "1": "74", "2": "7", "3": "85", "4": "1", "5": "63", "6": "508", "7": "12",
                 "8": "0369", "9": "08", "X": "K"}
# A number one close digit away from the only valid one: shown as a suggestion to compare,
# never confident enough to fill a field or to call the typed number wrong.
REPAIRED = 0.8


def squash(text: str) -> str:
    return re.sub(r"[\s\u3000:：]", "", text)


def classify(lines: list[Line]) -> str:
    """The document the text looks like; "unknown" when no marks of any are there."""
    text = "".join(squash(ln.text) for ln in lines)
    scores = {doc: 3 * sum(m in text for m in marks) + sum(m in text for m in _WEAK.get(doc, ()))
              for doc, marks in _MARKS.items()}
    if re.search(r"(?<![0-9A-Z])\d{17}[\dXx](?![0-9A-Z])", text.translate(_CONFUSED)):
        scores["id_front"] += 2
    best = max(scores, key=lambda d: scores[d])
    return best if scores[best] >= 3 else "unknown"


# --- numbers -----------------------------------------------------------------------------------
def _candidates(text: str, alphabet: str, length: int, confused: dict[int, str]) -> list[str]:
    raw = re.sub(r"[\s\-]", "", text).translate(confused).upper()
    return re.findall(rf"(?<![{alphabet}])[{alphabet}]{{{length}}}(?![{alphabet}])", raw)


def repair(number: str, valid: Callable[[str], bool]) -> tuple[str, bool] | None:
    """(number, repaired) when it or exactly one close alternative passes `valid`; else None."""
    if valid(number):
        return number, False
    found = {number[:i] + alt + number[i + 1:] for i, ch in enumerate(number)
             for alt in _CLOSE_DIGITS.get(ch, "") if valid(number[:i] + alt + number[i + 1:])}
    return (found.pop(), True) if len(found) == 1 else None


def _valid_id(n: str) -> bool:
    try:
        return ric.is_valid(n)
    except (KeyError, ValueError):  # stdnum's table lacks a county for some prefecture codes
        return False


def _valid_uscc(n: str) -> bool:
    try:
        return uscc.is_valid(n)
    except (KeyError, ValueError):
        return False


def _number(lines: Iterable[Line], alphabet: str, valid: Callable[[str], bool],
            confused: dict[int, str]) -> ReadField | None:
    """The first check-digit-valid number of 18 characters on the lines (repaired if need be);
    else the first one seen, with a confidence that can only say "could not read"."""
    first: ReadField | None = None
    for ln in lines:
        for cand in _candidates(ln.text, alphabet, 18, confused):
            fixed = repair(cand, valid)
            if fixed is not None:
                value, repaired = fixed
                return ReadField(value, min(ln.confidence, REPAIRED) if repaired else ln.confidence, ln.box)
            first = first or ReadField(cand, min(ln.confidence, 0.5), ln.box)
    return first


# --- labels and values -------------------------------------------------------------------------
def _values_of(lines: list[Line], labels: tuple[str, ...]) -> Iterator[tuple[str, float, Line]]:
    """Each place a label opens a line: the text after it on its line, else the text right of
    it on the same row (best first: the caller takes the first that makes a value)."""
    for i, ln in enumerate(lines):
        flat = squash(ln.text)
        for label in labels:
            at = flat.find(label)
            if at < 0 or at > 2:  # a label opens its line ("住址" not inside another value)
                continue
            rest = flat[at + len(label):]
            if rest:
                yield rest, ln.confidence, ln
            row = sorted((o for j, o in enumerate(lines) if j != i and o.left > ln.left
                          and abs(o.middle - ln.middle) < max(ln.height, o.height) * 0.6), key=lambda o: o.left)
            # the value runs up to the next label on the row (性别 女 民族 汉: 女 alone, at 女's confidence)
            ends = [k for k, o in enumerate(row) if _opens_with_label(o.text)]
            row = row[:ends[0]] if ends else row
            if row:
                yield "".join(squash(o.text) for o in row), min(o.confidence for o in row), row[0]


def _opens_with_label(text: str) -> bool:
    return squash(text).startswith(ALL_LABELS)


def _value_of(lines: list[Line], labels: tuple[str, ...],
              clean: Callable[[str], str] = str.strip) -> tuple[str, float, Line] | None:
    for text, conf, line in _values_of(lines, labels):
        value = clean(text)
        if value:
            return value, conf, line
    return None


def _field(lines: list[Line], labels: tuple[str, ...], clean: Callable[[str], str] = str.strip) -> ReadField | None:
    found = _value_of(lines, labels, clean)
    return ReadField(found[0], found[1], found[2].box) if found else None


ALL_LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码", "签发机关", "有效期限", "名称", "类型",
              "法定代表人", "负责人", "经营者", "经营范围", "注册资本", "成立日期", "营业期限", "住所", "经营场所",
              "统一社会信用代码", "登记机关", "域名", "持有者", "所有者", "注册者", "注册日期", "到期日期")


def _address(lines: list[Line], labels: tuple[str, ...]) -> ReadField | None:
    """An address and the lines below it that begin in its column (addresses wrap)."""
    found = _value_of(lines, labels)
    if found is None:
        return None
    text, conf, first = found
    parts, last = [text], first
    labelled = [ln for ln in lines if _opens_with_label(ln.text)]
    for ln in lines:
        if ln.top > first.top + first.height and any(
                abs(lab.middle - ln.middle) < lab.height * 0.6 for lab in labelled if lab is not ln):
            break  # the next labelled row: the address ended
        if ln.top <= last.top or ln.top - (last.top + last.height) > last.height * 0.9:
            continue
        if abs(ln.left - first.left) > first.height * 1.5 or _opens_with_label(ln.text):
            continue
        if re.fullmatch(r"[\dXx\s]{15,}", ln.text):  # the ID number under the address
            break
        parts.append(squash(ln.text))
        conf, last = min(conf, ln.confidence), ln
    return ReadField("".join(parts), conf, first.box)


_DATE = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})")
PERMANENT = "长期"


def iso(text: str) -> str | None:
    m = _DATE.search(text.translate(_CONFUSED))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _period(field: ReadField | None) -> tuple[ReadField | None, ReadField | None]:
    """(valid_from, valid_until) of 2015.03.01-2035.03.01, 2015年1月1日至长期, 长期."""
    if field is None:
        return None, None
    text = field.value.translate(_CONFUSED)
    dates = [iso(m.group(0)) for m in _DATE.finditer(text)]
    start = ReadField(dates[0], field.confidence, field.box) if dates and dates[0] else None
    if re.search(r"长期|永久|long", text):
        return start, ReadField(PERMANENT, field.confidence, field.box)
    if len(dates) >= 2 and dates[1]:
        return start, ReadField(dates[1], field.confidence, field.box)
    return start, None


def _name(text: str) -> str:
    m = re.match(r"[\u4e00-\u9fff·•]{2,12}", text)
    return m.group(0).replace("•", "·") if m else ""


# --- the documents -----------------------------------------------------------------------------
def _id_front(lines: list[Line]) -> dict[str, ReadField | None]:
    sex = _field(lines, ("性别",), lambda t: t[:1] if t[:1] in "男女" else "")
    birth = _field(lines, ("出生",), lambda t: iso(t) or "")
    number = _number(lines, "0-9X", _valid_id, _CONFUSED)
    if number is not None and number.confident:  # the number holds both (GB 11643): a lone 男 is easily missed
        n = number.value
        sex = sex or ReadField("男" if int(n[16]) % 2 else "女", number.confidence, number.box)
        birth = birth or ReadField(f"{n[6:10]}-{n[10:12]}-{n[12:14]}", number.confidence, number.box)
    return {"name": _field(lines, ("姓名",), _name), "sex": sex, "birth_date": birth,
            "cert_address": _address(lines, ("住址",)), "cert_number": number}


def _id_back(lines: list[Line]) -> dict[str, ReadField | None]:
    start, until = _period(_field(lines, ("有效期限", "有效期")))
    return {"issuing_authority": _field(lines, ("签发机关",)), "valid_from": start, "valid_until": until}


def _licence(lines: list[Line]) -> dict[str, ReadField | None]:
    code_lines = [ln for ln in lines if "代码" in ln.text or re.search(r"[0-9A-Z]{18}", ln.text.upper())]
    start, until = _period(_field(lines, ("营业期限", "经营期限")))
    return {"cert_number": _number(code_lines or lines, "0-9A-HJ-NP-RTUW-Y", _valid_uscc, _USCC_CONFUSED),
            "name": _field(lines, ("名称",)), "legal_representative": _field(lines, ("法定代表人", "负责人", "经营者"),
                                                                              _name),
            "cert_address": _address(lines, ("住所", "经营场所", "主要经营场所")), "valid_from": start,
            "valid_until": until}


_DOMAIN = re.compile(r"(?:[a-z0-9\u4e00-\u9fff](?:[a-z0-9\u4e00-\u9fff-]{0,61}[a-z0-9\u4e00-\u9fff])?\.)+"
                     r"(?:[a-z]{2,24}|[\u4e00-\u9fff]{2,6})", re.IGNORECASE)


def _domain_cert(lines: list[Line]) -> dict[str, ReadField | None]:
    domain = _field(lines, ("域名",), lambda t: (m.group(0).lower() if (m := _DOMAIN.search(t)) else ""))
    if domain is None:  # the domain printed large on a line of its own
        for ln in lines:
            m = _DOMAIN.fullmatch(re.sub(r"^[\u4e00-\u9fff]*[:：]?", "", squash(ln.text)))
            if m:
                domain = ReadField(m.group(0).lower(), ln.confidence, ln.box)
                break
    holder = _field(lines, ("域名持有者", "持有者", "所有者", "注册者", "注册人"))
    return {"domain": domain, "holder": holder,
            "valid_until": _field(lines, ("到期日期", "到期时间", "有效期至"), lambda t: iso(t) or "")}


_EXTRACTORS = {"id_front": _id_front, "id_back": _id_back, "licence": _licence, "domain_cert": _domain_cert}


def extract(lines: list[Line], kind: str | None) -> Reading:
    """The fields of the document the lines show. The extractor is the one of the document the
    text looks like when the material kind allows it, else the kind's own (so a back attached
    as a front says `document: id_back` and reads nothing into the front's fields)."""
    document = classify(lines)
    expected = OCR_KINDS.get(kind or "", ())
    use = document if document in expected else (expected[0] if expected else document)
    fields: dict[str, ReadField] = {}
    if use in _EXTRACTORS and (document == use or document == "unknown"):
        fields = {k: v for k, v in _EXTRACTORS[use](lines).items() if v is not None and v.value}
    return Reading(kind or "", document, fields, lines=len(lines))
