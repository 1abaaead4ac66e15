"""The validated rulebook kept across runs (issue 17): `rules/rulebook.snapshot` in the user's
cache folder, written after a full load and validation of a rules folder and taken instead of
loading again only when everything that load depended on is the same: the bytes and names of
every file of the rules folder and the folder's place, icpdesk's own code (the schema and the
checks' parameter models decide what is valid), the checks, conditions and image rules handed
in, and the versions of Python, pydantic and python-stdnum (whose GB/T 2260 table is in it).

A start from the snapshot builds none of the rules' pydantic models' validators (they are
built on first use: `defer_build`) and validates nothing: a small `icpdesk validate` takes
about half the time.

The snapshot is a pickle, read by an unpickler that may build only the rules' own data classes
and a few plain types (it can call no function of the code), and carries the sha256 of its
body. A file that is short, has another format or key, does not match its checksum or fails to
unpickle is ignored (and replaced by the next full load); it is never half-used. With
ICPDESK_CACHE=off nothing is read or written.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .paths import cache_folder

if TYPE_CHECKING:
    from .rulebook import Plugins, Rulebook

MAGIC = b"icpdesk/rulebook-snapshot@1\n"
_DIGEST = 32  # bytes of a sha256


MAX_SNAPSHOT_BYTES = 256 * 1024**2  # the shipped rules make about 2 MB


def snapshot_file() -> Path | None:
    folder = cache_folder()
    return folder / "rules" / "rulebook.snapshot" if folder else None


def _plugins_text(plugins: Plugins) -> str:
    """What the rules were validated against, by name: a different table is another snapshot."""
    checks = [f"{n}:{s.params.__module__}.{s.params.__qualname__}:{sorted(s.returns)}:{s.needs}"
              for n, s in sorted(plugins.checks.items())]
    images = [f"{n}:{sorted(f)}" for n, f in sorted(plugins.image_rules.items())]
    return "\n".join([*checks, *sorted(plugins.conditions), *images])


def _files_digest(h: Any, root: Path, pattern: str) -> None:
    for p in sorted(root.rglob(pattern)):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())


def key(folder: Path, plugins: Plugins) -> bytes:
    """The digest of everything a validated rulebook depends on (about 4 ms: 140 files)."""
    import pydantic
    import pydantic_core
    import stdnum

    h = hashlib.sha256(MAGIC)
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, stdnum.__version__,
                 str(folder.resolve()), _plugins_text(plugins)):
        h.update(part.encode("utf-8") + b"\0")
    _files_digest(h, Path(__file__).resolve().parent, "*.py")  # icpdesk's own code
    _files_digest(h, folder, "*")
    return h.digest()


class _RulesUnpickler(pickle.Unpickler):
    """Builds only the rules' data: icpdesk's classes of rule data, paths and compiled patterns.
    Any other name in the stream (a function, os.system…) stops the load."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        if module.startswith("icpdesk.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and _is_rule_data(found):
                return found
        raise pickle.UnpicklingError(f"not rule data: {module}.{name}")


_PLAIN = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("re", "_compile"),  # the folder, patterns
          ("datetime", "date")}  # a limit's since/until (issue 27)


def _is_rule_data(cls: type) -> bool:
    from pydantic import BaseModel

    from .catalogues import Catalogues
    from .regions import Name, RegionTable
    from .rulebook import Bibliography, PlanData, Province, Rulebook

    return issubclass(cls, BaseModel | str) or cls in (Rulebook, Province, PlanData, Catalogues,
                                                        RegionTable, Name, Bibliography)


def _unpickle(body: memoryview) -> Any:
    """Without the cycle collector: it would walk the half-built rulebook again and again as
    its ~15,000 objects arrive (35 ms instead of 14)."""
    from .long_lived import collector_paused

    with collector_paused():
        return _RulesUnpickler(io.BytesIO(body)).load()


