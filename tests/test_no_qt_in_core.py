"""icpdesk/ never imports Qt: checked on the source and by importing the core in a fresh
interpreter that has Qt made unimportable."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "icpdesk"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "icpdesk_ui")


def test_no_qt_import_in_source():
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                handover = path.as_posix().endswith("cli/base.py") and name == "icpdesk_ui.app"
                assert not name.startswith(QT) or handover, f"{path} imports {name}"


def test_core_runs_with_qt_blocked():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, *a):\n"
        "        if name.split('.')[0] in ('PySide6','PyQt5','PyQt6','shiboken6'):\n"
        "            raise ImportError('Qt blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import icpdesk.cli, icpdesk.engine, icpdesk.fileio, icpdesk.report\n"
        "from icpdesk.engine import Validator\n"
        "from icpdesk.model import Filing\n"
        "Validator().validate(Filing())\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
