"""A tree of findings grouped by section of the filing, with icon, text and colour (never
colour alone), the hint and source in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from icpdesk.catalogues import Catalogues
from icpdesk.findings import Finding
from icpdesk.report import grouped

_ICON = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
         "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
         "info": QStyle.StandardPixmap.SP_MessageBoxInformation}
_COLOUR = {"error": QColor("#b00020"), "warning": QColor("#8a5300"), "info": QColor("#1f4e8c")}


class FindingsView(QTreeWidget):
    """Emits `activated_path` with the finding's field path (for a jump to that field)."""

    activated_path = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("字段"), self.tr("问题"), self.tr("规则")])
        self.setAccessibleName(self.tr("检查结果"))
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._on_activated)

    def show_findings(self, findings: list[Finding], catalogues: Catalogues, lang: str = "zh") -> None:
        self.clear()
        for section, items in grouped(findings):
            head = QTreeWidgetItem([catalogues.owner_label(section, lang), f"{len(items)}", ""])
            self.addTopLevelItem(head)
            for f in items:
                item = QTreeWidgetItem([catalogues.field_label(f.path, lang), f.text(lang), f.rule])
                item.setIcon(0, self.style().standardIcon(_ICON[f.severity]))
                item.setForeground(1, QBrush(_COLOUR[f.severity]))
                hint_label = "改正：" if lang == "zh" else "Fix: "
                source_label = "依据：" if lang == "zh" else "Source: "
                item.setToolTip(1, f"{hint_label}{f.hint_text(lang)}\n{source_label}{f.source_label()}")
                item.setData(0, Qt.ItemDataRole.UserRole, f.path)
                head.addChild(item)
            head.setExpanded(True)
        self.resizeColumnToContents(0)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.activated_path.emit(path)
