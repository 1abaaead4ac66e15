"""Checks of one scanned document: format, size, pixels, mode, orientation, integrity, colour
and legibility. Every problem is a finding with an `image.` rule from rules/images/rules.yaml;
which limits apply comes from rules/images/limits.yaml per material kind."""

from __future__ import annotations

import builtins
import io
import os
import re
import stat
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from ..findings import Finding, has_errors
from ..rulebook import ImageLimits, PlanData
from .legibility import check_content
from .sniff import ACCEPTED, CONVERTIBLE, EXTENSIONS, PILLOW_FORMATS, looks_like_text, sniff

_ROTATION = {5: 90, 6: 90, 7: 270, 8: 270}
_HIGH_DEPTH = {"I;16": 16, "I;16B": 16, "I;16L": 16, "I;16N": 16, "I": 32, "F": 32, "RGB;16": 16}
_GREY_MODES = {"1", "L", "LA", "La", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
# What a damaged or hostile file makes Pillow raise; nothing else is caught silently.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError,
                 ZeroDivisionError, struct.error,
                 Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError,
                 MemoryError, RuntimeError)


@dataclass
class ImageReport:
    path: str
    format: str | None = None
    width: int | None = None
    height: int | None = None
    bytes: int | None = None
    mode: str | None = None
    findings: list[Finding] = field(default_factory=list)
    thumbnail: builtins.bytes | None = None  # a small upright JPEG, when asked for (summaries, the UI)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "ok": self.ok, "format": self.format, "width": self.width,
                "height": self.height, "bytes": self.bytes, "mode": self.mode,
                "findings": [f.to_dict() for f in self.findings]}


class _Reporter:
    def __init__(self, plan: PlanData, at: str) -> None:
        self.plan, self.at = plan, at
        self.findings: list[Finding] = []
        self.thumbnail_side: int | None = None
        self.thumbnail: bytes | None = None

    def add(self, rule_id: str, **fmt: Any) -> None:
        r = self.plan.image_rules[rule_id]
        values = {k: v for k, v in fmt.items()}
        self.findings.append(Finding(
            rule=r.id, severity=r.severity, path=self.at,
            message=r.message.format(**values), message_en=r.message_en.format(**values),
            source=r.source, hint=r.hint.format(**values), hint_en=r.hint_en.format(**values),
            source_title=r.source_title, cites=r.cites))


def _default_plan() -> PlanData:
    from ..shipped import default_rulebook

    return default_rulebook().plan


def open_image(path: Path, formats: list[str]) -> Image.Image:
    """Open with an allowlist; a bomb warning is an error, as Pillow's security notes advise."""
    _register_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(path, formats=formats)


def _register_heif() -> None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # HEIC support is optional: without it such files are "not accepted"
        pass


def _why(e: BaseException) -> tuple[str, str]:
    text = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
    if isinstance(e, MemoryError):
        return "内存不足", "out of memory"
    if "truncated" in text:
        return "文件被截断", f"truncated: {text}"
    return f"解码失败：{text}", text


def check_image(path: str | os.PathLike[str], kind: str | None = None, *, plan: PlanData | None = None,
                at: str = "image", thumbnail: int | None = None) -> ImageReport:
    """All checks of one file; never raises for a bad file. With `thumbnail`, also a preview of
    that size, made from the decode the checks already did."""
    plan = plan or _default_plan()
    p = Path(path)
    report = ImageReport(str(path))
    out = _Reporter(plan, at)
    out.thumbnail_side = thumbnail
    try:
        _check(p, kind, plan, report, out)
    except DECODE_ERRORS as e:
        zh, en = _why(e)
        out.add("image.damaged", why=zh, why_en=en)
    report.findings = out.findings
    report.thumbnail = out.thumbnail
    return report


def probe(path: str | os.PathLike[str]) -> ImageReport:
    """Format, size and dimensions from the header alone (no pixel is decoded)."""
    p = Path(path)
    report = ImageReport(str(path))
    try:
        report.bytes = p.stat().st_size
        with p.open("rb") as fh:
            report.format = sniff(fh.read(64))
        if report.format in PILLOW_FORMATS:
            with open_image(p, PILLOW_FORMATS[report.format]) as im:
                report.width, report.height, report.mode = im.width, im.height, im.mode
    except (*DECODE_ERRORS, OSError):
        pass  # a probe answers what it can; check_image says what is wrong
    return report


