"""The workspace with 1,000 filings (generated): what an agency waits for, each against a
baseline measured in the same run. Prints numbers; asserts nothing.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/workspace.py

- showing the list (reading every entry and filling the table), goal under 0.5 s;
- a search as the user types one more letter, goal under 50 ms;
- switching to another filing (load, validate, show its first page), goal under 100 ms;
  baseline for all three: reading the 1,000 filing files' bytes;
- `icpdesk workspace validate` over the 1,000 filings on one core and on all cores;
- the checks across filings (issue 34): the full cross-check of the 1,000 filings (facts, index
  and every filing's cross findings), goal under 2 s, against validating them one by one; and
  the incremental update after one edit (what the app runs), goal under 50 ms.

    python3 benchmarks/workspace.py --cross   # only the checks across filings (no window)
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
    from stdnum.cn import ric, uscc

    from icpdesk.workspace import Workspace

    ws = Workspace(root).ensure()
    for i in range(N):
        f = (enterprise_filing if i % 2 else individual_filing)().model_copy(deep=True)
        f.principal.name = f"客户{i:04d}" + f.principal.name
        for w in f.websites:
            w.domains = [f"client{i:04d}.cn" if i % 50 != 25 else f"client{i - 1:04d}.cn"]  # a few filed twice
        # each its own principal and leader, a few giving another principal's mobile
        if i % 2:
            base = f"91330106MA27X{i:04d}"
            f.principal.cert_number = base + uscc.calc_check_digit(base)
            f.principal.leader.cert_number = (b := f"33010619851212{i // 2:03d}") + ric.calc_check_digit(b)
        else:
            base = f"33010619900101{i // 2:03d}"
            f.principal.cert_number = f.principal.leader.cert_number = base + ric.calc_check_digit(base)
        f.principal.leader.phone1 = f"139{i:08d}" if i % 40 else f"139{i - 1:08d}"
        f.principal.leader.emergency_phone = f"136{i:08d}"
        if f.principal.leader.phone2:  # the firms' landline: each its own
            f.principal.leader.phone2 = f.principal.leader.office_phone = f"0571-8{i:07d}"
        ws.save(ws.create(f), f, (i % 3, i % 2))


def cross(filings: dict) -> None:
    """The checks across filings on filings already loaded, against validating each alone."""
    from icpdesk.engine import Validator
    from icpdesk.workspace_cross import CrossIndex

    validator = Validator()
    t = time.perf_counter()
    for f in filings.values():
        validator.validate(f)
    one_by_one = time.perf_counter() - t
    print(f"baseline: validate {len(filings)} filings one by one: {one_by_one:.2f} s")

    t = time.perf_counter()
    index = CrossIndex.of(filings, validator.rulebook)
    found = index.all_findings()
    full = time.perf_counter() - t
    clashing = sum(1 for v in found.values() if v)
    print(f"full cross-check: {full:.2f} s = {full / one_by_one:.2f}× validating one by one (goal < 2 s); "
          f"{clashing} filings with cross findings, {sum(map(len, found.values()))} findings")

    ids = sorted(filings)
    edits = []
    for n, id in enumerate(ids[::50]):
        edited = filings[id].model_copy(deep=True)
        edited.principal.leader.phone1 = filings[ids[(n * 7 + 3) % len(ids)]].principal.leader.phone1
        t = time.perf_counter()
        touched = index.update(id, edited)
        for other in touched:
            index.findings(other)
        edits.append(time.perf_counter() - t)
    print(f"incremental, one edit: median {_ms(statistics.median(edits))}, max {_ms(max(edits))} "
          f"= {statistics.median(edits) / (one_by_one / len(filings)):.1f}× validating that one filing "
          "(goal < 50 ms)")

    # the worst case: one agency's landline given in every firm's filing (500 filings, one group)
    firms = [id for id in ids if filings[id].principal.leader.phone2]
    for id in firms:
        shared = filings[id] = filings[id].model_copy(deep=True)
        shared.principal.leader.phone2 = "0571-86668888"
        index.update(id, shared)
    index.all_findings()  # what the app holds before the next edit
    times, asked = [], []
    for id, phone in [(firms[0], "13912345678"), (firms[1], "13912345679"), (firms[2], "0571-86668889"),
                      (firms[2], "0571-86668888"), (firms[3], "13912345670")]:
        edited = filings[id].model_copy(deep=True)
        if phone.startswith("0"):  # the shared landline itself changed: all 500 are asked again
            edited.principal.leader.phone2 = phone
        else:
            edited.principal.leader.phone1 = phone
        filings[id] = edited
        t = time.perf_counter()
        touched = index.update(id, edited)
        for other in touched:
            index.findings(other)
        times.append(time.perf_counter() - t)
        asked.append(len(touched))
    print(f"incremental, edits in filings sharing a landline with {len(firms) - 1} others: "
          + ", ".join(f"{_ms(x)} ({a} asked again)" for x, a in zip(times, asked, strict=True)))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    if "--cross" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "ws"
            _make(root)
            from icpdesk.workspace import Workspace

            ws = Workspace(root)
            cross({id: ws.load(id) for id in ws.ids()})
        return
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

        cross({id: ws.load(id) for id in ids})


if __name__ == "__main__":
    main()
