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


CACHE_ENV = "ICPDESK_CACHE"  # the cache folder, or "off"


def cache_folder() -> Path | None:
    """Where verdicts (`??/<key>.json`) and the rules' parse (`rules/parsed.json`) are kept:
    $ICPDESK_CACHE, else the user's cache folder; None with ICPDESK_CACHE=off."""
    import os

    chosen = os.environ.get(CACHE_ENV, "")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("icpdesk", appauthor=False))


def rules_folder() -> Path:
    """`ICPDESK_RULES` if set (the command line's --rules sets it), else the shipped rules."""
    import os

    chosen = os.environ.get(RULES_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else rules_dir()
