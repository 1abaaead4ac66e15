"""An app package is a zip from someone else: every member is inspected before anything is
read (names, links, duplicates, overlap), and only the few small members the answer needs
are decompressed, each capped, so a bomb or a 2 GB asset costs nothing (robustness.md §1)."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from ..package.safezip import Refused, _check_overlap, read_small
from .model import AppFileError

MAX_MEMBERS = 200_000  # large games carry tens of thousands of assets
MAX_SMALL = 16 * 1024 * 1024  # a manifest, a plist, a provisioning profile, a signature block


def _name_problem(name: str) -> str | None:
    if not name or "\x00" in name:
        return "empty or NUL in a name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"absolute path {name[:80]!r}"
    if "\\" in name:
        return f"backslash in {name[:80]!r}"
    if any(part == ".." for part in name.split("/")):
        return f"'..' in {name[:80]!r}"
    return None


def open_app_zip(path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    try:
        size = path.stat().st_size
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
        raise AppFileError(f"不是有效的 zip / not a valid zip: {e}", path) from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise AppFileError(f"成员过多 / too many members ({len(infos)})", path)
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            problem = _name_problem(info.filename)
            if problem:
                raise AppFileError(f"不安全的成员名 / unsafe member name: {problem}", path)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise AppFileError(f"符号链接成员 / symlink member {info.filename[:80]!r}", path)
            if info.filename in members:
                raise AppFileError(f"重复的成员 / duplicate member {info.filename[:80]!r}", path)
            members[info.filename] = info
        try:
            _check_overlap(infos, size)
        except Refused as e:
            raise AppFileError(str(e), path) from None
    except AppFileError:
        zf.close()
        raise
    return zf, members


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, cap: int = MAX_SMALL) -> bytes:
    """One small member, never more than `cap` bytes decompressed."""
    if info.flag_bits & 0x1:
        raise AppFileError(f"加密的成员 / encrypted member {info.filename[:80]!r}", path)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise AppFileError(f"不支持的压缩方式 / unsupported compression in {info.filename[:80]!r}", path)
    try:
        return read_small(zf, info, cap)
    except Refused as e:
        raise AppFileError(str(e), path) from None
