"""The app reads the scans a user drops (issue 18): mismatches at the fields with both values,
one click (undoable) fills the empty fields from the scan, each marked until edited; without the
OCR extra the item says so and nothing else changes. Driven as a person would: drop, click, type."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_ui_wizard import PAGE_MATERIALS, PAGE_PRINCIPAL, _answer, _drop, _go, _row, _type, wizard  # noqa: F401

from icpdesk import sample_documents as docgen
from icpdesk.ocr import available

pytestmark = [pytest.mark.gui, pytest.mark.skipif(not available(), reason="icpdesk[ocr] is not installed")]
LEADER, LEADER_ID = "李四", "330106198512124565"


def test_a_dropped_id_card_that_says_another_number_shows_both_at_the_field(qtbot, wizard, tmp_path, monkeypatch):
    _answer(monkeypatch, yes=True)  # the demo's scan passed: replace it
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    other = docgen.id_number("330106", "19851212", "458")
    _drop(page.items[("leader_id_front", "principal")],
          docgen.id_front(tmp_path / "front.jpg", name=LEADER, birth="1985年12月12日", number=other))
    item = page.items[("leader_id_front", "principal")]
    assert other in item.ocr_note.text() and not item.fill.isVisible()  # nothing empty to fill
    wizard.back()
    wizard.back()
    assert wizard.currentId() == PAGE_PRINCIPAL
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_number")
    shown = row.message.text.text()
    assert other in shown and LEADER_ID in shown and "提示" not in shown.split("：")[0]
    assert other in row.editor.accessibleDescription()  # a screen reader hears it too
    _type(qtbot, row, other)  # the user takes the number on the card
    assert other not in row.message.text.text() or not row.message.isVisible()


def test_one_click_fills_the_empty_fields_undoably_each_marked_until_edited(qtbot, wizard, tmp_path, monkeypatch):
    _answer(monkeypatch, yes=True)
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    item = page.items[("leader_id_back", "principal")]
    _drop(item, docgen.id_back(tmp_path / "back.jpg", period="2016.05.01-2036.05.01"))
    assert item.fill.isVisible() and "1" in item.fill.text()
    item.fill.click()
    assert wizard.doc.value("principal.leader.cert_expiry") == "2036-05-01"
    assert "已用扫描件填写" in item.ocr_note.text()
    wizard.back()
    wizard.back()
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_expiry")
    assert row.editor.text() == "2036-05-01" and "来自扫描件" in row.message.text.text()
    wizard.model.undo_stack.undo()  # one step takes the fill back
    QApplication.processEvents()
    assert row.editor.text() == "" and not wizard.doc.value("principal.leader.cert_expiry")
    wizard.model.undo_stack.redo()
    QApplication.processEvents()
    assert row.editor.text() == "2036-05-01" and "来自扫描件" in row.message.text.text()
    _type(qtbot, row, "2036-05-02")  # edited: no longer the scan's
    assert not row.message.isVisible() or "来自扫描件" not in row.message.text.text()
    assert not [f for f in wizard.doc.findings if f.rule == "ocr.filled"]


def test_without_the_ocr_extra_the_item_says_so(qtbot, wizard, tmp_path, monkeypatch):
    import icpdesk.ocr as ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    _answer(monkeypatch, yes=True)
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    item = page.items[("leader_id_back", "principal")]
    _drop(item, docgen.id_back(tmp_path / "back.jpg"))
    assert "icpdesk[ocr]" in item.ocr_note.text() and not item.fill.isVisible()
    assert item.verdict.text()  # the image checks still ran


def _drop_on(widget, path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    widget.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))


def test_an_id_card_dropped_on_the_principal_page_fills_the_leader_and_is_attached(qtbot, wizard, tmp_path,
                                                                                   monkeypatch):
    from icpdesk.fileio import load_filing

    monkeypatch.setattr("icpdesk_ui.page_principal.QMessageBox.question",
                        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes)
    _go(wizard, PAGE_PRINCIPAL)
    page = wizard.pages[PAGE_PRINCIPAL]
    for path in ("principal.leader.name", "principal.leader.cert_number"):
        _type(qtbot, _row(page, path), "")  # a user starting on an empty leader
    scan = docgen.id_front(tmp_path / "my-id.jpg", name=LEADER, birth="1985年12月12日", number=LEADER_ID)
    _drop_on(page, scan)
    assert "用扫描件填写 2 个空字段" in [b.text() for b in page.scan_notice.buttons]
    page.scan_notice.buttons[0].click()
    assert _row(page, "principal.leader.name").editor.text() == LEADER
    assert _row(page, "principal.leader.cert_number").editor.text() == LEADER_ID
    assert "来自扫描件" in _row(page, "principal.leader.cert_number").message.text.text()
    assert "可撤销" in page.scan_notice.text()
    assert wizard.save()
    saved = load_filing(wizard.path)
    assert saved.principal.leader.name == LEADER and saved.principal.leader.cert_number == LEADER_ID
    front = next(m for m in saved.materials if m.kind == "leader_id_front")
    assert front.path.endswith("my-id.jpg")  # attached as the leader's ID front


def test_a_licence_dropped_on_a_personal_filing_is_refused_with_a_reason(qtbot, wizard, tmp_path):
    nature = _row(wizard.pages[0], "principal.nature")
    nature.editor.setCurrentIndex(nature.editor.findData("individual"))  # chosen from the list
    nature.flush()
    assert wizard.filing.principal.nature == "individual"
    page = wizard.pages[PAGE_PRINCIPAL]
    _drop_on(page, docgen.licence(tmp_path / "lic.jpg"))
    assert "个人备案" in page.scan_notice.text() and not page.scan_notice.buttons


def test_a_scan_dropped_on_a_field_of_the_principal_page_is_read_not_pasted(qtbot, wizard, tmp_path):
    """Issue 30 item 5: a file dropped onto a text field of 主体信息 goes to the page (read and
    offered), the field keeps its text instead of getting the file's path."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    nature = _row(wizard.pages[0], "principal.nature")
    nature.editor.setCurrentIndex(nature.editor.findData("individual"))
    nature.flush()
    page = wizard.pages[PAGE_PRINCIPAL]
    for path in ("principal.name", "principal.remark"):
        editor = _row(page, path).editor
        target = editor.viewport() if hasattr(editor, "viewport") else editor
        before = editor.text() if hasattr(editor, "text") else editor.toPlainText()
        scan = docgen.licence(tmp_path / f"lic-{path}.jpg")
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(scan))])
        mime.setText(str(scan))  # a file manager offers the path as text too
        actions = Qt.DropAction.CopyAction
        enter = QDragEnterEvent(QPoint(5, 5), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, enter)
        drop = QDropEvent(QPointF(5, 5), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, drop)
        after = editor.text() if hasattr(editor, "text") else editor.toPlainText()
        assert after == before and str(scan) not in after
        assert "个人备案" in page.scan_notice.text()  # the page read it: a licence on a personal filing


