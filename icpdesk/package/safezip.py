"""Reading a zip that came from someone else. Python's zipfile writes symlink members as
files, lets a later duplicate name shadow an earlier one, and checks overlapping entries
only from 3.11.8; so every member is inspected before anything is read, and reads are
bounded and streamed (robustness.md §1, §3 items 18–27)."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .. import bounded
from ..errors import IcpdeskError


class Refused(IcpdeskError):
    """The package is unreadable or hostile (exit 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Limits:
    max_package_bytes: int = 2 * 1024**3
    max_members: int = 1000
    max_member_bytes: int = 64 * 1024**2
    max_total_bytes: int = 2 * 1024**3
    max_ratio: float = 200.0  # deflated text compresses well; JPEGs are stored
    max_manifest_bytes: int = 32 * 1024**2


_NAME = re.compile(r"[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)?")


def _name_problem(name: str) -> str | None:
    if not name or "\x00" in name:
        return "empty or NUL in a name"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return f"absolute path {name!r}"
    if "\\" in name:
        return f"backslash in {name!r}"
    if any(part in ("..", ".") for part in name.split("/")):
        return f"'..' in {name!r}"
    if not _NAME.fullmatch(name):
        return f"unexpected name {name!r}"
    return None


def open_checked(path: Path, limits: Limits | None = None) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The zip and its members by name, after every check that needs no decompression."""
    limits = limits or Limits()
    fh = open_regular(path)
    size = os.fstat(fh.fileno()).st_size
    if size > limits.max_package_bytes:
        fh.close()
        raise Refused(f"文件过大 / too large ({size} bytes)")
    try:
        zf = _OwningZip(fh)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
        fh.close()
        raise Refused(f"不是有效的 zip / not a valid zip: {e}") from None
    try:
        members = _inspect(zf, size, limits)
    except Refused:
        zf.close()
        raise
    return zf, members


class _OwningZip(zipfile.ZipFile):
    """A zip read from a file object it owns: closing the zip closes the file."""

    def __init__(self, fh: BinaryIO) -> None:
        self._owned = fh
        super().__init__(fh)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._owned.close()


def open_regular(path: Path) -> BinaryIO:
    """The package opened only if it is a regular file (after links): a named pipe would block
    the open and a device never ends (icpdesk/bounded.py)."""
    try:
        fd = os.open(path, bounded.FLAGS)
    except OSError as e:
        problem = bounded.regular_file_problem(path) or f"无法读取 / cannot read: {e.strerror or e}"
        raise Refused(problem) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise Refused(bounded.kind_of(mode))
    return os.fdopen(fd, "rb")


def _inspect(zf: zipfile.ZipFile, size: int, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Refused(f"成员过多 / too many members ({len(infos)})")
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        if info.is_dir():  # `zip -r` writes "materials/": harmless when its name is safe and it is empty
            problem = _name_problem(info.filename[:-1])
            if problem or info.file_size or stat.S_ISLNK(info.external_attr >> 16):
                raise Refused(f"不安全的文件夹成员 / unsafe folder member: {problem or repr(info.filename)}")
            continue
        problem = _name_problem(info.filename)
        if problem:
            raise Refused(f"不安全的成员名 / unsafe member name: {problem}")
        if info.filename in members or info.filename.lower() in folded:
            raise Refused(f"重复的成员 / duplicate member {info.filename!r}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise Refused(f"符号链接成员 / symlink member {info.filename!r}")
        if info.flag_bits & 0x1:
            raise Refused(f"加密的成员 / encrypted member {info.filename!r}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(f"不支持的压缩方式 / unsupported compression in {info.filename!r}")
        if info.file_size > limits.max_member_bytes:
            raise Refused(f"成员过大 / member too large: {info.filename!r} ({info.file_size} bytes)")
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            raise Refused(f"压缩比异常 / suspicious compression ratio in {info.filename!r}")
        if info.compress_size == 0 and info.file_size > 0:
            raise Refused(f"压缩比异常 / suspicious compression ratio in {info.filename!r}")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise Refused("解压后总大小过大 / too large once unpacked")
        members[info.filename] = info
        folded.add(info.filename.lower())
    _check_overlap(infos, size)
    return members


def _check_overlap(infos: list[zipfile.ZipInfo], size: int) -> None:
    """Entries must not share bytes (the quoted-overlap bomb); Python < 3.11.8 does not check."""
    spans = sorted(((i.header_offset, i) for i in infos), key=lambda pair: pair[0])
    ends = [offset for offset, _ in spans[1:]] + [size] if spans else []  # an empty zip: nothing to overlap
    for (offset, info), next_start in zip(spans, ends, strict=True):
        # local header: 30 bytes + name + extra (extra lengths differ from the central copy, so
        # only the fixed part and the name are counted: an overlap still shows)
        end = offset + 30 + len(info.orig_filename.encode("utf-8")) + info.compress_size
        if end > next_start:
            raise Refused(f"成员重叠 / overlapping members at {info.filename!r} (possible zip bomb)")


def stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The member's bytes in chunks, never more than it declares (zipfile checks the CRC)."""
    read = 0
    try:
        with zf.open(info) as fh:
            while data := fh.read(chunk):
                read += len(data)
                if read > info.file_size:
                    raise Refused(f"成员比声明的大 / member larger than declared: {info.filename!r}")
                yield data
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as e:  # zlib: bad deflate
        raise Refused(f"成员损坏 / damaged member {info.filename!r}: {e}") from None


def digest(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str]:
    h, n = hashlib.sha256(), 0
    for data in stream(zf, info):
        h.update(data)
        n += len(data)
    return n, h.hexdigest()


def read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    if info.file_size > cap:
        raise Refused(f"{info.filename} 过大 / too large ({info.file_size} bytes)")
    return b"".join(stream(zf, info))
