"""The workspace: every filing an agency prepares, kept on disk in one folder.

    <workspace>/<id>/filing.icpdesk.yaml   the filing (written whole or not at all, 0600)
    <workspace>/<id>/scans/…               copies of its scans (the originals can go)
    <workspace>/<id>/meta.json             what the list shows, so listing reads no filing
    <workspace>/.trash/<id>/               deleted filings, until restored
    <workspace>/.lock                      held by the one process that may write

Folders are 0700 and files 0600 (ID numbers and phones) where the platform has such modes (on
Windows the user's profile folder restricts access). The lock is filelock's: an OS lock on the
open file (flock on Linux and macOS, msvcrt.locking on Windows) that the OS releases when its
process dies, so a crash never leaves the workspace stuck. The app and the command line take
the same lock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import scratch
from .atomic import atomic_write, private
from .bounded import read_bytes
from .errors import IcpdeskError
from .fileio import dump_filing, load_filing
from .model import Filing, Material
from .workspace_scans import _adopt, _copy_into

FILING = "filing.icpdesk.yaml"
META = "meta.json"
TRASH = ".trash"
STATUSES = ("draft", "ready", "exported", "returned")
MAX_META_BYTES = 1024 * 1024  # meta.json is a few hundred bytes


class NotAWorkspace(IcpdeskError):
    def __init__(self, root: Path) -> None:
        super().__init__(f"这不是 icpdesk 工作区（没有 {TRASH} 也没有备案）：{root} / not an icpdesk workspace: {root}")


class WorkspaceLocked(IcpdeskError):
    def __init__(self, root: Path) -> None:
        super().__init__(f"工作区正被另一个 icpdesk 使用：{root} / "
                         f"the workspace is in use by another icpdesk: {root}")

    exit_code = 3  # the app and the command line alike: a second writer stops with 3


def default_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("icpdesk", appauthor=False)) / "workspace"


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


@dataclass
class Entry:
    """One filing as the list shows it (meta.json)."""

    id: str
    name: str = ""
    province: str = ""
    domains: list[str] = field(default_factory=list)
    filing_type: str = ""
    status: str = "draft"
    errors: int = 0
    warnings: int = 0
    updated: str = ""
    origin: str | None = None  # the file it was opened from, written back only when asked
    exported_revision: str | None = None  # `updated` at the last export

    @classmethod
    def of(cls, id: str, filing: Filing, errors: int, warnings: int, **kw: Any) -> Entry:
        domains = [d for _, s in filing.services() for d in s.domains]
        return cls(id=id, name=filing.principal.name, province=filing.principal.region.province,
                   domains=domains[:20], filing_type=filing.filing_type, errors=errors, warnings=warnings, **kw)

    def summary(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def read(cls, path: Path) -> Entry:
        """meta.json as written by `_write_meta`: bounded, and each field of the type it must
        have (a deeply nested or odd value costs only this entry: ValueError)."""
        data = json.loads(read_bytes(path, MAX_META_BYTES).decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        known: dict[str, Any] = {}
        for k, v in data.items():
            if k in ("errors", "warnings"):
                ok = isinstance(v, int) and not isinstance(v, bool)
            elif k == "domains":
                ok = isinstance(v, list) and all(isinstance(d, str) for d in v)
            elif k in ("origin", "exported_revision"):
                ok = v is None or isinstance(v, str)
            else:
                ok = k not in cls.__dataclass_fields__ or isinstance(v, str)
            if not ok:
                raise ValueError(f"{k}: wrong type")
            if k in cls.__dataclass_fields__:
                known[k] = v
        return cls(**known)


class Workspace:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or default_root()).expanduser()
        self._lock: Any = None  # a filelock.FileLock while held

    # --- the folder and its lock ------------------------------------------------------------
    def ensure(self) -> Workspace:
        for folder in (self.root, self.root / TRASH):
            folder.mkdir(parents=True, exist_ok=True)
            private(folder, 0o700)
        scratch.sweep(self.root)  # half-added filings of a process killed before it moved them in
        return self

    def is_workspace(self) -> bool:
        """The folder is a workspace: made by `ensure` (it has .trash) or holding filings."""
        return (self.root / TRASH).is_dir() or bool(self.ids())

    def require(self) -> Workspace:
        """For the reading commands: a mistyped folder is said, not listed as empty."""
        if not self.is_workspace():
            raise NotAWorkspace(self.root)
        return self

    def lock(self) -> None:
        """Take the write lock, or raise WorkspaceLocked while another process holds it."""
        from filelock import FileLock, Timeout

        self.ensure()
        lock = FileLock(self.root / ".lock", timeout=0, mode=0o600, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise WorkspaceLocked(self.root) from None
        self._lock = lock

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.release(force=True)
            self._lock = None

    def __enter__(self) -> Workspace:
        self.lock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unlock()

    @property
    def locked(self) -> bool:
        return self._lock is not None

    def folder(self, id: str) -> Path:
        if not id or "/" in id or "\\" in id or id.startswith("."):  # a separator on Windows too
            raise IcpdeskError(f"没有这个备案 / no such filing: {id!r}")
        return self.root / id

    def filing_path(self, id: str) -> Path:
        return self.folder(id) / FILING

    # --- reading ----------------------------------------------------------------------------
    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if not p.name.startswith(".") and (p / FILING).is_file())

    def entry(self, id: str) -> Entry:
        try:
            return Entry.read(self.folder(id) / META)
        except (IcpdeskError, OSError, ValueError, TypeError, RecursionError):
            return self._rebuild_entry(id)

    def _rebuild_entry(self, id: str) -> Entry:
        """meta.json missing or broken: what the filing itself says (findings counted at next save)."""
        try:
            filing = load_filing(self.filing_path(id))
        except IcpdeskError:
            return Entry(id=id, name="（无法读取）", status="draft")
        stamp = dt.datetime.fromtimestamp(self.filing_path(id).stat().st_mtime).astimezone()
        return Entry.of(id, filing, 0, 0, updated=stamp.replace(microsecond=0).isoformat())

    def entries(self) -> list[Entry]:
        return [self.entry(i) for i in self.ids()]

    def load(self, id: str) -> Filing:
        return load_filing(self.filing_path(id))

    def reviews(self, id: str) -> list:
        """The review rounds of a filing imported from a returned package (with what was resolved)."""
        from .reviews import REVIEW, load_reviews

        return load_reviews(self.folder(id) / REVIEW)

    def save_reviews(self, id: str, rounds: list) -> None:
        from .reviews import REVIEW, save_reviews

        save_reviews(self.folder(id) / REVIEW, rounds)

    # --- writing ----------------------------------------------------------------------------
    def _new_id(self) -> str:
        while True:
            id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
            if not self.folder(id).exists():
                return id

    def save(self, id: str, filing: Filing, found: tuple[int, int] | None = None, *,
             reviews: list | None = None) -> Entry:
        """The filing and its list entry, each written whole or not at all (an OSError, such as
        a full disk, leaves both files as they were). `found`: its (errors, warnings) when the
        caller has just validated it; otherwise it is validated here."""
        folder = self.folder(id)
        folder.mkdir(mode=0o700, exist_ok=True)
        if found is None:
            from .engine import Validator

            found = counts(Validator(base_dir=folder).validate(filing))
        errors, warnings = found
        old = self.entry(id) if (folder / META).exists() else Entry(id=id)
        atomic_write(folder / FILING, dump_filing(filing).encode("utf-8"))
        if reviews:
            self.save_reviews(id, reviews)
        entry = Entry.of(id, filing, errors, warnings, updated=_now(), origin=old.origin,
                         exported_revision=old.exported_revision)
        entry.status = "returned" if old.status == "returned" else ("ready" if errors == 0 else "draft")
        self._write_meta(entry)
        return entry

    def _write_meta(self, entry: Entry) -> None:
        data = json.dumps(entry.summary(), ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self.folder(entry.id) / META, data)

    def set_status(self, id: str, status: str) -> Entry:
        if status not in STATUSES:
            raise ValueError(status)
        entry = self.entry(id)
        entry.status = status
        if status == "exported":
            entry.exported_revision = entry.updated
        self._write_meta(entry)
        return entry

    def create(self, filing: Filing, *, origin: Path | None = None) -> str:
        id = self._new_id()
        self.ensure()
        self.folder(id).mkdir(mode=0o700)
        self.save(id, filing)
        if origin is not None:
            entry = self.entry(id)
            entry.origin = str(origin)
            self._write_meta(entry)
        return id

    def add_file(self, path: Path, *, allow_outside: bool = False) -> str:
        """Copy a filing file and its scans in; the scans' paths become `scans/…` in the copy.
        A scan outside the file's folder (an absolute path, `../`, a link out of it) is copied
        only with `allow_outside` (the user said so): otherwise it keeps pointing where it is,
        and material.path.outside keeps saying so."""
        return self._add(path, allow_outside=allow_outside, keep_origin=True)

    def _add(self, path: Path, *, allow_outside: bool = False, keep_origin: bool = False,
             reviews: list | None = None, returned: bool = False) -> str:
        """The filing built in a private folder of the workspace and moved in whole: a process
        killed halfway leaves no half filing (the next start sweeps the folder away)."""
        from .engine import Validator

        filing = load_filing(path)  # first: a pipe, a device or a link loop is refused here, in one line
        origin = path.resolve()
        self.ensure()
        stage = scratch.make("adding", self.root, hidden=True)
        try:
            _adopt(stage, filing, origin.parent, allow_outside)
            errors, warnings = counts(Validator(base_dir=stage).validate(filing))
            atomic_write(stage / FILING, dump_filing(filing).encode("utf-8"))
            if reviews:
                from .reviews import REVIEW, save_reviews

                save_reviews(stage / REVIEW, reviews)
            id = self._new_id()
            entry = Entry.of(id, filing, errors, warnings, updated=_now(),
                             origin=str(origin) if keep_origin else None)
            entry.status = "returned" if returned else ("ready" if errors == 0 else "draft")
            atomic_write(stage / META, json.dumps(entry.summary(), ensure_ascii=False, indent=1).encode("utf-8"))
            os.replace(stage, self.folder(id))
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        return id

    def import_package(self, package: Path, *, masked_ok: bool = False) -> str:
        """An intact package (verified as hostile input first) as a new filing of the workspace;
        a masked one only with `masked_ok` (MaskedPackage otherwise). Unpacked inside the
        workspace (0700), never under TMPDIR, and swept at the next start if killed."""
        from .package.verify import import_package

        self.ensure()
        with scratch.folder("import", self.root, hidden=True) as tmp:
            path, report = import_package(package, tmp / "unpacked", masked_ok=masked_ok)
            returned = bool(report.returned and report.reviews and report.reviews[-1].decision == "return")
            home = self.exported_as(report.filing) if report.returned and report.reviews else None
            if home is not None:  # the reviewer's answer to a package exported from here: it goes home
                self.save_reviews(home, report.reviews)
                if returned:
                    self.set_status(home, "returned")
                return home
            return self._add(Path(path), reviews=report.reviews or None, returned=returned)

    def exported_as(self, filing: Filing | None) -> str | None:
        """The one filing here a returned package's filing was exported from: exported (or
        returned) before, with the principal's certificate number, domains and APP names the
        same; None when none or several fit (a masked package never does)."""
        if filing is None or not filing.principal.cert_number:
            return None
        wanted = _identity(filing)
        found = [e.id for e in self.entries()
                 if e.status in ("exported", "returned") and _identity(self._loaded(e.id)) == wanted]
        return found[0] if len(found) == 1 else None

    def _loaded(self, id: str) -> Filing | None:
        try:
            return self.load(id)
        except IcpdeskError:  # a damaged filing is not the one
            return None

    def find_origin(self, path: Path) -> str | None:
        """The filing already copied in from this outside file, if any."""
        try:
            wanted = str(path.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (the read then says so)
            return None
        return next((e.id for e in self.entries() if e.origin == wanted), None)

    def adopt_scans(self, id: str, filing: Filing, base: Path, *, allow_outside: bool = False) -> list[str]:
        """Copy each material's file into the filing's folder and point the material at the
        copy; a file that is not there stays as it is (its rule reports it), and so does one
        outside `base` unless `allow_outside`. Returns the paths that were not copied."""
        return _adopt(self.folder(id), filing, base, allow_outside)

    def copy_scan(self, id: str, src: Path) -> str:
        """A copy of one scan in the filing's folder (a unique name); its path relative to it."""
        return _copy_into(self.folder(id), "scans", src)

    def duplicate(self, id: str) -> str:
        """A new filing for another site or APP of the same principal: the principal, its
        leader and the principal's scans, no websites or APPs."""
        source = self.load(id)
        copy = Filing(filing_type="new_site_this_provider" if source.principal.filing_number else "new_filing",
                      provider=source.provider, principal=source.principal.model_copy(deep=True))
        new = self.create(Filing())
        base = self.folder(id)
        keep = [m for m in source.materials if m.for_ == "principal"]
        copy.materials = [Material(kind=m.kind, for_=m.for_, path=m.path) for m in keep]
        self.adopt_scans(new, copy, base)
        self.save(new, copy)
        return new

    def trash(self, id: str) -> None:
        self.ensure()
        target = self.root / TRASH / id
        if target.exists():
            shutil.rmtree(target)
        os.replace(self.folder(id), target)

    def trashed(self) -> list[Entry]:
        folder = self.root / TRASH
        if not folder.is_dir():
            return []
        out = []
        for p in sorted(folder.iterdir()):
            try:
                out.append(Entry.read(p / META))
            except (IcpdeskError, OSError, ValueError, TypeError, RecursionError):
                out.append(Entry(id=p.name))
        return out

    def restore(self, id: str) -> None:
        source = self.root / TRASH / id
        if not source.is_dir() or self.folder(id).exists():
            raise IcpdeskError(f"回收站里没有这个备案 / not in the trash: {id}")
        os.replace(source, self.folder(id))

    def write_back(self, id: str, target: Path) -> None:
        """Save As / write back to an outside file: the scans are copied into a folder beside
        it (`<name>.scans/`), so the file and its scans travel together and every material
        path stays inside the file's folder."""
        filing = self.load(id)
        folder = target.resolve().parent
        sub = target.name.removesuffix(".yaml").removesuffix(".json").removesuffix(".icpdesk") + ".scans"
        for m in filing.materials:
            src = self.folder(id) / m.path
            if src.is_file():
                m.path = _copy_into(folder, sub, src)
        atomic_write(target, dump_filing(filing).encode("utf-8"))


def _identity(f: Filing | None) -> tuple | None:
    """What a returned package is matched on: the principal's number, its domains, its APPs."""
    if f is None:
        return None
    return (f.principal.cert_number, sorted(d for w in f.websites for d in w.domains), sorted(a.name for a in f.apps))


def counts(findings: Iterable[Any]) -> tuple[int, int]:
    found = list(findings)
    return sum(f.severity == "error" for f in found), sum(f.severity == "warning" for f in found)
