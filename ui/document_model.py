"""The Qt side of a Document (icpdesk/document.py): every edit becomes a command on a
QUndoStack, and one signal, `changed(paths)`, tells the pages which fields' values or findings
are not what they were. Pages read the document; they never write into the filing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from icpdesk.document import Change, Document
from icpdesk.findings import Finding
from icpdesk.readings import Reading

from .i18n import translate

_MERGE_ID = 1


class _ChangeCommand(QUndoCommand):
    def __init__(self, model: DocumentModel, change: Change, mergeable: bool) -> None:
        super().__init__(change.label)
        self.model, self.change, self.mergeable = model, change, mergeable
        self._applied = True  # Document.edit has applied it; push() calls redo() once more

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Keystrokes in one field are one step of undo."""
        if not (isinstance(other, _ChangeCommand) and self.mergeable and other.mergeable
                and other.change.paths == self.change.paths):
            return False
        self.change = Change(self.change.label, self.change.before, other.change.after)
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.model.replay(self.change, forward=True)

    def undo(self) -> None:
        self.model.replay(self.change, forward=False)


class _ResolveCommand(QUndoCommand):
    """Marking a reviewer's comments resolved (or open again) is one step of undo too."""

    def __init__(self, model: DocumentModel, path: str, resolved: bool, answer: str) -> None:
        super().__init__(translate("DocumentModel", "标记审阅意见已解决") if resolved
                         else translate("DocumentModel", "重新打开审阅意见"))
        self.model, self.path, self.resolved, self.answer = model, path, resolved, answer

    def redo(self) -> None:
        self.model._announce(self.model.doc.resolve(self.path, self.resolved, self.answer))

    def undo(self) -> None:
        self.model._announce(self.model.doc.resolve(self.path, not self.resolved))


class DocumentModel(QObject):
    changed = Signal(object)  # set[str]: paths whose value or findings changed

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.undo_stack = QUndoStack(self)
        self.doc.revalidate()

    def edit(self, path: str, value: Any, label: str = "") -> Change | None:
        change = self.doc.edit(path, value, label or path)
        if change is not None:
            self.undo_stack.push(_ChangeCommand(self, change, mergeable=True))
            self._announce(change.paths)
        return change

    def replace(self, path: str, value: Any, label: str) -> Change | None:
        """A whole list at once (sites, APPs, materials); never merged with another step."""
        change = self.doc.replace(path, value, label)
        if change is not None:
            self.undo_stack.push(_ChangeCommand(self, change, mergeable=False))
            self._announce(change.paths)
        return change

    def replay(self, change: Change, *, forward: bool) -> None:
        self._announce(self.doc.apply(change, forward))

    def set_scan(self, material_path: str, findings: list[Finding]) -> None:
        """A scan's verdict arrived (not an edit: nothing to undo)."""
        self.doc.set_scan_findings(material_path, findings)
        self._announce(set())

    def set_reading(self, material_path: str, reading: Reading) -> None:
        """What OCR read on a scan arrived (not an edit): the cross-checks show at the fields."""
        self.doc.set_reading(material_path, reading)
        self._announce(set())

    def fill_from_scans(self, label: str, material: int | None = None) -> Change | None:
        """The empty fields a scan can fill, filled in one undoable step."""
        change = self.doc.fill_from_scans(label, material)
        if change is not None:
            self.undo_stack.push(_ChangeCommand(self, change, mergeable=False))
            self._announce(change.paths)
        return change

    def resolve(self, path: str, resolved: bool = True, answer: str = "") -> None:
        """The reviewers' comments at `path` answered, with what was done (or open again); undoable."""
        if any(c.resolved != resolved for c in self.doc.comments_at(path)):
            self.undo_stack.push(_ResolveCommand(self, path, resolved, answer))

    def refresh(self) -> None:
        self._announce(set())

    def _announce(self, paths: set[str]) -> None:
        self.changed.emit(set(paths) | self.doc.revalidate())
