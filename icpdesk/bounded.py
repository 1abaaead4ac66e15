"""One way to read a file that came from outside: only a regular file, and never more than a
stated size.

A named pipe blocks an ordinary open() until someone writes to it, and /dev/zero (or a link to
it) reports a size of 0 yet never ends; so the file is opened with O_NONBLOCK (a pipe then
opens at once), the opened descriptor itself is checked with fstat (no gap between the check
and the read), and the read stops one byte past the limit. Links are followed: a link to a
regular file is read, a link to a device or a pipe is refused. Windows has no O_NONBLOCK and no
FIFOs; the flag is then 0 and the fstat check still refuses what is not a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import InputError

FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)


LOOP = "符号链接循环 / a symbolic link loop (too many levels of symbolic links)"


class NotReadable(InputError):
    """The file is missing, not a regular file, too large or unreadable (exit 2)."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in both languages."""
    if stat.S_ISDIR(mode):
        return "这是一个文件夹 / is a directory"
    if stat.S_ISFIFO(mode):
        return "这是命名管道，不是普通文件 / a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备，不是普通文件 / a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "这是套接字，不是普通文件 / a socket, not a regular file"
    return "不是普通文件 / not a regular file"


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole file, if it is a regular file (after links) of at most `limit` bytes; else a
    NotReadable naming the file and why."""
    name = str(path)
    try:
        fd = os.open(path, FLAGS)
    except FileNotFoundError:
        raise NotReadable("文件不存在 / file not found", file=name) from None
    except IsADirectoryError:
        raise NotReadable(kind_of(stat.S_IFDIR), file=name) from None
    except OSError as e:  # ELOOP (a link loop), EACCES, a name too long …
        if e.errno == errno.ELOOP:
            raise NotReadable(LOOP, file=name) from None
        if Path(name).is_dir():  # Windows refuses to open a folder with EACCES
            raise NotReadable(kind_of(stat.S_IFDIR), file=name) from None
        raise NotReadable(f"无法读取 / cannot read: {e.strerror or e}", file=name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(kind_of(st.st_mode), file=name)
        if st.st_size > limit:
            raise NotReadable(f"文件太大（{st.st_size} 字节，上限 {limit}）/ file too large "
                              f"({st.st_size} bytes, at most {limit})", file=name)
        chunks, total = [], 0
        while True:  # a file that grows while read (or lies about its size) stops one byte past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise NotReadable(f"文件太大（超过 {limit} 字节）/ file too large (over {limit} bytes)",
                                  file=name)
        return b"".join(chunks)
    except OSError as e:
        raise NotReadable(f"无法读取 / cannot read: {e.strerror or e}", file=name) from None
    finally:
        os.close(fd)


def regular_file_problem(path: str | os.PathLike[str]) -> str | None:
    """Why `path` (links followed) is not a regular file one could open, or None."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "文件不存在 / file not found"
    except OSError as e:
        return f"无法读取 / cannot read: {e.strerror or e}"
    return None if stat.S_ISREG(st.st_mode) else kind_of(st.st_mode)


def clear_for_cache(path: Path) -> None:
    """A cache file about to be rewritten: whatever stands in its place that is not a regular
    file (a pipe, a link to a device, an empty folder) is removed, so the cache is rebuilt
    there; anything that cannot be removed leaves the write to fail, which costs only speed."""
    try:
        st = os.lstat(path)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        return
    try:
        if stat.S_ISDIR(st.st_mode):
            os.rmdir(path)
        else:
            os.unlink(path)
    except OSError:
        pass
