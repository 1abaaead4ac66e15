"""导出: the package (progress, then "show in folder"), and what to do after approval, with
the footer snippet to copy."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
)

from .i18n import core_lang
from .page_base import FormPage, PageContext

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # not in a file name on some platform


def _export(task, filing, base: str, out: str, mask: bool, validator, reviews):
    from icpdesk.package.export import export_filing  # reportlab: loaded when first needed

    return export_filing(filing, Path(base), out, mask=mask, validator=validator, reviews=reviews,
                         progress=lambda stage, d, t: task.report(d, t, stage))


class ExportPage(FormPage):
    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("导出"), self.tr("导出给接入商或审核人的资料包，并查看备案通过后要做的事。"))
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出资料包…"), self)
        self.export_button.clicked.connect(self.choose_target)
        self.mask_box = QCheckBox(self.tr("证件号和电话打码（用于分享）"), self)
        row.addWidget(self.export_button)
        row.addWidget(self.mask_box)
        row.addStretch(1)
        self.body.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("导出进度"))
        self.progress.hide()
        self.body.addWidget(self.progress)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.body.addWidget(self.result)
        done_row = QHBoxLayout()
        self.show_folder = QPushButton(self.tr("在文件夹中显示"), self)
        self.show_folder.clicked.connect(self._open_folder)
        self.open_pdf = QPushButton(self.tr("打开摘要 PDF（可打印）"), self)
        self.open_pdf.clicked.connect(self._open_summary)
        self.copy_path = QPushButton(self.tr("复制包的路径"), self)
        self.copy_path.clicked.connect(self._copy_path)
        for b in (self.show_folder, self.open_pdf, self.copy_path):
            b.hide()
            done_row.addWidget(b)
        done_row.addStretch(1)
        self.body.addLayout(done_row)
        self.opened = QLabel(self)  # what happened when the desktop could not open something
        self.opened.setWordWrap(True)
        self.opened.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.opened.hide()
        self.body.addWidget(self.opened)
        self.after = QTextBrowser(self)
        self.after.setOpenLinks(False)
        self.after.setAccessibleName(self.tr("备案通过后"))
        self.body.addWidget(self.after, 1)
        snip = QHBoxLayout()
        self.snippet = QPlainTextEdit(self)
        self.snippet.setReadOnly(True)
        self.snippet.setMaximumHeight(60)
        self.snippet.setAccessibleName(self.tr("页脚备案号代码"))
        copy = QPushButton(self.tr("复制页脚代码"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.snippet.toPlainText()))
        snip.addWidget(self.snippet, 1)
        snip.addWidget(copy)
        self.body.addLayout(snip)
        self.package: Path | None = None

    def load(self) -> None:
        from icpdesk.plan import make_plan  # only when the page is shown: keeps start-up short

        plan = make_plan(self.wiz.filing, self.wiz.validator)
        parts = [self.tr("<h3>备案通过后</h3><ul>")]
        snippet = ""
        key = "text_en" if core_lang() == "en" else "text"
        for step in plan["after_approval"]:
            parts.append(f"<li>{html.escape(step.get(key) or step['text'])}</li>")
            if "snippet" in step:
                snippet = step["snippet"]["html"]
        parts.append(self.tr("</ul><h3>时间节点</h3><ul>"))
        parts += [f"<li>{html.escape(d.get(key) or d['text'])}</li>" for d in plan["deadlines"]]
        self.after.setHtml("".join(parts) + "</ul>")
        self.snippet.setPlainText(snippet)

    def choose_target(self) -> None:
        """The package holds what the window shows: a snapshot of the document, not a file. It is
        offered where the last package went (else the documents folder), named after the
        principal: never inside the workspace's own folders, never as filing.zip."""
        stem = _UNSAFE.sub("_", self.wiz.filing.principal.name or "").strip(" .") or self.tr("备案资料包")
        folder = str(QSettings("icpdesk", "icpdesk").value("export_dir", "") or "") or \
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{stem}.zip")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出资料包"), suggested, self.tr("资料包 (*.zip)"))
        if name:
            QSettings("icpdesk", "icpdesk").setValue("export_dir", str(Path(name).parent))
            self.start_export(Path(name))

    def start_export(self, target: Path) -> None:
        self.progress.show()
        self.progress.setValue(0)
        self.result.setText(self.tr("正在导出…"))
        self.export_button.setEnabled(False)

        def progress(done: int, total: int, stage: str) -> None:
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(done)
            self.progress.setFormat((self.tr("检查图片") if stage == "images" else self.tr("打包")) + " %v/%m")

        self.wiz.flush_pending()
        snapshot = self.wiz.doc.snapshot()  # background work gets its own copy, never the live filing
        self.wiz.tasks.start(_export, snapshot, str(self.wiz.base_dir()), str(target), self.mask_box.isChecked(),
                             self.wiz.validator, [r.model_copy(deep=True) for r in self.wiz.doc.reviews],
                             on_result=self._done, on_error=self._failed, on_progress=progress)

    def _done(self, result) -> None:
        self.package = result.path
        self.export_button.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        members = len(result.files) + 1  # the manifest lists every member but itself
        self.result.setText(self.tr("✓ 已导出：{path}（%n 个文件）", "", members).format(path=result.path))
        for b in (self.show_folder, self.open_pdf, self.copy_path):
            b.show()
        self.opened.hide()
        self.wiz.exported.emit(result.path)

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.progress.hide()
        self.result.setText(self.tr("✗ 未导出：{message}").format(message=message))

    def _open_folder(self) -> None:
        if self.package:
            self._open(self.package.parent, self.tr("文件夹"))

    def _open_summary(self) -> None:
        """summary.pdf from the package, into a private temporary folder, in the desktop's viewer;
        the viewer may read it after we are gone, so it goes at the next start (icpdesk/scratch.py)."""
        import zipfile

        from icpdesk import scratch

        if not self.package:
            return
        folder = scratch.make("summary")
        target = folder / f"{self.package.stem}-summary.pdf"
        with zipfile.ZipFile(self.package) as zf:  # our own package, just written
            target.write_bytes(zf.read("summary.pdf"))
        self._open(target, self.tr("摘要 PDF"))

    def _open(self, path: Path, what: str) -> None:
        """The desktop opens it; where nothing can (no file manager, no PDF viewer) say where it is."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.opened.setText(self.tr("已请系统打开{what}：{path}").format(what=what, path=path))
        else:
            self.opened.setText(self.tr("这台电脑没有能打开{what}的程序。它在：{path}（可用“复制包的路径”）").format(
                what=what, path=path))
        self.opened.show()

    def _copy_path(self) -> None:
        if self.package:
            QGuiApplication.clipboard().setText(str(self.package))
            self.opened.setText(self.tr("已复制：{package}").format(package=self.package))
            self.opened.show()


