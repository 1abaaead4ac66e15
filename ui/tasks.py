"""One small helper for long work off the GUI thread: a function runs on QThreadPool, reports
progress, can be cancelled, and hands its result back to the GUI thread through signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from icpdesk.logs import get as get_logger

from .i18n import translate

log = get_logger("ui.tasks")


def short_reason(e: BaseException) -> str:
    """One line for the window: the exception's own first line, else its kind."""
    first = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return first[:300] or type(e).__name__


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, text
    result = Signal(object)
    error = Signal(str)
    finished = Signal()


class Task(QRunnable):
    """`fn(task, *args)`; the function calls task.report(done, total, text) and may check
    task.cancelled (or call task.check()) between steps."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.fn, self.args = fn, args
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the owner keeps it until `finished`

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            out = self.fn(self, *self.args)
        except Cancelled:
            self.signals.error.emit(translate("TaskRunner", "已取消"))
        except Exception as e:
            # the traceback goes to the log (numbers masked); the window gets one short line
            log.exception("background task %s failed", getattr(self.fn, "__name__", self.fn))
            self.signals.error.emit(short_reason(e))
        else:
            if not self._cancel.is_set():
                self.signals.result.emit(out)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they finish. Tests swap `pool` for an inline one."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.running: set[Task] = set()

    def start(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None] | None = None,
              on_error: Callable[[str], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> Task:
        task = Task(fn, *args)
        if on_result:
            task.signals.result.connect(on_result)
        if on_error:
            task.signals.error.connect(on_error)
        if on_progress:
            task.signals.progress.connect(on_progress)
        self.running.add(task)
        task.signals.finished.connect(lambda: self.running.discard(task))
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def stop(self, msecs: int = 10000) -> None:
        """Cancel everything and wait for it (closing the window)."""
        for task in list(self.running):
            task.cancel()
        self.pool.waitForDone(msecs)
