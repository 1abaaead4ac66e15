"""What went wrong, kept for whoever has to find out why: a rotating log file in the user's data
folder (`logs/icpdesk.log`, 3 × 1 MB), private (0600), with every ID- or phone-shaped number
masked before it is written: a traceback may quote a filing's values, the log never keeps them.

`ICPDESK_LOGS=DIR` moves the folder, `ICPDESK_LOGS=off` writes nothing (tests, kiosks).
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from .package.layout import mask_text

LOGGER = "icpdesk"
MAX_BYTES = 1 << 20
BACKUPS = 3


def log_folder() -> Path | None:
    chosen = os.environ.get("ICPDESK_LOGS", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_dir

    return Path(user_data_dir("icpdesk", appauthor=False)) / "logs"


class _Masking(logging.Formatter):
    """The whole record as written (message, traceback, stack) goes through mask_text."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


class _PrivateFile(RotatingFileHandler):
    def _open(self):  # the stream type is private to logging
        stream = super()._open()
        if sys.platform != "win32":  # Windows: the profile folder already keeps others out
            os.fchmod(stream.fileno(), 0o600)
        return stream


def setup(folder: Path | None = None) -> Path | None:
    """Log icpdesk's warnings and errors (and Python's uncaught exceptions) to the file; returns
    its path, or None when logging is off or the folder cannot be made (never fatal)."""
    folder = folder or log_folder()
    logger = logging.getLogger(LOGGER)
    if folder is None:
        return None
    path = folder / "icpdesk.log"
    if any(isinstance(h, _PrivateFile) and Path(h.baseFilename) == path for h in logger.handlers):
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = _PrivateFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(_Masking("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        # an exception nobody caught (a Qt slot's, say): in the log, and still on stderr
        logger.error("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    if not getattr(sys.excepthook, "_icpdesk", False):
        hook._icpdesk = True  # type: ignore[attr-defined]
        sys.excepthook = hook
    return path


def get(name: str) -> logging.Logger:
    """A logger under icpdesk's (`icpdesk.ui.tasks`…): written wherever setup() pointed it."""
    return logging.getLogger(f"{LOGGER}.{name}")
