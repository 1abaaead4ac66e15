"""The main window's commands on whole filings: open (a filing file, a package, a drop), import
a package, copy in the scans from outside, duplicate, delete, restore from the trash, save as
and write back. MainWindow's base class (ui/main_window.py): what it uses of the
window is declared on it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
)

from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.workspace import Workspace
from icpdesk.workspace_scans import outside

from .document_model import DocumentModel
from .wizard import FilingWizard
from .workspace_list import WorkspaceTable


class FilingCommands(QMainWindow):
    """MainWindow's base: the commands that act on a whole filing. What they use of the window
    is declared here; MainWindow provides it."""

    ws: Workspace
    models: dict[str, DocumentModel]
    current: str | None
    reviews: list
    validator: Validator
    table: WorkspaceTable
    wizard: FilingWizard
    right: QStackedWidget
    undo_group: QUndoGroup

    def say(self, text: str, error: bool = False, actions=()) -> None:
        raise NotImplementedError

    def save_now(self) -> bool:
        raise NotImplementedError

    def open_id(self, id: str) -> bool:
        raise NotImplementedError

    def open_path(self, path: Path) -> str | None:
        """Whatever the user asked to open (command line, 打开…, a drop): a filing file is copied
        in; a package is offered for import; anything else is said in the window."""
        from icpdesk.package.verify import is_package

        if is_package(path):
            self.say(self.tr("{name} 是 icpdesk 资料包：审阅它（只读，写出带意见的退回包），"
                             "或导入为备案在工作区里修改（原包都不会被改动）。").format(name=path.name),
                     actions=((self.tr("审阅"), lambda: self.open_review(path)),
                              (self.tr("导入为备案"), lambda: self.import_package(path))))
            return None
        if path.suffix.lower() == ".zip" and path.is_file():
            self.say(self.tr("无法打开 {name}：这不是 icpdesk 资料包（里面没有 manifest.json）。")
                     .format(name=path.name), error=True)
            return None
        return self.open_file(path)

    def open_file(self, path: Path) -> str | None:
        """An outside filing file: copied in (with its scans), or the copy made before."""
        try:
            id = self.ws.find_origin(path) or self.ws.add_file(path)
        except (IcpdeskError, OSError) as e:
            detail = getattr(e, "detail", None) or getattr(e, "strerror", None) or str(e)
            line = getattr(e, "line", None)
            where = self.tr("（第 {line} 行）").format(line=line) if line else ""
            self.say(self.tr("无法打开 {name}{where}：{detail}").format(name=path.name, where=where, detail=detail),
                     error=True)
            return None
        self.table.put(self.ws.entry(id))
        self.open_id(id)
        away = self._outside_scans(id)
        if away:  # never copied silently: the user decides, and the finding stays until then
            self.say(self.tr("{name} 的 {n} 个扫描件在它所在的文件夹以外（如 {first}），没有复制进工作区。"
                             "确认这些文件是要提交的扫描件后再复制。")
                     .format(name=path.name, n=len(away), first=away[0]), error=True,
                     actions=((self.tr("复制这些扫描件"), lambda: self.copy_outside_scans(id)),))
            return id
        self.say(self.tr("已把 {name} 及其扫描件复制到工作区；原文件不会被改动（需要时用“写回原文件”）。")
                 .format(name=path.name))
        return id

    def _outside_scans(self, id: str) -> list[str]:
        """The materials left pointing outside the filing's folder (see Workspace.add_file)."""
        model = self.models.get(id)
        materials = model.doc.filing.materials if model else []
        return [m.path for m in materials if m.path.strip() and outside(self.ws.folder(id), m.path)]

    def copy_outside_scans(self, id: str) -> None:
        """The user's yes: each outside scan copied in, as one undoable change of the materials."""
        model = self.models.get(id)
        if model is None:
            return
        materials = [m.model_copy() for m in model.doc.filing.materials]
        failed = []
        for m in materials:
            if m.path.strip() and outside(self.ws.folder(id), m.path):
                try:
                    m.path = self.ws.copy_scan(id, Path(m.path))
                except (IcpdeskError, OSError):
                    failed.append(m.path)
        model.replace("materials", materials, self.tr("复制扫描件"))
        self.save_now()
        if failed:
            self.say(self.tr("无法复制：{files}").format(files="、".join(failed)), error=True)
        else:
            self.say(self.tr("已把扫描件复制到工作区。"))

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("打开备案文件或资料包"), "",
                                              self.tr("备案文件或资料包 (*.icpdesk.yaml *.yaml *.yml *.json *.zip)"))
        if name:
            self.open_path(Path(name))

    def review_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("审阅资料包"), "", self.tr("资料包 (*.zip)"))
        if name:
            self.open_review(Path(name))

    def open_review(self, path: Path):
        """The package in a review window of its own (read-only; the workspace is not touched)."""
        from .review_window import ReviewWindow

        window = ReviewWindow(path, validator=self.validator)
        self.reviews.append(window)
        window.destroyed.connect(lambda *_: self.reviews.remove(window) if window in self.reviews else None)
        window.show()
        return window

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("导入资料包"), "", self.tr("资料包 (*.zip)"))
        if name:
            self.import_package(Path(name))

    def import_package(self, path: Path, masked_ok: bool = False) -> str | None:
        from icpdesk.package.verify import MaskedPackage

        before = set(self.ws.ids())
        try:
            id = self.ws.import_package(path, masked_ok=masked_ok)
        except MaskedPackage:
            self.say(self.tr("{name} 是打码导出的包：证件号和电话只剩 ****，导入后要逐个重新填写。")
                     .format(name=path.name),
                     actions=((self.tr("仍然导入"), lambda: self.import_package(path, masked_ok=True)),))
            return None
        except (IcpdeskError, OSError) as e:
            self.say(self.tr("无法导入 {name}：{error}").format(name=path.name, error=e), error=True)
            return None
        entry = self.ws.entry(id)
        self.table.put(entry)
        if id in before:  # the reviewer's answer to a package exported from here: its comments went home
            model = self.models.get(id)
            if model is not None:  # open: its next save must keep them
                model.doc.reviews = self.ws.reviews(id)
                model.refresh()
            self.open_id(id)
            self.say(self.tr("退回包 {name} 的审阅意见已加到导出它的备案“{filing}”上；原包不会被改动。")
                     .format(name=path.name, filing=entry.name))
            return id
        self.open_id(id)
        self.say(self.tr("已把资料包 {name} 导入为工作区里的新备案；原包不会被改动。").format(name=path.name))
        return id

    def duplicate(self) -> None:
        if self.current is None:
            return
        self.save_now()
        id = self.ws.duplicate(self.current)
        self.table.put(self.ws.entry(id))
        self.open_id(id)
        self.say(self.tr("已用同一主体和负责人新建备案：添加要备案的网站或APP。"))

    def delete(self) -> None:
        if self.current is None:
            return
        id = self.current
        self.save_now()
        model = self.models.pop(id, None)
        if model is not None:
            self.undo_group.removeStack(model.undo_stack)
        self.ws.trash(id)
        self.table.drop(id)
        self.current = None
        self.say(self.tr("已移到回收站，可在“文件 → 回收站”恢复。"))
        if self.table.entries:
            self.open_id(self.table.entries[0].id)
        else:
            self.right.setCurrentIndex(0)

    def restore(self, id: str) -> None:
        self.ws.restore(id)
        self.table.put(self.ws.entry(id))
        self.open_id(id)

    def trash_dialog(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("回收站"))
        lay = QVBoxLayout(dialog)
        items = QListWidget(dialog)
        items.setAccessibleName(self.tr("回收站里的备案"))
        for e in self.ws.trashed():
            name = e.name or self.tr("（未命名）")
            item = QListWidgetItem(f"{name}  {' '.join(e.domains[:2])}  {e.updated[:16]}")
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            items.addItem(item)
        lay.addWidget(items)
        buttons = QDialogButtonBox(dialog)
        restore = buttons.addButton(self.tr("恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)

        def take() -> None:
            item = items.currentItem()
            if item is not None:
                self.restore(item.data(Qt.ItemDataRole.UserRole))
                dialog.accept()

        restore.clicked.connect(take)
        lay.addWidget(buttons)
        self.trash_window = dialog
        dialog.show()

    def save_as_dialog(self) -> None:
        if self.current is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("另存为备案文件"), self.tr("备案.icpdesk.yaml"),
                                              self.tr("备案文件 (*.icpdesk.yaml)"))
        if name:
            self.save_as(Path(name))

    def save_as(self, target: Path) -> bool:
        """A copy outside the workspace, its scans in a folder beside it."""
        if self.current is None or not self.save_now():
            return False
        try:
            self.ws.write_back(self.current, target)
        except OSError as e:
            QMessageBox.warning(self, self.tr("保存失败"),
                                self.tr("{reason}\n原有文件未改动。").format(reason=e.strerror or e))
            return False
        self.say(self.tr("已另存为 {target}（扫描件在旁边的 .scans 文件夹）。").format(target=target))
        return True

    def write_back(self) -> None:
        if self.current is None:
            return
        origin = self.ws.entry(self.current).origin
        if not origin:
            return
        answer = QMessageBox.question(self, self.tr("写回原文件"),
                                      self.tr("用工作区里的内容覆盖原文件？\n{origin}").format(origin=origin))
        if answer == QMessageBox.StandardButton.Yes:
            self.save_as(Path(origin))
