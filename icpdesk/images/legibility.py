"""What a reviewer sees in a scan: colour or a black-and-white copy, focus, light, and for the
material kinds that are documents, the document itself (found, whole, large enough, not at a
steep slant, no glare over it). Judged on the reduced copy the checks already decoded; the
thresholds are rules/images/limits.yaml's, chosen on the labelled set tests/docphotos.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image, ImageChops, ImageStat

from ..rulebook import ImageLimits

Add = Callable[..., None]


def _percentile(hist: list[int], q: float) -> int:
    total = sum(hist)
    if not total:
        return 0
    acc, target = 0, total * q
    for value, count in enumerate(hist):
        acc += count
        if acc >= target:
            return value
    return len(hist) - 1


def measure(small: Image.Image) -> dict[str, float]:
    """Chroma (colour) and brightness of a reduced RGB copy."""
    r, g, b = small.split()
    chroma = ImageChops.add(ImageChops.difference(r, g), ImageChops.difference(g, b))
    ch = chroma.histogram()
    stat = ImageStat.Stat(small.convert("L"))
    n = max(1, sum(ch))
    return {"chroma_mean": sum(i * c for i, c in enumerate(ch)) / n, "chroma_p99": _percentile(ch, 0.99),
            "mean": stat.mean[0], "stddev": stat.stddev[0]}


def is_document(found: Any, limits: ImageLimits, tolerance: float) -> bool:
    """Whether a found outline has the kind's shape (its real aspect ratio, seen through the
    perspective, within the tolerance), so an inner frame or a photo box is not taken for it."""
    if found is None or not limits.document_mm:
        return False
    want = max(limits.document_mm) / min(limits.document_mm)
    return any(abs(a / want - 1) <= tolerance for a in found.aspects)


def check_content(small: Image.Image, grey_mode: bool, limits: ImageLimits, th: Any, add: Add) -> None:
    """Every content finding of one reduced RGB copy (`grey_mode`: the file itself is greyscale)."""
    m = measure(small)
    try:
        from . import document as doc  # OpenCV: only in the workers that check, only here
    except ImportError:  # a broken install without OpenCV: what Pillow alone can tell
        _grey(m, grey_mode, limits, th, add)
        _light(m, th, add)
        return
    rgb = doc.as_array(small)
    lo = doc.reduced(rgb, th.analysis_side // 2)  # outlines, glare and tint: a quarter of the pixels
    found_lo = doc.find_document(lo) if limits.document_mm else None
    found = found_lo.rescaled(rgb.shape[1] / lo.shape[1]) if found_lo is not None else None
    whole = found is not None and found.confident and is_document(found, limits, th.doc_aspect_tolerance)
    if found is not None and found.cut and found.support >= 0.55 and 0.1 <= found.area <= 0.9:
        sides = [s for s in ("top", "right", "bottom", "left") if s in found.cut]
        add("image.document.cut_off", sides="、".join(doc.SIDE_ZH[s] + "边" for s in sides),
            sides_en=" and ".join(f"{s} edge" for s in sides))
    elif found is not None and found.confident:
        if whole and found.area < th.doc_min_area:
            cx, cy = found.corners.mean(axis=0) / found.size
            zh, en = doc.where_in_picture(float(cx), float(cy))
            add("image.document.small_in_frame", share=f"{found.area:.0%}", min=f"{th.doc_min_area:.0%}",
                where=zh, where_en=en)
        if found.slant > th.doc_max_slant and found.area >= 0.05:  # the shape is off at a slant: not asked
            zh, en = doc.where_slanted(found.corners)
            add("image.document.skewed", side=zh, side_en=en, ratio=f"{found.slant:.2f}")
    mask = doc.document_mask(found, rgb.shape[:2]) if whole else None
    mask_lo = doc.document_mask(found_lo, lo.shape[:2]) if whole else None
    grey_found = _grey(m, grey_mode, limits, th, add)
    if not grey_found and limits.colour and limits.document_mm and doc.colour_spread(lo, mask_lo) < th.copy_max_spread:
        add("image.colour.copy", why="整页只有纸张的一种色调", why_en="the whole page is one tint, the paper's")
    grey = doc.cv2.cvtColor(rgb, doc.cv2.COLOR_RGB2GRAY)
    sharp = doc.sharpness(grey, mask)
    if sharp < th.blur_min_sharpness:
        add("image.legibility.blurred", edge=f"{sharp:.2f}", min=f"{th.blur_min_sharpness:.2f}")
    if limits.document_mm:
        g = doc.glare(lo, mask_lo)
        if g is not None and g[0] >= th.glare_min_share:
            zh, en = doc.where_in_picture(*g[1])
            add("image.legibility.glare", share=f"{g[0]:.0%}", where=zh, where_en=en)
    _light(m, th, add)


def _grey(m: dict[str, float], grey_mode: bool, limits: ImageLimits, th: Any, add: Add) -> bool:
    """A greyscale file, or a colour file with no colour in it, where colour is required."""
    if not limits.colour:
        return False
    if grey_mode:
        add("image.colour.greyscale", why="灰度图片", why_en="a greyscale image")
        return True
    if m["chroma_mean"] < th.grey_mean_chroma and m["chroma_p99"] < th.grey_p99_chroma:
        add("image.colour.greyscale", why="彩色文件里的黑白内容", why_en="a colour file holding a black-and-white scan")
        return True
    return False


def _light(m: dict[str, float], th: Any, add: Add) -> None:
    if m["mean"] < th.dark_mean:
        add("image.legibility.dark", mean=int(m["mean"]))
    elif m["mean"] > th.bright_mean and m["stddev"] < th.bright_max_stddev:
        add("image.legibility.washed_out", mean=int(m["mean"]), stddev=int(m["stddev"]))
