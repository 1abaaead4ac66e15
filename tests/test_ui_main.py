"""The main window over a workspace, driven as a person does: typing, choosing, clicking,
dropping; each test ends with what the user gets (the file on disk, the list, the package)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from imagegen import save, sheet
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QListWidget, QPushButton
from test_ui_wizard import InlinePool, _answer, _drop, _go, _row, _type

from icpdesk.demo import make_demo
from icpdesk.engine import Validator
from icpdesk.fileio import load_filing
from icpdesk.workspace import Workspace
from icpdesk_ui.main_window import MainWindow
from icpdesk_ui.tasks import TaskRunner
from icpdesk_ui.wizard import PAGE_EXPORT, PAGE_MATERIALS, PAGE_PRINCIPAL, PAGE_SERVICES

pytestmark = pytest.mark.gui
TODAY = __import__("datetime").date(2026, 11, 23)


@pytest.fixture()
def window(qtbot, tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    ws = Workspace(tmp_path / "ws").ensure()
    ws.add_file(make_demo(tmp_path / "demo"))
    w = MainWindow(ws, validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    w.wizard.setProperty("auto_accept_fixes", True)
    qtbot.addWidget(w)
    w.open_last()
    w.show()
    yield w
    w.shutdown()


def _saved(window) -> str:
    return window.ws.filing_path(window.current).read_text(encoding="utf-8")


def test_typing_is_on_disk_within_a_second_and_closing_asks_nothing(qtbot, window):
    window.wizard.next()
    row = _row(window.wizard.pages[PAGE_PRINCIPAL], "principal.remark")
    _type(qtbot, row, "客户要求加急")
    qtbot.waitUntil(lambda: "客户要求加急" in _saved(window), timeout=3000)
    assert "已自动保存" in window.saved_label.text()
    id = window.current
    window.close()  # no question: everything is on disk
    assert not window.isVisible() and not (window.ws.root / ".session").exists()
    assert "客户要求加急" in Workspace(window.ws.root).filing_path(id).read_text(encoding="utf-8")


def test_opening_a_filing_leaves_it_unchanged(qtbot, window):
    before = _saved(window)
    for page in range(PAGE_EXPORT + 1):
        window.steps.go(page)  # every page shown, nothing typed
    window.save_now()
    assert _saved(window) == before and window.wizard.doc.revision == 0


def test_undo_and_redo_of_each_kind_of_change(qtbot, window, tmp_path):
    wiz = window.wizard
    wiz.next()
    row = _row(wiz.pages[PAGE_PRINCIPAL], "principal.remark")
    _type(qtbot, row, "第一版")
    _go(wiz, PAGE_SERVICES)
    services = wiz.pages[PAGE_SERVICES]
    sites = len(wiz.filing.websites)
    services.buttons["添加网站"].click()
    assert len(wiz.filing.websites) == sites + 1
    window.act_undo.trigger()  # the site is gone again, and the list shows it
    assert len(wiz.filing.websites) == sites and services.list.count() == sites + len(wiz.filing.apps)
    window.act_redo.trigger()
    assert len(wiz.filing.websites) == sites + 1
    window.act_undo.trigger()
    window.act_undo.trigger()  # the remark too, across pages
    assert wiz.filing.principal.remark == "" and row.editor.toPlainText() == ""
    window.act_redo.trigger()
    assert row.editor.toPlainText() == "第一版"
    window.save_now()
    assert "第一版" in _saved(window)


def test_a_dropped_scan_is_copied_into_the_workspace_and_undo_detaches_it(qtbot, window, tmp_path, monkeypatch):
    wiz = window.wizard
    window.steps.go(PAGE_MATERIALS)
    if wiz.currentId() != PAGE_MATERIALS:  # a page refused to let go: go there through its errors
        pytest.fail(wiz.currentPage().banner.text())
    page = wiz.pages[PAGE_MATERIALS]
    item = page.items[("principal_cert", "principal")]
    scan = save(sheet(), tmp_path / "licence.jpg", "JPEG")
    asked = _answer(monkeypatch, yes=True)  # the demo's licence scan passed: replacing it is asked
    _drop(item, scan)
    assert asked
    m = next(x for x in wiz.filing.materials if x.kind == "principal_cert")
    copy = window.ws.folder(window.current) / m.path
    assert m.path.startswith("scans/") and copy.read_bytes() == scan.read_bytes()
    scan.unlink()  # the original can go: the workspace has its copy
    window.save_now()
    assert m.path in _saved(window) and item.verdict.text().startswith("✓")
    window.act_undo.trigger()
    assert not any(x.path == m.path for x in wiz.filing.materials)


def test_new_duplicate_delete_and_restore(qtbot, window):
    start = len(window.table.entries)
    window.act_new.trigger()
    assert len(window.table.entries) == start + 1 and window.wizard.filing.principal.name == ""
    window.act_close.trigger()
    window.open_id(next(e.id for e in window.table.entries if e.name == "杭州示例科技有限公司"))
    source = window.current
    window.act_duplicate.trigger()
    twin = window.current
    assert twin != source and window.wizard.filing.principal.name == "杭州示例科技有限公司"
    assert not window.wizard.filing.websites and "复制" not in window.wizard.filing.principal.name
    window.act_delete.trigger()
    assert twin not in window.ws.ids() and window.table.row_of(twin) is None and "回收站" in window.notice.text()
    window.act_trash.trigger()
    dialog = window.trash_window
    items = dialog.findChild(QListWidget)
    items.setCurrentRow(0)
    restore = next(b for b in dialog.findChildren(QPushButton) if b.text() == "恢复")
    restore.click()
    assert twin in window.ws.ids() and window.table.row_of(twin) is not None and window.current == twin


def test_search_as_you_type_and_sort_by_a_column(qtbot, window, tmp_path):
    clean = Path(__file__).parent / "filings" / "clean"
    for name in ("beijing-personal", "guangdong-enterprise"):
        window.open_file(clean / f"{name}.icpdesk.yaml")
    assert window.filter.rowCount() == 3
    window.search.setFocus()
    qtbot.keyClicks(window.search, "xiandubeijing")  # a domain finds its filing
    assert window.filter.rowCount() == 1
    assert window.filter.index(0, 0).data() == "王芳"
    window.search.clear()
    assert window.filter.rowCount() == 3
    header = window.view.horizontalHeader()
    window.view.scrollTo(window.filter.index(0, 5))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(5) + 5, 5))  # the 错误 column's header
    errors = [int(window.filter.index(r, 5).data()) for r in range(3)]
    assert errors == sorted(errors) and len(set(errors)) > 1, errors  # numbers, ascending on first click
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(5) + 5, 5))
    assert [int(window.filter.index(r, 5).data()) for r in range(3)] == sorted(errors, reverse=True)


def test_the_package_holds_what_the_window_shows(qtbot, window, tmp_path):
    """Edits of every kind through the widgets, then export: the manifest's filing is the
    window's document, not a file read again."""
    wiz = window.wizard
    wiz.next()
    _type(qtbot, _row(wiz.pages[PAGE_PRINCIPAL], "principal.remark"), "以窗口为准")
    _go(wiz, PAGE_SERVICES)
    site = _row(wiz.pages[PAGE_SERVICES], "websites[0].name")
    _type(qtbot, site, "示例科技门户")
    _go(wiz, PAGE_EXPORT)
    target = tmp_path / "out.zip"
    wiz.pages[PAGE_EXPORT].start_export(target)
    with zipfile.ZipFile(target) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    shown = wiz.doc.snapshot().model_dump(mode="json", by_alias=True)
    packed = manifest["filing"]
    for m in shown["materials"] + packed["materials"]:
        m.pop("path")  # renamed in the package by kind and owner
    assert packed == shown and packed["principal"]["remark"] == "以窗口为准"
    assert window.ws.entry(window.current).status == "exported"
    assert load_filing(window.ws.filing_path(window.current)).websites[0].name == "示例科技门户"


