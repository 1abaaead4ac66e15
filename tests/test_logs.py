"""Errors that are seen (issue 30, item 4): a background task that fails gives the window one
short line and leaves its traceback in the log, with every ID and phone number masked; the log
file is private and rotates."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from icpdesk import logs

pytestmark = pytest.mark.gui

ID = "330106198512124565"


@pytest.fixture()
def log_file(tmp_path):
    path = logs.setup(tmp_path / "logs")
    yield path
    for h in list(logging.getLogger(logs.LOGGER).handlers):
        if getattr(h, "baseFilename", "") == str(path):
            logging.getLogger(logs.LOGGER).removeHandler(h)
            h.close()


def test_a_failing_task_says_one_line_and_logs_its_traceback_masked(qtbot, log_file):
    from test_ui_wizard import InlinePool

    from icpdesk_ui.tasks import TaskRunner

    def read_scan(_task, number):
        raise RuntimeError(f"could not read the card of {number}\nsecond line with 13800138000")

    said: list[str] = []
    TaskRunner(pool=InlinePool()).start(read_scan, ID, on_error=said.append)
    assert said == [f"could not read the card of {ID}"]  # the user's own screen: one line
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "read_scan" in text and "RuntimeError" in text
    assert ID not in text and "3301**********4565" in text and "13800138000" not in text
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_logging_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ICPDESK_LOGS", "off")
    assert logs.log_folder() is None and logs.setup() is None
