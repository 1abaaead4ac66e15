"""Windows' conditions on Linux, for the test run with ICPDESK_TEST_PORTABLE=1 (tests/conftest.py
loads this, and puts its folder on PYTHONPATH so every subprocess and spawned worker runs it at
start-up too): fcntl cannot be imported, and worker processes start with spawn."""

import os
import sys


class _NoFcntl:
    """A meta-path finder that refuses fcntl, as Windows' Python has none."""

    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ModuleNotFoundError("No module named 'fcntl' (ICPDESK_TEST_PORTABLE)", name=name)
        return None


if os.environ.get("ICPDESK_TEST_PORTABLE") and not any(isinstance(f, _NoFcntl) for f in sys.meta_path):
    sys.meta_path.insert(0, _NoFcntl())
    sys.modules.pop("fcntl", None)  # subprocess.py keeps its own reference; nothing new gets one
    os.environ["ICPDESK_START_METHOD"] = "spawn"  # the image and OCR workers (icpdesk.images.batch)
    import multiprocessing
    import warnings

    # without fcntl, filelock on Linux uses its soft lock (a marker file with the owner's pid, a
    # dead owner's broken): the stand-in for Windows' msvcrt lock, which this machine lacks
    warnings.filterwarnings("ignore", "only soft file lock is available")

    multiprocessing.set_start_method("spawn", force=True)  # every other pool (workspace validate)
