"""What a first-time user opens and meets in the window (issue 14, items 7–9): files that are
not filings, packages, the personal-site statement, the findings list, the export's results,
the missing X11 libraries. Driven through the widgets; each test ends with what the user sees
or gets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import STATEMENT, individual_filing, write_scans
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton
from test_ui_main import window  # noqa: F401 (the main window over a demo workspace)
from test_ui_wizard import _go, _row

from icpdesk.cli import main
from icpdesk.demo import make_demo
from icpdesk.fileio import load_filing, save_filing
from icpdesk.workspace import Workspace
from icpdesk_ui.wizard import PAGE_EXPORT, PAGE_REVIEW, PAGE_SERVICES

pytestmark = pytest.mark.gui
TODAY = __import__("datetime").date(2026, 11, 23)


def _buttons(window) -> dict[str, QPushButton]:
    return {b.text(): b for b in window.notice.findChildren(QPushButton)}


def _package(tmp_path, *extra) -> Path:
    src = make_demo(tmp_path / "to-export")
    (tmp_path / "exported-from.txt").write_text(str(src), encoding="utf-8")
    pkg = tmp_path / "client.zip"
    assert main(["export", str(src), "-o", str(pkg), "--today", TODAY.isoformat(), *extra]) == 0
    return pkg


@pytest.mark.parametrize(("content", "said"), [
    (None, "文件不存在"),
    ("principal: [unclosed", "YAML"),
    ("format: icpdesk/filing@1\nwebsites: 5\n", "应为列表"),
])
def test_what_is_not_a_filing_is_said_in_the_window(qtbot, tmp_path, content, said):
    """`icpdesk missing.yaml` / `icpdesk broken.yaml`: the window opens on the last work and says why."""
    from icpdesk_ui.app import make_window

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    path = tmp_path / "client.icpdesk.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    ws = Workspace(tmp_path / "ws").ensure()
    kept = ws.add_file(make_demo(tmp_path / "demo"))
    w = make_window(["--workspace", str(ws.root), str(path)])
    qtbot.addWidget(w)
    w.show()
    try:
        assert w.notice.isVisible() and said in w.notice.text() and "client.icpdesk.yaml" in w.notice.text()
        assert w.current == kept and w.ws.ids() == [kept]  # the earlier work is open, nothing was added
    finally:
        w.shutdown()


def test_a_zip_opened_as_a_filing_is_recognised(qtbot, window, tmp_path):
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.txt", "hello")
    window.open_path(other)
    assert "不是 icpdesk 资料包" in window.notice.text() and "UTF-8" not in window.notice.text()


def test_a_package_is_offered_for_import_and_imported(qtbot, window, tmp_path):
    pkg = _package(tmp_path)
    before = set(window.ws.ids())
    window.open_path(pkg)
    assert "资料包" in window.notice.text() and not set(window.ws.ids()) - before
    qtbot.mouseClick(_buttons(window)["导入为备案"], Qt.MouseButton.LeftButton)
    new = set(window.ws.ids()) - before
    assert len(new) == 1 and window.current in new
    assert "已把资料包" in window.notice.text()
    imported = load_filing(window.ws.filing_path(window.current))
    exported = load_filing(Path((tmp_path / "exported-from.txt").read_text("utf-8")))
    assert imported.principal.name == exported.principal.name


def test_a_masked_package_asks_before_it_is_imported(qtbot, window, tmp_path):
    pkg = _package(tmp_path, "--mask")
    before = set(window.ws.ids())
    window.import_package(pkg)
    assert "打码" in window.notice.text() and set(window.ws.ids()) == before
    qtbot.mouseClick(_buttons(window)["仍然导入"], Qt.MouseButton.LeftButton)
    assert len(set(window.ws.ids()) - before) == 1
    number = window.wizard.filing.principal.leader.cert_number
    assert "*" in number
    found = [f.rule for f in window.wizard.live.at("principal.leader.cert_number")]
    assert found == ["input.masked"]


def test_dropping_a_filing_file_on_the_window_opens_it(qtbot, window, tmp_path):
    f = individual_filing()
    path = tmp_path / "dropped.icpdesk.yaml"
    save_filing(f, path)
    write_scans(f, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.ws.entry(window.current).name == "张三" and "dropped.icpdesk.yaml" in window.notice.text()


def test_the_personal_site_statement_is_one_click(qtbot, window, tmp_path):
    f = individual_filing()
    f.websites[0].remark = "记录个人读书心得。"  # Kingsoft's statement missing
    path = tmp_path / "personal.icpdesk.yaml"
    save_filing(f, path)
    write_scans(f, tmp_path)
    window.open_path(path)
    window.steps.go(PAGE_SERVICES)
    form = window.wizard.pages[PAGE_SERVICES].web_form
    assert form.statement_button.isVisible()
    qtbot.mouseClick(form.statement_button, Qt.MouseButton.LeftButton)
    remark = _row(window.wizard.pages[PAGE_SERVICES], "websites[0].remark")
    assert STATEMENT in remark.editor.toPlainText() and not form.statement_button.isVisible()
    window.save_now()
    assert STATEMENT in load_filing(window.ws.filing_path(window.current)).websites[0].remark
    window.act_undo.trigger()  # one step, like any edit
    assert STATEMENT not in window.wizard.filing.websites[0].remark and form.statement_button.isVisible()


def test_messages_name_other_fields_by_label_not_path(qtbot, window):
    window.wizard.next()
    leader = window.wizard.filing.principal.leader
    row = _row(window.wizard.pages[1], "principal.leader.emergency_phone")
    row.editor.setFocus()
    row.editor.selectAll()
    qtbot.keyClicks(row.editor, leader.phone1)
    row.flush()
    shown = row.message.text.text()
    texts = [f.message for f in window.wizard.live.at("principal.leader.emergency_phone")]
    assert any("主体负责人的联系方式1" in t for t in texts), texts
    assert "主体负责人的联系方式1" in shown and "principal.leader" not in shown


def test_review_columns_are_not_cut_off(qtbot, window):
    window.resize(1100, 760)
    window.steps.go(PAGE_REVIEW)
    view = window.wizard.pages[PAGE_REVIEW].findings
    qtbot.waitUntil(lambda: view.topLevelItemCount() > 0, timeout=3000)
    assert view.wordWrap() and view.header().sectionResizeMode(1).name == "Stretch"
    qtbot.waitUntil(lambda: view.columnWidth(1) >= view.viewport().width() * 0.6, timeout=2000)
    assert view.columnWidth(0) <= view.viewport().width() // 3 + 1
    item = view.topLevelItem(0).child(0)
    message = item.text(1).split("：", 1)[1]  # after the severity word, which the icon also shows
    assert message in item.toolTip(1) and "（" in item.toolTip(1)  # the message whole, with its rule


def test_after_export_the_summary_opens_or_says_where_it_is(qtbot, window, tmp_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("icpdesk_ui.page_export.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) and False)  # no viewer on this machine
    _go(window.wizard, PAGE_EXPORT)
    page = window.wizard.pages[PAGE_EXPORT]
    page.start_export(tmp_path / "out.zip")
    assert page.open_pdf.isVisible() and page.show_folder.isVisible()
    qtbot.mouseClick(page.open_pdf, Qt.MouseButton.LeftButton)
    pdf = Path(opened[-1])
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "没有能打开" in page.opened.text() and str(pdf) in page.opened.text()
    qtbot.mouseClick(page.show_folder, Qt.MouseButton.LeftButton)
    assert opened[-1] == str(tmp_path) and str(tmp_path) in page.opened.text()


def test_missing_x11_libraries_are_named_in_one_line(capsys, monkeypatch):
    from icpdesk_ui import display_check
    from icpdesk_ui.app import run

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setitem(display_check.XCB_LIBRARIES, "libicpdesk-nothere.so.9", "libicpdesk-nothere9")
    assert run(["--smoke"]) == 2
    err = capsys.readouterr().err
    assert "libicpdesk-nothere9" in err and "apt-get install" in err and "libxcb-cursor0" not in err


def test_sigterm_ends_like_quit(tmp_path):
    """A logout or `kill` closes the app as 退出 does: no "did not exit normally" next time."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    root = tmp_path / "ws"
    proc = subprocess.Popen([sys.executable, "-m", "icpdesk", "--workspace", str(root)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (root / ".session").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # the event loop is running
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
    assert not (root / ".session").exists()


def test_the_first_paint_is_the_shell_then_the_main_window(tmp_path):
    """--smoke prints the shell's first paint, then the main window's (issue 17): the first
    comes before the rules and the models are loaded."""
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "icpdesk", "--smoke", "--workspace",
                          str(tmp_path / "ws")], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    first = float(re.search(r"first paint: ([\d.]+) ms", out.stdout).group(1))
    ready = float(re.search(r"window ready: ([\d.]+) ms", out.stdout).group(1))
    assert first < ready
    before_paint = out.stderr  # -X importtime writes to stderr as modules load, in order
    assert "icpdesk_ui.shell" in before_paint
    shell_at = before_paint.index("icpdesk_ui.shell")
    assert "pydantic" not in before_paint[:shell_at] and "icpdesk.rulebook" not in before_paint[:shell_at]


def test_smoke_into_a_pipe_closed_after_the_first_line_still_ends(tmp_path):
    """`icpdesk --smoke | head -1`: the second line meets a closed pipe inside Qt's event filter,
    where an exception is swallowed; the run must end anyway (it hung, the window never quit)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "icpdesk", "--smoke", "--workspace", str(tmp_path / "ws")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().startswith("first paint:")
        proc.stdout.close()  # as `head -1` does
        assert proc.wait(timeout=60) == 0
        assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
    finally:
        proc.kill()


def test_the_shell_lists_the_workspace_from_its_entries(qtbot, tmp_path):
    from PySide6.QtWidgets import QTableWidget

    from icpdesk_ui.shell import StartShell

    ws = Workspace(tmp_path / "ws").ensure()
    f = individual_filing()
    path = tmp_path / "a.icpdesk.yaml"
    save_filing(f, path)
    ws.add_file(path)
    (tmp_path / "ws" / "broken").mkdir()
    (tmp_path / "ws" / "broken" / "meta.json").write_text("{not json", encoding="utf-8")
    shell = StartShell(ws.root)
    qtbot.addWidget(shell)
    table = shell.findChild(QTableWidget)
    assert table.rowCount() == 1 and table.item(0, 0).text() == "张三" and "example.com" in table.item(0, 1).text()
    assert "正在载入" in shell.loading.text()


def test_the_main_window_takes_the_shells_place_without_anything_moving(qtbot, window):
    """The shell (first paint) is laid out as the main window: menus, toolbar, search field,
    list and its columns, buttons and splitter stand where the main window puts them."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLineEdit, QTableWidget, QToolBar

    from icpdesk_ui.shell import StartShell

    shell = StartShell(window.ws.root)
    qtbot.addWidget(shell)
    shell.setGeometry(window.geometry())
    shell.show()
    qtbot.waitExposed(shell)
    table = shell.findChild(QTableWidget)
    assert table.item(0, 0).text() == window.view.model().index(0, 0).data()  # the same filing, first

    def where(w, top) -> tuple:
        return (w.mapTo(top, QPoint(0, 0)).toTuple(), w.size().toTuple())

    assert where(table, shell) == where(window.view, window)
    assert where(shell.findChild(QLineEdit), shell) == where(window.search, window)
    assert where(shell.findChild(QToolBar), shell) == where(window.findChild(QToolBar), window)
    assert [table.horizontalHeader().sectionSize(c) for c in range(7)] == \
        [window.view.horizontalHeader().sectionSize(c) for c in range(7)]
    assert [a.text() for a in shell.findChild(QToolBar).actions()] == \
        [a.text() for a in window.findChild(QToolBar).actions()]
