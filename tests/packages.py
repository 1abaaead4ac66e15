"""Helpers for package tests: a filing with real scans on disk, and hostile zips."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

from conftest import enterprise_filing
from imagegen import save, sheet

from icpdesk.fileio import save_filing
from icpdesk.package.layout import manifest_digest


def filing_on_disk(folder: Path, make=enterprise_filing, width: int = 1200) -> Path:
    f = make()
    for i, m in enumerate(f.materials):
        save(sheet(width, width * 3 // 4, seed=i), folder / m.path, "JPEG", quality=85)
    path = folder / "f.icpdesk.yaml"
    save_filing(f, path)
    return path


def rewrite(src: Path, dst: Path, *, edit_manifest=None, drop: str | None = None,
            add: tuple[str, bytes] | None = None, flip: str | None = None, redigest: bool = True) -> Path:
    """A copy of a package with one change, re-zipped as a zip tool would."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == drop:
                continue
            if info.filename == "manifest.json" and edit_manifest:
                m = json.loads(data)
                edit_manifest(m)
                if redigest:
                    m["digest"] = manifest_digest(m)
                data = json.dumps(m, ensure_ascii=False).encode()
            if info.filename == flip:
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            zout.writestr(info, data)
        if add:
            zout.writestr(add[0], add[1])
    return dst


def zip_with(dst: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return dst


def symlink_zip(dst: Path) -> Path:
    with zipfile.ZipFile(dst, "w") as z:
        info = zipfile.ZipInfo("materials/evil.jpg")
        info.external_attr = (0o120777 << 16)
        info.create_system = 3
        z.writestr(info, "/etc/passwd")
    return dst


def bomb_zip(dst: Path, size: int = 200 * 1024 * 1024) -> Path:
    """About 200 KB that unpacks to 200 MB (robustness.md §3 item 20)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z, z.open("summary.html", "w") as fh:
        chunk = b"\x00" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(chunk)
    return dst


def lying_zip(dst: Path) -> Path:
    """A member whose headers declare 10 bytes for much more data (CRC and size lie)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("manifest.json", b"{" + b" " * 5000 + b"}")
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 10)  # uncompressed size in the central directory
    struct.pack_into("<I", data, 22, 10)  # …and in the local header
    dst.write_bytes(bytes(data))
    return dst


def overlap_zip(dst: Path) -> Path:
    """Two central-directory entries for the same local file (the quoted-overlap bomb shape)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("materials/a.jpg", b"x" * 1000)
    data = bytearray(buf.getvalue())
    cd_start = data.rfind(b"PK\x01\x02")
    eocd = data.rfind(b"PK\x05\x06")
    entry = bytes(data[cd_start:eocd]).replace(b"materials/a.jpg", b"materials/b.jpg")
    out = bytes(data[:eocd]) + entry
    cd_size = len(out) - cd_start
    tail = bytearray(data[eocd:])
    struct.pack_into("<HHII", tail, 8, 2, 2, cd_size, cd_start)
    dst.write_bytes(out + bytes(tail))
    return dst
