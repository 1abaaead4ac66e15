"""Named Python checks that rules in rules/ call by name.

A check is `fn(ctx, path, value, params) -> iterable of hits`, where `params` is the check's
typed parameter model; a hit is a dict of values for the rule's message template, optionally
with its own `path` (where the finding belongs), `severity` (a disputed provincial setting
downgrades an error to a warning) and `source`. A check never raises on odd input: any text,
empty or huge, gets a verdict. registry.py is the table of them all.
"""

from .base import check, disputed
from .context import Ctx

__all__ = ["Ctx", "check", "disputed"]
