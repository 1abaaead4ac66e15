"""Severity as people see it, in one place: an SVG icon (crisp at any device pixel ratio), a
word (the meaning never rests on colour alone) and a colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon

from .i18n import QT_TRANSLATE_NOOP, translate

COLOUR = {"error": "#b00020", "warning": "#8a5300", "info": "#1f4e8c", "ok": "#1b5e20"}
_WORD = {"error": QT_TRANSLATE_NOOP("style", "错误"), "warning": QT_TRANSLATE_NOOP("style", "注意"),
         "info": QT_TRANSLATE_NOOP("style", "提示"), "ok": QT_TRANSLATE_NOOP("style", "合格")}
MARK = {"error": "✗", "warning": "!", "info": "i", "ok": "✓"}  # where an icon cannot go (plain text)


def word(severity: str) -> str:
    """错误 / 注意 / 提示 / 合格, in the window's language."""
    return translate("style", _WORD[severity])


def colour(severity: str) -> QColor:
    return QColor(COLOUR[severity])


@cache
def icon(name: str) -> QIcon:
    """resources/icons/NAME.svg: a severity (error, warning, info, ok) or the app's icon (icpdesk)."""
    from icpdesk.paths import resources_dir

    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))
