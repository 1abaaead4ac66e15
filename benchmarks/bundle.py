"""The app that needs no Python (issue 29): the PyInstaller bundle's size and its start-up against
the source install, measured in the same run, alternated. Prints numbers; asserts nothing.

    pyinstaller --noconfirm packaging/icpdesk.spec      # dist/icpdesk/
    QT_QPA_PLATFORM=offscreen python3 benchmarks/bundle.py [dist/icpdesk/icpdesk]

- window ready (`--smoke`: the main window's first paint, rules and workspace loaded) as the
  process's age then (goal: within 1.2×), and the whole process's wall time until it quits,
  the bundle in a clean environment (env -i) against `python -m icpdesk`;
- `icpdesk --version` and a small `validate` the same way (reported);
- the bundle's size, and its largest parts (reported: as small as its dependencies allow).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """(whole-process wall time, the process's age when its main window was ready). `--smoke`
    prints the first paint as the process's age and as time since its first statement, and the
    window ready since that statement: the difference carries the age over (a bundle's first
    statement comes after its bootloader, so only the OS's age compares the two fairly)."""
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300).stdout
    whole = time.perf_counter() - t
    first = re.search(r"first paint: ([\d.]+) ms since the process's first statement \((\d+) ms since the "
                      r"process started\)", out)
    ready = re.search(r"window ready: ([\d.]+) ms", out)
    if not (first and ready):
        return whole, None
    return whole, (int(first.group(2)) + float(ready.group(1)) - float(first.group(1))) / 1000


def alternated(a: tuple[list[str], dict[str, str]], b: tuple[list[str], dict[str, str]],
               runs: int) -> tuple[list, list]:
    ra, rb = [], []
    for _ in range(runs):
        ra.append(_run(*a))
        rb.append(_run(*b))
    return ra, rb


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest(folder: Path, n: int = 8) -> list[tuple[str, int]]:
    inner = folder / "_internal" if (folder / "_internal").is_dir() else folder
    parts = [(p.name, size(p) if p.is_dir() else p.stat().st_size) for p in inner.iterdir()]
    return sorted(parts, key=lambda x: -x[1])[:n]


def compiled_like_an_install() -> None:
    """Bytecode for icpdesk's own modules, as an installed wheel has it (as benchmarks/startup.py
    does): with PYTHONDONTWRITEBYTECODE set the source checkout would compile them in every run."""
    import compileall

    for folder in ("icpdesk", "ui"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def main() -> None:
    compiled_like_an_install()
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "icpdesk" / "icpdesk").resolve()
    if not bundle.is_file():
        sys.exit(f"no bundle at {bundle}: build it first (pyinstaller --noconfirm packaging/icpdesk.spec)")
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    with tempfile.TemporaryDirectory(prefix="icpdesk-bench-bundle-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        from icpdesk.demo import make_demo

        filing = str(make_demo(Path(tmp) / "sample"))
        source_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                      "ICPDESK_CACHE": str(Path(tmp) / "cache-source")}
        clean_env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                     "ICPDESK_CACHE": str(Path(tmp) / "cache-bundle")}
        source = [sys.executable, "-m", "icpdesk"]
        cases = [("window ready (--smoke)", ["--smoke", "--workspace", str(Path(tmp) / "ws")]),
                 ("--version", ["--version"]), ("validate (a small filing)", ["validate", filing])]
        for label, args in cases:
            for cmd, env in ((source + args, source_env), ([str(bundle), *args], clean_env)):
                _run(cmd, env)  # once each first: the rules' snapshot and the OS's file cache
            src, bun = alternated((source + args, source_env), ([str(bundle), *args], clean_env), runs)
            ws, wb = statistics.median(w for w, _ in src), statistics.median(w for w, _ in bun)
            line = (f"{label}, whole process (median of {runs} alternated runs): source install "
                    f"{ws * 1000:.0f} ms, bundle {wb * 1000:.0f} ms, ratio {wb / ws:.2f}")
            ages_s, ages_b = [a for _, a in src if a is not None], [a for _, a in bun if a is not None]
            if ages_s and ages_b:
                ps, pb = statistics.median(ages_s), statistics.median(ages_b)
                line += (f"; process start → main window ready: source {ps * 1000:.0f} ms, "
                         f"bundle {pb * 1000:.0f} ms, ratio {pb / ps:.2f} (goal ≤ 1.2)")
            print(line, flush=True)
    folder = bundle.parent
    print(f"bundle size: {size(folder) / 1e6:.0f} MB in {folder} (largest: "
          + ", ".join(f"{name} {n / 1e6:.0f} MB" for name, n in largest(folder)) + ")")


if __name__ == "__main__":
    main()
