"""icpdesk core: filing model, rules engine, checks and command line. Never imports Qt."""

import time as _time

# The first statement both entry points (`icpdesk` and `python -m icpdesk`) run: the clock of
# `--smoke` starts here, so its number includes every import.
STARTED = _time.perf_counter()

__version__ = "0.1.0"


def process_age() -> float | None:
    """Seconds since the OS started this process (Linux: /proc), interpreter start-up included."""
    try:
        import os

        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None
