"""备案资料: the materials checklist for this order, each scan dropped or chosen, checked in
the background (worker processes), fixed in one click with a before/after view, and a batch
check of a whole folder with progress and cancel."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from icpdesk.checklist import checklist
from icpdesk.guidance import fixable
from icpdesk.model import Material
from icpdesk.ocr.extract import OCR_KINDS

from . import style
from .i18n import core_lang
from .page_base import FormPage, PageContext
from .scan_item import ScanItem, pixmap


def _check(task, paths: list[str], kinds: list[str | None]):
    from icpdesk.images.batch import check_many  # Pillow and the workers: when first needed
    from icpdesk.images.check import PREVIEW_SIDE
    from icpdesk.images.verdicts import shared_cache

    # a scan judged before (by content) is not checked again; export then finds it in the cache
    return list(check_many([Path(p) for p in paths], kinds=kinds, thumbnail=PREVIEW_SIDE, cache=shared_cache(),
                           progress=lambda d, t, p: task.report(d, t, p), cancelled=lambda: task.cancelled))


def _read(task, path: str, kind: str):
    from icpdesk.ocr import read_cached  # rapidocr and its models: when the first ID card is read

    return read_cached(Path(path), kind)


def _fix(task, src: str, kind: str, out: str):
    from icpdesk.images.fix import fix_image

    return fix_image(src, kind, out)


class BeforeAfter(QDialog):
    """The fix, shown before it is taken: both pictures and what changed."""

    def __init__(self, before: bytes | None, report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修复结果"))
        lay = QVBoxLayout(self)
        pics = QHBoxLayout()
        for title, data in ((self.tr("修复前"), before), (self.tr("修复后"),
                                                       report.after.thumbnail if report.after else None)):
            col = QVBoxLayout()
            col.addWidget(QLabel(title, self))
            pic = QLabel(self)
            pic.setPixmap(pixmap(data, 240))
            pic.setAccessibleName(title)
            col.addWidget(pic)
            pics.addLayout(col)
        lay.addLayout(pics)
        changes = QLabel(self.tr("改动：\n") + "\n".join(f"· {c}" for c in (report.changes_en if core_lang() == "en"
                                                                            else report.changes)), self)
        changes.setWordWrap(True)
        lay.addWidget(changes)
        left = [f.text(core_lang()) for f in report.after.findings] if report.after else []
        if left:
            lay.addWidget(QLabel(self.tr("仍有问题：\n") + "\n".join(f"· {m}" for m in left), self))
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("采用修复后的文件"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("不采用"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class MaterialsPage(FormPage):
    SHOWS = ("materials",)

    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("备案资料"),
                         self.tr("按清单提供扫描件：拖入文件或点“选择文件”，每个文件会立即检查。"))
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        bar.addWidget(self.summary, 1)
        self.batch = QPushButton(self.tr("检查整个文件夹…"), self)
        self.batch.clicked.connect(self.check_folder)
        bar.addWidget(self.batch)
        self.body.addLayout(bar)
        self.inner = QWidget()
        self.list_layout = QVBoxLayout(self.inner)
        self.list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        self.body.addWidget(scroll)
        self.items: dict[tuple[str, str], ScanItem] = {}
        self.thumbs: dict[str, bytes | None] = {}
        self.fixable: dict[str, bool] = {}
        self.batch_results: list = []
        self._editing = False

    def load(self) -> None:
        self.rebuild()

    def document_changed(self, paths: set[str]) -> None:
        if self.wiz.currentPage() is self and not self._editing and ("materials" in paths or "provider" in paths):
            self.rebuild()  # undo of an attached scan, or another provider's checklist

    def rebuild(self) -> None:
        for item in self.items.values():
            item.setParent(None)
            item.deleteLater()
        self.items.clear()
        cats = self.wiz.validator.rulebook.catalogues
        needed = checklist(self.wiz.filing, self.wiz.validator)
        entries: list[tuple[str, str, str, bool, Material | None]] = [
            (n.kind, n.owner, n.why_en if core_lang() == "en" else n.why, n.required, self._material(n.kind, n.owner))
            for n in needed]
        listed = {id(e[4]) for e in entries if e[4] is not None}
        for extra in self.wiz.filing.materials:  # scans the checklist does not ask for stay visible, each
            if id(extra) not in listed:
                entries.append((extra.kind, extra.for_, self.tr("其他资料"), False, extra))
        for kind, owner, why, required, m in entries:
            lang = core_lang()
            title = f"{cats['material_kinds'].label(kind, lang)} · {cats.owner_label(owner, lang)}"
            item = ScanItem(kind, owner, title, why, required, self.inner)
            item.file_chosen.connect(self.set_file)
            item.fix_requested.connect(self.fix)
            item.fill_requested.connect(self.fill_from_scan)
            self.list_layout.insertWidget(self.list_layout.count() - 1, item)
            key = (kind, owner)
            if key in self.items and m is not None:  # a second scan of the same kind and owner
                key = (kind, f"{owner}#{self._index(m)}")
            self.items[key] = item
            item.index = self._index(m) if m is not None else None
            item.show_file(m.path if m else None)
            if m is not None:
                self._show_known(item, self._index(m))
        self._summary(needed)

    def _summary(self, needed) -> None:
        have = {(m.kind, m.for_) for m in self.wiz.filing.materials}
        missing = sum(1 for n in needed if n.required and (n.kind, n.owner) not in have)
        bad = {f.path for f in self.wiz.doc.scan_findings() if f.severity == "error"}
        text = self.tr("共需 {required} 份必需资料，还缺 {missing} 份").format(
            required=sum(n.required for n in needed), missing=missing)
        tail = self.tr("，{n} 份扫描件有错误需处理。").format(n=len(bad)) if bad else self.tr("。")
        self.summary.setText(text + tail)

    def _material(self, kind: str, owner: str) -> Material | None:
        return next((m for m in self.wiz.filing.materials if m.kind == kind and m.for_ == owner), None)

    def _index(self, m: Material) -> int:
        return self.wiz.filing.materials.index(m)

    def _abs(self, m: Material) -> str:
        return str(self.wiz.base_dir() / m.path)

    def _show_known(self, item: ScanItem, index: int) -> None:
        path = self._abs(self.wiz.filing.materials[index])
        if path in self.thumbs:
            item.show_result(self.thumbs[path], self.wiz.scan_findings_at(index), self.fixable.get(path, False))
        else:
            self.check_material(index)

    def set_file(self, kind: str, owner: str, path: str) -> None:
        stored = self.wiz.store_scan(path)
        materials = [m.model_copy(deep=True) for m in self.wiz.filing.materials]
        m = next((x for x in materials if x.kind == kind and x.for_ == owner), None)
        if m is None:
            materials.append(Material(kind=kind, for_=owner, path=stored))
            index = len(materials) - 1
        else:
            m.path = stored
            index = materials.index(m)
        self._editing = True  # this page shows the change itself; no rebuild under the user's hand
        try:
            self.wiz.model.replace("materials", materials, self.tr("附上扫描件"))
        finally:
            self._editing = False
        item = self.items.get((kind, owner))
        if item:
            item.index = index
            item.show_file(stored)
        self.check_material(index)
        self._summary(checklist(self.wiz.filing, self.wiz.validator))

    def check_material(self, index: int) -> None:
        m = self.wiz.filing.materials[index]
        item = self._item_for(index)
        if item:
            item.show_checking()
        path = self._abs(m)
        stored = m.path
        self.wiz.tasks.start(_check, [path], [m.kind],
                             on_result=lambda reports: self._checked(index, stored, path, reports[0]))

    def _item_for(self, index: int) -> ScanItem | None:
        return next((it for it in self.items.values() if getattr(it, "index", None) == index), None)

    def _checked(self, index: int, stored: str, path: str, report) -> None:
        self.thumbs[path] = report.thumbnail
        self.fixable[path] = fixable(self.wiz.validator.rulebook, report.findings)
        self.wiz.model.set_scan(stored, report.findings)  # the document places them, provider applied
        item = self._item_for(index)
        if item:
            item.show_result(report.thumbnail, self.wiz.scan_findings_at(index), self.fixable[path])
        self.wiz.refresh_rows()
        self._summary(checklist(self.wiz.filing, self.wiz.validator))
        if report.width and self.wiz.filing.materials[index].kind in OCR_KINDS:
            self.read_material(index)

    # --- reading ID cards, licences and domain certificates -----------------------------
    def read_material(self, index: int) -> None:
        """OCR of a scan off the GUI thread; the mismatches show at the fields, and the item
        offers to fill the empty ones."""
        from icpdesk.ocr import available

        m = self.wiz.filing.materials[index]
        item = self._item_for(index)
        if not available():
            if item:
                item.show_ocr(self.tr("未安装文字识别（pip install 'icpdesk[ocr]'）："
                                      "不能读出证件上的文字与填写内容核对。"))
            return
        if item:
            item.show_ocr(self.tr("正在读取证件上的文字…"))
        stored = m.path
        def failed(msg: str) -> None:
            if item:
                item.show_ocr(self.tr("文字识别失败：{msg}").format(msg=msg))

        self.wiz.tasks.start(_read, self._abs(m), m.kind, on_result=lambda r: self._read_done(index, stored, r),
                             on_error=failed)

    def _read_done(self, index: int, stored: str, reading) -> None:
        if index >= len(self.wiz.filing.materials) or self.wiz.filing.materials[index].path != stored:
            return  # the scan was replaced meanwhile
        self.wiz.model.set_reading(stored, reading)
        item = self._item_for(index)
        if item is None:
            return
        cats = self.wiz.validator.rulebook.catalogues
        lang = core_lang()
        if reading.error or not reading.fields:
            item.show_ocr(self.tr("没能读出证件上的文字（{doc}）。").format(
                doc=cats["ocr_documents"].label(reading.document, lang)))
            return
        fills = self.wiz.doc.scan_fills(index)
        read = self.tr("、").join(f"{cats['ocr_fields'].label(name, lang)} “{f.value}”"
                                  for name, f in reading.fields.items() if f.confident)
        item.show_ocr(self.tr("读出：{fields}").format(fields=read or self.tr("（都不够清楚）")), len(fills))

    def fill_from_scan(self, kind: str, owner: str) -> None:
        m = self._material(kind, owner)
        if m is None:
            return
        index = self._index(m)
        cats = self.wiz.validator.rulebook.catalogues
        names = [cats.field_label(f.path, core_lang()) for f in self.wiz.doc.scan_fills(index)]
        change = self.wiz.model.fill_from_scans(self.tr("用扫描件填写"), index)
        item = self._item_for(index)
        if change is not None and item:
            item.show_ocr(self.tr("已用扫描件填写：{fields}。请核对；可撤销（Ctrl+Z）。").format(
                fields=self.tr("、").join(names)))

    def fix(self, kind: str, owner: str) -> None:
        """The fixed copy is made under a temporary name and gets its own only if the user takes
        it (不采用 leaves nothing behind)."""
        m = self._material(kind, owner)
        if m is None:
            return
        src = self._abs(m)
        out_dir = self.wiz.base_dir() / "scans" / "fixed"
        out_dir.mkdir(parents=True, exist_ok=True)
        final = out_dir / f"{Path(src).stem}-fixed.jpg"
        pending = out_dir / f".{final.stem}.pending.jpg"
        index = self._index(m)
        self.wiz.tasks.start(_fix, src, kind, str(pending),
                             on_result=lambda rep: self._fixed(index, src, rep, pending, final),
                             on_error=lambda msg: self.items[(kind,
                                 owner)].verdict.setText(self.tr("无法修复：{msg}").format(msg=msg)))

    def _fixed(self, index: int, src: str, report, pending: Path, final: Path) -> None:
        dialog = BeforeAfter(self.thumbs.get(src), report, self)
        self.last_dialog = dialog
        if self.wiz.property("auto_accept_fixes") or dialog.exec() == QDialog.DialogCode.Accepted:
            os.replace(pending, final)
            m = self.wiz.filing.materials[index]
            self.set_file(m.kind, m.for_, str(final))
            item = self._item_for(index)
            if item is not None:
                item.file_label.setText(self.tr("文件：{path}（修复后的副本；原文件未改动）").format(path=self.wiz.filing.materials[index].path))
        else:
            pending.unlink(missing_ok=True)

    def check_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择要检查的文件夹"))
        if folder:
            self.run_batch(folder)

    def run_batch(self, folder: str) -> None:
        from icpdesk.images.walk import expand_paths

        paths = [str(p) for p in expand_paths([folder])]
        progress = QProgressDialog(self.tr("正在检查…"), self.tr("取消"), 0, max(1, len(paths)), self)
        progress.setWindowTitle(self.tr("检查文件夹"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self.progress = progress
        task = self.wiz.tasks.start(_check, paths, [None] * len(paths),
                                    on_progress=lambda d, t, _p: progress.setValue(d),
                                    on_result=self._batch_done)
        progress.canceled.connect(task.cancel)

    def _batch_done(self, reports) -> None:
        self.progress.close()
        self.batch_results = reports
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("文件夹检查结果"))
        lay = QVBoxLayout(dialog)
        bad = sum(not r.ok for r in reports)
        lay.addWidget(QLabel(self.tr("共 {n} 个文件，{bad} 个有错误。").format(n=len(reports), bad=bad), dialog))
        lst = QListWidget(dialog)
        for r in reports:
            item = QListWidgetItem(style.icon("ok" if r.ok else "error"),
                                   f"{style.word('ok' if r.ok else 'error')}  {Path(r.path).name}  "
                                   + self.tr("；").join(f.text(core_lang()) for f in r.findings))
            lst.addItem(item)
        lay.addWidget(lst)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        close.rejected.connect(dialog.reject)
        lay.addWidget(close)
        self.batch_dialog = dialog
        dialog.show()

    def focus_path(self, path: str) -> bool:
        if path.startswith("materials["):
            i = int(path.split("[")[1].split("]")[0])
            if i < len(self.wiz.filing.materials):
                item = self._item_for(i)
                if item:
                    item.choose.setFocus()
                    return True
        first = next(iter(self.items.values()), None)
        if first:
            first.choose.setFocus()
        return True
