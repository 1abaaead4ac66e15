"""OCR in a process of its own: rapidocr and onnxruntime are native code that reads pixels of
files the user did not make; a crash or a hang there costs the reader process (restarted for the
next scan) and that one scan's reading, never the window or the command that asked. The model is
loaded once in that process and reused (0.8 s), and its memory is that process's, not the
window's.

Workers start like the image checks' (forkserver, or spawn where there is none). Where no worker
process can start at all, scans are read in the calling process, as before.
"""

from __future__ import annotations

import contextlib
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..readings import Reading
from .reader import OcrUnavailable, read_scan

READ_SECONDS = 60.0  # one scan takes about 0.6 s on 2 cores, the first 1 s more (process and model)
IDLE_SECONDS = 120.0  # a reader with nothing to read for this long ends (it holds ~0.2 GB)
_UNAVAILABLE = "unavailable"


def _serve(conn: Connection, idle: float) -> None:
    while True:
        try:
            if not conn.poll(idle):
                return  # idle: the model's memory goes back to the system; the next scan starts anew
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        path, kind = job
        try:
            answer: Any = read_scan(path, kind)
        except OcrUnavailable:
            answer = _UNAVAILABLE
        except Exception as e:  # read_scan turns a bad file into a Reading; this is OCR's own failure
            answer = Reading(kind or "", "unknown", error=f"OCR failed: {type(e).__name__}")
        conn.send(answer)


class OcrWorker:
    """One reader process, one scan at a time (onnxruntime uses every core itself)."""

    def __init__(self, seconds: float = READ_SECONDS, idle: float = IDLE_SECONDS) -> None:
        self.seconds, self.idle = seconds, idle
        self._proc: Any = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._served = False  # the current process answered at least once
        self._start_failures = 0  # processes in a row that died before their first answer

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.is_alive() else None

    def read(self, path: str | Path, kind: str | None) -> Reading:
        with self._lock:
            why = "the reader ended twice as the scan came"
            for _ in range(2):  # once more when the reader had just ended for being idle
                if self._start_failures >= 2:  # no reader process lives here: read in this one
                    return read_scan(path, kind)
                conn = self._ensure()
                try:
                    conn.send((str(path), kind))
                    if conn.poll(self.seconds):
                        answer = conn.recv()  # EOFError when the process died on this scan
                        self._served, self._start_failures = True, 0
                        if answer == _UNAVAILABLE:
                            raise OcrUnavailable()
                        return answer
                    why = "time-out"
                except (EOFError, OSError):
                    code = self._exit_code()
                    if code == 0:  # it ended idle as the scan came: not this scan's doing
                        self._stop()
                        continue
                    why = f"the reader stopped (exit code {code})"
                    self._start_failures += not self._served
                break
            self._stop()
            return Reading(kind or "", "unknown", error=f"OCR failed: {why}")  # as read_scan's own errors

    def _exit_code(self) -> int | None:
        if self._proc is None:
            return None
        self._proc.join(timeout=2)
        return self._proc.exitcode

    def _ensure(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._stop()
        from ..images.batch import worker_context

        ctx = worker_context()
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.idle), daemon=True, name="icpdesk-ocr")
        proc.start()
        child.close()
        self._proc, self._conn, self._served = proc, parent, False
        return parent

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(OSError):
                    self._conn.send(None)
            self._stop(grace=1.0)

    def _stop(self, grace: float = 0.0) -> None:
        if self._proc is not None:
            if grace:
                self._proc.join(timeout=grace)
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None


_shared: OcrWorker | None = None
_shared_lock = threading.Lock()


def read_isolated(path: str | Path, kind: str | None) -> Reading:
    """A scan read by this process's reader process (started on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = OcrWorker()
        worker = _shared
    return worker.read(path, kind)


def shared_worker() -> OcrWorker | None:
    return _shared