def _models_whole(objs: Any, cls: Any) -> bool:
    """Pydantic models of `cls`, each with every field set (unpickling skips validation)."""
    fields = cls.model_fields.keys()
    unique = {id(o): o for o in objs}.values()  # the provinces share most national rules
    return all(isinstance(o, cls) and fields <= o.__dict__.keys() for o in unique)


def holds_what_it_must(rb: Any) -> bool:
    """The parts every command uses are there and of their type: the rulebook, its provinces,
    their rules, the catalogues, the plan data and the bibliography (the rest of the ~15,000
    objects are pydantic models reached only through these)."""
    from pydantic import BaseModel

    from .catalogues import Catalogue, Catalogues
    from .rulebook import Bibliography, PlanData, Province, Rule

    def has(obj: Any, **types: type | tuple[type, ...]) -> bool:
        d = getattr(obj, "__dict__", None)
        return isinstance(d, dict) and all(isinstance(d.get(k, _MISSING), t) for k, t in types.items())

    provinces = getattr(rb, "_provinces", None)
    if not has(rb, folder=Path, bibliography=Bibliography, catalogues=Catalogues, national=list, settings=dict,
               values=BaseModel, _by_id=dict, _provinces=dict, province_sources=dict,
               _national_province=Province, plan=PlanData) or not isinstance(provinces, dict):
        return False
    every = [rb._national_province, *provinces.values()]
    if not all(has(p, code=str, settings=dict, values=BaseModel, rules=list, overridden=dict) for p in every):
        return False
    if not _models_whole([r for p in every for r in p.rules] + rb.national, Rule):
        return False
    cats = rb.catalogues
    if not has(cats, _items=dict, _labels=dict, _province_alias=dict):
        return False
    if not _models_whole(cats._items.values(), Catalogue):
        return False
    return has(rb.plan, sms=BaseModel, materials=BaseModel, images=BaseModel, image_rules=dict,
               after=BaseModel) and has(rb.bibliography, sources=dict, _aliases=list)


_MISSING = object()


def load(folder: Path, plugins: Plugins) -> Rulebook | None:
    """The rulebook of `folder` as last validated, or None when there is no snapshot for it."""
    from .rulebook import Rulebook

    where = snapshot_file()
    if where is None:
        return None
    try:
        from .bounded import read_bytes

        data = read_bytes(where, MAX_SNAPSHOT_BYTES)  # a pipe, a folder or a device: refused at once
        head = len(MAGIC) + 2 * _DIGEST
        if data[:len(MAGIC)] != MAGIC or data[len(MAGIC):len(MAGIC) + _DIGEST] != key(folder, plugins):
            return None
        body = memoryview(data)[head:]
        if hashlib.sha256(body).digest() != data[len(MAGIC) + _DIGEST:head]:
            return None
        rulebook = _unpickle(body)
    except Exception:  # unreadable, damaged or foreign: the full load decides
        return None
    if not isinstance(rulebook, Rulebook) or not holds_what_it_must(rulebook):
        return None  # a foreign or crafted snapshot (an empty Rulebook…): ignored, the full load rebuilds it
    rulebook.plugins = plugins
    return rulebook


def save(rulebook: Rulebook) -> None:
    """Keep a rulebook that has just been validated in full, with what its checks build lazily
    (the GB/T 2260 table, the rules' digest) so a start from the snapshot need not."""
    where = snapshot_file()
    if where is None:
        return
    _ = rulebook.catalogues.place_names, rulebook.version  # with the GB/T 2260 table
    from .errors import IcpdeskError

    with contextlib.suppress(OSError, IcpdeskError, pickle.PicklingError, TypeError, AttributeError):
        # a read-only or full cache folder, or rules that do not pickle, only cost speed
        body = pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
        from .atomic import atomic_write
        from .bounded import clear_for_cache

        where.parent.mkdir(parents=True, exist_ok=True)
        clear_for_cache(where)  # a pipe, a device link or a folder in its place: rebuilt
        atomic_write(where, MAGIC + key(rulebook.folder, rulebook.plugins) + hashlib.sha256(body).digest() + body)
