"""Review of packages on the command line and in the core (issue 15): a returned package keeps
every original member byte for byte and adds review.json; verify accepts it and reads the
history; the preparer imports it with the comments; a re-export carries what was resolved;
the report renders (HTML and PDF with the comments)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY
from conftest import run_cli as run
from packages import filing_on_disk

from icpdesk.cli import main
from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.package.export import export_filing
from icpdesk.package.verify import verify_package
from icpdesk.workspace import Workspace

DAY = TODAY.isoformat()


@pytest.fixture()
def package(tmp_path) -> Path:
    src = filing_on_disk(tmp_path)
    pkg = tmp_path / "p.zip"
    assert main(["export", str(src), "-o", str(pkg), "--today", DAY]) == 0
    return pkg


def _return(pkg: Path, out: Path, capsys, *comments: tuple[str, str], decision="return", reviewer="王审"):
    args = ["review", str(pkg), "--decision", decision, "--reviewer", reviewer, "-o", str(out), "--today", DAY]
    for path, text in comments:
        args += ["--comment", path, text]
    return run(args, capsys)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_returned_package_keeps_every_member_and_verifies(tmp_path, capsys, package):
    out = tmp_path / "returned.zip"
    code, text, _ = _return(package, out, capsys, ("principal.leader.phone1", "号码打不通"),
                            ("websites[0].name", "名称与内容不符"))
    assert code == 1 and "退回" in text and "主体负责人的联系方式1" in text
    before, after = _members(package), _members(out)
    assert set(after) == set(before) | {"review.json"}
    assert all(after[n] == before[n] for n in before)  # byte for byte
    review = json.loads(after["review.json"])
    assert review["format"] == "icpdesk/review@1" and len(review["rounds"]) == 1
    report = verify_package(out, validator=Validator(today=TODAY))
    assert report.integrity == "ok" and report.returned and report.reviews[0].reviewer == "王审"
    code, text, _ = run(["review", str(out), "--json", "--today", DAY], capsys)
    data = json.loads(text)
    assert code == 1 and data["integrity"] == "ok"
    assert data["reviews"][0]["decision"] == "return"
    assert [c["path"] for c in data["reviews"][0]["comments"]] == ["principal.leader.phone1", "websites[0].name"]
    assert set(data["reviews"][0]["comments"][0]) == {"path", "verdict", "text", "resolved", "answer"}


def test_an_approved_package_exits_0_and_a_second_round_keeps_the_first(tmp_path, capsys, package):
    first, second = tmp_path / "r1.zip", tmp_path / "r2.zip"
    _return(package, first, capsys, ("principal.name", "请核对名称"))
    code, _, _ = _return(first, second, capsys, decision="approve", reviewer="李主管")
    assert code == 0
    data = json.loads(run(["review", str(second), "--json", "--today", DAY], capsys)[1])
    assert [r["reviewer"] for r in data["reviews"]] == ["李主管", "王审"]  # newest first


@pytest.mark.parametrize("edit", ["review", "other-package"])
def test_an_edited_or_foreign_review_is_an_integrity_problem(tmp_path, capsys, package, edit):
    out = tmp_path / "returned.zip"
    _return(package, out, capsys, ("principal.name", "请核对"))
    members = _members(out)
    review = json.loads(members["review.json"])
    if edit == "review":
        review["rounds"][0]["decision"] = "approve"  # digest not recomputed
    else:
        from icpdesk.reviews import review_digest

        review["package_digest"] = "0" * 64
        review["digest"] = review_digest(review)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, json.dumps(review) if name == "review.json" else data)
    code, text, _ = run(["review", str(bad), "--today", DAY], capsys)
    assert code == 1 and "review.json" in text and "没有发现问题" not in text


def test_scripted_review_refuses_unknown_fields_and_altered_packages(tmp_path, capsys, package):
    code, _, err = _return(package, tmp_path / "x.zip", capsys, ("principal.nope", "?"))
    assert code == 2 and "principal.nope" in err and not (tmp_path / "x.zip").exists()
    code, _, err = _return(package, tmp_path / "x.zip", capsys, ("websites[7].name", "?"))
    assert code == 2 and "websites[7]" in err
    code, _, err = run(["review", str(package), "--decision", "return", "-o", str(tmp_path / "x.zip")], capsys)
    assert code == 2 and "--reviewer" in err
    tampered = tmp_path / "t.zip"
    members = _members(package)
    name = next(n for n in members if n.startswith("materials/"))
    members[name] = members[name][:-10] + b"0123456789"
    with zipfile.ZipFile(tampered, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    code, _, err = _return(tampered, tmp_path / "x.zip", capsys, ("principal.name", "?"))
    assert code == 2 and "改动" in err and not (tmp_path / "x.zip").exists()


def test_the_preparer_gets_the_comments_resolves_and_reexports(tmp_path, capsys, package):
    returned = tmp_path / "returned.zip"
    _return(package, returned, capsys, ("principal.leader.phone1", "号码打不通"), ("filing", "整体再看一遍"))
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.import_package(returned)
    assert ws.entry(id).status == "returned"
    doc = Document(ws.load(id), path=ws.filing_path(id), validator=Validator(today=TODAY))
    doc.reviews = ws.reviews(id)
    doc.revalidate()
    at_phone = [f for f in doc.live.at("principal.leader.phone1") if f.rule == "review.comment"]
    assert len(at_phone) == 1 and at_phone[0].severity == "warning" and "号码打不通" in at_phone[0].message
    doc.resolve("principal.leader.phone1")
    assert [f.severity for f in doc.live.at("principal.leader.phone1") if f.rule == "review.comment"] == ["info"]
    ws.save(id, doc.snapshot(), doc.counts(), reviews=doc.reviews)
    again = tmp_path / "again.zip"
    export_filing(ws.load(id), ws.folder(id), again, validator=Validator(today=TODAY), reviews=ws.reviews(id))
    data = json.loads(run(["review", str(again), "--json", "--today", DAY], capsys)[1])
    comments = {c["path"]: c["resolved"] for c in data["reviews"][0]["comments"]}
    assert comments == {"principal.leader.phone1": True, "filing": False}
    second = tmp_path / "second.zip"
    _return(again, second, capsys, decision="approve", reviewer="王审")
    data = json.loads(run(["review", str(second), "--json", "--today", DAY], capsys)[1])
    assert [r["decision"] for r in data["reviews"]] == ["approve", "return"]
    assert data["reviews"][1]["comments"][0]["resolved"] is True  # the history shows what was answered


def test_cli_import_keeps_the_comments_beside_the_filing(tmp_path, capsys, package):
    returned = tmp_path / "returned.zip"
    _return(package, returned, capsys, ("principal.name", "请核对"))
    assert run(["import", str(returned), "-o", str(tmp_path / "in")], capsys)[0] == 0
    saved = json.loads((tmp_path / "in" / "review.json").read_text("utf-8"))
    assert saved["rounds"][0]["comments"][0]["text"] == "请核对"


def test_validate_shows_the_comments_kept_beside_the_filing(tmp_path, capsys, package):
    returned = tmp_path / "returned.zip"
    _return(package, returned, capsys, ("principal.name", "名称与执照不一致，请核对"))
    assert run(["import", str(returned), "-o", str(tmp_path / "in")], capsys)[0] == 0
    filing = next((tmp_path / "in").glob("*.icpdesk.yaml"))
    code, out, _ = run(["validate", str(filing), "--no-images", "--json", "--today", DAY], capsys)
    comments = [f for f in json.loads(out)["findings"] if f["rule"] == "review.comment"]
    assert [(f["path"], f["severity"]) for f in comments] == [("principal.name", "warning")]
    assert "名称与执照不一致" in comments[0]["message"] and "王审" in comments[0]["message_en"]
    assert code == 0  # a comment is a warning: the filing's exit code is its errors'
    (tmp_path / "in" / "review.json").write_text("{broken", "utf-8")
    code, out, err = run(["validate", str(filing), "--no-images", "--today", DAY], capsys)
    assert code == 0 and "review.json" in err and "Traceback" not in err  # the comments are lost, not the check


@pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"), reason="poppler-utils missing")
def test_the_report_in_html_and_pdf_holds_the_comments(tmp_path, capsys, package):
    returned = tmp_path / "returned.zip"
    _return(package, returned, capsys, ("principal.leader.phone1", "号码打不通请核对"))
    html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
    assert run(["review", str(returned), "--report", str(html_out), "--today", DAY], capsys)[0] == 1
    assert run(["review", str(returned), "--report", str(pdf_out), "--today", DAY], capsys)[0] == 1
    page = html_out.read_text("utf-8")
    assert "号码打不通请核对" in page and "137****7000" in page and "13700137000" not in page  # masked
    text = subprocess.run(["pdftotext", str(pdf_out), "-"], capture_output=True, text=True).stdout
    assert "号码打不通请核对" in text.replace("\n", "") and "王审" in text
    fonts = subprocess.run(["pdffonts", str(pdf_out)], capture_output=True, text=True).stdout
    assert "WenQuanYiMicroHei" in fonts and "Helvetica" not in fonts  # embedded, as in summary.pdf


def test_a_returned_package_goes_home_to_the_filing_it_was_exported_from(tmp_path, capsys):
    """Issue 30 item 5: the reviewer's answer to a package exported from the workspace is attached
    to that filing (marked 已退回), not imported as another look-alike filing; a package from
    elsewhere is still imported as a filing of its own."""
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(filing_on_disk(tmp_path / "src"))
    pkg = tmp_path / "p.zip"
    export_filing(ws.load(id), ws.folder(id), pkg, validator=Validator(today=TODAY))
    ws.set_status(id, "exported")
    returned = tmp_path / "returned.zip"
    _return(pkg, returned, capsys, ("principal.leader.phone1", "号码打不通"))
    assert ws.import_package(returned) == id
    assert ws.ids() == [id] and ws.entry(id).status == "returned"
    assert [c.text for c in ws.reviews(id)[0].comments] == ["号码打不通"]
    other = Workspace(tmp_path / "ws2").ensure()
    new = other.import_package(returned)  # nothing there was exported: a filing of its own
    assert other.ids() == [new] and other.entry(new).status == "returned"
