"""Form rows bound to filing paths, with the message under each field: icon, text and colour
(never colour alone), the hint and source in the tooltip. No rule logic: findings come from
the core's validator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from icpdesk.catalogues import Catalogue, Catalogues
from icpdesk.findings import SEVERITY_ORDER, Finding

from . import style
from .drops import local_files
from .i18n import QT_TRANSLATE_NOOP, core_lang, translate


class MessageLabel(QWidget):
    """The message under a field: severity icon + word + text; hint and source in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text, 1)
        self.findings: list[Finding] = []
        self.hide()

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
        if not self.findings:
            self.hide()
            return
        top = self.findings[0]
        size = self.fontMetrics().height()
        self.icon.setPixmap(style.icon(top.severity).pixmap(size, size))
        lang = core_lang()
        lines = [self.tr("{word}：{message}").format(word=style.word(f.severity), message=f.text(lang))
                 for f in self.findings]
        self.text.setText("\n".join(lines))
        self.text.setStyleSheet(f"color: {style.COLOUR[top.severity]}")
        self.setToolTip("\n\n".join(finding_tip(f) for f in self.findings))
        self.text.setAccessibleName("\n".join(lines))
        self.show()


def finding_tip(f: Finding) -> str:
    """A finding in full, for a tooltip: message, how to fix, source and rule."""
    lang = core_lang()
    return translate("fields", "{message}\n改正：{hint}\n依据：{source}（{rule}）").format(
        message=f.text(lang), hint=f.hint_text(lang), source=f.source_label(lang), rule=f.rule)


_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
MAX_WAIT_MS = 400  # a continuous typist's edits still reach the document (and the disk) this often


