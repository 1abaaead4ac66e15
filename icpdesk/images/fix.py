"""A corrected copy of a scan: an accepted format, upright, 8-bit RGB, under the size limit
with text kept legible, or an 800×600 curtain photo. The original is never touched and the
copy is written completely or not at all."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from ..atomic import atomic_write, check_target
from ..errors import IcpdeskError, InputError
from ..rulebook import PlanData
from .check import DECODE_ERRORS, ImageReport, _default_plan, _why, analysis_copy, check_image, open_image
from .sniff import ACCEPTED, CONVERTIBLE, PILLOW_FORMATS, sniff

_LOWEST_QUALITY = 50  # below this JPEG blocks smear small print; scale down instead
_JPEG_MAX_SIDE = 65500  # libjpeg's limit


class NotFixable(IcpdeskError):
    exit_code = 1


@dataclass
class FixReport:
    source: str
    output: str
    changes: list[str] = field(default_factory=list)
    changes_en: list[str] = field(default_factory=list)
    quality: int | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: ImageReport | None = None

    def note(self, zh: str, en: str) -> None:
        self.changes.append(zh)
        self.changes_en.append(en)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "output": self.output, "changes": self.changes,
                "changes_en": self.changes_en, "quality": self.quality, "before": self.before,
                "after": self.after.to_dict() if self.after else None,
                "ok": bool(self.after and self.after.ok)}


def _to_rgb(im: Image.Image, rep: FixReport) -> Image.Image:
    mode = im.mode
    if mode == "RGB":
        return im
    if mode == "CMYK":
        rep.note("CMYK 转为 RGB", "CMYK converted to RGB")
    elif mode.startswith(("I;16", "I", "F")) or mode == "RGB;16":
        rep.note(f"{mode} 高位深转为 8 位", f"{mode} reduced to 8 bits per channel")
    elif mode in ("P", "PA"):
        rep.note("调色板图片转为 RGB", "palette image converted to RGB")
    elif mode in ("RGBA", "LA", "La", "RGBa"):
        rep.note("透明背景填为白色", "transparent background filled with white")
    return analysis_copy(im, max(im.size))


def _cover(im: Image.Image, size: tuple[int, int], rep: FixReport) -> Image.Image:
    """Scale and centre-crop to exactly `size` (the curtain photo's 800×600)."""
    if im.size == size:
        return im
    if im.height > im.width and size[0] > size[1]:
        rep.note("注意：原图是竖幅，裁成横幅 800×600 会裁掉上下部分", "note: a portrait photo is cropped to landscape")
    out = ImageOps.fit(im, size, Image.Resampling.LANCZOS)
    rep.note(f"裁剪缩放 {im.width}×{im.height} → {size[0]}×{size[1]}",
             f"cropped and scaled {im.width}×{im.height} → {size[0]}×{size[1]}")
    return out


def _encode(im: Image.Image, fmt: str, quality: int | None = None) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        # optimize=True can fail on large pictures ("Suspension not allowed here"); plain
        # Huffman tables cost a few percent, which the quality search absorbs
        q = quality or 90
        im.save(buf, "JPEG", quality=q, subsampling="4:2:0" if q < 90 else "4:4:4")
    else:
        im.save(buf, fmt, optimize=True)
    return buf.getvalue()


def _fit_size(im: Image.Image, fmt: str, budget: int, min_side: tuple[int, int] | None,
              fixed_size: bool, rep: FixReport) -> tuple[bytes, Image.Image, str]:
    """Best quality under the budget: binary-search JPEG quality, then scale down in steps."""
    if fmt != "JPEG":
        data = _encode(im, fmt)
        if len(data) <= budget:
            return data, im, fmt
        rep.note(f"{fmt} 太大，改存为 JPEG", f"{fmt} too large, saved as JPEG instead")
        fmt = "JPEG"
    while True:
        best = None
        lo, hi = _LOWEST_QUALITY, 92  # above 92 JPEG grows fast and text gains nothing visible
        while lo <= hi:
            q = (lo + hi) // 2
            data = _encode(im, "JPEG", q)
            if len(data) <= budget:
                best, lo = (data, q), q + 1
            else:
                hi = q - 1
        if best:
            rep.quality = best[1]
            return best[0], im, fmt
        if fixed_size:
            data = _encode(im, "JPEG", _LOWEST_QUALITY)
            rep.quality = _LOWEST_QUALITY
            return data, im, fmt
        new = (max(1, int(im.width * 0.85)), max(1, int(im.height * 0.85)))
        if min_side and (max(new) < max(min_side) or min(new) < min(min_side)):
            raise NotFixable("无法在保持清晰的前提下压缩到限制以下 / cannot get under the limit and stay legible")
        was, now = f"{im.width}×{im.height}", f"{new[0]}×{new[1]}"
        rep.note(f"缩小 {was} → {now}", f"scaled {was} → {now}")
        im = im.resize(new, Image.Resampling.LANCZOS)


def fix_image(src: str | os.PathLike[str], kind: str | None, out: str | os.PathLike[str], *,
              plan: PlanData | None = None, out_format: str | None = None) -> FixReport:
    plan = plan or _default_plan()
    src_p, out_p = Path(src), Path(out)
    if not src_p.is_file():
        raise InputError("找不到要修复的文件 / no such file", file=str(src_p))
    if out_p.is_dir():  # a folder: the fixed copy goes in there, named after the original
        out_p = out_p / (src_p.stem + ("-fixed" if src_p.parent.resolve() == out_p.resolve() else "") + ".jpg")
    check_target(out_p, [src_p])
    limits = plan.images.for_kind(kind or "")
    th = plan.images.thresholds
    with src_p.open("rb") as fh:
        head = fh.read(64)
    fmt = sniff(head)
    if fmt not in ACCEPTED and fmt not in CONVERTIBLE:
        raise InputError(f"{fmt or '未知格式'}：不是可转换的图片 / {fmt or 'unknown format'}: not a convertible image",
                         file=str(src_p))
    rep = FixReport(str(src_p), str(out_p))
    try:
        with open_image(src_p, PILLOW_FORMATS[fmt]) as im:
            rep.before = {"format": fmt, "width": im.width, "height": im.height, "mode": im.mode,
                          "bytes": src_p.stat().st_size}
            if im.width * im.height > th.max_pixels:
                raise NotFixable("像素过多，不予解码 / too many pixels to decode")
            frames = getattr(im, "n_frames", 1)
            if frames > 1 and im.format != "MPO":
                rep.note(f"动图只保留第一帧（共 {frames} 帧）", f"kept the first of {frames} frames")
            im.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                im.load()
            work = ImageOps.exif_transpose(im)  # applies orientation 2–8 and drops the tag
            if work.size != im.size or (im.getexif().get(0x0112, 1) not in (None, 1)):
                rep.note("按 EXIF 方向转正", "turned upright by its EXIF orientation")
            work = _to_rgb(work, rep)
    except NotFixable:
        raise
    except DECODE_ERRORS as e:
        zh, en = _why(e)
        raise InputError(f"图片无法解码：{zh} / cannot be decoded: {en}", file=str(src_p)) from None
    want = (out_format or _format_for(out_p, limits, fmt)).upper()
    if limits.document_mm and not limits.exact_pixels:
        from .straighten import straighten  # OpenCV: only when a document is to be cut out

        work = straighten(work, limits, th, rep.note)
    if limits.exact_pixels:
        work = _cover(work, tuple(limits.exact_pixels), rep)
        want = "JPEG"
    if want != fmt:
        rep.note(f"格式 {fmt} → {want}", f"format {fmt} → {want}")
    budget = min(x for x in (limits.warn_bytes, limits.max_bytes) if x) - 1024  # headroom
    if want == "JPEG" and max(work.size) > _JPEG_MAX_SIDE:
        raise NotFixable(f"{work.width}×{work.height}：JPEG 最长边只能到 {_JPEG_MAX_SIDE} 像素，这不像扫描件 / "
                         f"{work.width}×{work.height}: JPEG sides stop at {_JPEG_MAX_SIDE} pixels; this is no scan")
    try:
        data, work, want = _fit_size(work, want, budget, limits.hard_min_pixels, bool(limits.exact_pixels), rep)
    except (OSError, ValueError, MemoryError) as e:  # the encoder refused these pixels
        raise NotFixable(f"无法编码：{e} / cannot be encoded: {e}") from None
    if len(data) < rep.before["bytes"] * 0.98 or want != fmt:
        q_zh = f"（JPEG 质量 {rep.quality}）" if rep.quality else ""
        q_en = f" (JPEG quality {rep.quality})" if rep.quality else ""
        rep.note(f"大小 {rep.before['bytes']:,} → {len(data):,} 字节{q_zh}",
                 f"size {rep.before['bytes']:,} → {len(data):,} bytes{q_en}")
    rep.note("去除 EXIF 等元数据", "EXIF and other metadata removed")
    atomic_write(out_p, data)
    rep.after = check_image(out_p, kind, plan=plan, thumbnail=240)  # the dialog shows the result
    return rep


def _format_for(out: Path, limits: Any, source_fmt: str) -> str:
    ext = out.suffix.lower()
    if ext in (".png",):
        return "PNG"
    if ext in (".gif",):
        return "GIF" if "GIF" in (limits.formats or ACCEPTED) else "JPEG"
    return "JPEG"
