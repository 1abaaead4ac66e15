"""The wizard's steps as a list beside it: where am I, and which steps still have errors."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from .wizard import FilingWizard, page_of


class StepList(QListWidget):
    """Where am I, and which steps still have errors (the wizard's pages as a list)."""

    def __init__(self, wizard: FilingWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wiz = wizard
        self.setAccessibleName(self.tr("步骤"))
        self.setMaximumWidth(170)
        for page in wizard.pages:
            self.addItem(QListWidgetItem(page.title()))
        self.itemClicked.connect(lambda item: self.go(self.row(item)))
        wizard.currentIdChanged.connect(lambda _i: self.refresh())
        wizard.filing_changed.connect(self.refresh)

    def refresh(self) -> None:
        errors = [0] * len(self.wiz.pages)
        for f in self.wiz.live.findings:
            if f.severity == "error":
                errors[page_of(f.path)] += 1
        for i, page in enumerate(self.wiz.pages):
            mark = "▶ " if i == self.wiz.currentId() else "   "
            tail = f"  ✗ {errors[i]}" if errors[i] else ""
            self.item(i).setText(f"{mark}{page.title()}{tail}")
            self.item(i).setToolTip(self.tr("%n 个错误", "", errors[i]) if errors[i] else self.tr("没有错误"))

    def go(self, target: int) -> None:
        """Back freely; forward page by page (each page says why it will not let go)."""
        while self.wiz.currentId() > target:
            self.wiz.back()
        while self.wiz.currentId() < target:
            before = self.wiz.currentId()
            self.wiz.next()
            if self.wiz.currentId() == before:
                break
        self.refresh()
