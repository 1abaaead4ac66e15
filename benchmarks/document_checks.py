"""The document and legibility checks (issue 32) on the labelled set of generated photos
(tests/docphotos.py): for each detector, how often it fires on pictures that do not have its
defect (false positives; the clean scans, sharp photos and curtain photos above all) and how
often it misses the pictures that do (false negatives). The thresholds in
rules/images/limits.yaml were chosen from these numbers. Prints; asserts nothing.

    python benchmarks/document_checks.py [--per-label 20] [--side 1600]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from docphotos import JUDGED, LABELS, case, jpeg

from icpdesk.images.batch import check_many


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-label", type=int, default=20)
    ap.add_argument("--side", type=int, default=1600, help="long side of the generated photos")
    ap.add_argument("--show", action="store_true", help="name every picture a detector got wrong")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, kinds, labels = [], [], []
        t = time.perf_counter()
        for label in LABELS:
            for i in range(args.per_label):
                im, kind, _ = case(label, i, args.side)
                p = Path(tmp) / f"{label}-{i:02}.jpg"
                p.write_bytes(jpeg(im, i))
                paths.append(p)
                kinds.append(kind)
                labels.append(label)
        print(f"{len(paths)} pictures ({args.per_label} per label, long side {args.side} px), "
              f"made in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        reports = list(check_many(paths, kinds=kinds))
        print(f"checked in {time.perf_counter() - t:.1f} s")
    fired = [{f.rule for f in r.findings} & JUDGED for r in reports]
    print(f"\n{'detector':34} {'false pos.':>14} {'false neg.':>12}")
    worst_fp = 0.0
    for rule in sorted(JUDGED):
        has = [i for i, lab in enumerate(labels) if LABELS[lab] == rule]
        hasnt = [i for i, lab in enumerate(labels) if LABELS[lab] != rule]
        fn = [i for i in has if rule not in fired[i]]
        fp = [i for i in hasnt if rule in fired[i]]
        worst_fp = max(worst_fp, len(fp) / max(1, len(hasnt)))
        print(f"{rule:34} {len(fp):4}/{len(hasnt):<4} {len(fp) / max(1, len(hasnt)):5.1%}"
              f" {len(fn):4}/{len(has):<4} {len(fn) / max(1, len(has)):5.1%}")
        if args.show:
            for i in fp + fn:
                print(f"    {'FP' if i in fp else 'FN'} {paths[i].name} ({kinds[i]})")
    clean = [i for i, lab in enumerate(labels) if LABELS[lab] is None]
    alarms = Counter(r for i in clean for r in fired[i])
    print(f"\nclean pictures (scans, sharp photos, curtain photos) with any document finding: "
          f"{sum(1 for i in clean if fired[i])}/{len(clean)} {dict(alarms) if alarms else ''}")
    print("goal: no false alarm on clean pictures; each defect found in at least 9 of 10 (false neg. ≤ 10 %)")
    crop_rates(max(4, args.per_label // 2), args.side)
    straighten_12mp()


def crop_rates(per_label: int, side: int) -> None:
    """fix-image --kind on photos that need it (sharp, small, skewed): how often it cuts the
    document out, and how often the copy is then free of document findings; and that it never
    crops a flat scan, a cut-off document or a curtain photo."""
    from icpdesk.images.fix import fix_image

    cut = {"photo": 0, "small": 0, "skewed": 0, "scan": 0, "cut_off": 0, "curtain": 0}
    clean_after = 0
    with tempfile.TemporaryDirectory() as tmp:
        for label in cut:
            for i in range(per_label):
                im, kind, _ = case(label, i, side)
                src = Path(tmp) / f"{label}-{i}.jpg"
                src.write_bytes(jpeg(im, i))
                rep = fix_image(src, kind, Path(tmp) / f"{label}-{i}-fixed.jpg")
                if any("cut out the document" in c for c in rep.changes_en):
                    cut[label] += 1
                    after = {f.rule for f in rep.after.findings} if rep.after else set()
                    clean_after += not (after & JUDGED)
    need = sum(cut[k] for k in ("photo", "small", "skewed"))
    print(f"\ncrop and straighten ({per_label} per label): cut out {cut['photo']}/{per_label} sharp photos, "
          f"{cut['small']}/{per_label} small, {cut['skewed']}/{per_label} skewed; of those {clean_after}/{need} "
          f"free of document findings after; cropped by mistake: {cut['scan']} flat scans, "
          f"{cut['cut_off']} cut-off documents, {cut['curtain']} curtain photos")


def straighten_12mp() -> None:
    """Crop and straighten of one 12 MP phone photo of a card: the decode and the cut-out (what
    the fix adds to a plain re-encode), and the whole fix-image for reference (it also searches
    the JPEG quality under the size limit and checks its result)."""
    import os

    from PIL import Image

    from icpdesk.images.fix import fix_image
    from icpdesk.images.straighten import straighten
    from icpdesk.shipped import default_rulebook

    plan = default_rulebook().plan
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "card.jpg"
        src.write_bytes(jpeg(case("skewed", 0, 4000)[0], 0))
        best = whole = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            with Image.open(src) as im:
                im.load()
                rgb = im.convert("RGB")
            t_decode = time.perf_counter() - t
            out = straighten(rgb, plan.images.for_kind("leader_id_front"), plan.images.thresholds, lambda *_: None)
            best = min(best, time.perf_counter() - t)
            t = time.perf_counter()
            fix_image(src, "leader_id_front", Path(tmp) / "fixed.jpg")
            whole = min(whole, time.perf_counter() - t)
        print(f"\ncrop and straighten of a 4000×3000 photo on {os.cpu_count()} cores: decode + cut-out {best:.2f} s "
              f"(decode {t_decode:.2f} s; goal < 1 s), card {out.width}×{out.height}; "
              f"whole fix-image {whole:.2f} s")


if __name__ == "__main__":
    main()
