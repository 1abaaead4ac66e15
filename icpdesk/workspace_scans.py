"""Scans copied into a workspace filing's folder: only a regular file of a bounded size, under a
name every platform accepts, and never one from outside the filing's own folder unless asked."""

from __future__ import annotations

import os
from pathlib import Path

from .atomic import atomic_write
from .bounded import read_bytes
from .errors import IcpdeskError
from .model import Filing
from .portable_names import portable_name

MAX_SCAN_BYTES = 64 * 1024**2  # as a package member may be (package/safezip.py)


def outside(base: Path, material_path: str) -> bool:
    """As material.path.outside judges it: the file (links followed) is not under `base`."""
    try:
        root = base.resolve()
        return not (root / material_path).resolve().is_relative_to(root)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return True


def _adopt(folder: Path, filing: Filing, base: Path, allow_outside: bool) -> list[str]:
    """adopt_scans into `folder`; an outside scan that is not copied gets its absolute path,
    so it stays outside wherever the filing is kept."""
    left: list[str] = []
    for m in filing.materials:
        if not m.path.strip():
            left.append(m.path)
            continue
        src = Path(m.path) if os.path.isabs(m.path) else base / m.path
        if not outside(folder, str(src)):
            continue  # already a copy in this folder
        if outside(base, m.path) and not allow_outside:
            m.path = os.path.abspath(src)
            left.append(m.path)
            continue
        try:
            m.path = _copy_into(folder, "scans", src)
        except IcpdeskError:  # missing, a pipe, a device, too large: its rule reports it
            left.append(m.path)
    return left


def _copy_into(folder: Path, sub: str, src: Path) -> str:
    """Copy `src` into folder/sub under a name not yet taken (the same bytes: that file). Names
    every platform accepts, and none that differs from another only by case (portable_names)."""
    sub = portable_name(sub)
    scans = folder / sub
    data = read_bytes(src, MAX_SCAN_BYTES)  # only a regular file: never a pipe or /dev/zero
    scans.mkdir(mode=0o700, parents=True, exist_ok=True)
    present = {p.name.casefold(): p for p in scans.iterdir()}
    wanted = portable_name(src.name, fallback="scan")
    stem, suffix = Path(wanted).stem, Path(wanted).suffix
    name, n = wanted, 1
    while name.casefold() in present:
        if present[name.casefold()].read_bytes() == data:
            return f"{sub}/{present[name.casefold()].name}"
        name = f"{stem}-{n}{suffix}"
        n += 1
    atomic_write(scans / name, data)
    return f"{sub}/{name}"
