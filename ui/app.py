"""The desktop window: open a filing file, see every finding grouped by section.

The filing wizard (issue 4) will grow around this; the validation itself is the core's.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QToolBar,
)

from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.fileio import load_filing
from icpdesk.findings import Finding

from .findings_view import FindingsView


class MainWindow(QMainWindow):
    def __init__(self, validator: Validator | None = None) -> None:
        super().__init__()
        self.validator = validator or Validator()
        self.path: Path | None = None
        self.findings: list[Finding] = []
        self.lang = "zh"
        self.setWindowTitle(self.tr("ICP备案助手"))
        self.view = FindingsView(self)
        self.setCentralWidget(self.view)
        bar = QToolBar(self.tr("工具栏"), self)
        bar.setObjectName("main_toolbar")
        self.addToolBar(bar)
        bar.addAction(self.tr("打开备案文件…"), self.choose_file).setShortcut("Ctrl+O")
        bar.addAction(self.tr("重新检查"), self.recheck).setShortcut("F5")
        self.lang_box = QComboBox(self)
        self.lang_box.addItems(["中文", "English"])
        self.lang_box.setAccessibleName(self.tr("语言"))
        self.lang_box.currentIndexChanged.connect(self._set_lang)
        bar.addWidget(self.lang_box)
        self.summary = QLabel(self.tr("打开一个 .icpdesk.yaml 备案文件开始检查"), self)
        self.statusBar().addWidget(self.summary, 1)
        self.resize(960, 640)

    def choose_file(self) -> None:
        start = QSettings().value("last_folder", str(Path.home()))
        name, _ = QFileDialog.getOpenFileName(self, self.tr("打开备案文件"), str(start),
                                              self.tr("备案文件 (*.icpdesk.yaml *.yaml *.yml *.json)"))
        if name:
            QSettings().setValue("last_folder", str(Path(name).parent))
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        """Load and check; a bad file is reported in the status bar and nothing is lost."""
        try:
            filing = load_filing(path)
        except IcpdeskError as e:
            self.summary.setText(str(e))
            return False
        self.path = path
        self.validator.base_dir = path.resolve().parent
        self.findings = self.validator.validate(filing)
        self.setWindowTitle(f"{path.name} — {self.tr('ICP备案助手')}")
        self._show()
        return True

    def recheck(self) -> None:
        if self.path is not None:
            self.open_file(self.path)

    def _set_lang(self, index: int) -> None:
        self.lang = "en" if index == 1 else "zh"
        self._show()

    def _show(self) -> None:
        self.view.show_findings(self.findings, self.validator.rulebook.catalogues, self.lang)
        n = {s: sum(f.severity == s for f in self.findings) for s in ("error", "warning", "info")}
        if self.lang == "zh":
            text = f"{n['error']} 个错误，{n['warning']} 个警告，{n['info']} 个提示"
        else:
            text = f"{n['error']} errors, {n['warning']} warnings, {n['info']} notes"
        self.summary.setText(text if self.findings or self.path is None else
                             ("没有发现问题" if self.lang == "zh" else "No problems found"))


class _FirstPaint(QObject):
    """Prints how long the window took to paint for the first time, then quits (--smoke)."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.started:
            self.started, started = 0.0, self.started
            print(f"first paint: {(time.perf_counter() - started) * 1000:.1f} ms", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(argv: list[str], started: float | None = None) -> int:
    started = started or time.perf_counter()
    if not _has_display():
        print("icpdesk: 没有图形界面（DISPLAY 未设置）。可以用命令行：icpdesk validate FILE，"
              "或设置 QT_QPA_PLATFORM=offscreen。\n"
              "icpdesk: no display; use the command line (icpdesk validate FILE) "
              "or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 2
    smoke = "--smoke" in argv
    files = [a for a in argv if not a.startswith("-")]
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("icpdesk")
    app.setApplicationName("icpdesk")
    window = MainWindow()
    if files:
        window.open_file(Path(files[0]))
    if smoke:
        probe = _FirstPaint(started)
        window.installEventFilter(probe)
        window.view.viewport().installEventFilter(probe)
    window.show()
    return app.exec()
