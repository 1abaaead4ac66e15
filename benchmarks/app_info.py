"""`icpdesk app-info` on a 2 GB APK (a stored, sparse 2 GB asset; v1 and v3 signed) against,
in the same run, the same command on a small APK and one plain sequential read of the big file
(what any reader that decompresses or hashes the whole APK would at least pay). Goal (issue 31
item 4): under 1 s and 150 MB, because only the central directory, the manifest, the META-INF
signature and the signing block are read. Prints numbers; asserts nothing.

    python benchmarks/app_info.py [--gigabytes 2]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from appfiles import make_apk, make_signer

from icpdesk.appfiles import read_app_file


def bytes_read() -> int | None:
    try:
        with open("/proc/self/io") as fh:
            return int(next(line for line in fh if line.startswith("rchar:")).split()[1])
    except (OSError, StopIteration):
        return None


def in_process(path: Path) -> tuple[float, int, int | None]:
    before = bytes_read()
    tracemalloc.start()
    started = time.perf_counter()
    read_app_file(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    after = bytes_read()
    return seconds, peak, (after - before) if before is not None and after is not None else None


def command(path: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of `python -m icpdesk app-info FILE` (interpreter included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "icpdesk", "app-info", "--json", str(path)], check=True,
                   capture_output=True)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
    return seconds, rss


def full_read(path: Path) -> float:
    started = time.perf_counter()
    with open(path, "rb") as fh:
        while fh.read(8 << 20):
            pass
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gigabytes", type=float, default=2.0)
    args = ap.parse_args()
    release, rotated = make_signer("Bench Release"), make_signer("Bench Rotated", key_no=1)
    with tempfile.TemporaryDirectory() as tmp:
        small = make_apk(Path(tmp) / "small.apk", "com.example.small", v1=release, v3=rotated)
        big = make_apk(Path(tmp) / "big.apk", "com.example.big", v1=release, v3=rotated,
                       big_member=min(int(args.gigabytes * 1e9), 2_100_000_000))
        print(f"big APK: {big.stat().st_size / 1e9:.2f} GB on the file system (sparse)")
        read_app_file(small)  # imports and key parsing once, for both
        s_small, peak_small, _ = in_process(small)
        s_big, peak_big, read_big = in_process(big)
        c_small, _ = command(small)
        c_big, rss = command(big)
        s_full = full_read(big)
        print(f"read_app_file small APK: {s_small * 1000:.1f} ms, peak traced {peak_small / 1e6:.2f} MB")
        print(f"read_app_file 2 GB APK:  {s_big * 1000:.1f} ms, peak traced {peak_big / 1e6:.2f} MB, "
              f"bytes read {read_big if read_big is not None else 'n/a'}")
        print(f"  ratio big/small: {s_big / s_small:.2f}")
        print(f"command app-info small: {c_small:.2f} s; 2 GB: {c_big:.2f} s, peak RSS {rss:.0f} MB "
              "(goal: < 1 s, < 150 MB)")
        print(f"one sequential read of the 2 GB file: {s_full:.2f} s "
              f"(app-info takes {s_big / s_full:.4f} of it)")


if __name__ == "__main__":
    main()
