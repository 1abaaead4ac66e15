"""The window shows a filing's findings grouped by section and survives a broken file."""

from __future__ import annotations

import pytest
from conftest import TODAY, enterprise_filing, write_scans

from icpdesk.engine import Validator
from icpdesk.fileio import save_filing

pytest.importorskip("PySide6")
from icpdesk_ui.app import MainWindow

pytestmark = pytest.mark.gui


def test_window_shows_findings_and_jumps(qtbot, tmp_path):
    f = enterprise_filing()
    f.principal.leader.cert_number = "330106198512124561"
    path = tmp_path / "x.icpdesk.yaml"
    save_filing(f, path)
    write_scans(f, tmp_path)
    w = MainWindow(Validator(today=TODAY))
    qtbot.addWidget(w)
    assert w.open_file(path)
    top = w.view.topLevelItem(0)
    assert top.text(0) == "主体信息"
    child = top.child(0)
    assert child.text(2) == "person.cert_number.checksum"
    assert "GB 11643" in child.toolTip(1)
    with qtbot.waitSignal(w.view.activated_path) as sig:
        w.view.itemActivated.emit(child, 0)
    assert sig.args == ["principal.leader.cert_number"]
    w.lang_box.setCurrentIndex(1)
    assert w.view.topLevelItem(0).text(0) == "Principal"
    assert "1 errors" in w.summary.text()


def test_broken_file_keeps_what_was_shown(qtbot, tmp_path):
    good = tmp_path / "good.icpdesk.yaml"
    save_filing(enterprise_filing(), good)
    bad = tmp_path / "bad.icpdesk.yaml"
    bad.write_text("principal: [\n", encoding="utf-8")
    w = MainWindow(Validator(today=TODAY))
    qtbot.addWidget(w)
    assert w.open_file(good)
    assert not w.open_file(bad)
    assert w.path == good and "YAML" in w.summary.text()
