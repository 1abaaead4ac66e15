"""An edit still in a field's typing pause is never lost (issue 30, item 2): typed and then
closed, another filing chosen, another site chosen, exported or undone at once, the text is on
disk, in the zip, or in the history. Keys are typed with no pause, so the field's timer has not
fired when the next action comes."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import QSettings, Qt
from test_ui_wizard import InlinePool, _go, _row

from icpdesk.demo import make_demo
from icpdesk.engine import Validator
from icpdesk.fileio import load_filing
from icpdesk.workspace import Workspace
from icpdesk_ui.main_window import MainWindow
from icpdesk_ui.tasks import TaskRunner
from icpdesk_ui.wizard import PAGE_EXPORT, PAGE_PRINCIPAL, PAGE_SERVICES

pytestmark = pytest.mark.gui
TODAY = __import__("datetime").date(2026, 11, 23)


@pytest.fixture()
def window(qtbot, tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    ws = Workspace(tmp_path / "ws").ensure()
    ws.add_file(make_demo(tmp_path / "demo"))
    ws.add_file(make_demo(tmp_path / "demo2"))
    w = MainWindow(ws, validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    qtbot.addWidget(w)
    w.open_last()
    w.show()
    yield w
    w.shutdown()


def _keys(qtbot, row, text: str) -> None:
    """Typed key by key at the end of the field, and nothing else: the pause has not passed."""
    row.editor.setFocus()
    qtbot.keyClick(row.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.editor, text)
    assert row._timer.isActive()  # still pending: what follows must not lose it


def _remark(window):
    window.wizard.next()
    return _row(window.wizard.pages[PAGE_PRINCIPAL], "principal.remark")


def test_typed_then_closed_at_once(qtbot, window):
    id = window.current
    _keys(qtbot, _remark(window), "330106")
    window.act_quit.trigger()
    assert Workspace(window.ws.root).load(id).principal.remark.endswith("330106")


def test_typed_then_another_filing_chosen(qtbot, window):
    first = window.current
    _keys(qtbot, _remark(window), "URGENT")
    view = window.view
    rows = [view.model().index(r, 0) for r in range(view.model().rowCount())]
    target = next(i for i in rows if i.row() != view.currentIndex().row())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center())
    assert window.current != first
    assert load_filing(window.ws.filing_path(first)).principal.remark.endswith("URGENT")
    assert not load_filing(window.ws.filing_path(window.current)).principal.remark.endswith("URGENT")


def test_typed_then_another_site_chosen(qtbot, window):
    wiz = window.wizard
    _go(wiz, PAGE_SERVICES)
    page = wiz.pages[PAGE_SERVICES]
    page.buttons["添加网站"].click()
    sites = len(wiz.filing.websites)
    page.list.setCurrentRow(0)
    name = _row(page, "websites[0].name")
    _keys(qtbot, name, "AB")
    list_rect = page.list.visualItemRect(page.list.item(sites - 1))
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=list_rect.center())
    assert _row(page, f"websites[{sites - 1}].name") is not None  # the form shows the other site now
    window.save_now()
    saved = load_filing(window.ws.filing_path(window.current))
    assert saved.websites[0].name.endswith("AB")
    assert not (saved.websites[sites - 1].name or "").endswith("AB")


def test_typed_then_exported(qtbot, window, tmp_path):
    wiz = window.wizard
    row = _remark(window)
    before = wiz.filing.principal.remark
    _go(wiz, PAGE_EXPORT)  # Next sends the page's edits; type again on the way back
    wiz.back()
    wiz.back()
    wiz.back()
    wiz.back()
    assert wiz.currentId() == PAGE_PRINCIPAL
    _keys(qtbot, row, "EXP1")
    target = tmp_path / "out.zip"
    wiz.pages[PAGE_EXPORT].start_export(target)
    with zipfile.ZipFile(target) as zf:
        packed = json.loads(zf.read("manifest.json"))["filing"]
    assert packed["principal"]["remark"] == (before or "") + "EXP1"


def test_typed_then_undone_is_a_step_of_its_own(qtbot, window):
    row = _remark(window)
    before = row.editor.toPlainText()
    other = _row(window.wizard.pages[PAGE_PRINCIPAL], "principal.leader.email")
    _keys(qtbot, other, "x")  # an earlier step, so undo is offered at all
    other.flush()
    _keys(qtbot, row, "xyz")
    window.act_undo.trigger()  # takes back what was typed: it was in the history first
    assert row.editor.toPlainText() == before
    window.act_redo.trigger()
    assert row.editor.toPlainText() == before + "xyz"
    window.act_quit.trigger()
    assert Workspace(window.ws.root).load(window.current).principal.remark == before + "xyz"


def test_searching_at_typing_speed_keeps_every_key_and_the_open_filing(qtbot, window, tmp_path):
    """Issue 30 item 5: typed into the list's search with the event loop running between keys,
    as a person types, every key lands in the search field; the filing open stays open and
    nothing is typed into its fields."""
    from pathlib import Path

    clean = Path(__file__).parent / "filings" / "clean"
    opened = window.open_file(clean / "beijing-personal.icpdesk.yaml")
    before = window.ws.filing_path(opened).read_text(encoding="utf-8")
    window.search.setFocus()
    for ch in "example":
        qtbot.keyClick(window.search, ch)
        qtbot.wait(40)
    assert window.search.text() == "example"
    assert window.current == opened
    window.save_now()
    assert window.ws.filing_path(opened).read_text(encoding="utf-8") == before


def test_a_new_filing_shows_no_domain_of_the_filing_before(qtbot, window):
    """Issue 30 item 5: Ctrl+N after a filing with a website: the type page's domain box is empty."""
    from icpdesk_ui.wizard import PAGE_TYPE

    page = window.wizard.pages[PAGE_TYPE]
    assert page.key_field.text()  # the demo's domain
    window.act_new.trigger()
    assert window.wizard.currentId() == PAGE_TYPE and window.wizard.filing.websites == []
    assert page.key_field.text() == ""