def not_a_file(p: Path) -> tuple[str, str] | None:
    """What a path is when it is no regular file (in Chinese and English), else None."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        try:
            os.lstat(p)
        except OSError:
            return ("文件不存在", "no such file")
        return ("链接指向的文件不存在", "a broken link (its target does not exist)")
    except OSError as e:
        return (e.strerror or "无法读取", e.strerror or "cannot be read")
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return ("这是文件夹", "it is a folder")
    if stat.S_ISFIFO(mode):
        return ("这是命名管道（FIFO），不是图片文件", "it is a named pipe (FIFO), not an image file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ("这是设备文件，不是图片文件", "it is a device, not an image file")
    if stat.S_ISSOCK(mode):
        return ("这是套接字，不是图片文件", "it is a socket, not an image file")
    return ("不是普通文件", "not a regular file")


def _check(p: Path, kind: str | None, plan: PlanData, report: ImageReport, out: _Reporter) -> None:
    limits = plan.images.for_kind(kind or "")
    th = plan.images.thresholds
    what = not_a_file(p)
    if what is not None:  # never opened: a FIFO would block, a device would stream forever
        out.add("image.file.unreadable", why=what[0], why_en=what[1])
        return
    try:
        st = p.stat()
        with p.open("rb") as fh:
            head = fh.read(64)
    except FileNotFoundError:
        out.add("image.file.unreadable", why="文件不存在", why_en="no such file")
        return
    except OSError as e:
        out.add("image.file.unreadable", why=e.strerror or "读取失败", why_en=e.strerror or "read error")
        return
    report.bytes = st.st_size
    if st.st_size == 0:
        out.add("image.file.empty")
        return
    _check_size(st.st_size, limits, out)
    fmt = sniff(head)
    report.format = fmt
    if fmt is None:
        why = ("文本文件", "a text file") if looks_like_text(head) else ("未知格式", "unknown format")
        out.add("image.format.unreadable", why=why[0], why_en=why[1])
        return
    ext = p.suffix.lower().lstrip(".")
    if ext and fmt in EXTENSIONS and ext not in EXTENSIONS[fmt] and any(ext in v for v in EXTENSIONS.values()):
        out.add("image.format.name_mismatch", ext=ext, format=fmt)
    accepted = limits.formats or list(ACCEPTED)
    if fmt not in accepted:
        if fmt in ACCEPTED or fmt in CONVERTIBLE:
            out.add("image.format.not_accepted", format=fmt, accepted="/".join(accepted))
        else:
            out.add("image.format.unreadable", why=f"{fmt} 不是可接受的图片格式",
                    why_en=f"{fmt} is not an accepted image format")
            return
        if fmt not in ACCEPTED and fmt not in CONVERTIBLE:
            return
    try:
        im = open_image(p, PILLOW_FORMATS[fmt])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        m = re.search(r"\((\d+) pixels\)", str(e))
        mp = f"{int(m.group(1)) / 1e6:.0f}" if m else "?"
        _too_many(out, th, None, None, mp)
        return
    with im:
        _check_opened(im, p, fmt, kind, limits, th, report, out)


def _too_many(out: _Reporter, th: Any, w: int | None, h: int | None, mp: str) -> None:
    size = f"{w}×{h} 像素（{mp} 百万）" if w else f"{mp} 百万像素"
    size_en = f"{w}×{h} pixels ({mp} MP)" if w else f"{mp} MP"
    out.add("image.pixels.too_many", size=size, size_en=size_en, max_mp=f"{th.max_pixels / 1e6:.0f}")


def _human(n: int, decimals: int = 1) -> str:
    """4194304 → 4 MB, 102400 → 100 KB, 5347737 → 5.1 MB (binary units, as the sources' 4M)."""
    value, unit = (n / 1048576, "MB") if n >= 1048576 else (n / 1024, "KB")
    text = f"{value:.{decimals}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + " " + unit


def _check_size(size: int, limits: ImageLimits, out: _Reporter) -> None:
    if not limits.max_bytes:
        return
    limit = _human(limits.max_bytes, 0)
    if size > limits.max_bytes:
        out.add("image.size.too_large", size=_human(size), bytes=size, max=limits.max_bytes, limit=limit)
    elif limits.warn_bytes and size > limits.warn_bytes:
        out.add("image.size.ambiguous", bytes=size, warn=f"{limits.warn_bytes:,}", max=f"{limits.max_bytes:,}",
                limit=limit)


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(0x0112, 1) or 1)
    except DECODE_ERRORS:
        return 1  # corrupt EXIF is the sender's problem, not a reason to refuse the image


