"""Imported once by the forkserver: workers forked from it start with Pillow imported and the
rules loaded, instead of paying ~0.4 s each."""

from ..shipped import default_rulebook
from . import check  # noqa: F401 - imported for its side effect of loading Pillow's plugins

default_rulebook()
