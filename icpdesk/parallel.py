"""One function on many inputs, on every core: the workspace's validation and its index of the
filings' facts both read hundreds of filings this way."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def on_cores(fn: Callable[[T], R], work: Sequence[T], jobs: int | None = None) -> list[R]:
    """`fn` over `work` in order: in this process for a few items or one core, else in a process
    per core (fn and the items must pickle), in chunks of about an eighth of a core's share."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    if workers == 1 or len(work) < 8:
        return [fn(w) for w in work]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, work, chunksize=max(1, len(work) // (workers * 8))))
