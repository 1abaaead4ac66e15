"""Where the shipped data lives, in a source checkout and in an installed wheel alike.

The wheel carries rules/ and resources/ inside the package (icpdesk/_data/…, see
pyproject.toml); a source checkout or an editable install keeps them at the top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    return data_dir("rules")


def resources_dir() -> Path:
    return data_dir("resources")
