"""The bundle's entry point: the same `main` as the `icpdesk` command (app and command line in
one executable). `icpdesk` is imported first: its clock is what `--smoke` reports."""

import multiprocessing
import sys

import icpdesk  # noqa: F401  (first: starts the --smoke clock)

if __name__ == "__main__":
    # a worker process of the image checks or OCR (spawn, forkserver) runs its own code here,
    # not the command line
    multiprocessing.freeze_support()
    from icpdesk.cli import main

    sys.exit(main())
