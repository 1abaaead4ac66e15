"""The app on a workspace, typing into the principal remark until it is killed (the crash
tests run it in a subprocess: `python3 tests/typist.py WORKSPACE`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main() -> None:
    app = QApplication([])
    from icpdesk.workspace import Workspace
    from icpdesk_ui.main_window import MainWindow
    from icpdesk_ui.wizard import PAGE_PRINCIPAL

    window = MainWindow(Workspace(Path(sys.argv[1])))
    window.open_last()
    window.show()
    window.wizard.next()
    row = next(r for r in window.wizard.pages[PAGE_PRINCIPAL].rows() if r.path == "principal.remark")
    row.editor.setFocus()
    timer = QTimer()
    timer.timeout.connect(lambda: QTest.keyClicks(row.editor, "a"))  # a key every 15 ms, as a fast typist
    timer.start(15)
    print("typing", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
