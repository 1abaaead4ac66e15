"""Offline OCR (issue 18): extraction from generated scans (icpdesk/sample_documents.py: made-up people and
companies, numbers that pass their check digits), the cross-checks as findings, the command line,
and that nothing reaches the network. Each generated document is read once per run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, enterprise_filing, individual_filing
from conftest import run_cli as run

from icpdesk import sample_documents as docgen
from icpdesk.engine import Validator
from icpdesk.fileio import save_filing
from icpdesk.ocr import OCR_KINDS, available, extract, fills, read_scan
from icpdesk.ocr.extract import repair
from icpdesk.ocr.reader import Line
from icpdesk.readings import CONFIDENT, ReadField, Reading

pytestmark = pytest.mark.skipif(not available(), reason="icpdesk[ocr] is not installed")

# the enterprise fixture's own data, drawn on its scans
LEADER, LEADER_ID = "李四", "330106198512124565"
UNIT, CODE, ADDRESS = "杭州示例科技有限公司", "91330106MA27X12344", "浙江省杭州市西湖区文三路100号"


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scans")
    return {
        "front": docgen.id_front(folder / "front.jpg", name=LEADER, sex="女", birth="1985年12月12日",
                                 number=LEADER_ID, address=ADDRESS),  # the number's 17th digit is even: 女
        "back": docgen.id_back(folder / "back.jpg", period="2016.05.01-2036.05.01"),
        "back_long": docgen.id_back(folder / "back_long.jpg", period="2016.05.01-长期", seed=7),
        "back_expired": docgen.id_back(folder / "back_expired.jpg", period="2006.05.01-2026.05.01", seed=8),
        "back_soon": docgen.id_back(folder / "back_soon.jpg", period="2007.01.20-2027.01.20", seed=9),
        "licence": docgen.licence(folder / "licence.jpg", code=CODE, name=UNIT, rep=LEADER, address=ADDRESS),
        "domain": docgen.domain_cert(folder / "domain.jpg", domain="example.cn", holder=UNIT),
        "blank": _blank(folder / "blank.jpg"),
    }


def _blank(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (1200, 800), (240, 240, 240)).save(path, "JPEG")
    return path


@pytest.fixture(scope="module")
def read(scans) -> dict[str, Reading]:
    kinds = {"front": "leader_id_front", "back": "leader_id_back", "back_long": "leader_id_back",
             "back_expired": "leader_id_back", "back_soon": "leader_id_back", "licence": "principal_cert",
             "domain": "domain_cert", "blank": "leader_id_front"}
    return {name: read_scan(path, kinds[name]) for name, path in scans.items()}


def values(r: Reading) -> dict[str, str]:
    return {k: v.value for k, v in r.fields.items()}


# --- extraction --------------------------------------------------------------------------------
def test_the_id_front_gives_exactly_the_number_that_was_drawn(read):
    r = read["front"]
    assert r.document == "id_front"
    assert values(r) == {"name": LEADER, "sex": "女", "birth_date": "1985-12-12", "cert_address": ADDRESS,
                         "cert_number": LEADER_ID}
    assert all(f.confident for f in r.fields.values())
    assert len(r.fields["cert_number"].box) == 4  # where it was read


def test_a_generated_id_front_with_an_x_check_digit(tmp_path):
    number = docgen.id_number("110105", "19920229", "004")
    assert number.endswith("X") or number[-1].isdigit()
    r = read_scan(docgen.id_front(tmp_path / "f.jpg", name="欧阳晨", number=number, angle=-3, seed=5),
                  "leader_id_front")
    assert values(r)["cert_number"] == number and values(r)["name"] == "欧阳晨"


def test_the_id_back_gives_the_validity_period_including_long_term(read):
    assert values(read["back"]) == {"issuing_authority": "杭州市公安局西湖分局", "valid_from": "2016-05-01",
                                    "valid_until": "2036-05-01"}
    assert values(read["back_long"])["valid_until"] == "长期"
    assert read["back"].document == "id_back"


def test_the_licence_gives_code_name_representative_address_and_validity(read):
    assert values(read["licence"]) == {"cert_number": CODE, "name": UNIT, "legal_representative": LEADER,
                                       "cert_address": ADDRESS, "valid_from": "2019-05-20", "valid_until": "长期"}


def test_the_domain_certificate_gives_domain_and_holder(read):
    assert values(read["domain"]) == {"domain": "example.cn", "holder": UNIT, "valid_until": "2029-06-30"}


def test_a_back_attached_as_the_front_is_recognised_and_reads_nothing_into_the_front(read, scans):
    r = read_scan(scans["back"], "leader_id_front")
    assert r.document == "id_back" and not r.fields


def _line(text: str, top: float = 0, left: float = 0, score: float = 0.99) -> Line:
    return Line(text, score, ((left, top), (left + 400, top), (left + 400, top + 40), (left, top + 40)))


def test_numbers_go_through_the_check_digits_and_a_misread_is_caught():
    good = LEADER_ID
    assert repair(good, lambda n: n == good) == (good, False)
    # an O read for a 0 is what OCR confuses: the number as printed
    r = extract([_line("公民身份号码"), _line("33O1O6198512124565", top=60)], "leader_id_front")
    assert r.fields["cert_number"].value == good and r.fields["cert_number"].confident
    # one digit misread: the check digit fails; never a confident number
    wrong = good[:10] + ("3" if good[10] != "3" else "4") + good[11:]
    r = extract([_line("公民身份号码"), _line(wrong, top=60)], "leader_id_front")
    got = r.fields["cert_number"]
    assert not got.confident
    assert got.value == good or got.value == wrong  # repaired only when exactly one close digit fits


def test_a_value_on_a_row_ends_at_the_next_label():
    # 性别 女 民族 汉 on one row: the sex is 女 at 女's own confidence, not joined with a doubtful 民族汉
    lines = [_line("性别", top=0, left=0), _line("女", top=0, left=150), _line("民族汉", top=0, left=400, score=0.6)]
    sex = extract(lines, "leader_id_front").fields["sex"]
    assert (sex.value, sex.confident) == ("女", True)
    # a label right after the label: no value on that row
    assert "sex" not in extract([_line("性别"), _line("民族汉", left=400)], "leader_id_front").fields


def test_sex_and_birth_date_come_from_the_number_when_the_print_is_missed():
    r = extract([_line("公民身份号码"), _line(LEADER_ID, top=60)], "leader_id_front")
    assert values(r) == {"cert_number": LEADER_ID, "sex": "女", "birth_date": "1985-12-12"}


def test_a_credit_code_keeps_its_letters():
    r = extract([_line("营业执照"), _line("统一社会信用代码 91330106MA2B3C4D5D", top=60)], "principal_cert")
    assert r.document == "licence" and r.fields["cert_number"].value == "91330106MA2B3C4D5D"


# --- cross-checks ------------------------------------------------------------------------------
def _readings(read, **by_kind: str) -> tuple:
    """The enterprise fixture with readings for its materials: kind → which generated scan."""
    f = enterprise_filing()
    out = {}
    for i, m in enumerate(f.materials):
        if m.kind in by_kind:
            out[i] = read[by_kind[m.kind]]
    return f, out


def _ocr_findings(f, readings) -> list:
    return [x for x in Validator(today=TODAY).validate(f, readings) if x.rule.startswith("ocr.")]


ALL = {"principal_cert": "licence", "leader_id_front": "front", "leader_id_back": "back", "domain_cert": "domain"}


def test_scans_that_agree_with_the_filing_give_no_finding(read):
    f, readings = _readings(read, **ALL)
    assert _ocr_findings(f, readings) == []
    assert not [x for x in Validator(today=TODAY).validate(f) if x.rule.startswith("ocr.")]  # no readings: silent


def test_a_typed_id_number_that_differs_from_the_scan_is_a_warning_with_both_values(read):
    f, readings = _readings(read, **ALL)
    f.principal.leader.cert_number = "330106198512124581"
    found = {x.rule: x for x in _ocr_findings(f, readings)}
    hit = found["ocr.id_front.cert_number.mismatch"]
    assert hit.severity == "warning" and hit.path == "principal.leader.cert_number"
    assert LEADER_ID in hit.message and "330106198512124581" in hit.message
    assert LEADER_ID in hit.message_en and "ID card front" in hit.message_en
    assert hit.source_title  # sourced like every rule


def test_the_licence_against_the_principal(read):
    f, readings = _readings(read, **ALL)
    f.principal.name = "杭州另一家科技有限公司"
    f.principal.legal_representative = "王五"
    found = {x.rule: x for x in _ocr_findings(f, readings)}
    assert found["ocr.licence.name.mismatch"].path == "principal.name"
    assert found["ocr.licence.legal_representative.mismatch"].path == "principal.legal_representative"
    assert found["ocr.domain_cert.holder.mismatch"].path == "principal.name"  # the holder is the licence's unit


def test_a_domain_certificate_for_another_domain(read):
    f, readings = _readings(read, **ALL)
    f.websites[0].domains = ["example.org"]
    hit = next(x for x in _ocr_findings(f, readings) if x.rule == "ocr.domain_cert.domain.mismatch")
    assert hit.path == "websites[0].domains" and "example.cn" in hit.message


def test_an_expired_or_soon_expiring_id_card(read):
    f, readings = _readings(read, **{**ALL, "leader_id_back": "back_expired"})
    hit = next(x for x in _ocr_findings(f, readings) if x.rule == "ocr.id_back.expired")
    assert hit.severity == "warning" and "2026-05-01" in hit.message and hit.path == "principal.leader.cert_expiry"
    f, readings = _readings(read, **{**ALL, "leader_id_back": "back_soon"})  # TODAY + < 60 days
    assert [x.rule for x in _ocr_findings(f, readings)] == ["ocr.id_back.expires_soon"]
    f, readings = _readings(read, **{**ALL, "leader_id_back": "back_long"})
    assert _ocr_findings(f, readings) == []  # 长期 never expires


def test_the_back_attached_as_the_front_or_another_document(read):
    f, readings = _readings(read, **{**ALL, "leader_id_front": "back", "leader_id_back": "front"})
    rules = {x.rule for x in _ocr_findings(f, readings)}
    assert {"ocr.id_front.wrong_side", "ocr.id_back.wrong_side"} <= rules
    f, readings = _readings(read, **{**ALL, "leader_id_front": "licence"})
    hit = next(x for x in _ocr_findings(f, readings) if x.rule == "ocr.leader_id_front.other_document")
    assert hit.path.startswith("materials[") and "营业执照" in hit.message


def test_an_unreadable_scan_or_a_doubtful_read_is_only_info(read):
    f, readings = _readings(read, **{**ALL, "leader_id_front": "blank"})
    found = _ocr_findings(f, readings)
    assert [(x.rule, x.severity) for x in found] == [("ocr.unreadable", "info")]
    doubtful = Reading("leader_id_front", "id_front", {"cert_number": ReadField("330106198512124581", 0.5)})
    f, readings = _readings(read, **ALL)
    index = next(i for i, m in enumerate(f.materials) if m.kind == "leader_id_front")
    found = _ocr_findings(f, {**readings, index: doubtful})
    assert [(x.rule, x.severity) for x in found] == [("ocr.id_front.cert_number.uncertain", "info")]
    assert CONFIDENT > 0.5


def test_a_personal_filing_compares_the_id_address_with_the_certificate_address(read):
    f = individual_filing()
    index = next(i for i, m in enumerate(f.materials) if m.kind == "leader_id_front")
    f.principal.cert_address = "浙江省宁波市海曙区中山西路1号"
    hit = next(x for x in _ocr_findings(f, {index: read["front"]}) if x.rule.startswith("ocr.id_front.principal"))
    assert hit.path == "principal.cert_address" and ADDRESS in hit.message


def test_empty_fields_the_scans_can_fill(read):
    f, readings = _readings(read, **ALL)
    f.principal.leader.name = ""
    f.principal.leader.cert_number = ""
    f.principal.leader.cert_expiry = None
    f.principal.legal_representative = None
    got = {x.path: x.value for x in fills(f, readings, Validator().rulebook)}
    assert got == {"principal.leader.name": LEADER, "principal.leader.cert_number": LEADER_ID,
                   "principal.leader.cert_expiry": "2036-05-01", "principal.legal_representative": LEADER,
                   "principal.cert_expiry": "长期"}  # the licence's 营业期限


# Every ocr rule fires on a reading made for it and stays silent on one that agrees (no OCR run:
# the readings are written out, as extraction is tested above). (rule, filing, material kind,
# document, fields read {name: (value, confidence)}, where it is reported, the agreeing fields).
OTHER_ID, OTHER_CODE, OTHER_PLACE = "330106198512124581", "91330106MA2B3C4D5D", "浙江省宁波市海曙区中山西路1号"
MATERIAL = "materials[{i}]"
CASES = [
    ("ocr.id_front.cert_number.mismatch", "enterprise", "leader_id_front", "id_front",
     {"cert_number": (OTHER_ID, .99)}, "principal.leader.cert_number", {"cert_number": (LEADER_ID, .99)}),
    ("ocr.id_front.name.mismatch", "enterprise", "leader_id_front", "id_front", {"name": ("王五", .99)},
     "principal.leader.name", {"name": (LEADER, .99)}),
    ("ocr.id_front.cert_address.mismatch", "enterprise", "principal_cert", "id_front",
     {"cert_address": (OTHER_PLACE, .99)}, "principal.cert_address", {"cert_address": (ADDRESS, .99)}),
    ("ocr.id_front.principal_address.mismatch", "individual", "leader_id_front", "id_front",
     {"cert_address": (OTHER_PLACE, .99)}, "principal.cert_address", {"cert_address": (ADDRESS, .99)}),
    ("ocr.licence.cert_number.mismatch", "enterprise", "principal_cert", "licence",
     {"cert_number": (OTHER_CODE, .99)}, "principal.cert_number", {"cert_number": (CODE, .99)}),
    ("ocr.licence.name.mismatch", "enterprise", "principal_cert", "licence", {"name": ("杭州别家有限公司", .99)},
     "principal.name", {"name": (UNIT, .99)}),
    ("ocr.licence.legal_representative.mismatch", "enterprise", "principal_cert", "licence",
     {"legal_representative": ("王五", .99)}, "principal.legal_representative",
     {"legal_representative": (LEADER, .99)}),
    ("ocr.licence.cert_address.mismatch", "enterprise", "principal_cert", "licence",
     {"cert_address": (OTHER_PLACE, .99)}, "principal.cert_address", {"cert_address": (ADDRESS + "。", .99)}),
    ("ocr.domain_cert.domain.mismatch", "enterprise", "domain_cert", "domain_cert", {"domain": ("example.org", .99)},
     "websites[0].domains", {"domain": ("EXAMPLE.cn", .99)}),
    ("ocr.domain_cert.holder.mismatch", "enterprise", "domain_cert", "domain_cert",
     {"holder": ("杭州别家有限公司", .99)}, "principal.name", {"holder": (UNIT, .99)}),
    *[(f"ocr.{doc}.{field}.uncertain", "enterprise", kind, doc, {field: (value, .5)}, at, {field: (value, .99)})
      for doc, kind, field, value, at in [
          ("id_front", "leader_id_front", "cert_number", LEADER_ID, "principal.leader.cert_number"),
          ("id_front", "leader_id_front", "name", LEADER, "principal.leader.name"),
          ("id_front", "principal_cert", "cert_address", ADDRESS, "principal.cert_address"),
          ("licence", "principal_cert", "cert_number", CODE, "principal.cert_number"),
          ("licence", "principal_cert", "name", UNIT, "principal.name"),
          ("licence", "principal_cert", "legal_representative", LEADER, "principal.legal_representative"),
          ("licence", "principal_cert", "cert_address", ADDRESS, "principal.cert_address"),
          ("domain_cert", "domain_cert", "holder", UNIT, "principal.name")]],
    ("ocr.id_back.expired", "enterprise", "leader_id_back", "id_back", {"valid_until": ("2026-01-01", .99)},
     "principal.leader.cert_expiry", {"valid_until": ("2036-01-01", .99)}),
    ("ocr.id_back.expires_soon", "enterprise", "leader_id_back", "id_back", {"valid_until": ("2026-12-31", .99)},
     "principal.leader.cert_expiry", {"valid_until": ("长期", .99)}),
    ("ocr.licence.expired", "enterprise", "principal_cert", "licence", {"valid_until": ("2025-11-22", .99)},
     "principal.cert_expiry", {"valid_until": ("2030-01-01", .99)}),
    ("ocr.licence.expires_soon", "enterprise", "principal_cert", "licence", {"valid_until": ("2027-01-01", .99)},
     "principal.cert_expiry", {"valid_until": ("2027-01-23", .99)}),  # 61 days after TODAY
    ("ocr.id_front.wrong_side", "enterprise", "leader_id_front", "id_back", {}, MATERIAL, None),
    ("ocr.id_back.wrong_side", "enterprise", "leader_id_back", "id_front", {}, MATERIAL, None),
    ("ocr.leader_id_front.other_document", "enterprise", "leader_id_front", "licence", {}, MATERIAL, None),
    ("ocr.leader_id_back.other_document", "enterprise", "leader_id_back", "domain_cert", {}, MATERIAL, None),
    ("ocr.principal_cert.other_document", "enterprise", "principal_cert", "id_front", {}, MATERIAL, None),
    ("ocr.domain_cert.other_document", "enterprise", "domain_cert", "licence", {}, MATERIAL, None),
    ("ocr.unreadable", "enterprise", "leader_id_front", "unknown", {}, MATERIAL, None),
]
_DOCUMENT_OF = {"leader_id_front": "id_front", "leader_id_back": "id_back", "principal_cert": "licence",
                "domain_cert": "domain_cert"}


def _case(make: str, kind: str, document: str, fields: dict) -> tuple:
    f = enterprise_filing() if make == "enterprise" else individual_filing()
    i = next(n for n, m in enumerate(f.materials) if m.kind == kind)
    read = {k: ReadField(v, c) for k, (v, c) in fields.items()}
    return f, i, {i: Reading(kind, document, read, lines=len(read))}


@pytest.mark.parametrize("rule,make,kind,document,fields,path,agreeing", CASES, ids=[c[0] for c in CASES])
def test_each_ocr_rule_fires_and_stays_silent(rule, make, kind, document, fields, path, agreeing):
    f, i, readings = _case(make, kind, document, fields)
    hits = [x for x in Validator(today=TODAY).validate(f, readings) if x.rule == rule]
    assert [x.path for x in hits] == [path.format(i=i)], [x.rule for x in _ocr_findings(f, readings)]
    assert all(x.severity in ("warning", "info") and x.source and "{" not in x.message + x.message_en for x in hits)
    good = (_DOCUMENT_OF[kind], agreeing or {}) if agreeing is not None else (_DOCUMENT_OF[kind], {})
    f, i, readings = _case(make, kind, *good)
    assert not _ocr_findings(f, readings), [x.rule for x in _ocr_findings(f, readings)]


def test_a_field_filled_from_a_scan_is_marked_until_it_is_edited():
    f = enterprise_filing()
    v = Validator(today=TODAY)
    marks = [x for x in v.validate(f, filled={"principal.leader.name": LEADER}) if x.rule == "ocr.filled"]
    assert [(x.path, x.severity) for x in marks] == [("principal.leader.name", "info")]
    f.principal.leader.name = "李思"
    assert not [x for x in v.validate(f, filled={"principal.leader.name": LEADER}) if x.rule == "ocr.filled"]


def test_every_ocr_rule_has_a_case():
    rules = {r.id for r in Validator().rulebook.all_rules() if r.id.startswith("ocr.")}
    assert rules == {c[0] for c in CASES} | {"ocr.filled"}


def test_every_ocr_kind_has_rules():
    rules = [r for r in Validator().rulebook.all_rules() if r.id.startswith("ocr.")]
    for kind in OCR_KINDS:
        assert any(kind in r.params.get("kinds", []) for r in rules), kind
    assert all(r.severity in ("warning", "info") for r in rules)  # a scan's reading is never an error


# --- the command line and the network ----------------------------------------------------------
def test_check_image_ocr_prints_what_was_read(scans, capsys):
    code, out, _ = run(["check-image", str(scans["front"]), "--kind", "leader_id_front", "--ocr", "--json"], capsys)
    row = json.loads(out)[0]
    assert row["ocr"]["kind"] == "leader_id_front" and row["ocr"]["document"] == "id_front"
    assert row["ocr"]["fields"]["cert_number"]["value"] == LEADER_ID
    assert 0 < row["ocr"]["fields"]["name"]["confidence"] <= 1
    code, out, _ = run(["check-image", str(scans["front"]), "--kind", "leader_id_front", "--ocr", "--lang", "en"],
                       capsys)
    assert f"cert_number (certificate number): {LEADER_ID}" in out and "ID card front" in out
    code, _, err = run(["check-image", str(scans["front"]), "--ocr"], capsys)
    assert code == 2 and "--kind" in err


def test_validate_ocr_adds_the_cross_checks(tmp_path, scans, capsys):
    f = enterprise_filing()
    f.principal.leader.cert_number = "330106198512124581"
    for m in f.materials:
        source = {"principal_cert": "licence", "leader_id_front": "front", "leader_id_back": "back",
                  "domain_cert": "domain"}.get(m.kind, "licence")
        (tmp_path / m.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / m.path).write_bytes(scans[source].read_bytes())
    save_filing(f, tmp_path / "f.icpdesk.yaml")
    args = ["validate", str(tmp_path / "f.icpdesk.yaml"), "--today", TODAY.isoformat(), "--json"]
    _, out, _ = run(args, capsys)
    assert not [x for x in json.loads(out)["findings"] if x["rule"].startswith("ocr.")]
    _, out, _ = run([*args, "--ocr"], capsys)
    rules = {x["rule"] for x in json.loads(out)["findings"]}
    assert "ocr.id_front.cert_number.mismatch" in rules


def test_without_the_extra_ocr_says_so_and_everything_else_works(tmp_path, scans, capsys, monkeypatch):
    import icpdesk.ocr as ocr_pkg

    monkeypatch.setattr(ocr_pkg, "available", lambda: False)
    code, _, err = run(["check-image", str(scans["front"]), "--kind", "leader_id_front", "--ocr"], capsys)
    assert code == 2 and "icpdesk[ocr]" in err
    code, _, _ = run(["check-image", str(scans["front"]), "--kind", "leader_id_front"], capsys)
    assert code in (0, 1)


def test_ocr_runs_with_the_network_blocked(scans):
    script = f"""
