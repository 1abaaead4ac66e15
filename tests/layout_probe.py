"""What a person would see cut off or untranslated on a window: labels and buttons narrower than
their text, wrapped labels shorter than their text, and visible words in the wrong language.
Used by tests/test_i18n.py in-process and in a subprocess at device pixel ratio 2."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTabBar,
    QToolButton,
    QWidget,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese an English window shows on purpose: rule data the user must type as is, quoted (a
# remark, a statement), the long-term date and filing numbers the user types, and the line that
# cites a finding's sources (Chinese documents under their own titles).
QUOTED = re.compile(r"“[^”]*”|长期|[\u4e00-\u9fff]ICP备\d+号|^(?:Source|来源)[:：].*$", re.MULTILINE)


def visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible() and widget.width() > 0


def texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """The words the window shows itself: labels, buttons, group titles, tabs, window title."""
    out: list[tuple[QWidget, str]] = [(root, root.windowTitle())]
    for w in root.findChildren(QWidget):
        if not visible(w):
            continue
        if isinstance(w, (QLabel, QAbstractButton)) and w.text():
            out.append((w, w.text()))
        elif isinstance(w, QGroupBox) and w.title():
            out.append((w, w.title()))
        elif isinstance(w, QTabBar):
            out += [(w, w.tabText(i)) for i in range(w.count())]
    return out


def clipped(root: QWidget) -> list[str]:
    """Labels and buttons whose text does not fit the space they were given."""
    out = []
    for w in root.findChildren(QWidget):
        if not visible(w):
            continue
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    out.append(f"{type(w).__name__} {w.text()[:60]!r}: {w.height()} px high, needs {need}")
            elif w.sizeHint().width() > w.width() + 1 and not w.hasScaledContents():
                out.append(f"{type(w).__name__} {w.text()[:60]!r}: {w.width()} px wide, needs {w.sizeHint().width()}")
        elif (isinstance(w, (QPushButton, QToolButton, QCheckBox, QRadioButton)) and w.text()
              and w.minimumSizeHint().width() > w.width() + 1):
            out.append(f"{type(w).__name__} {w.text()[:60]!r}: {w.width()} px wide, needs "
                           f"{w.minimumSizeHint().width()}")
    return out


def told(root: QWidget) -> list[tuple[QWidget, str]]:
    """The words a person meets without seeing them on the page: tooltips, placeholders, list
    items and what a screen reader says (accessible names and descriptions)."""
    out: list[tuple[QWidget, str]] = []
    for w in root.findChildren(QWidget):
        if not visible(w):
            continue
        out += [(w, t) for t in (w.toolTip(), w.accessibleName(), w.accessibleDescription()) if t]
        if isinstance(w, QLineEdit) and w.placeholderText():
            out.append((w, w.placeholderText()))
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                out += [(w, t) for t in (w.item(i).text(), w.item(i).toolTip()) if t]
    return out


def untranslated(root: QWidget, marker: str = "⟦", *, unseen: bool = False) -> list[str]:
    """Shown words with Chinese outside quoted rule data, or (under the pseudo-translation)
    without its marker: strings that did not go through the translation. `unseen`: the
    tooltips and accessible texts too."""
    out = []
    for w, text in texts(root) + (told(root) if unseen else []):
        bare = QUOTED.sub("", text)
        if CJK.search(bare) and marker not in text:
            out.append(f"{type(w).__name__}: {text[:80]!r}")
    return out