def _env(tmp_path):
    import os

    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "PYTHONPATH": str(Path(__file__).parent.parent)}


def _kill_while_typing(root, env, rounds: int, seed: int, logs: list[str]) -> list[int]:
    """Start the app, let it type and autosave, SIGKILL it at a random moment; after each kill
    the filing and its entry read back whole. Returns the remark's length after each round."""
    import random
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(seed)
    lengths = []
    for _ in range(rounds):
        app = subprocess.Popen([sys.executable, str(Path(__file__).parent / "typist.py"), str(root)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert app.stdout.readline().strip() == "typing"
        time.sleep(rng.uniform(0.3, 1.8))
        app.send_signal(signal.SIGKILL)
        out, err = app.communicate()
        logs.append(out + err)
        ws = Workspace(root)
        [id] = ws.ids()
        remark = ws.load(id).principal.remark  # parses: never torn, never empty
        assert set(remark) <= {"a"}, remark[:40]
        assert ws.entry(id).name == "杭州示例科技有限公司"  # meta.json whole too
        assert sorted(p.name for p in ws.folder(id).iterdir()) == ["filing.icpdesk.yaml", "meta.json", "scans"]
        lengths.append(len(remark))
    return lengths


def test_killed_50_times_while_typing_every_time_the_last_save_is_intact(qtbot, tmp_path):
    """SIGKILL at random moments while typing and autosaving, 50 times (two workspaces side by
    side, one per core); then the app reopens with the filing and says it recovered. No ID
    number or phone in anything the app printed."""
    from concurrent.futures import ThreadPoolExecutor

    demo = make_demo(tmp_path / "demo")
    roots = []
    for n in range(2):
        ws = Workspace(tmp_path / f"ws{n}").ensure()
        ws.add_file(demo)
        roots.append(ws.root)
    logs: list[str] = []
    env = _env(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda n: _kill_while_typing(roots[n], env, 25, n, logs), range(2)))
    assert sum(len(r) for r in runs) == 50
    for lengths in runs:  # each start types on after what was saved: nothing saved is ever lost
        assert lengths == sorted(lengths) and lengths[-1] > 0, lengths
    filing = load_filing(demo)
    secrets = [filing.principal.leader.cert_number, filing.principal.leader.phone1, filing.principal.cert_number]
    text = "\n".join(logs) + "".join(p.read_text(errors="replace") for p in (tmp_path / "config").rglob("*")
                                     if p.is_file())
    assert not [s for s in secrets if s and s in text]
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    again = MainWindow(Workspace(roots[0]), validator=Validator(today=TODAY))
    qtbot.addWidget(again)
    try:
        again.open_last()
        assert again.recovered and "恢复" in again.notice.text()
        assert set(again.wizard.filing.principal.remark) <= {"a"}
    finally:
        again.shutdown()


def test_a_second_instance_on_the_same_workspace_refuses_and_says_why(window, tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "icpdesk", "--workspace", str(window.ws.root), "--smoke"],
                            env={**_env(tmp_path), "CI": "1"}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3 and "另一个 icpdesk" in result.stderr
    assert window.ws.locked  # the first one keeps working


def test_a_full_disk_warns_keeps_the_last_file_and_saves_when_space_returns(qtbot, small_disk, tmp_path):
    from conftest import fill_disk

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    ws = Workspace(small_disk / "ws").ensure()
    ws.add_file(make_demo(tmp_path / "demo"))
    w = MainWindow(ws, validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    qtbot.addWidget(w)
    w.open_last()
    w.show()
    try:
        good = _saved(w)
        fill_disk(small_disk, leave=30_000)
        w.wizard.next()
        row = _row(w.wizard.pages[PAGE_PRINCIPAL], "principal.remark")
        _type(qtbot, row, "备注" * 30_000)  # ~180 KB: more than is left
        qtbot.waitUntil(lambda: "无法保存" in w.notice.text(), timeout=3000)
        assert w.notice.isVisible() and _saved(w) == good and "未能保存" in w.saved_label.text()
        assert row.editor.toPlainText() == "备注" * 30_000  # typing goes on, nothing lost in the window
        (small_disk / "ballast").unlink()
        qtbot.waitUntil(lambda: "备注备注" in _saved(w), timeout=8000)  # the retry saves it
        assert not w.notice.isVisible()
    finally:
        w.shutdown()


def test_preferences_give_new_filings_their_province_and_provider(qtbot, window):
    window.act_prefs.trigger()
    dialog = window.prefs_window
    dialog.province.setCurrentIndex(dialog.province.findData("四川"))
    dialog.provider.setCurrentIndex(dialog.provider.findData("tencent"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    window.act_new.trigger()
    assert window.wizard.pages[0].province.currentData() == "四川"
    assert window.wizard.pages[0].provider.currentData() == "tencent"
    saved = load_filing(window.ws.filing_path(window.current))
    assert saved.principal.region.province == "四川" and saved.provider == "tencent"
    from icpdesk_ui.main_window import settings

    assert settings().value("default_province") == "四川"  # remembered (QSettings), for the next start


def test_undo_of_a_removed_app_brings_it_back(qtbot, window):
    wiz = window.wizard
    _go(wiz, PAGE_SERVICES)
    services = wiz.pages[PAGE_SERVICES]
    services.list.setCurrentRow(services.list.count() - 1)  # the APP
    name = wiz.filing.apps[0].name
    services.buttons["删除"].click()
    assert not wiz.filing.apps and services.list.count() == len(wiz.filing.websites)
    window.act_undo.trigger()
    assert [a.name for a in wiz.filing.apps] == [name] and services.list.count() == len(wiz.filing.websites) + 1
    window.save_now()
    assert name in _saved(window)
