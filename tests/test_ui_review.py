"""Review mode in the app (issue 15), driven as a reviewer and a preparer do: open a package
from the menu or the notice, read it (masked numbers revealed one at a time, scans zoomed and
rotated), judge fields, return it; the preparer imports the returned package, sees each
comment at its field, resolves it and exports again; a second round sees the history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from packages import rewrite
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from test_ui_main import window  # noqa: F401 (the main window over a demo workspace)
from test_ui_wizard import _go, _row

from icpdesk.cli import main
from icpdesk.demo import make_demo
from icpdesk_ui.review_window import ReviewWindow
from icpdesk_ui.wizard import PAGE_EXPORT, PAGE_REVIEW

pytestmark = pytest.mark.gui
DAY = "2026-11-23"


def _package(tmp_path) -> Path:
    src = make_demo(tmp_path / "src")
    pkg = tmp_path / "client.zip"
    assert main(["export", str(src), "-o", str(pkg), "--today", DAY]) == 0
    return pkg


def _save_to(monkeypatch, target: Path) -> None:
    monkeypatch.setattr("icpdesk_ui.review_window.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))


def _open_from_menu(qtbot, window, monkeypatch, pkg: Path) -> ReviewWindow:  # noqa: F811
    monkeypatch.setattr("icpdesk_ui.filing_commands.QFileDialog.getOpenFileName", lambda *a, **k: (str(pkg), ""))
    window.act_review.trigger()
    review = window.reviews[-1]
    qtbot.addWidget(review)
    return review


def _row_of(review: ReviewWindow, path: str):
    return next(item for item in review._items() if item.data(0, Qt.ItemDataRole.UserRole) == path)


def _judge(qtbot, review: ReviewWindow, path: str, text: str) -> None:
    """Choose 需修改 in the row's verdict box and type the comment, as a reviewer does."""
    combo = review.verdicts[path]
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("需修改"))
    edit = review.comments[path]
    edit.setFocus()
    edit.insert(text)  # Chinese arrives as committed text from the input method


