"""The workspace with 1,000 filings (generated): what an agency waits for, each against a
baseline measured in the same run. Prints numbers; asserts nothing.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/workspace.py

- showing the list (reading every entry and filling the table), goal under 0.5 s;
- a search as the user types one more letter, goal under 50 ms;
- switching to another filing (load, validate, show its first page), goal under 100 ms;
  baseline for all three: reading the 1,000 filing files' bytes;
- `icpdesk workspace validate` over the 1,000 filings on one core and on all cores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

N = 1000


def _make(root: Path) -> None:
    from conftest import enterprise_filing, individual_filing

    from icpdesk.workspace import Workspace

    ws = Workspace(root).ensure()
    for i in range(N):
        f = (enterprise_filing if i % 2 else individual_filing)()
        f.principal.name = f"客户{i:04d}" + f.principal.name
        for w in f.websites:
            w.domains = [f"client{i:04d}.cn"]
        ws.save(ws.create(f), f, (i % 3, i % 2))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from icpdesk.engine import Validator
    from icpdesk.workspace import FILING, Workspace
    from icpdesk_ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        started = time.perf_counter()
        _make(root)
        print(f"made {N} filings in {time.perf_counter() - started:.1f} s")

        t = time.perf_counter()
        total = sum(len((p / FILING).read_bytes()) for p in root.iterdir() if (p / FILING).exists())
        baseline = time.perf_counter() - t
        print(f"baseline: read {N} filing files ({total // 1024} KB) in {_ms(baseline)}")

        ws = Workspace(root)
        t = time.perf_counter()
        window = MainWindow(ws, validator=Validator())
        window.show()
        app.processEvents()
        shown = time.perf_counter() - t
        print(f"list shown: {_ms(shown)} = {shown / baseline:.1f}× baseline (goal < 500 ms)")

        searches = []
        for text in ("客", "客户", "客户0", "客户05", "客户050", "client0500"):
            t = time.perf_counter()
            window.search.setText(text)
            app.processEvents()
            searches.append(time.perf_counter() - t)
        print(f"search per keystroke: median {_ms(statistics.median(searches))}, max {_ms(max(searches))} "
              f"= {max(searches) / baseline:.2f}× baseline (goal < 50 ms); {window.filter.rowCount()} found")
        window.search.clear()

        ids = ws.ids()
        switches = []
        for id in ids[:40:2]:
            t = time.perf_counter()
            window.open_id(id)
            app.processEvents()
            switches.append(time.perf_counter() - t)
        print(f"switch to a filing: median {_ms(statistics.median(switches))}, max {_ms(max(switches))} "
              f"= {statistics.median(switches) / baseline:.2f}× baseline (goal < 100 ms)")
        window.shutdown()

        for jobs in (1, os.cpu_count() or 1):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "icpdesk", "workspace", "validate", "--json", "--jobs", str(jobs),
                            "--workspace", str(root)], check=False, capture_output=True, cwd=ROOT)
            print(f"workspace validate, {jobs} process(es): {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
