"""The real format of a file from its first bytes, not its name."""

from __future__ import annotations

# (offset, magic, format). Formats Pillow could decode but the filing systems refuse are
# still named, so the user hears "HEIC, convert it" rather than "not an image".
_SIGNATURES: list[tuple[int, bytes, str]] = [
    (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"%PDF", "PDF"),
    (0, b"%!PS", "EPS"),
    (0, b"\xc5\xd0\xd3\xc6", "EPS"),
    (0, b"8BPS", "PSD"),
    (0, b"\x00\x00\x01\x00", "ICO"),
    (0, b"DDS ", "DDS"),
    (0, b"qoif", "QOI"),
    (0, b"\x00\x00\x00\x0cjP  ", "JPEG2000"),
    (0, b"\xffO\xffQ", "JPEG2000"),
    (0, b"SIMPLE  =", "FITS"),
]
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}

# what the filing systems take, what fix-image can turn into that, what Pillow opens for each
ACCEPTED = ("JPEG", "PNG", "GIF")
CONVERTIBLE = ("BMP", "TIFF", "WEBP", "HEIF", "AVIF")
PILLOW_FORMATS = {"JPEG": ["JPEG", "MPO"], "PNG": ["PNG"], "GIF": ["GIF"], "BMP": ["BMP"],
                  "TIFF": ["TIFF"], "WEBP": ["WEBP"], "HEIF": ["HEIF"], "AVIF": ["AVIF", "HEIF"]}
EXTENSIONS = {"JPEG": {"jpg", "jpeg", "jpe", "jfif"}, "PNG": {"png"}, "GIF": {"gif"}, "BMP": {"bmp"},
              "TIFF": {"tif", "tiff"}, "WEBP": {"webp"}, "HEIF": {"heic", "heif"}, "AVIF": {"avif"}}


def sniff(head: bytes) -> str | None:
    """The format the bytes are, or None when they are no image format known here."""
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in _HEIF_BRANDS:
            return "HEIF"
    for offset, magic, fmt in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            return fmt
    return None


def looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(b >= 9 for b in head)
