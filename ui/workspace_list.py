"""The workspace's filings as a table: search as you type (every column) and sort by any column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from icpdesk.catalogues import Catalogues
from icpdesk.workspace import Entry

from .i18n import core_lang
from .words import LIST_COLUMNS, column, status

COLUMNS = LIST_COLUMNS
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class WorkspaceTable(QAbstractTableModel):
    def __init__(self, catalogues: Catalogues, parent: Any = None) -> None:
        super().__init__(parent)
        self.cats = catalogues
        self.entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def put(self, entry: Entry) -> None:
        """A new or saved filing's row."""
        row = self.row_of(entry.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self.entries), len(self.entries))
            self.entries.append(entry)
            self.endInsertRows()
        else:
            self.entries[row] = entry
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def drop(self, id: str) -> None:
        row = self.row_of(id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.entries[row]
            self.endRemoveRows()

    def row_of(self, id: str) -> int | None:
        return next((i for i, e in enumerate(self.entries) if e.id == id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column(COLUMNS[section])
        return None

    def _text(self, e: Entry, column: int) -> str:
        if column == 0:
            return e.name or self.tr("（未填写主体名称）")
        if column == 1:
            return self.tr("、").join(e.domains[:3]) + ("…" if len(e.domains) > 3 else "")
        if column == 2:
            return self.cats["provinces"].label(e.province, core_lang()) if e.province else ""
        if column == 3:
            return self.cats["filing_types"].label(e.filing_type, core_lang()) if e.filing_type else ""
        if column == 4:
            return status(e.status)
        if column in (5, 6):
            return str(e.errors if column == 5 else e.warnings)
        return e.updated.replace("T", " ")[:16]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(e, column)
        if role == SORT_ROLE:
            return (e.errors if column == 5 else e.warnings) if column in (5, 6) else self._text(e, column)
        if role == ID_ROLE:
            return e.id
        if role == SEARCH_ROLE:  # every domain, not only the three shown
            return " ".join([e.name, *e.domains, e.province, self._text(e, 2), self._text(e, 3), self._text(e, 4)])
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and e.errors:
            from .style import colour

            return colour("error")
        return None


class WorkspaceFilter(QSortFilterProxyModel):
    """Search the name, every domain, province, type and status, case-insensitively; numbers
    sort as numbers, text as a Chinese reader orders it (pinyin: 安徽 北京 重庆 …, not by code point)."""

    def __init__(self, source: WorkspaceTable, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterKeyColumn(0)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.collator.setNumericMode(True)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return self.collator.compare(a, b) < 0
        return bool(a < b)
