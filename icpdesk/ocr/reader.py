"""rapidocr, loaded once per process and used from any thread (one at a time: onnxruntime uses
every core itself). The scan is decoded by Pillow through the same format allowlist and bomb
limits as the image checks, never by OpenCV, and scaled to the side rapidocr works at."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any

from ..errors import IcpdeskError
from ..readings import Line, Reading  # Line: a text line as the engine found it

WORK_SIDE = 1600  # the long side OCR works at: detection time grows with the area (2000 px: 1.6 s a scan on
# 2 cores, 1600: 1.5, 1280: 0.9); at 1600 the small print of a licence still reads (benchmarks/ocr.py)
DET_SIDE = 960  # text *detection* runs at most at this long side (its feature maps are what costs memory:
# 1600 px peaks at 0.52 GB, 960 at 0.33 GB, and takes half the time); the lines it finds are
# recognised from the WORK_SIDE image, so small print still reads
MIN_SCORE = 0.3  # lines below this are noise; between it and readings.CONFIDENT: "could not read"


class OcrUnavailable(IcpdeskError):
    """The optional OCR packages are not installed (exit 2)."""

    def __init__(self) -> None:
        super().__init__("未安装OCR组件：pip install 'icpdesk[ocr]' / OCR is not installed: pip install 'icpdesk[ocr]'")


# its INFO lines name model files on every start; warnings and errors still show
ENGINE_PARAMS = {"Global.log_level": "warning", "Global.text_score": MIN_SCORE,
                 "Det.limit_type": "max", "Det.limit_side_len": DET_SIDE}
_engine: Any = None
_lock = threading.Lock()


def available() -> bool:
    """Whether rapidocr and onnxruntime can be imported (without loading the models)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime"))


def _load() -> Any:
    global _engine
    if _engine is None:
        if not available():
            raise OcrUnavailable()
        from rapidocr import RapidOCR

        engine = RapidOCR(params=ENGINE_PARAMS)
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        _engine = engine
    return _engine


_trim: Any = None  # glibc's malloc_trim, False where there is none (found on first use)


def _give_back() -> None:
    """Return the inference's freed buffers to the OS: glibc keeps them in its heap otherwise, and
    the reader process would hold a few hundred MB after one read (measured: 340 MB → 170 MB)."""
    global _trim
    if _trim is None:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
        try:
            _trim = getattr(ctypes.CDLL(name), "malloc_trim", False) if name else False
        except OSError:
            _trim = False
    if _trim:
        _trim(0)


def _pixels(path: Path) -> Any:
    """The scan upright, in RGB, at most WORK_SIDE on its long side, as a numpy array; JPEG at
    reduced decode scale where that still covers WORK_SIDE."""
    import numpy as np
    from PIL import ImageOps

    from ..images.check import load_reduced

    with load_reduced(path, WORK_SIDE) as im:
        up = ImageOps.exif_transpose(im).convert("RGB")
    up.thumbnail((WORK_SIDE, WORK_SIDE))
    return np.asarray(up)[:, :, ::-1].copy()  # rapidocr takes OpenCV's BGR order


def read_lines(path: str | Path) -> list[Line]:
    """The text lines of a scan, top to bottom; raises OcrUnavailable without the extra and
    ValueError/OSError for a file that is no readable image."""
    pixels = _pixels(Path(path))
    with _lock:
        engine = _load()
        out = engine(pixels)
        _give_back()
    boxes = getattr(out, "boxes", None)
    if boxes is None:
        return []
    lines = [Line(str(t), float(s), tuple((float(x), float(y)) for x, y in b))
             for b, t, s in zip(boxes, out.txts, out.scores, strict=False)]
    return sorted(lines, key=lambda ln: (ln.top, ln.left))


def read_scan(path: str | Path, kind: str | None) -> Reading:
    """What a scan of this material kind says; an unreadable file is a Reading with `error`."""
    from .extract import extract

    try:
        lines = read_lines(path)
    except OcrUnavailable:
        raise
    except (OSError, ValueError, SyntaxError, MemoryError) as e:
        return Reading(kind or "", "unknown", error=str(e).splitlines()[0][:120] if str(e) else type(e).__name__)
    except Exception as e:
        from PIL import Image

        if isinstance(e, Image.DecompressionBombError | Image.DecompressionBombWarning):
            return Reading(kind or "", "unknown", error="image too large")
        return Reading(kind or "", "unknown", error=f"OCR failed: {type(e).__name__}")
    return extract(lines, kind)
