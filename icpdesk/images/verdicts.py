"""Image verdicts kept per file content, so a scan is decoded once, not at every validate.

The key is the sha256 of the file's bytes with everything else a verdict depends on: the
material kind, the file's suffix (a name that contradicts the content is a finding), the
rules' digest and the tool and Pillow versions. A changed byte or rule gives a new key, so a
stale entry is never found. Entries hold findings and sizes only, never pixels; an entry that
does not parse, or whose recorded key is not the one asked for, is ignored and replaced.

The previews a check made (the wizard's thumbnails and the summaries' pictures, one size) are
kept beside the verdicts under the same key: in this process's memory and as `<key>-<side>.jpg`
in the cache folder, readable by the user only, so an export in a new process after a validate
or the wizard's check shows them without decoding the scans again. They are small pictures of
the user's own documents in the user's own cache folder; `ICPDESK_CACHE=off` keeps them (and
the verdicts) in memory only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..bounded import read_bytes
from ..errors import IcpdeskError
from ..findings import Finding
from ..paths import cache_folder
from .check import ImageReport

_FORMAT = 2  # 2: PNG integrity (a failed load inside getexif no longer passes); previews on disk
PREVIEW_BUDGET = 48 << 20  # bytes of previews kept in memory (a 320 px preview is about 20 KB)
_PREVIEW_MAX = 1 << 20  # a preview file larger than this was not written here


def content_hash(path: Path, chunk: int = 1 << 20) -> str | None:
    """sha256 of a regular file's bytes; None for anything else (pipes, devices, missing)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # opening a pipe would block
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # swapped for a pipe meanwhile: no wait
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            h = hashlib.sha256()
            while data := fh.read(chunk):
                h.update(data)
            return h.hexdigest()
    except OSError:
        return None


class VerdictCache:
    """In memory for this process, and in `folder` across runs (None: memory only)."""

    def __init__(self, rules_version: str, folder: Path | None = None) -> None:
        import PIL

        from .. import __version__

        self.salt = f"{_FORMAT}|{__version__}|{PIL.__version__}|{rules_version}"
        self.folder = folder
        self.memory: dict[str, dict[str, Any]] = {}
        self._previews: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._preview_bytes = 0
        self._lock = threading.Lock()  # the app checks and exports on task threads

    def preview(self, key: str, side: int) -> bytes | None:
        """The preview a check of this content made at this size: kept in memory, else on disk."""
        with self._lock:
            shot = self._previews.get((key, side))
            if shot is not None:
                self._previews.move_to_end((key, side))
                return shot
        where = self._preview_file(key, side)
        if where is None:
            return None
        try:
            shot = where.read_bytes()
        except OSError:
            return None
        if not shot.startswith(b"\xff\xd8\xff") or len(shot) > _PREVIEW_MAX:  # not one of ours
            return None
        self._remember(key, side, shot)
        return shot

    def _remember(self, key: str, side: int, shot: bytes) -> None:
        with self._lock:
            old = self._previews.pop((key, side), None)
            self._preview_bytes += len(shot) - (len(old) if old else 0)
            self._previews[(key, side)] = shot
            while self._preview_bytes > PREVIEW_BUDGET and self._previews:  # least recently used first
                self._preview_bytes -= len(self._previews.popitem(last=False)[1])

    def keep_preview(self, key: str, side: int, shot: bytes) -> None:
        self._remember(key, side, shot)
        where = self._preview_file(key, side)
        if where is not None and not where.exists():
            _write_private(where, shot)

    def _preview_file(self, key: str, side: int) -> Path | None:
        return self.folder / key[:2] / f"{key}-{int(side)}.jpg" if self.folder and key else None

    def key(self, path: Path, kind: str | None) -> str | None:
        digest = content_hash(path)
        if digest is None:
            return None
        text = f"{self.salt}|{kind or ''}|{path.suffix.lower()}|{digest}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _file(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def get(self, key: str, path: Path) -> ImageReport | None:
        data = self.memory.get(key)
        where = self._file(key)
        if data is None and where is not None:
            try:
                data = json.loads(read_bytes(where, 1024 * 1024).decode("utf-8"))  # only a regular file
            except (IcpdeskError, OSError, ValueError, RecursionError):  # one bad entry costs only itself
                return None
        try:
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            findings = [Finding.from_dict(f) for f in data["findings"]]
            report = ImageReport(str(path), format=data["format"], width=data["width"], height=data["height"],
                                 bytes=data["bytes"], mode=data["mode"], findings=findings)
        except (KeyError, TypeError, ValueError):
            return None
        self.memory[key] = data
        return report

    def put(self, key: str, report: ImageReport) -> None:
        if any(f.rule in ("image.check.crashed", "image.check.timeout") for f in report.findings):
            return  # a crash or a time-out says something about this run, not about the file
        data = {"key": key, **{k: v for k, v in report.to_dict().items() if k not in ("path", "ok")}}
        self.memory[key] = data
        where = self._file(key)
        if where is not None:
            _write_private(where, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _write_private(where: Path, data: bytes) -> None:
    """Whole or not at all, readable by the user only (mkstemp makes files 0600); a read-only
    or full cache folder only costs speed."""
    with contextlib.suppress(OSError):
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, where)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


_shared: VerdictCache | None = None


def shared_cache() -> VerdictCache:
    """The process's cache for the rules in force (memory and the user's cache folder)."""
    global _shared
    from ..shipped import default_rulebook

    version = default_rulebook().version
    if _shared is None or not _shared.salt.endswith("|" + version):
        _shared = VerdictCache(version, cache_folder())
    return _shared
