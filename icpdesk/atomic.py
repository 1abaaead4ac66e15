"""Writing a file whole or not at all, readable by its owner only, over nothing it must not replace.

On Linux the data goes to an unnamed file (O_TMPFILE, as QSaveFile does) that gets a name only
once it is complete and flushed: a process killed while writing leaves nothing behind. Elsewhere
a hidden temporary file of our own pattern is used, and the next write into that folder removes
the ones a killed process left (after an hour, so a slow writer next door is never disturbed).
A disk that fills up raises OSError before anything is renamed: the old file stays as it was.
The rename is os.replace (atomic on Windows too); fsync of the file everywhere, of the folder
where the platform can open one. Permissions are set where they mean something: on Windows
chmod only toggles read-only, and the user's profile folder (where the workspace lives) is
already closed to other users.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

SUFFIX = ".icpdesk-tmp"
# ours: `.NAME.<random>.icpdesk-tmp`, and the patterns of earlier versions (.tmp saves, .partial exports)
_OURS = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.(?:icpdesk-tmp|tmp|partial)$")
STALE_SECONDS = 3600


def check_target(target: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output that is a folder, a device or other special file, one of the inputs, or
    that lives in a folder that does not exist."""
    where = str(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"无法使用这个输出路径 / cannot use this output path: {e.strerror}", file=where) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError("这是一个文件夹，请给出文件名 / this is a folder: give a file name", file=where)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("这不是普通文件，不会覆盖 / not a regular file: it is not overwritten", file=where)
        for given in inputs:
            with contextlib.suppress(OSError):
                if os.path.samefile(given, target):
                    raise InputError(f"输出不能覆盖输入文件 / the output would overwrite an input ({given})",
                                     file=where)
    parent = target.parent
    if not parent.is_dir():
        raise InputError("输出文件夹不存在 / the output folder does not exist", file=str(parent))


def tidy(folder: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove temporary files of ours that a killed process left in `folder`; returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _OURS.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def private(path: str | os.PathLike[str], mode: int) -> None:
    """Owner-only permissions (0600, 0700) where the platform has them; nothing on Windows."""
    if sys.platform != "win32":
        os.chmod(path, mode)


def _open_unnamed(folder: Path, mode: int) -> int:
    """An O_TMPFILE file in `folder` (Linux), or -1 where there is none."""
    if sys.platform != "linux" or not os.path.isdir("/proc/self/fd"):
        return -1
    try:
        return os.open(folder, os.O_TMPFILE | os.O_RDWR, mode)
    except (OSError, AttributeError):  # a filesystem (or a libc) without O_TMPFILE: a named file
        return -1


def _name_unnamed(fd: int, folder: Path, name: str) -> None:
    """Give an O_TMPFILE file a name: linkat(AT_SYMLINK_FOLLOW) on its /proc entry. os.link uses
    linkat with that flag only when given a directory fd (plain link() would link the /proc link)."""
    dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(f"/proc/self/fd/{fd}", os.path.basename(name), src_dir_fd=dir_fd, dst_dir_fd=dir_fd,
                follow_symlinks=True)
    finally:
        os.close(dir_fd)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # a folder cannot be opened for fsync there; the rename is journaled
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(target: str | os.PathLike[str], *, inputs: Iterable[Path] = (),
                mode: int = 0o600) -> Iterator[BinaryIO]:
    """`with atomic_file(path) as f: f.write(...)`: the file appears under `path`, complete, when
    the block ends without an exception; before that, and after any failure, `path` is untouched."""
    path = Path(target)
    check_target(path, inputs)
    tidy(path.parent)
    named: str | None = None
    fd = _open_unnamed(path.parent, mode)
    if fd < 0:
        named = str(path.parent / f".{path.name}.{secrets.token_hex(6)}{SUFFIX}")
        fd = os.open(named, os.O_CREAT | os.O_EXCL | os.O_RDWR | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
            if sys.platform != "win32":
                os.fchmod(f.fileno(), mode)  # whatever the umask, and even if `mode` was widened
            if named is None:
                named = str(path.parent / f".{path.name}.{secrets.token_hex(6)}{SUFFIX}")
                _name_unnamed(f.fileno(), path.parent, named)
        os.replace(named, path)
        named = None
        _fsync_dir(path.parent)
    finally:
        if named is not None:
            with contextlib.suppress(OSError):
                os.unlink(named)


def atomic_write(target: str | os.PathLike[str], data: bytes, *, inputs: Iterable[Path] = (),
                 mode: int = 0o600) -> None:
    """Write all of `data` to `target` or leave the old file untouched."""
    with atomic_file(target, inputs=inputs, mode=mode) as f:
        f.write(data)