def test_provinces_sort_as_a_chinese_reader_orders_them(qtbot, window):
    """Issue 30 item 5: 省份 sorted by pinyin (安徽 北京 重庆 广东 …), not by character code."""
    from pathlib import Path

    from PySide6.QtCore import QPoint

    clean = Path(__file__).parent / "filings" / "clean"
    for name in ("beijing-personal", "chongqing-personal", "anhui-personal", "guangdong-enterprise"):
        window.open_file(clean / f"{name}.icpdesk.yaml")
    header = window.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 5, 5))  # the 省份 column's header
    shown = [window.filter.index(r, 2).data() for r in range(window.filter.rowCount())]
    if not shown[0].startswith("安徽"):  # the first click may sort descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(2) + 5, 5))
        shown = [window.filter.index(r, 2).data() for r in range(window.filter.rowCount())]
    ordered = [p[:2] for p in shown]  # 安徽省, 北京市…
    assert list(dict.fromkeys(ordered)) == ["安徽", "北京", "重庆", "广东", "浙江"]


def test_ctrl_e_from_any_page_offers_a_named_package_outside_the_workspace_and_says_it_is_done(
        qtbot, window, tmp_path, monkeypatch):
    """Issue 30 item 5: Ctrl+E off the export page: the dialog offers <principal>.zip in the
    documents folder (not filing.zip in the hidden workspace), the window says the package is
    written, and the count of files is the zip's own."""
    from PySide6.QtWidgets import QFileDialog

    offered: list[str] = []
    target = tmp_path / "chosen" / "pkg.zip"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _parent, _title, suggested, _filter: (offered.append(suggested),
                                                                                  (str(target), ""))[1]))
    assert window.wizard.currentId() != PAGE_EXPORT
    window.act_export.trigger()
    assert offered and offered[0].endswith("杭州示例科技有限公司.zip")
    assert str(window.ws.root) not in offered[0] and "filing" not in offered[0]
    qtbot.waitUntil(lambda: target.exists() and "已导出" in window.notice.text(), timeout=20000)
    assert str(target) in window.notice.text()
    with zipfile.ZipFile(target) as zf:
        count = len(zf.namelist())
    assert f"（{count} 个文件）" in window.wizard.pages[PAGE_EXPORT].result.text()
    window.act_export.trigger()  # the next export is offered where the last one went
    assert offered[1].startswith(str(target.parent))


def test_ctrl_z_in_a_field_is_the_windows_undo(qtbot, window):
    """Issue 30 item 5: Ctrl+Z typed in a field takes back the last change of the filing (the
    window's history, across fields), not only the field's own keystrokes."""
    row = _remark(window)
    email = _row(window.wizard.pages[PAGE_PRINCIPAL], "principal.leader.email")
    before = email.editor.text()
    _keys(qtbot, email, "x")
    email.flush()
    row.editor.setFocus()
    qtbot.waitUntil(lambda: row.editor.hasFocus(), timeout=2000)
    qtbot.keyClick(row.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert email.editor.text() == before  # the change in another field was taken back
    assert window.wizard.filing.principal.leader.email == before


def test_the_lists_columns_show_a_province_type_status_and_time_whole(qtbot, window):
    """Issue 30 item 5: at the default widths no province, filing type, status or time is cut."""
    view = window.view
    fm = view.fontMetrics()
    for row in range(window.filter.rowCount()):
        for column in (2, 3, 4, 7):
            text = window.filter.index(row, column).data() or ""
            assert fm.horizontalAdvance(text) + 8 <= view.columnWidth(column), (column, text)