def test_open_judge_and_return_a_package(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    pkg = _package(tmp_path)
    window.open_path(pkg)
    buttons = {b.text(): b for b in window.notice.buttons}
    qtbot.mouseClick(buttons["审阅"], Qt.MouseButton.LeftButton)
    review = window.reviews[-1]
    qtbot.addWidget(review)
    assert "✓ 完整" in review.banner.text() and "规则" in review.banner.text()
    phone = _row_of(review, "principal.leader.phone1")
    assert "****" in phone.text(1)
    _judge(qtbot, review, "principal.leader.phone1", "号码打不通，请核对")
    _judge(qtbot, review, "websites[0].name", "名称请与网站内容一致")
    qtbot.keyClicks(review.reviewer, "Wang")
    out = tmp_path / "returned.zip"
    _save_to(monkeypatch, out)
    qtbot.mouseClick(review.give_back, Qt.MouseButton.LeftButton)
    assert "已退回" in review.result.text() and out.is_file()
    with zipfile.ZipFile(pkg) as a, zipfile.ZipFile(out) as b:
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        data = json.loads(b.read("review.json"))
    comments = data["rounds"][0]["comments"]
    assert data["rounds"][0]["reviewer"] == "Wang" and data["rounds"][0]["decision"] == "return"
    assert {(c["path"], c["text"]) for c in comments} == {("principal.leader.phone1", "号码打不通，请核对"),
                                                         ("websites[0].name", "名称请与网站内容一致")}


def test_return_needs_a_name_and_a_reason(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    review = _open_from_menu(qtbot, window, monkeypatch, _package(tmp_path))
    qtbot.mouseClick(review.give_back, Qt.MouseButton.LeftButton)
    assert "审阅人" in review.result.text()
    qtbot.keyClicks(review.reviewer, "Li")
    qtbot.mouseClick(review.give_back, Qt.MouseButton.LeftButton)
    assert "需修改" in review.result.text() and not list(tmp_path.glob("*审阅.zip"))


def test_numbers_are_revealed_one_click_per_field(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    review = _open_from_menu(qtbot, window, monkeypatch, _package(tmp_path))
    phone, number = _row_of(review, "principal.leader.phone1"), _row_of(review, "principal.leader.cert_number")
    rect = review.fields.visualItemRect(phone)
    x = review.fields.header().sectionViewportPosition(1) + 10
    qtbot.mouseClick(review.fields.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))
    assert "*" not in phone.text(1) and phone.text(1).startswith("1")
    assert "****" in number.text(1)  # the other numbers stay masked


def test_the_scan_viewer_zooms_and_rotates_the_view_only(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    pkg = _package(tmp_path)
    review = _open_from_menu(qtbot, window, monkeypatch, pkg)
    review.fields.setCurrentItem(_row_of(review, "materials[0]"))
    viewer = review.viewer
    assert not viewer.item.pixmap().isNull() and "合格" in review.scan_checks.text()
    before = viewer.zoom
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    viewer.wheelEvent(wheel)
    assert viewer.zoom > before
    buttons = {b.text(): b for b in review.findChildren(type(review.give_back))}
    qtbot.mouseClick(buttons["旋转视图"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["100%"], Qt.MouseButton.LeftButton)
    assert viewer.angle == 90 and viewer.zoom == 1.0
    with zipfile.ZipFile(pkg) as zf:
        name = zf.namelist()[0]
        assert zf.read(name) == review.opened.scans[0].read_bytes()  # the file is as it was


def test_a_tampered_package_names_the_member_and_takes_no_review(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    pkg = _package(tmp_path)
    with zipfile.ZipFile(pkg) as zf:
        member = next(n for n in zf.namelist() if n.startswith("materials/02"))
    bad = rewrite(pkg, tmp_path / "bad.zip", flip=member)  # one byte of one scan changed
    review = _open_from_menu(qtbot, window, monkeypatch, bad)
    assert "✗" in review.banner.text() and "materials/02" in review.banner.text()
    assert not review.give_back.isEnabled() and not review.approve.isEnabled()


def test_a_hostile_package_is_refused_and_writes_nothing(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("../../outside.txt", "x")
    listing = lambda root: sorted(str(p) for p in Path(root).rglob("*"))  # noqa: E731
    before, tmp_before = listing(tmp_path), set(os.listdir(tempfile.gettempdir()))
    review = _open_from_menu(qtbot, window, monkeypatch, evil)
    assert "无法打开" in review.banner.text() and "不安全" in review.banner.text()
    review.close()
    assert listing(tmp_path) == before
    assert {n for n in set(os.listdir(tempfile.gettempdir())) - tmp_before if n.startswith("icpdesk-review")} == set()


def test_preparer_sees_comments_resolves_and_reexports(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    pkg = _package(tmp_path)
    returned = tmp_path / "returned.zip"
    assert main(["review", str(pkg), "--comment", "principal.leader.phone1", "号码打不通", "--decision", "return",
                 "--reviewer", "王审", "-o", str(returned), "--today", DAY]) == 1
    window.open_path(returned)
    qtbot.mouseClick({b.text(): b for b in window.notice.buttons}["导入为备案"], Qt.MouseButton.LeftButton)
    assert window.ws.entry(window.current).status == "returned"
    wiz = window.wizard
    wiz.next()
    row = _row(wiz.pages[1], "principal.leader.phone1")
    assert row.message.isVisible() and "号码打不通" in row.message.text.text()
    window.steps.go(PAGE_REVIEW)
    page = wiz.pages[PAGE_REVIEW]
    assert "审阅意见还有 1 条未解决" in page.count.text()
    page.findings.select_path("principal.leader.phone1")
    qtbot.keyClicks(page.answer, "changed to 13700137001")
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    assert "还有 0 条" in page.count.text() and page.resolve_button.text() == "重新打开审阅意见"
    window.save_now()
    saved = json.loads((window.ws.folder(window.current) / "review.json").read_text("utf-8"))
    assert saved["rounds"][0]["comments"][0]["resolved"] is True
    assert saved["rounds"][0]["comments"][0]["answer"] == "changed to 13700137001"
    window.act_undo.trigger()  # one step of undo, like an edit
    assert "审阅意见还有 1 条未解决" in page.count.text()
    window.act_redo.trigger()
    assert "还有 0 条" in page.count.text()
    _go(wiz, PAGE_EXPORT)
    again = tmp_path / "again.zip"
    wiz.pages[PAGE_EXPORT].start_export(again)
    manifest = json.loads(zipfile.ZipFile(again).read("manifest.json"))
    assert manifest["reviews"][0]["comments"][0]["resolved"] is True
    review = _open_from_menu(qtbot, window, monkeypatch, again)  # the second round sees the first
    assert "已有 1 轮审阅" in review.banner.text()
    history = review.history.toPlainText()
    assert "号码打不通" in history and "已解决：changed to 13700137001" in history


@pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"), reason="poppler-utils missing")
def test_the_review_report_holds_the_decision_and_comments(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    review = _open_from_menu(qtbot, window, monkeypatch, _package(tmp_path))
    _judge(qtbot, review, "websites[0].name", "请改为与内容一致的名称")
    qtbot.keyClicks(review.reviewer, "Zhao")
    _save_to(monkeypatch, tmp_path / "returned.zip")
    qtbot.mouseClick(review.give_back, Qt.MouseButton.LeftButton)
    _save_to(monkeypatch, tmp_path / "report.pdf")
    qtbot.mouseClick(review.report_button, Qt.MouseButton.LeftButton)
    assert "审阅报告已保存" in review.result.text()
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True).stdout
    flat = text.replace("\n", "")
    assert "请改为与内容一致的名称" in flat and "Zhao" in flat and "退回修改" in flat


def test_what_todays_rules_find_that_the_export_did_not(qtbot, tmp_path):
    import datetime as dt

    from icpdesk.engine import Validator
    from icpdesk.paths import rules_dir
    from icpdesk.shipped import load_rulebook

    pkg = _package(tmp_path)
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    path = rules / "national" / "input.yaml"
    path.write_text(path.read_text("utf-8").replace("params: {max: 100}", "params: {max: 3}", 1), "utf-8")
    today = Validator(load_rulebook(rules), today=dt.date(2026, 11, 23))
    review = ReviewWindow(pkg, validator=today)
    qtbot.addWidget(review)
    assert "今天的规则不同" in review.banner.text() and "新出现" in review.banner.text()
    assert "+ 内容过长" in review.changes.text()
    sms = next(i for i in review._items() if i.text(0) == "短信核验计划")
    assert sms.childCount() >= 1 and "****" in sms.child(0).text(1)  # the plan's phones, masked too
    review.close()


def test_a_returned_package_of_a_filing_exported_here_goes_back_to_it(qtbot, window, tmp_path,  # noqa: F811
                                                                       monkeypatch):
    """Issue 30 item 5: exported with Ctrl+E, returned by the reviewer, opened and imported: the
    comments land on the filing that was exported, no look-alike filing is made."""
    from PySide6.QtWidgets import QFileDialog

    exported = tmp_path / "out" / "pkg.zip"
    exported.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(exported), "")))
    home, count = window.current, len(window.ws.ids())
    window.act_export.trigger()
    qtbot.waitUntil(lambda: exported.exists() and window.ws.entry(home).status == "exported", timeout=20000)
    returned = tmp_path / "returned.zip"
    assert main(["review", str(exported), "--comment", "principal.leader.phone1", "号码打不通", "--decision",
                 "return", "--reviewer", "王审", "-o", str(returned), "--today", DAY]) == 1
    window.open_path(returned)
    qtbot.mouseClick({b.text(): b for b in window.notice.buttons}["导入为备案"], Qt.MouseButton.LeftButton)
    assert len(window.ws.ids()) == count and window.current == home
    assert window.ws.entry(home).status == "returned" and "导出它的备案" in window.notice.text()
    window.wizard.next()
    row = _row(window.wizard.pages[1], "principal.leader.phone1")
    assert "号码打不通" in row.message.text.text()
    window.save_now()  # the open filing's next save keeps the comments
    assert "号码打不通" in (window.ws.folder(home) / "review.json").read_text("utf-8")
