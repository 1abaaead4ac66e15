"""Render every wizard page, filled with the demo filing, the main window and the review window
to docs/screenshots/*.png (Chinese) and docs/screenshots/en/*.png (English).

    QT_QPA_PLATFORM=offscreen python3 docs/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from icpdesk.demo import make_demo
from icpdesk_ui.app import ensure_chinese_font
from icpdesk_ui.wizard import FilingWizard

NAMES = ["1-type", "2-principal", "3-services", "4-materials", "5-review", "6-export"]


def main() -> None:
    from icpdesk_ui import i18n

    out = Path(__file__).resolve().parent / "screenshots"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ensure_chinese_font(app)
    for language, folder in (("zh_CN", out), ("en", out / "en")):
        i18n.install(language)
        folder.mkdir(exist_ok=True)
        render(app, folder)


def render(app: QApplication, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_demo(Path(tmp))
        wizard = FilingWizard()
        wizard.open_file(path)
        wizard.resize(1000, 780)
        wizard.show()
        for i, name in enumerate(NAMES):
            for _ in range(3):  # a scan's check starts its reading (OCR): wait for both
                app.processEvents()
                wizard.tasks.wait(120000)
            for _ in range(5):
                app.processEvents()
            wizard.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
            if name == "2-principal":  # the same page with a message under a field
                row = next(r for r in wizard.currentPage().rows() if r.path == "principal.leader.cert_number")
                row.editor.setText("330106198512124561")
                wizard.field_edited(row)
                app.processEvents()
                wizard.grab().save(str(out / "2-principal-message.png"))
                row.editor.setText("330106198512124565")
                wizard.field_edited(row)
            if i < len(NAMES) - 1:
                wizard.next()
        wizard.tasks.stop()
        wizard.close()
        main_window(app, path, Path(tmp) / "ws", out)
        review_window(app, path, Path(tmp), out)


def review_window(app: QApplication, demo: Path, tmp: Path, out: Path) -> None:
    """The review window on a package the demo exports, returned once with two comments."""
    from icpdesk.cli import main as cli
    from icpdesk_ui.review_window import ReviewWindow

    pkg, returned = tmp / "demo.zip", tmp / "returned.zip"
    cli(["export", str(demo), "-o", str(pkg), "--force"])
    cli(["review", str(pkg), "--comment", "principal.leader.phone1", "号码打不通，请核对", "--comment",
         "websites[0].name", "名称请与网站内容一致", "--decision", "return", "--reviewer", "王审", "-o", str(returned)])
    window = ReviewWindow(returned)
    window.resize(1400, 860)
    window.show()
    window.fields.setCurrentItem(next(i for i in window._items() if i.data(0, 256) == "materials[0]"))
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / "7-review.png"))
    print(out / "7-review.png")
    window.close()


def main_window(app: QApplication, demo: Path, root: Path, out: Path) -> None:
    """The main window over a small workspace: the demo and three clean filings."""
    from PySide6.QtCore import QSettings

    from icpdesk.workspace import Workspace
    from icpdesk_ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(root.parent / "settings"))
    ws = Workspace(root).ensure()
    clean = Path(__file__).resolve().parent.parent / "tests" / "filings" / "clean"
    for name in ("beijing-personal", "guangdong-enterprise", "sichuan-enterprise"):
        ws.add_file(clean / f"{name}.icpdesk.yaml")
    demo_id = ws.add_file(demo)
    window = MainWindow(ws)
    window.resize(1500, 860)
    window.show()
    window.open_id(demo_id)
    window.wizard.next()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / "0-main.png"))
    print(out / "0-main.png")
    window.shutdown()
    window.close()


if __name__ == "__main__":
    main()