import socket
def refuse(*a, **k):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from icpdesk.ocr import read_scan
r = read_scan({str(scans['front'])!r}, "leader_id_front")
print(r.fields["cert_number"].value)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == LEADER_ID


# --- the reader process ------------------------------------------------------------------------
def test_a_reader_that_dies_on_a_scan_costs_that_reading_only(scans):
    import os
    import signal
    import threading
    import time

    from icpdesk.ocr.worker import OcrWorker

    worker = OcrWorker()
    try:
        def kill_when_busy() -> None:  # the first scan takes the model's load too: ~1 s
            deadline = time.monotonic() + 30
            while worker.pid is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)
            if worker.pid:
                os.kill(worker.pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_when_busy)
        killer.start()
        r = worker.read(scans["front"], "leader_id_front")
        killer.join()
        assert r.error and "reader stopped" in r.error and not r.fields  # "could not read", no traceback
        again = worker.read(scans["front"], "leader_id_front")  # a new reader process
        assert again.error is None and again.fields["cert_number"].value == LEADER_ID
    finally:
        worker.close()
    assert worker.pid is None


def test_a_reader_that_hangs_is_stopped_at_its_time_limit(scans):
    from icpdesk.ocr.worker import OcrWorker

    worker = OcrWorker(seconds=0.05)  # shorter than the model's load
    try:
        r = worker.read(scans["licence"], "principal_cert")
        assert r.error == "OCR failed: time-out" and worker.pid is None
        worker.seconds = 120
        assert worker.read(scans["licence"], "principal_cert").fields["cert_number"].value == CODE
    finally:
        worker.close()


def test_the_calling_process_never_loads_the_ocr_model(scans):
    """The window (or the command) reads through the reader process: onnxruntime stays out of it."""
    script = f"""
import sys
from pathlib import Path
from icpdesk.ocr import read_cached
r = read_cached(Path({str(scans['domain'])!r}), "domain_cert")
print(r.fields["domain"].value, "onnxruntime" in sys.modules, "rapidocr" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["example.cn", "False", "False"]


def test_an_idle_reader_ends_and_the_next_scan_starts_another(scans):
    import time

    from icpdesk.ocr.worker import OcrWorker

    worker = OcrWorker(idle=0.3)
    try:
        assert worker.read(scans["domain"], "domain_cert").fields["holder"].value == UNIT
        first = worker.pid
        time.sleep(1.0)
        assert worker.pid is None  # its memory went back to the system
        assert worker.read(scans["domain"], "domain_cert").fields["holder"].value == UNIT
        assert worker.pid not in (None, first)
    finally:
        worker.close()