def _check_opened(im: Image.Image, p: Path, fmt: str, kind: str | None, limits: ImageLimits, th: Any,
                  report: ImageReport, out: _Reporter) -> None:
    w, h = im.size
    report.width, report.height, report.mode = w, h, im.mode
    if w * h > th.max_pixels:
        _too_many(out, th, w, h, f"{w * h / 1e6:.0f}")
        return
    frames = getattr(im, "n_frames", 1)
    if frames > 1 and im.format != "MPO":  # MPO: a camera's JPEG with a preview, not an animation
        out.add("image.animated", frames=frames)
    if im.mode == "CMYK":
        out.add("image.mode.cmyk")
    elif im.mode in _HIGH_DEPTH:
        out.add("image.mode.high_bit_depth", bits=_HIGH_DEPTH[im.mode], mode=im.mode)
    elif im.mode in ("P", "PA") and fmt != "GIF":
        out.add("image.mode.palette", mode=im.mode)
    if fmt != "JPEG" and (fmt in ACCEPTED or out.thumbnail_side):
        # Decode now: Pillow's getexif() of a PNG (and others) loads the pixels itself, and a
        # load that failed there leaves an image that later loads "successfully" half-empty.
        _load(im)
    orient = _orientation(im)
    if orient in _ROTATION:
        out.add("image.orientation.sideways", angle=_ROTATION[orient])
        w, h = h, w  # what a reviewer sees once it is upright
    _check_pixels(w, h, kind, limits, out)
    if fmt not in ACCEPTED:  # it has to be converted anyway; the converted copy gets the full check
        if out.thumbnail_side:  # …but the user still sees what will be converted (HEIC, TIFF, BMP)
            out.thumbnail = _thumbnail(im, orient, out.thumbnail_side)
        return
    # The integrity check is a full decode (verify() passes truncated JPEGs); JPEG decodes at a
    # reduced scale in the same pass, which is all colour and focus need.
    side = th.analysis_side
    full_height = im.size[1]
    if fmt == "JPEG":
        draft_long_side(im, side)
        _load(im)
    if fmt == "JPEG" and ends_in_decoder_grey(im, full_height):
        out.add("image.damaged", why="JPEG 数据提前结束，下部是解码器补的灰色（文件不完整）",
                why_en="the JPEG data ends early; the decoder filled the rest with grey (an incomplete file)")
        return
    if fmt == "PNG" and not ends_with_iend(p):
        out.add("image.damaged", why="PNG 文件结尾（IEND）缺失或不完整",
                why_en="the PNG's end chunk (IEND) is missing or cut")
        return
    if frames > 1:
        im.seek(0)
    check_content(analysis_copy(im, th.analysis_side), im.mode in _GREY_MODES, limits, th, out.add)
    if out.thumbnail_side:
        out.thumbnail = _thumbnail(im, orient, out.thumbnail_side)


_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def ends_with_iend(p: Path) -> bool:
    """Whether a PNG ends with its end chunk (within its last 4 KB: a few bytes some tools append
    after it are no damage): the pixels may all be there when the file was cut after them, which
    a decoder does not notice."""
    try:
        with p.open("rb") as fh:
            fh.seek(max(0, p.stat().st_size - 4096))
            return _IEND in fh.read()
    except OSError:
        return False


