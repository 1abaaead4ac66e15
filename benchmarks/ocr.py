"""OCR of a 12-megapixel scan and of a batch of 20 (issue 18), against the bare rapidocr call on
the same image in the same run (icpdesk's overhead: decoding through the image allowlist at
reduced scale, extracting the fields, the trip to the reader process). Goals: under 2 s per
scan on 2 cores, the batch on both cores (CPU time / wall time near the core count), overhead
≤ 1.2×. Prints numbers; asserts nothing.

    python benchmarks/ocr.py [--batch 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from images import TreeRss
from PIL import Image

from icpdesk import sample_documents as docgen


def twelve_megapixels(path: Path, seed: int) -> Path:
    """A generated licence scanned at 4000×3000 (made-up data)."""
    small = docgen.licence(path.with_suffix(".small.jpg"), seed=seed, angle=1.0 + seed % 3 * 0.5)
    with Image.open(small) as im:
        im.resize((4000, 3000), Image.Resampling.BICUBIC).save(path, "JPEG", quality=88)
    small.unlink()
    return path


def cpu(pid: int | None = None) -> float:
    """CPU seconds of this process, or of another one (Linux /proc)."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=20)
    n = ap.parse_args().batch
    # as the app and the command line read: in the reader process (icpdesk/ocr/worker.py)
    from icpdesk.ocr.worker import read_isolated, shared_worker

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one = twelve_megapixels(folder / "scan.jpg", 0)
        print(f"scan: 4000×3000 JPEG, {one.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} cores")
        t = time.perf_counter()
        read_isolated(one, "principal_cert")
        print(f"first scan of a session (the reader process started and its model loaded): "
              f"{time.perf_counter() - t:.2f} s")
        batch = [twelve_megapixels(folder / f"b{i:02}.jpg", i + 1) for i in range(n)]
        worker = shared_worker()
        pid = worker.pid if worker else None
        with TreeRss() as mem:  # before this process loads rapidocr for the comparison below
            t, c, w = time.perf_counter(), cpu(), cpu(pid)
            readings = [read_isolated(p, "principal_cert") for p in batch]
            wall, used = time.perf_counter() - t, cpu() - c + cpu(pid) - w
        ok = sum(r.fields.get("cert_number") is not None for r in readings)
        print(f"batch of {n}: {wall:.1f} s, {wall / n:.2f} s per scan; CPU {used:.1f} s = {used / wall:.2f} cores "
              f"busy of {os.cpu_count()}; peak memory of all processes {mem.peak / 1e6:.0f} MB; "
              f"credit code read on {ok}/{n}")

        from rapidocr import RapidOCR

        from icpdesk.ocr.reader import ENGINE_PARAMS, WORK_SIDE, _pixels

        defaults = RapidOCR(params={"Global.log_level": "warning"})  # rapidocr as it comes
        bare = RapidOCR(params=ENGINE_PARAMS)  # icpdesk's settings: the overhead is decode and extraction
        defaults(str(one))  # warm all
        bare(str(one))
        pixels = _pixels(one)  # the very input icpdesk gives the model
        ours, defaults_t, theirs, same = [], [], [], []
        for _ in range(3):  # alternated, so all meet the same machine state
            t = time.perf_counter()
            reading = read_isolated(one, "principal_cert")
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            defaults(str(one))
            defaults_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            bare(str(one))
            theirs.append(time.perf_counter() - t)
            t = time.perf_counter()
            bare(pixels)
            same.append(time.perf_counter() - t)
        a, d, b, c = (statistics.median(x) for x in (ours, defaults_t, theirs, same))
        print(f"one scan: icpdesk {a:.2f} s (goal < 2 s), read {len(reading.fields)} fields as {reading.document}")
        print(f"  the bare rapidocr call on the same file with icpdesk's settings {b:.2f} s: ratio {a / b:.2f} "
              f"(goal ≤ 1.2×); with rapidocr's defaults {d:.2f} s (ratio {a / d:.2f})")
        print(f"  the model alone on the {WORK_SIDE}-px pixels icpdesk gives it {c:.2f} s: the rest, {a - c:.2f} s, "
              f"is the safe decode at reduced scale, the extraction and the trip to the reader process")


if __name__ == "__main__":
    main()
