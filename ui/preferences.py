"""首选项: the workspace folder, the defaults of new filings and the window's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from icpdesk.catalogues import Catalogues

from . import i18n
from .i18n import LANGUAGES, core_lang


def settings() -> QSettings:
    return QSettings("icpdesk", "icpdesk")


class Preferences(QDialog):
    """Workspace folder, default province and provider, the window's language: QSettings, never
    personal data. A language chosen is applied at once by `on_language` (the main window's)."""

    def __init__(self, parent: QWidget, root: Path, catalogues: Catalogues,
                 on_language: Callable[[str], object]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("首选项"))
        self.on_language = on_language
        cats = catalogues
        s = settings()
        form = QFormLayout(self)
        self.folder = QLineEdit(str(s.value("workspace", "") or root), self)
        self.folder.setAccessibleName(self.tr("工作区文件夹"))
        # wide enough for the whole path (up to a point): the dialog opened showing "…sk/demo/workspace"
        self.folder.setMinimumWidth(min(560, self.folder.fontMetrics().horizontalAdvance(self.folder.text()) + 24))
        browse = QPushButton(self.tr("选择…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("工作区文件夹（下次启动生效）："), row)
        self.province = QComboBox(self)
        self.province.setAccessibleName(self.tr("默认省份"))
        self.province.addItem(self.tr("（不预设）"), "")
        for e in cats["provinces"].entries:
            self.province.addItem(e.label(core_lang()), e.code)
        self.province.setCurrentIndex(max(0, self.province.findData(s.value("default_province", ""))))
        form.addRow(self.tr("新备案的默认省份："), self.province)
        self.provider = QComboBox(self)
        self.provider.setAccessibleName(self.tr("默认接入商"))
        self.provider.addItem(self.tr("（不预设）"), "")
        for e in cats["providers"].entries:
            self.provider.addItem(e.label(core_lang()), e.code)
        self.provider.setCurrentIndex(max(0, self.provider.findData(s.value("default_provider", ""))))
        form.addRow(self.tr("新备案的默认接入商："), self.provider)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("界面语言"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current())))
        form.addRow(self.tr("界面语言（立即生效）："), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("选择工作区文件夹"), self.folder.text())
        if name:
            self.folder.setText(name)

    def accept(self) -> None:
        s = settings()  # never personal data here: a folder, a province, a provider
        s.setValue("workspace", self.folder.text().strip())
        s.setValue("default_province", self.province.currentData())
        s.setValue("default_provider", self.provider.currentData())
        language = self.language.currentData()
        super().accept()
        if language != i18n.current():
            s.setValue("language", language)
            self.on_language(language)
