"""The window as the first paint shows it, before the rules and the models are loaded: the
title, the workspace's filings as their list entries say (meta.json, read as plain JSON), and
a line saying the rest is on its way. Only Qt and the standard library here: this is what
the process can show within a bare Qt window's start-up time (issue 17); the main window
takes its place, at the same geometry, once it is built."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings  # not Qt: importing its namespace makes ~100 enums (15 ms)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from icpdesk.bounded import read_bytes  # light: os and stat only
from icpdesk.errors import IcpdeskError

from . import frame
from .words import LIST_COLUMNS, column, status

MAX_ROWS = 2000  # a first glance; the real list follows at once


def workspace_root(argv: list[str], option) -> Path | None:
    """The folder the main window will open (the same choice as app.workspace_for), or None
    when it is not known before the work starts (the demo makes its own)."""
    if "--demo" in argv or "--review" in argv:  # the demo makes its own; a review has none
        return None
    chosen = option(argv, "--workspace") or str(QSettings("icpdesk", "icpdesk").value("workspace", "") or "")
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_dir

    return Path(user_data_dir("icpdesk", appauthor=False)) / "workspace"


MAX_META_BYTES = 1024 * 1024  # as icpdesk/workspace.py reads it


def _entries(root: Path | None) -> list[dict]:
    out: list[dict] = []
    if root is None or not root.is_dir():
        return out
    for meta in sorted(root.glob("*/meta.json"))[:MAX_ROWS]:
        try:
            data = json.loads(read_bytes(meta, MAX_META_BYTES))  # never a pipe or a device
        except (IcpdeskError, OSError, ValueError, RecursionError):  # nested 100,000 deep costs only that row
            continue  # the main window reports what it cannot read
        if isinstance(data, dict):
            out.append(data)
    return sorted(out, key=lambda d: str(d.get("updated", "")), reverse=True)


class StartShell(QMainWindow):
    """Laid out as the main window (ui/frame.py): the same menus, toolbar, list pane, columns
    and splitter, all disabled, so nothing moves when the main window takes its place."""

    def __init__(self, root: Path | None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("ICP备案助手"))
        self.menuBar().addMenu(self.tr("文件(&F)")).setEnabled(False)
        self.menuBar().addMenu(self.tr("编辑(&E)")).setEnabled(False)
        tools = frame.toolbar(self)
        for source in frame.TOOLBAR:
            action = QAction(frame.word(source), self)
            action.setEnabled(False)
            tools.addAction(action)
        rows = _entries(root)
        table = QTableWidget(len(rows), len(LIST_COLUMNS), self)
        table.setHorizontalHeaderLabels([column(c) for c in LIST_COLUMNS])
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEnabled(False)
        frame.size_columns(table)
        for r, d in enumerate(rows):
            listed = d.get("domains")
            domains: list = listed if isinstance(listed, list) else []
            values = (d.get("name") or self.tr("（未命名）"), self.tr("、").join(str(x) for x in domains[:3]),
                      d.get("province", ""), "",  # the filing type's label needs the catalogues: it follows
                      status(str(d.get("status") or "")), d.get("errors", ""), d.get("warnings", ""),
                      str(d.get("updated", "")).replace("T", " ")[:16])
            for c, v in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(str(v)))
        left, search = frame.list_pane(self, table)
        search.setEnabled(False)
        self.loading = QLabel(self.tr("正在载入规则和备案…"), self)
        self.loading.setAccessibleName(self.tr("正在载入"))
        frame.splitter(self, left, _centred(self.loading))
        self.statusBar()  # the main window has one: the same height left for the rest
        self.resize(1380, 860)
        geometry = QSettings("icpdesk", "icpdesk").value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)


def _centred(label: QLabel) -> QWidget:
    """The label in the middle of a pane, by stretches (an alignment would need Qt's enums)."""
    pane = QWidget(label.parentWidget())
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column = QVBoxLayout(pane)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return pane
