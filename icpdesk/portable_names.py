"""File names every platform accepts, for the names icpdesk writes (scans copied in, their
`.scans/` folders, the members of an imported package).

Windows refuses its reserved device names (CON, PRN, AUX, NUL, COM1…, LPT1…, with or without an
extension), the characters <>:"/\\|?* and control characters, and drops trailing dots and spaces;
Windows and macOS compare names without case. A name made on Linux may break each of these:
pathvalidate (platform "universal") makes it acceptable everywhere, and `unique` keeps two names
from meeting in one folder once case is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable

from pathvalidate import sanitize_filename

FALLBACK = "file"


def portable_name(name: str, *, fallback: str = FALLBACK) -> str:
    """`name` as every platform accepts it (unchanged when it already is)."""
    clean = sanitize_filename(name, platform="universal", max_len=200).strip()
    if clean in ("", ".", ".."):
        return fallback
    return clean


def unique(name: str, taken: Iterable[str]) -> str:
    """`name`, or `stem-2.ext`, `stem-3.ext`… until no name in `taken` equals it, case ignored."""
    used = {t.casefold() for t in taken}
    if name.casefold() not in used:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    n = 2
    while True:
        candidate = f"{stem}-{n}{'.' + ext if ext else ''}"
        if candidate.casefold() not in used:
            return candidate
        n += 1


def portable_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to a portable one, no two equal once case is ignored (first come keeps
    its name)."""
    out: dict[str, str] = {}
    for name in names:
        out[name] = unique(portable_name(name), out.values())
    return out