class FieldRow(QWidget):
    """An editor with its message label; emits `edited(path)` (debounced) as the user types."""

    edited = Signal(object)  # the row itself

    def __init__(self, path: str, editor: QWidget, parent: QWidget | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.path = path
        self.editor = editor
        self.message = MessageLabel(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(editor)
        lay.addWidget(self.message)
        self._timer = QTimer(self)  # a pause in typing
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._longest = QTimer(self)  # …or at most this long while typing goes on (autosave follows)
        self._longest.setSingleShot(True)
        self._longest.setInterval(MAX_WAIT_MS)
        self._longest.timeout.connect(self.flush)
        signal = _change_signal(editor)
        if signal is not None:
            signal.connect(self._changed)
        self.setFocusProxy(editor)
        # "required" is said once the field was left or Next pressed, not on a fresh page
        self.touched = False
        self.hint = ""  # the placeholder, said with the message to screen readers
        self._shown: list[Finding] = []
        editor.installEventFilter(self)
        if isinstance(editor, QAbstractScrollArea):
            editor.viewport().installEventFilter(self)  # drops arrive at the text area's viewport

    def eventFilter(self, obj, event) -> bool:
        if obj is self.editor and event.type() == QEvent.Type.FocusOut and not self.touched:
            self.touch()
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            # Ctrl+Z in a field is the window's undo (every change of the filing, across pages),
            # not the editor's own short memory of keystrokes
            return True
        if event.type() in _DRAG_EVENTS and local_files(event):
            # a dropped file is a scan for the page (attached and read), never its path as text
            event.ignore()
            return True
        return False

    def touch(self) -> None:
        self.touched = True
        self.show_findings(self._shown)

    def show_findings(self, findings: list[Finding]) -> None:
        self._shown = list(findings)
        visible = findings if self.touched else [f for f in findings if not f.rule.startswith("required")]
        self.message.show_findings(visible)
        # a screen reader announces the message with the field: the hint, then what is wrong
        said = self.message.text.text() if visible else ""
        self.editor.setAccessibleDescription("\n".join(t for t in (self.hint, said) if t))

    def _changed(self, *_args) -> None:
        self.touched = True
        self._timer.start()
        if not self._longest.isActive():
            self._longest.start()

    def flush(self) -> None:
        """Send a pending edit now (a pause, the longest wait, Next, tests)."""
        if self._timer.isActive() or self._longest.isActive():
            self._timer.stop()
            self._longest.stop()
            self.edited.emit(self)


class CheckList(QListWidget):
    """A multi-select of catalogue codes (languages): checkable items."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for e in catalogue.entries:
            item = QListWidgetItem(e.label(core_lang()), self)
            item.setData(Qt.ItemDataRole.UserRole, e.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMaximumHeight(self.sizeHintForRow(0) * 4 + 8)
        self.itemChanged.connect(lambda _i: self.changed.emit())

    def codes(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes: list[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)


def _change_signal(editor: QWidget):
    if isinstance(editor, CheckList):
        return editor.changed
    if isinstance(editor, QLineEdit):
        return editor.textEdited
    if isinstance(editor, QPlainTextEdit):
        return editor.textChanged
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged if not editor.isEditable() else editor.currentTextChanged
    if isinstance(editor, QCheckBox):
        return editor.toggled
    return None


CHOOSE = QT_TRANSLATE_NOOP("fields", "（请选择）")
NOT_FILLED = QT_TRANSLATE_NOOP("fields", "（未填）")


def code_combo(catalogue: Catalogue, codes: list[str] | None = None, empty: str | None = CHOOSE) -> QComboBox:
    """A choice of catalogue codes, shown by their labels in the window's language."""
    box = QComboBox()
    if empty is not None:
        box.addItem(translate("fields", empty), "")
    lang = core_lang()
    for e in catalogue.entries:
        if codes is None or e.code in codes:
            box.addItem(e.label(lang), e.code)
    return box


def set_combo(box: QComboBox, code: str) -> None:
    i = box.findData(code)
    if i < 0 and box.isEditable():
        box.setEditText(code)
        return
    box.setCurrentIndex(max(i, 0))


def value_of(editor: QWidget) -> Any:
    if isinstance(editor, CheckList):
        return editor.codes()
    if isinstance(editor, QLineEdit):
        return editor.text()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QComboBox):
        return editor.currentText() if editor.isEditable() else editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    return None


def set_value(editor: QWidget, value: Any) -> None:
    editor.blockSignals(True)
    try:
        if isinstance(editor, CheckList):
            editor.set_codes(list(value or []))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QComboBox):
            set_combo(editor, value or "")
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
    finally:
        editor.blockSignals(False)


class Form(QWidget):
    """A QFormLayout of FieldRows; labels are buddies of their editors (Alt+letter, screen readers).
    A field's label is the fields catalogue's (one label per field, in the window's language)."""

    def __init__(self, catalogues: Catalogues, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogues = catalogues
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long English labels
        self.rows: list[FieldRow] = []

    def add(self, key: str, editor: QWidget, on_edit: Callable[[FieldRow], None], placeholder: str = "",
            label: str | None = None) -> FieldRow:
        label = label or self.catalogues.field_label(key, core_lang())
        row = FieldRow(key, editor, self)
        row.hint = placeholder
        caption = QLabel(self.tr("{label}：").format(label=label), self)
        caption.setBuddy(editor)
        editor.setAccessibleName(label)
        editor.setAccessibleDescription(placeholder)
        if placeholder and isinstance(editor, QLineEdit):
            editor.setPlaceholderText(placeholder)
        elif placeholder:
            editor.setToolTip(placeholder)
        row.edited.connect(on_edit)
        self.layout_.addRow(caption, row)
        self.rows.append(row)
        return row

    def row_for(self, path: str) -> FieldRow | None:
        return next((r for r in self.rows if r.path == path), None)

    def row(self, path: str) -> FieldRow:
        """The row of a path this form was built with (a missing one is a programming error)."""
        found = self.row_for(path)
        if found is None:
            raise KeyError(path)
        return found
