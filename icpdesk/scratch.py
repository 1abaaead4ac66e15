"""Private scratch folders that do not outlive their process, even one killed with kill -9.

Unpacked scans and filings hold ID numbers. A folder is made 0700 with the owner's process id
in its name (`icpdesk-<what>-<pid>-<random>`) and removed when done; a process killed before
that cannot clean up, so the next icpdesk to start removes every such folder whose process is
gone (`sweep`). Windows cannot ask cheaply whether a process lives, so there a folder is taken
as left over once it is a day old.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIX = "icpdesk-"
_NAME = re.compile(r"\.?icpdesk-[a-z]+-(\d+)-[A-Za-z0-9_]+")
_STALE_SECONDS = 24 * 3600  # the fallback where a process cannot be asked about


def make(what: str, dir: Path | None = None, *, hidden: bool = False) -> Path:
    """A new private folder (0700) named for this process."""
    prefix = f"{'.' if hidden else ''}{PREFIX}{what}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=dir))


@contextlib.contextmanager
def folder(what: str, dir: Path | None = None, *, hidden: bool = False) -> Iterator[Path]:
    path = make(what, dir, hidden=hidden)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, only asked (POSIX)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it lives, as another user
        return True
    return True


def sweep(dir: Path | None = None) -> list[Path]:
    """Remove the scratch folders in `dir` (default: the temporary folder) left by processes
    that are gone; only folders of this user. Returns what was removed."""
    where = Path(dir) if dir is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return removed
    for entry in entries:
        m = _NAME.fullmatch(entry.name)
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue
        except OSError:
            continue
        if sys.platform == "win32":
            gone = time.time() - st.st_mtime > _STALE_SECONDS
        else:
            gone = not _alive(int(m.group(1)))
        if gone:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed
