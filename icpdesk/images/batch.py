"""Checking many files: worker processes, each with a memory limit, and a time limit per file.

A decoder that hangs or explodes costs one worker, which is killed and replaced; the file
gets a verdict like any other. Workers start with the forkserver method, so a caller with
threads (the Qt app) is safe.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..findings import Finding
from .check import ImageReport, check_image, preview, safe_to_preview
from .verdicts import VerdictCache
from .walk import expand_paths

IMAGE_SUFFIXES = None  # every file in a folder is checked: names lie, contents decide
__all__ = ["check_many", "expand_paths"]

Progress = Callable[[int, int, str], None]


def _limit_memory(mb: int) -> None:
    if sys.platform == "win32":  # no rlimits there: the time limit only
        return
    try:
        import resource

        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # refused (macOS may): the time limit only
        pass


def _worker(conn: Connection, memory_mb: int, rules: str) -> None:
    _limit_memory(memory_mb)
    from ..shipped import RULES_ENV, default_rulebook

    os.environ[RULES_ENV] = rules  # the caller's rules: a forkserver keeps the environment of its own start

    plan = default_rulebook().plan
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        index, path, kind, thumb = job
        try:
            report = check_image(path, kind, plan=plan, thumbnail=thumb)
        except MemoryError:
            report = None
        conn.send((index, report))


START_ENV = "ICPDESK_START_METHOD"  # "spawn" forces Windows' and macOS' way (the tests do)


def worker_context() -> Any:  # a multiprocessing context (its Process type is per start method)
    if "forkserver" not in mp.get_all_start_methods() or os.environ.get(START_ENV) == "spawn":
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["icpdesk.images._preload"])
    return ctx


@dataclass
class _Slot:
    proc: mp.process.BaseProcess
    conn: Connection
    job: tuple[int, str, str | None, int | None] | None = None
    started: float = 0.0
    served: int = 0  # jobs finished: a worker that dies before its first is a start failure


def _verdict(path: str, rule: str, plan, **fmt) -> ImageReport:
    r = plan.image_rules[rule]
    f = Finding(rule=r.id, severity=r.severity, path="image", message=r.message.format(**fmt),
                message_en=r.message_en.format(**fmt), source=r.source, hint=r.hint, hint_en=r.hint_en,
                source_title=r.source_title, cites=r.cites)
    size = Path(path).stat().st_size if Path(path).is_file() else None
    return ImageReport(path, bytes=size, findings=[f])


def check_many(paths: list[Path], kind: str | None = None, *, jobs: int | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               timeout: float | None = None, memory_mb: int | None = None,
               kinds: list[str | None] | None = None, thumbnail: int | None = None,
               cache: VerdictCache | None = None) -> Iterator[ImageReport]:
    """Reports in input order as they complete, in parallel, each file within the limits
    (rules/images/limits.yaml; `timeout` and `memory_mb` override them). `kinds` gives each
    file its own material kind; `thumbnail` asks for previews of that size. With a `cache`,
    a file whose content was judged before is not checked again: its verdict comes from the
    cache and a preview, when asked for, from the cache too or else made at reduced decode
    scale (a file whose verdict was not a clean decode goes to a worker again)."""
    if cache is None:
        yield from _check_all(paths, kind, jobs=jobs, progress=progress, cancelled=cancelled, timeout=timeout,
                              memory_mb=memory_mb, kinds=kinds, thumbnail=thumbnail)
        return
    total = len(paths)
    kind_of = kinds or [kind] * total
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # hashlib and Pillow release the GIL
        keys = list(pool.map(lambda i: cache.key(Path(paths[i]), kind_of[i]), range(total)))
        hits: dict[int, ImageReport] = {}
        for i, key in enumerate(keys):
            hit = cache.get(key, Path(paths[i])) if key else None
            if hit is not None and (thumbnail is None or safe_to_preview(hit)):
                hits[i] = hit
        if thumbnail is not None:  # the check's own preview, else one at reduced decode scale
            for i in hits:
                hits[i].thumbnail = cache.preview(keys[i] or "", thumbnail)
            todo = [i for i in hits if hits[i].thumbnail is None]
            for i, shot in zip(todo, pool.map(lambda i: preview(Path(paths[i]), thumbnail), todo), strict=True):
                hits[i].thumbnail = shot
                if shot:
                    cache.keep_preview(keys[i] or "", thumbnail, shot)
    if progress:
        for n, i in enumerate(sorted(hits), 1):
            progress(n, total, str(paths[i]))
    misses = [i for i in range(total) if i not in hits]

    def shifted(done: int, _total: int, path: str) -> None:
        if progress:
            progress(len(hits) + done, total, path)

    rest = _check_all([paths[i] for i in misses], jobs=jobs, progress=shifted, cancelled=cancelled,
                      timeout=timeout, memory_mb=memory_mb, kinds=[kind_of[i] for i in misses], thumbnail=thumbnail)
    for i in range(total):
        if i in hits:
            yield hits[i]
            continue
        report = next(rest, None)
        if report is None:  # cancelled
            return
        key = keys[i]
        if key:
            cache.put(key, report)
            if thumbnail is not None and report.thumbnail:
                cache.keep_preview(key, thumbnail, report.thumbnail)
        yield report


def _check_all(paths: list[Path], kind: str | None = None, *, jobs: int | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               timeout: float | None = None, memory_mb: int | None = None,
               kinds: list[str | None] | None = None, thumbnail: int | None = None) -> Iterator[ImageReport]:
    from ..shipped import default_rulebook, rules_folder

    plan = default_rulebook().plan
    th = plan.images.thresholds.model_copy(update={
        k: v for k, v in (("timeout_seconds", timeout), ("memory_mb", memory_mb)) if v is not None})
    total = len(paths)
    if not total:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, total))
    ctx = worker_context()

    def start() -> _Slot:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(child, th.memory_mb, str(rules_folder())), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    slots = [start() for _ in range(jobs)]
    pending = list(enumerate(str(p) for p in paths))
    pending.reverse()
    done: dict[int, ImageReport] = {}
    next_out = finished = start_failures = 0
    try:
        while finished < total:
            if cancelled and cancelled():
                return
            for i, s in enumerate(slots):
                if s.job is None and pending:
                    index, path = pending.pop()
                    s.job, s.started = (index, path, kinds[index] if kinds else kind, thumbnail), time.monotonic()
                    try:
                        s.conn.send(s.job)
                    except (BrokenPipeError, OSError):
                        slots[i] = _replace(s, start)
                        pending.append((index, path))
            busy = [s for s in slots if s.job is not None]
            ready = wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=0.2)
            now = time.monotonic()
            for i, s in enumerate(slots):
                if s.job is None:
                    continue
                index, path = s.job[0], s.job[1]
                result: ImageReport | None = None
                if s.conn in ready:
                    try:
                        _, result = s.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is None:
                        result = _verdict(path, "image.check.crashed", plan, why="内存不足", why_en="out of memory")
                        slots[i] = _replace(s, start)
                    else:
                        s.job = None
                        s.served += 1
                elif s.proc.sentinel in ready or not s.proc.is_alive():
                    if s.served == 0 and start_failures >= 2:
                        # workers cannot start here at all: check in this process instead
                        # (no time or memory limit), rather than calling every file crashed
                        pending.append((index, path))
                        for other in slots:
                            if other.job is not None and other is not s:
                                pending.append(other.job[:2])
                        yield from _in_process(pending, done, next_out, kinds or [kind] * total, plan, progress,
                                               finished, total, thumbnail)
                        return
                    start_failures += s.served == 0
                    result = _verdict(path, "image.check.crashed", plan, why=f"退出码 {s.proc.exitcode}",
                                      why_en=f"exit code {s.proc.exitcode}")
                    slots[i] = _replace(s, start)
                elif now - s.started > th.timeout_seconds:
                    result = _verdict(path, "image.check.timeout", plan, seconds=int(th.timeout_seconds))
                    slots[i] = _replace(s, start)
                if result is not None:
                    done[index] = result
                    finished += 1
                    if progress:
                        progress(finished, total, path)
            next_out = yield from _drain(done, next_out)
    finally:
        for s in slots:
            with contextlib.suppress(BrokenPipeError, OSError):
                s.conn.send(None)
        for s in slots:
            s.proc.join(timeout=1)
            if s.proc.is_alive():
                s.proc.kill()


def _replace(slot: _Slot, start: Callable[[], _Slot]) -> _Slot:
    slot.proc.kill()
    slot.proc.join(timeout=5)
    slot.conn.close()
    return start()


def _in_process(pending: list[tuple[int, str]], done: dict[int, ImageReport], next_out: int,
                kinds: list[str | None], plan, progress: Progress | None, finished: int, total: int,
                thumbnail: int | None) -> Generator[ImageReport, None, int]:
    for index, path in sorted(pending):
        done[index] = check_image(path, kinds[index], plan=plan, thumbnail=thumbnail)
        finished += 1
        if progress:
            progress(finished, total, path)
    return (yield from _drain(done, next_out))


def _drain(done: dict[int, ImageReport], next_out: int) -> Generator[ImageReport, None, int]:
    """Hand out finished reports in input order; returns the next index still awaited."""
    while next_out in done:
        yield done.pop(next_out)
        next_out += 1
    return next_out
