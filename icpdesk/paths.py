"""Where the shipped data lives, in a source checkout and in an installed wheel alike.

The wheel carries rules/ and resources/ inside the package (icpdesk/_data/…, see
pyproject.toml); a source checkout or an editable install keeps them at the top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
RULES_ENV = "ICPDESK_RULES"  # another rules folder (the command line's --rules sets it)


def data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    return data_dir("rules")


def resources_dir() -> Path:
    return data_dir("resources")


def rules_folder() -> Path:
    """`ICPDESK_RULES` if set (the command line's --rules sets it), else the shipped rules."""
    import os

    chosen = os.environ.get(RULES_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else rules_dir()
