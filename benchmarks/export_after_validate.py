"""An export in a new process after `icpdesk validate` of the same filing (issue 32 item 5):
the verdicts and the summaries' previews come from the cache folder, so the export copies and
hashes the scans and decodes none. Against `zip -0` of the same files, in the same run; beside
it the same export when the cache holds the verdicts only (the previews dropped, as before
issue 32 kept them in memory only). Prints; asserts nothing.

    python benchmarks/export_after_validate.py [--scans 80]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from imagegen import noisy_photo
from package import make_filing


def icpdesk(*args: str, env: dict[str, str]) -> tuple[float, int]:
    t = time.perf_counter()
    rc = subprocess.run([sys.executable, "-m", "icpdesk", *args], env=env, capture_output=True).returncode
    return time.perf_counter() - t, rc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scans", type=int, default=80)
    n = ap.parse_args().scans
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = []
        for seed in range(4):
            p = root / f"src{seed}.jpg"
            noisy_photo(3000, 2250, seed).save(p, "JPEG", quality=94)
            sources.append(p)
        folder = root / "filing"
        folder.mkdir()
        src = make_filing(folder, n, sources)
        files = [str(folder / "scans" / p) for p in sorted(os.listdir(folder / "scans"))]
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        env = {**os.environ, "ICPDESK_CACHE": str(root / "cache")}
        t_validate, rc = icpdesk("validate", str(src), env=env)
        print(f"{n} scans, {mb:.0f} MB; icpdesk validate (checks every scan, cold cache): {t_validate:.2f} s "
              f"(exit {rc})")
        t_export, rc = icpdesk("export", str(src), "-o", str(root / "a.zip"), env=env)
        shots = list((root / "cache").rglob("*-320.jpg"))
        for p in shots:
            p.unlink()
        t_old, _ = icpdesk("export", str(src), "-o", str(root / "b.zip"), env=env)
        zips = []
        for i in range(2):
            t = time.perf_counter()
            subprocess.run(["zip", "-0", "-q", str(root / f"z{i}.zip"), *files], check=True)
            zips.append(time.perf_counter() - t)
        t_zip = min(zips)
        print(f"export in a new process after validate: {t_export:.2f} s (exit {rc}); zip -0 {t_zip:.2f} s; "
              f"ratio {t_export / t_zip:.2f} (goal ≤ 1.5)")
        print(f"the same with the verdicts only (no previews on disk, {len(shots)} dropped): {t_old:.2f} s, "
              f"ratio {t_old / t_zip:.2f}")


if __name__ == "__main__":
    main()
