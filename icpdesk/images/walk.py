"""The files a list of arguments names: files as given, folders walked. Light (no Pillow, no
worker processes), so `icpdesk validate DIR` walks folders the way `check-image DIR` does
without loading the image machinery."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def expand_paths(args: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, folders walked (sorted, hidden entries skipped). Every entry that is not a
    folder is listed, pipes, devices and broken links too, so that each gets a verdict."""
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if not q.is_dir() and not any(
                part.startswith(".") for part in q.relative_to(p).parts))
        else:
            out.append(p)
    return out
