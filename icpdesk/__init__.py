"""icpdesk core: filing model, rules engine, checks and command line. Never imports Qt."""

import time as _time

# The first statement both entry points (`icpdesk` and `python -m icpdesk`) run: the clock of
# `--smoke` starts here, so its number includes every import.
STARTED = _time.perf_counter()

__version__ = "0.1.0"


def process_age() -> float | None:
    """Seconds since the OS started this process, interpreter start-up included; None where the
    platform does not say (icpdesk/process_clock.py)."""
    from .process_clock import process_age as age

    return age()
