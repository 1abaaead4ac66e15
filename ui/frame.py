"""What the start shell and the main window have in common, so that the main window takes the
shell's place without anything moving: the toolbar's words, the list pane (search field, list,
buttons), the list's column widths and the splitter. Qt and the standard library only: the shell
imports it before anything else is loaded. The words are the main window's (context
"MainWindow"), so both show the same translation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .i18n import QT_TRANSLATE_NOOP, translate
from .words import LIST_COLUMNS, column

NEW_FILING = QT_TRANSLATE_NOOP("MainWindow", "新建备案")
OPEN_FILE = QT_TRANSLATE_NOOP("MainWindow", "打开备案文件…")
SAVE = QT_TRANSLATE_NOOP("MainWindow", "保存")
UNDO = QT_TRANSLATE_NOOP("MainWindow", "撤销")
REDO = QT_TRANSLATE_NOOP("MainWindow", "重做")
EXPORT = QT_TRANSLATE_NOOP("MainWindow", "导出资料包…")
TOOLBAR = (NEW_FILING, OPEN_FILE, SAVE, UNDO, REDO, EXPORT)  # in this order, in both windows
SEARCH_HINT = QT_TRANSLATE_NOOP("MainWindow", "搜索：主体名称、域名、省份…")
BUTTONS = (QT_TRANSLATE_NOOP("MainWindow", "新建"), QT_TRANSLATE_NOOP("MainWindow", "复制主体"),
           QT_TRANSLATE_NOOP("MainWindow", "删除"))
COLUMN_WIDTHS = (150, 130, 44, 84, 54, 36, 36, 112)  # the least: 1,000 rows need no measuring
# What a typical cell holds, measured once in the view's font (so a larger font or a scale factor
# widens the columns too): a province, a filing type, a status and a time are shown whole.
COLUMN_SAMPLES = ("", "", "黑龙江省", "新增网站", "可提交", "", "", "2026-12-08 12:00")  # i18n: sizes, not words


def word(source: str) -> str:
    return translate("MainWindow", source)


def toolbar(window: QMainWindow) -> QToolBar:
    tools = window.addToolBar(word(QT_TRANSLATE_NOOP("MainWindow", "常用")))
    tools.setObjectName("toolbar")
    return tools


def size_columns(view: QTableView) -> None:
    """The list's columns (words.LIST_COLUMNS) at their fixed widths, never narrower than a title.
    The titles come from words, not from the model: asking the header for its orientation would
    make all of Qt's namespace enums before the first paint (15 ms)."""
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    cells = view.fontMetrics()
    for i, (source, width, sample) in enumerate(zip(LIST_COLUMNS, COLUMN_WIDTHS, COLUMN_SAMPLES, strict=True)):
        header.resizeSection(i, max(width, metrics.horizontalAdvance(column(source)) + 24,
                                    cells.horizontalAdvance(sample) + 16 if sample else 0))
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


def list_pane(parent: QWidget, view: QTableView,
              slots: tuple[Callable[[], object], ...] | None = None) -> tuple[QWidget, QLineEdit]:
    """The left side: the search field, the list and the buttons under it (disabled without
    `slots`, as the shell shows them)."""
    left = QWidget(parent)
    lay = QVBoxLayout(left)
    search = QLineEdit(left)
    search.setPlaceholderText(word(SEARCH_HINT))
    search.setAccessibleName(word(QT_TRANSLATE_NOOP("MainWindow", "搜索备案")))
    search.setClearButtonEnabled(True)
    lay.addWidget(search)
    lay.addWidget(view, 1)
    row = QHBoxLayout()
    for i, label in enumerate(BUTTONS):
        b = QPushButton(word(label), left)
        if slots is None:
            b.setEnabled(False)
        else:
            b.clicked.connect(slots[i])
        row.addWidget(b)
    lay.addLayout(row)
    return left, search


def splitter(window: QMainWindow, left: QWidget, right: QWidget) -> QSplitter:
    split = QSplitter(parent=window)  # by keyword: a positional widget is first tried as a Qt.Orientation,
    # which makes all of Qt's namespace enums (15 ms before the first paint)
    split.addWidget(left)
    split.addWidget(right)
    split.setStretchFactor(1, 3)
    split.setSizes([520, 980])
    window.setCentralWidget(split)
    return split
