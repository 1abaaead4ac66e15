"""The line above the editor that tells the user what just happened: an error (red, with its
word, not colour alone), a hint, and the one or two things they can do about it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from . import style


def as_text(text: str) -> str:
    """Text for a QMessageBox, which guesses rich text from a tag in the first line: a file or
    member name holding `<img src=x>` would be drawn as HTML. Escaped and wrapped in <p>, it is
    always taken as rich text and always shows the characters themselves."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


class Notice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("提示"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes file and member names from outside
        self.buttons: list[QPushButton] = []
        self.error = False
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(6, 4, 6, 4)
        self.row.addWidget(self.label, 1)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("关闭提示"))
        self.close_button.setAccessibleName(self.tr("关闭提示"))
        self.close_button.clicked.connect(self.hide)
        self.row.addWidget(self.close_button)
        self.hide()

    def _take(self, slot: Callable[[], object]) -> None:
        self.hide()
        slot()  # it may say something new, which shows the notice again

    def text(self) -> str:
        return self.label.text()

    def is_error(self) -> bool:
        """Showing an error (said with the word 错误, not by colour alone)."""
        return self.isVisible() and self.error

    def say(self, text: str, *, error: bool = False,
            actions: tuple[tuple[str, Callable[[], object]], ...] = ()) -> None:
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        self.error = error
        self.label.setText(self.tr("{word}：{text}").format(word=style.word("error"), text=text) if error else text)
        self.label.setStyleSheet(f"color: {style.COLOUR['error']}; font-weight: bold" if error
                                 else f"color: {style.COLOUR['info']}")
        self.label.setAccessibleDescription(self.label.text())
        for label, slot in actions:
            b = QPushButton(label, self)
            b.clicked.connect(lambda _=False, slot=slot: self._take(slot))
            self.row.insertWidget(self.row.count() - 1, b)
            self.buttons.append(b)
        self.show()
