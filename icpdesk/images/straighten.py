"""Crop and straighten: the document found in a photo cut out and its perspective corrected to
the kind's real aspect ratio (rules/images/limits.yaml document_mm), at the resolution the
photo has it in. Only when the outline was found with confidence; never for kinds that are no
document (a curtain photo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image

from ..rulebook import ImageLimits
from .legibility import is_document

Note = Callable[[str, str], None]


def straighten(im: Image.Image, limits: ImageLimits, th: Any, note: Note) -> Image.Image:
    """`im` (RGB, upright) with the document cut out and straightened, or `im` itself when there
    is nothing to do or the document was not found with confidence (`note` says which)."""
    if not limits.document_mm:
        return im
    import cv2
    import numpy as np

    from . import document as doc

    side = th.analysis_side
    small = im.copy()
    small.thumbnail((side, side), Image.Resampling.BILINEAR)  # what the check looked at
    found = doc.find_document(doc.as_array(small))
    if found is None or not found.confident or found.area < 0.05 or not (
            is_document(found, limits, th.doc_aspect_tolerance) or found.slant > th.doc_max_slant):
        note("未找到可信的证件轮廓，没有裁剪", "no document outline found with confidence; not cropped")
        return im
    corners = found.scaled(im.width / small.width)
    top, right, bottom, left = (float(np.linalg.norm(corners[(i + 1) % 4] - corners[i])) for i in range(4))
    if found.area > 0.85 and found.slant < 1.04:
        note("证件已占满画面且端正，无需裁剪", "the document already fills the picture squarely; not cropped")
        return im
    landscape = top + bottom >= left + right
    want = max(limits.document_mm) / min(limits.document_mm)
    long_px = max(top, bottom) if landscape else max(left, right)  # the nearer side keeps its pixels
    long_px = max(long_px, (max(left, right) if landscape else max(top, bottom)) * want)
    w, h = (round(long_px), round(long_px / want)) if landscape else (round(long_px / want), round(long_px))
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners, target)
    out = cv2.warpPerspective(np.asarray(im), m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    note(f"裁出证件并校正透视：{w}×{h}（{max(limits.document_mm):g}×{min(limits.document_mm):g} mm 的比例；"
         f"原图中占 {found.area:.0%}）",
         f"cut out the document and corrected its perspective: {w}×{h} (the {max(limits.document_mm):g}×"
         f"{min(limits.document_mm):g} mm aspect ratio; it covered {found.area:.0%} of the photo)")
    return Image.fromarray(out)