def _load(im: Image.Image) -> None:
    """The full decode: every byte of pixel data read (a bomb warning is an error)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        im.load()


def ends_in_decoder_grey(im: Image.Image, full_height: int) -> bool:
    """libjpeg pads a scan whose entropy data stops early (even before a proper end marker) with
    flat grey 128 and decodes "successfully": the last block row is exactly grey in every pixel
    of every channel, which no camera or scanner produces. Works at any draft scale."""
    if im.mode not in ("RGB", "L") or not im.size[1]:
        return False
    rows = max(1, round(8 * im.size[1] / max(full_height, 1)))  # one 8-pixel block row, at this scale
    band = im.crop((0, im.size[1] - rows, im.size[0], im.size[1]))
    extrema: Any = band.getextrema()
    bands: list[tuple[int, int]] = [extrema] if im.mode == "L" else list(extrema)
    return all(lo == 128 and hi == 128 for lo, hi in bands)


def _thumbnail(im: Image.Image, orient: int, side: int) -> bytes:
    small = analysis_copy(im, side)
    turn = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_270, 8: Image.Transpose.ROTATE_90}
    if orient in turn:
        small = small.transpose(turn[orient])
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _check_pixels(w: int, h: int, kind: str | None, limits: ImageLimits, out: _Reporter) -> None:
    if limits.exact_pixels:
        want_w, want_h = limits.exact_pixels
        if (w, h) != (want_w, want_h):
            out.add("image.curtain.dimensions", want_w=want_w, want_h=want_h, width=w, height=h)
        return
    long_side, short_side = max(w, h), min(w, h)
    if limits.hard_min_pixels:
        a, b = sorted(limits.hard_min_pixels, reverse=True)
        if long_side < a or short_side < b:
            out.add("image.resolution.too_small", width=w, height=h, min_w=a, min_h=b)
            return
    if limits.min_pixels:
        a, b = sorted(limits.min_pixels, reverse=True)
        if long_side < a or short_side < b:
            out.add("image.resolution.low", width=w, height=h, min_w=a, min_h=b)


def analysis_copy(im: Image.Image, side: int) -> Image.Image:
    """An RGB copy no longer than `side`, for colour and focus measures."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, rgba)
    elif im.mode in _HIGH_DEPTH:
        im = im.point(lambda v: v / 256).convert("L") if im.mode.startswith("I;16") else im.convert("L")
    small = im.convert("RGB")
    small.thumbnail((side, side))
    return small


# A verdict with one of these was not a clean decode: its file is previewed in a worker again
# The side of the previews the wizard shows and the summaries print: one size, so a preview made
# when a scan was checked serves the export too (icpdesk/images/verdicts.py keeps them).
PREVIEW_SIDE = 320
UNSAFE_TO_PREVIEW = frozenset({"image.file.unreadable", "image.file.empty", "image.format.unreadable",
                               "image.pixels.too_many", "image.damaged", "image.check.timeout",
                               "image.check.crashed"})


def safe_to_preview(report: ImageReport) -> bool:
    """Whether these bytes decoded cleanly in a limited worker before (so this process may)."""
    return report.width is not None and not any(f.rule in UNSAFE_TO_PREVIEW for f in report.findings)


def draft_long_side(im: Image.Image, side: int) -> None:
    """Ask libjpeg for the smallest DCT scale (1/1…1/8) whose *long* side still covers `side`
    (asking for side×side would keep a 4:3 photo's short side covered too: half the reduction)."""
    w, h = im.size
    long = max(w, h, 1)
    im.draft("RGB", (max(1, side * w // long), max(1, side * h // long)))


def load_reduced(path: Path, side: int) -> Image.Image:
    """The image decoded through the allowlist and the bomb limits, JPEG at the reduced decode
    scale that still covers `side` (previews, OCR). Raises ValueError for a file that is no
    image Pillow may open, OSError and Pillow's bomb errors as they come."""
    with path.open("rb") as fh:
        fmt = sniff(fh.read(64))
    if fmt is None or fmt not in PILLOW_FORMATS:
        raise ValueError("not an image")
    im = open_image(path, PILLOW_FORMATS[fmt])
    try:
        if fmt == "JPEG":
            draft_long_side(im, side)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im.load()
    except BaseException:
        im.close()
        raise
    return im


def preview(path: Path, side: int) -> bytes | None:
    """A small upright JPEG of a file that decoded cleanly before: JPEG at reduced decode scale,
    which costs a fraction of the full decode the checks did. None when it cannot be made."""
    try:
        with load_reduced(path, side) as im:
            return _thumbnail(im, _orientation(im), side)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
