"""A tree of findings grouped by section of the filing, with icon, text and colour (never
colour alone), the hint and source in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from icpdesk.catalogues import Catalogues
from icpdesk.findings import Finding
from icpdesk.report import grouped

from . import style
from .fields import finding_tip
from .i18n import core_lang


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their message at the column's width (the default delegate sizes a row
    for one unwrapped line, so a long Chinese message is cut off at the edge)."""

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        view = self.parent()
        if index.column() != 1 or not isinstance(view, QTreeWidget):
            return hint
        width = max(50, view.columnWidth(1) - 12)
        rect = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 10_000),
                                                       int(Qt.TextFlag.TextWordWrap), str(index.data() or ""))
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class FindingsView(QTreeWidget):
    """Emits `activated_path` with the finding's field path (for a jump to that field)."""

    activated_path = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)  # the rule id is in each row's tooltip: the message gets the width
        self.setHeaderLabels([self.tr("字段"), self.tr("问题")])
        self.setAccessibleName(self.tr("检查结果"))
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a long message wraps inside its column instead of being cut off
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_WrappingDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())  # rows re-wrap
        self.itemActivated.connect(self._on_activated)

    def show_findings(self, findings: list[Finding], catalogues: Catalogues) -> None:
        """In the window's language; each row by severity icon, word and colour (never colour alone)."""
        lang = core_lang()
        self.clear()
        for section, items in grouped(findings):
            head = QTreeWidgetItem([catalogues.owner_label(section, lang), f"{len(items)}"])
            self.addTopLevelItem(head)
            for f in items:
                field = catalogues.field_label(f.path, lang)
                said = self.tr("{word}：{message}").format(word=style.word(f.severity), message=f.text(lang))
                item = QTreeWidgetItem([field, said])
                item.setToolTip(0, field)
                item.setIcon(0, style.icon(f.severity))
                item.setForeground(1, QBrush(style.colour(f.severity)))
                item.setToolTip(1, finding_tip(f))
                item.setData(0, Qt.ItemDataRole.UserRole, f.path)
                head.addChild(item)
            head.setExpanded(True)
        self.resizeColumnToContents(0)
        self.setColumnWidth(0, min(self.columnWidth(0), max(150, self.viewport().width() // 3)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setColumnWidth(0, min(self.columnWidth(0), max(150, self.viewport().width() // 3)))

    def select_path(self, path: str) -> None:
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            for j in range(head.childCount() if head is not None else 0):
                item = head.child(j) if head is not None else None
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == path:
                    self.setCurrentItem(item)
                    return

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.activated_path.emit(path)