def test_an_id_card_on_a_personal_filing_fills_the_principal_and_so_the_leader(qtbot, wizard, tmp_path,
                                                                             monkeypatch):
    """Issue 30 item 5: on a personal filing the card's name fills the principal (the person),
    and the leader follows; not the leader alone."""
    monkeypatch.setattr("icpdesk_ui.page_principal.QMessageBox.question",
                        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes)
    first = wizard.pages[0]
    nature = _row(first, "principal.nature")
    nature.editor.setCurrentIndex(nature.editor.findData("individual"))
    nature.flush()
    cert_type = _row(first, "principal.cert_type")
    cert_type.editor.setCurrentIndex(cert_type.editor.findData("resident_id"))
    cert_type.flush()
    _type(qtbot, _row(first, "principal.cert_number"), LEADER_ID)
    _go(wizard, PAGE_PRINCIPAL)
    page = wizard.pages[PAGE_PRINCIPAL]
    _type(qtbot, _row(page, "principal.name"), "")
    assert wizard.filing.principal.name == ""
    scan = docgen.id_front(tmp_path / "me.jpg", name=LEADER, birth="1985年12月12日", number=LEADER_ID)
    _drop_on(page, scan)
    fill = next(b for b in page.scan_notice.buttons if b.text().startswith("用扫描件填写"))
    fill.click()
    assert _row(page, "principal.name").editor.text() == LEADER
    assert wizard.filing.principal.name == LEADER and wizard.filing.principal.leader.name == LEADER
