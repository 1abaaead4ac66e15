"""Export and verify of a filing with 20 and with 80 scans of about 3.5 MB, against `zip -0`
and `sha256sum` of the same files, in one run (issue 6); and (issue 17) the export of 80 scans
that were checked before (the wizard or `check-image` did: verdicts cached by content) against
`zip -0` of the same files, with the cold export (nothing checked before) reported beside it.

Goals: the summaries a fixed cost under 1.5 s (reported on its own); the extra time the 60
extra scans add within 1.5× of the extra time they add to `zip -0` (export) and to
`sha256sum` (verify); memory flat as the package grows. Prints numbers; asserts nothing.

    python benchmarks/package.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import TODAY, enterprise_filing, scans
from imagegen import noisy_photo
from images import TreeRss

from icpdesk.engine import Validator
from icpdesk.fileio import save_filing
from icpdesk.images.check import PREVIEW_SIDE
from icpdesk.package import export as export_mod
from icpdesk.package.export import export_package
from icpdesk.package.verify import verify_package


def make_filing(folder: Path, n: int, sources: list[Path]) -> Path:
    f = enterprise_filing()
    extra = []
    for i in range(n - len(f.materials)):
        extra += scans(("other", "principal"))
        extra[-1].path = f"scans/extra-{i:03}.jpg"
    f.materials += extra
    for i, m in enumerate(f.materials):
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[i % len(sources)], target)
        with target.open("ab") as fh:  # make every file distinct, as real scans are
            fh.write(i.to_bytes(4, "big"))
    path = folder / "f.icpdesk.yaml"
    save_filing(f, path)
    return path


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def fresh_cache(folder: Path) -> None:
    """A new, empty verdict cache (memory and folder): the next export is a cold one."""
    from icpdesk.images import verdicts

    os.environ["ICPDESK_CACHE"] = str(folder)
    verdicts._shared = None


def warm(n: int, sources: list[Path], root: Path) -> None:
    """Export of n scans checked before, as a user who attached them in the wizard does."""
    from icpdesk.images.batch import check_many
    from icpdesk.images.verdicts import shared_cache

    folder = root / f"warm{n}"
    folder.mkdir()
    src = make_filing(folder, n, sources)
    files = [str(folder / "scans" / p) for p in sorted(os.listdir(folder / "scans"))]
    fresh_cache(root / "cache-warm")
    t_cold, _ = timed(lambda: export_package(src, folder / "cold.zip", validator=Validator(today=TODAY)))
    fresh_cache(root / "cache-warm2")
    from icpdesk.fileio import load_filing

    f = load_filing(src)
    t_check, _ = timed(lambda: list(check_many([folder / m.path for m in f.materials],
                                               kinds=[m.kind for m in f.materials], thumbnail=PREVIEW_SIDE,
                                               cache=shared_cache())))
    t_warm, _ = timed(lambda: export_package(src, folder / "warm.zip", validator=Validator(today=TODAY)))
    def zip0(i: int) -> float:
        return timed(lambda: subprocess.run(["zip", "-0", "-q", str(folder / f"z{i}.zip"), *files], check=True))[0]

    t_zip = min(zip0(i) for i in range(2))
    print(f"{n} scans checked before (wizard's check {t_check:.2f} s): export {t_warm:.2f} s, zip -0 {t_zip:.2f} s, "
          f"ratio {t_warm / t_zip:.2f} (goal ≤ 1.5); cold export {t_cold:.2f} s, ratio {t_cold / t_zip:.2f}")


def run(n: int, sources: list[Path], root: Path) -> dict[str, float]:
    folder = root / f"n{n}"
    folder.mkdir()
    src = make_filing(folder, n, sources)
    files = [str(folder / "scans" / p) for p in sorted(os.listdir(folder / "scans"))]
    phases: dict[str, float] = {}
    original = export_mod.check_many

    def timed_checks(*a, **kw):
        t = time.perf_counter()
        out = list(original(*a, **kw))
        phases["images"] = time.perf_counter() - t
        return out

    export_mod.check_many = timed_checks
    with TreeRss() as mem_export:
        t_export, result = timed(lambda: export_package(src, folder / "p.zip", validator=Validator(today=TODAY),
                                                        now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))
    export_mod.check_many = original
    with TreeRss() as mem_verify:
        t_verify, _ = timed(lambda: verify_package(folder / "p.zip", validator=Validator(today=TODAY)))
    t_zip, _ = timed(lambda: subprocess.run(["zip", "-0", "-q", str(folder / "z.zip"), *files], check=True))
    t_sha, _ = timed(lambda: subprocess.run(["sha256sum", *files], check=True, capture_output=True))
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"{n} scans, {mb:.0f} MB: export {t_export:.2f} s (image checks {phases['images']:.2f} s, "
          f"summaries {result.summary_seconds:.2f} s), verify {t_verify:.2f} s; zip -0 {t_zip:.2f} s, "
          f"sha256sum {t_sha:.2f} s; peak memory export {mem_export.peak / 1e6:.0f} MB, "
          f"verify {mem_verify.peak / 1e6:.0f} MB")
    return {"export": t_export, "images": phases["images"], "summary": result.summary_seconds,
            "verify": t_verify, "zip": t_zip, "sha": t_sha, "mem_export": mem_export.peak,
            "mem_verify": mem_verify.peak}


def main() -> None:
    for tool in ("zip", "sha256sum"):
        if shutil.which(tool) is None and os.geteuid() == 0:
            subprocess.run(["apt-get", "install", "-y", "-qq", tool], capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = []
        for seed in range(4):
            p = root / f"src{seed}.jpg"
            noisy_photo(3000, 2250, seed).save(p, "JPEG", quality=94)
            sources.append(p)
        print("scan size:", ", ".join(f"{p.stat().st_size / 1e6:.1f} MB" for p in sources))
        fresh_cache(root / "cache")
        small, big = run(20, sources, root), run(80, sources, root)
        warm(80, sources, root)
    d = {k: big[k] - small[k] for k in ("export", "images", "verify", "zip", "sha")}
    data_path = d["export"] - d["images"]
    print(f"summaries (fixed cost): {small['summary']:.2f} s and {big['summary']:.2f} s (goal < 1.5 s)")
    print(f"60 extra scans add: export {d['export']:.2f} s, of which image checks {d['images']:.2f} s and the "
          f"data path (copy + hashes) {data_path:.2f} s; zip -0 {d['zip']:.2f} s")
    print(f"  export data path / zip -0 = {data_path / d['zip']:.2f} (goal ≤ 1.5); whole export / zip -0 = "
          f"{d['export'] / d['zip']:.2f}")
    print(f"  verify {d['verify']:.2f} s vs sha256sum {d['sha']:.2f} s: "
          f"ratio {d['verify'] / d['sha']:.2f} (goal ≤ 1.5)")
    print(f"memory 20 → 80 scans: export {small['mem_export'] / 1e6:.0f} → {big['mem_export'] / 1e6:.0f} MB, "
          f"verify {small['mem_verify'] / 1e6:.0f} → {big['mem_verify'] / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
