"""Start the desktop app: the filing wizard, a filing file, the demo, or the smoke timing."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from icpdesk.errors import IcpdeskError
from icpdesk.fileio import load_filing

from .wizard import FilingWizard


class _FirstPaint(QObject):
    """Prints how long the window took to paint for the first time, then quits (--smoke)."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.started:
            self.started, started = 0.0, self.started
            print(f"first paint: {(time.perf_counter() - started) * 1000:.1f} ms", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def ensure_chinese_font(app: QApplication) -> None:
    """Machines without a Chinese font get the bundled one (the same the PDF embeds)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    from icpdesk.paths import resources_dir

    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei-gbk.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSizeF(app.font().pointSizeF())
        app.setFont(font)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("icpdesk", appauthor=False)) / "demo"


def make_window(argv: list[str]) -> FilingWizard:
    files = [a for a in argv if not a.startswith("-")]
    if "--demo" in argv:
        from icpdesk.demo import make_demo

        files = [str(make_demo(demo_folder()))]
    wizard = FilingWizard()
    if files:
        path = Path(files[0])
        try:
            load_filing(path)
        except Exception as e:
            print(f"icpdesk: {e}", file=sys.stderr)
        else:
            wizard.open_file(path)
    return wizard


def run(argv: list[str], started: float | None = None) -> int:
    started = started or time.perf_counter()
    if not has_display():
        print("icpdesk: 没有图形界面（DISPLAY 未设置）。可以用命令行：icpdesk validate FILE，"
              "或设置 QT_QPA_PLATFORM=offscreen。\n"
              "icpdesk: no display; use the command line (icpdesk validate FILE) "
              "or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 2
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName("icpdesk")
    app.setApplicationName("icpdesk")
    ensure_chinese_font(app)
    try:
        from icpdesk.shipped import default_rulebook

        default_rulebook()
    except IcpdeskError as e:  # a broken --rules folder: say which file and rule, then stop
        print(f"icpdesk: {e}", file=sys.stderr)
        if "--smoke" not in argv and not os.environ.get("CI"):
            QMessageBox.critical(None, "规则文件有误 / Broken rules", str(e))
        return 2
    window = make_window(argv)
    if "--smoke" in argv:
        probe = _FirstPaint(started)
        window.installEventFilter(probe)
        for child in window.findChildren(QObject):
            if hasattr(child, "installEventFilter") and child.isWidgetType():
                child.installEventFilter(probe)
    window.show()
    return app.exec()
