"""The parsed rules files kept across runs (issue 17): one JSON file in the user's cache folder
mapping the sha256 of each rules file's text to its parse (PARSED). An entry is found only
for the very bytes it was made from; the file carries a checksum of its body, and one that does
not parse, does not match its checksum or has another format is ignored and rebuilt. Only the
parse is cached: every rule is still validated against the schema on every start. With
ICPDESK_CACHE=off nothing is read or written."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from . import yamlio
from .errors import IcpdeskError
from .paths import cache_folder

FORMAT = "icpdesk/rules-parse@1"
MAX_CACHE_BYTES = 64 * 1024 * 1024  # the parsed rules are a few MB


def cache_file() -> Path | None:
    folder = cache_folder()
    return folder / "rules" / "parsed.json" if folder else None


def _checksum(entries: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(entries, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# Parsed rules files by the sha256 of their text, as JSON (PyYAML builds Python objects in Python:
# two thirds of loading the rules; json.loads of the same data is C). Filled by load_trusted,
# kept across runs in the cache file. A changed file has another digest, so a stale entry
# is never found; an entry whose data would not survive JSON unchanged is not kept.
PARSED: dict[str, str] = {}
USED: set[str] = set()  # the digests load_trusted was asked for in this process


_read = False  # whether this process has read the cache file yet


def ensure_loaded() -> None:
    """Read the cache file once per process, before the first rules file is parsed (whatever
    reads rules first: the rulebook, or a catalogue for the command line's --help)."""
    global _read
    if not _read:
        _read = True
        load()


def load() -> int:
    """Entries from the cache file into PARSED; how many (0 when absent or not trusted)."""
    where = cache_file()
    if where is None:
        return 0
    try:
        from .bounded import read_bytes

        data = json.loads(read_bytes(where, MAX_CACHE_BYTES).decode("utf-8"))  # a pipe or /dev/zero: ignored
        entries = data["entries"]
        if data.get("format") != FORMAT or data.get("checksum") != _checksum(entries):
            return 0
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
            return 0
    except (IcpdeskError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return 0
    PARSED.update(entries)
    return len(entries)


def save(used: set[str]) -> None:
    """Keep the entries of the files read now (others are stale: rules that changed)."""
    where = cache_file()
    if where is None:
        return
    entries = {k: v for k, v in PARSED.items() if k in used}
    body = json.dumps({"format": FORMAT, "entries": entries, "checksum": _checksum(entries)}, ensure_ascii=False)
    with contextlib.suppress(OSError, IcpdeskError):  # a read-only or full cache folder only costs speed
        from .atomic import atomic_write
        from .bounded import clear_for_cache

        where.parent.mkdir(parents=True, exist_ok=True)
        clear_for_cache(where)  # a pipe or a folder in its place: rebuilt
        atomic_write(where, body.encode("utf-8"))


def load_trusted(text: str) -> Any:
    """The project's own rules/ files."""
    ensure_loaded()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    USED.add(key)
    hit = PARSED.get(key)
    if hit is not None:
        try:
            return json.loads(hit)
        except (ValueError, RecursionError):
            del PARSED[key]  # a corrupt (or absurdly nested) entry costs only itself: parse the file instead
    data = yaml.load(text, Loader=yamlio.RULES_LOADER)
    try:
        dumped = json.dumps(data, ensure_ascii=False)
        if json.loads(dumped) == data:
            PARSED[key] = dumped
    except (TypeError, ValueError):
        pass
    return data
