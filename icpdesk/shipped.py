"""The rules in force: the shipped rules folder (or the one named by `--rules DIR` or the
environment variable ICPDESK_RULES) read with the shipped checks, conditions and image rules."""

from __future__ import annotations

from pathlib import Path

from .checks.registry import CHECKS, CONDITIONS
from .image_rules import IMAGE_RULES
from .paths import RULES_ENV, rules_folder
from .rulebook import Plugins, Rulebook

PLUGINS = Plugins(checks=CHECKS, conditions=CONDITIONS, image_rules=IMAGE_RULES)
__all__ = ["PLUGINS", "RULES_ENV", "default_rulebook", "load_rulebook", "rules_folder"]


def load_rulebook(folder: Path | None = None) -> Rulebook:
    """The rules of `folder` (default: the rules in force): as validated by an earlier run when
    nothing they depend on changed since (icpdesk/rules_snapshot.py), else loaded and validated
    in full, the files' parse taken from the cache where the bytes are the same
    (icpdesk/rules_cache.py)."""
    from . import rules_cache, rules_snapshot

    folder = folder or rules_folder()
    kept = rules_snapshot.load(folder, PLUGINS)
    if kept is not None:
        return kept
    rules_cache.ensure_loaded()
    known = set(rules_cache.PARSED)
    rules_cache.USED.clear()  # the files this load reads
    rulebook = Rulebook(folder, PLUGINS)
    if not known >= rules_cache.USED:  # a file parsed anew: keep its parse for the next start
        rules_cache.save(rules_cache.USED)
    rules_snapshot.save(rulebook)
    return rulebook


_default: Rulebook | None = None


def default_rulebook() -> Rulebook:
    global _default
    folder = rules_folder()
    if _default is None or _default.folder != folder:
        _default = load_rulebook(folder)
    return _default
