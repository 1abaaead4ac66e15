"""Generated scans for the image tests and benchmarks: a sheet of text with a red seal,
and every way such a file goes wrong."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageFilter

from icpdesk.demo import sheet


def noisy_photo(width: int, height: int, seed: int = 2) -> Image.Image:
    """A photo-like image with texture, so JPEG sizes look like a phone's."""
    base = sheet(width, height, seed)
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(base, noise, 0.25)


def save(im: Image.Image, path: Path, fmt: str | None = None, **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, fmt, **kw)
    return path


def jpeg_bytes(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


def padded_jpeg(path: Path, size: int) -> Path:
    """A valid JPEG of exactly `size` bytes (a comment segment pads it)."""
    data = jpeg_bytes(sheet(800, 600), quality=85)
    missing = size - len(data)
    assert missing > 4
    chunks = []
    while missing > 0:
        n = min(missing, 65535 + 2)  # segment = marker (2) + length (2) + payload
        payload = max(0, n - 4)
        chunks.append(b"\xff\xfe" + struct.pack(">H", payload + 2) + b"x" * payload)
        missing -= payload + 4
    body = data[:2] + b"".join(chunks) + data[2:]
    body = body[:size] if len(body) > size else body
    path.write_bytes(body)
    return path


def png_bomb(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A tiny PNG whose header declares a huge image (robustness.md §3 items 1–2)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = zlib.compress(b"\x00" * 1024)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


def exif_rotated(path: Path, orientation: int = 6) -> Path:
    im = sheet(1200, 900)
    exif = Image.Exif()
    exif[0x0112] = orientation
    return save(im, path, "JPEG", exif=exif, quality=85)


def blurred(im: Image.Image, radius: float = 6) -> Image.Image:
    return im.filter(ImageFilter.GaussianBlur(radius))
