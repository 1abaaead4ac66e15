"""Imported once by the forkserver: workers forked from it start with Pillow and OpenCV imported
and the rules loaded, instead of paying ~0.4 s (and ~0.2 s for OpenCV) each."""

from ..shipped import default_rulebook
from . import (
    check,  # noqa: F401 - imported for its side effect of loading Pillow's plugins
    document,  # noqa: F401 - OpenCV, for the document checks
)

default_rulebook()
