"""One entry of the materials checklist: what is needed and why, a drop zone for the scan,
its thumbnail and verdict, and the one-click fix."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from icpdesk.findings import Finding

from . import style
from .drops import FileDropTarget
from .fields import finding_tip
from .i18n import core_lang
from .notice import as_text

THUMB = 120


def pixmap(data: bytes | None, side: int = THUMB) -> QPixmap:
    pm = QPixmap()
    if data:
        pm.loadFromData(data, "JPEG")
        pm = pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return pm


class ScanItem(FileDropTarget, QFrame):
    """Emits `file_chosen(kind, owner, path)` and `fix_requested(kind, owner)`."""

    file_chosen = Signal(str, str, str)
    fix_requested = Signal(str, str)
    fill_requested = Signal(str, str)  # fill the empty fields from what OCR read on this scan

    def __init__(self, kind: str, owner: str, title: str, why: str, required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.owner, self.title = kind, owner, title
        self.accepted = False  # the scan shown passed its checks
        self.index: int | None = None  # which entry of filing.materials it shows
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        need = self.tr("必需") if required else self.tr("视接入商")
        self.setAccessibleName(self.tr("{title}（{need}）").format(title=title, need=need))
        lay = QHBoxLayout(self)
        self.thumb = QLabel(self.tr("拖入扫描件\n或点“选择文件”"), self)
        self.thumb.setFixedSize(THUMB + 8, THUMB + 8)
        self.thumb.setWordWrap(True)  # the English prompt is wider than the thumbnail
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setFrameShape(QFrame.Shape.Box)
        self.thumb.setAccessibleName(self.tr("{title}的预览").format(title=title))
        lay.addWidget(self.thumb)
        text = QVBoxLayout()
        need = self.tr("必需") if required else self.tr("视接入商，建议提供")
        head = QLabel(self.tr("<b>{title}</b> — {need}").format(title=html.escape(title), need=need), self)
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        text.addWidget(head)
        note = QLabel(why, self)
        note.setWordWrap(True)
        text.addWidget(note)
        self.file_label = QLabel("", self)
        self.file_label.setWordWrap(True)
        text.addWidget(self.file_label)
        self.verdict = QLabel("", self)
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("{title}的检查结果").format(title=title))
        text.addWidget(self.verdict)
        self.ocr_note = QLabel("", self)  # what OCR read, or why it could not
        self.ocr_note.setWordWrap(True)
        self.ocr_note.setAccessibleName(self.tr("{title}的文字识别").format(title=title))
        self.ocr_note.hide()
        text.addWidget(self.ocr_note)
        buttons = QHBoxLayout()
        self.choose = QPushButton(self.tr("选择文件…"), self)
        self.choose.setAccessibleName(self.tr("为{title}选择文件").format(title=title))
        self.choose.clicked.connect(self._browse)
        self.fix = QPushButton(self.tr("一键修复…"), self)
        self.fix.setAccessibleName(self.tr("修复{title}").format(title=title))
        self.fix.setEnabled(False)
        self.fix.clicked.connect(lambda: self.fix_requested.emit(self.kind, self.owner))
        self.fill = QPushButton(self)
        self.fill.hide()
        self.fill.setAccessibleName(self.tr("用{title}填写空字段").format(title=title))
        self.fill.clicked.connect(lambda: self.fill_requested.emit(self.kind, self.owner))
        buttons.addWidget(self.choose)
        buttons.addWidget(self.fix)
        buttons.addWidget(self.fill)
        buttons.addStretch(1)
        text.addLayout(buttons)
        lay.addLayout(text, 1)

    def show_file(self, path: str | None) -> None:
        self.file_label.setText(self.tr("文件：{path}").format(path=path) if path else self.tr("尚未提供"))
        if not path:
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText(self.tr("拖入扫描件\n或点“选择文件”"))
            self.verdict.setText("")

    def show_checking(self) -> None:
        self.verdict.setText(self.tr("检查中…"))
        self.verdict.setStyleSheet("")

    def show_result(self, thumbnail: bytes | None, findings: list[Finding], fixable: bool) -> None:
        self.accepted = not [f for f in findings if f.severity == "error"]
        if thumbnail:
            self.thumb.setPixmap(pixmap(thumbnail))
        else:
            self.thumb.setText(self.tr("无法预览"))
        errors = [f for f in findings if f.severity == "error"]
        lang = core_lang()
        if not findings:
            self.verdict.setText(self.tr("✓ 合格"))
            self.verdict.setStyleSheet(f"color: {style.COLOUR['ok']}")
        else:
            mark = self.tr("✗ 有错误") if errors else self.tr("! 请注意")
            # what to do, not only what is wrong: the fix button where one exists, else the hint
            lines = [f"· {f.text(lang)}" + ("" if fixable or not f.hint_text(lang) else f"\n  → {f.hint_text(lang)}")
                     for f in findings]
            self.verdict.setText(mark + "\n" + "\n".join(lines))
            self.verdict.setStyleSheet(f"color: {style.COLOUR['error' if errors else 'warning']}")
            self.verdict.setToolTip("\n\n".join(finding_tip(f) for f in findings))
        self.fix.setEnabled(fixable)

    def show_ocr(self, text: str, fills: int = 0) -> None:
        """What OCR made of the scan; with `fills`, the offer to fill that many empty fields."""
        self.ocr_note.setText(text)
        self.ocr_note.setVisible(bool(text))
        self.fill.setText(self.tr("用扫描件填写 %n 个空字段", "", fills))
        self.fill.setVisible(fills > 0)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择扫描件"), "",
            self.tr("图片 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif);;所有文件 (*)"))
        if name:
            self.file_chosen.emit(self.kind, self.owner, name)

    def file_dropped(self, path: str) -> bool:
        """A scan dropped onto the item; one that passed stays unless the user says to replace it."""
        if self.index is not None and self.accepted and not self._replace_ok(path):
            return False
        self.file_chosen.emit(self.kind, self.owner, path)
        return True

    def _replace_ok(self, path: str) -> bool:
        answer = QMessageBox.question(self, self.tr("替换扫描件"),
                                      as_text(self.tr("{title}已有合格的扫描件。用 {name} 替换它吗？")
                                              .format(title=self.title, name=Path(path).name)))
        return answer == QMessageBox.StandardButton.Yes
