"""The main window: the workspace's filings on the left, the wizard of the one chosen on the
right, autosave within a second of each change, undo across pages, recovery after a crash."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.model import Filing, Principal, Region
from icpdesk.workspace import Workspace, outside

from . import frame, i18n
from .document_model import DocumentModel
from .i18n import LANGUAGES, core_lang
from .notice import Notice
from .page_export import ExportPage
from .tasks import TaskRunner
from .wizard import PAGE_EXPORT, FilingWizard, page_of
from .workspace_list import ID_ROLE, WorkspaceFilter, WorkspaceTable

AUTOSAVE_MS = 500  # with the fields' 400 ms longest wait: on disk within a second of a keystroke
RETRY_MS = 3000  # after a failed save (full disk), try again
SESSION = ".session"  # present while an instance runs: found at start, the last one did not exit


def settings() -> QSettings:
    return QSettings("icpdesk", "icpdesk")


class StepList(QListWidget):
    """Where am I, and which steps still have errors (the wizard's pages as a list)."""

    def __init__(self, wizard: FilingWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wiz = wizard
        self.setAccessibleName(self.tr("步骤"))
        self.setMaximumWidth(170)
        for page in wizard.pages:
            self.addItem(QListWidgetItem(page.title()))
        self.itemClicked.connect(lambda item: self.go(self.row(item)))
        wizard.currentIdChanged.connect(lambda _i: self.refresh())
        wizard.filing_changed.connect(self.refresh)

    def refresh(self) -> None:
        errors = [0] * len(self.wiz.pages)
        for f in self.wiz.live.findings:
            if f.severity == "error":
                errors[page_of(f.path)] += 1
        for i, page in enumerate(self.wiz.pages):
            mark = "▶ " if i == self.wiz.currentId() else "   "
            tail = f"  ✗ {errors[i]}" if errors[i] else ""
            self.item(i).setText(f"{mark}{page.title()}{tail}")
            self.item(i).setToolTip(self.tr("%n 个错误", "", errors[i]) if errors[i] else self.tr("没有错误"))

    def go(self, target: int) -> None:
        """Back freely; forward page by page (each page says why it will not let go)."""
        while self.wiz.currentId() > target:
            self.wiz.back()
        while self.wiz.currentId() < target:
            before = self.wiz.currentId()
            self.wiz.next()
            if self.wiz.currentId() == before:
                break
        self.refresh()


class Preferences(QDialog):
    def __init__(self, parent: MainWindow) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("首选项"))
        cats = parent.validator.rulebook.catalogues
        s = settings()
        form = QFormLayout(self)
        self.folder = QLineEdit(str(s.value("workspace", "") or parent.ws.root), self)
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
            window = self.parent()
            if isinstance(window, MainWindow):
                window.switch_language(language)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, *, validator: Validator | None = None,
                 runner: TaskRunner | None = None, recovered: bool | None = None) -> None:
        super().__init__()
        self.ws = workspace.ensure()
        self.ws.lock()  # WorkspaceLocked: the caller says so and stops
        # after a language switch the window that read the session file says what it found
        self.recovered = (self.ws.root / SESSION).exists() if recovered is None else recovered
        (self.ws.root / SESSION).write_text(str(os.getpid()), encoding="utf-8")
        self.validator = validator or Validator()
        self.models: dict[str, DocumentModel] = {}
        self.current: str | None = None
        self.reviews: list = []  # open review windows
        self.replaced_by: MainWindow | None = None  # after a language switch
        self.ended = False
        self.save_failed: str | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle(self.tr("ICP备案助手"))
        self.setAcceptDrops(True)

        self.wizard = FilingWizard(validator=self.validator, runner=runner)
        self.wizard.setWindowFlags(Qt.WindowType.Widget)
        self.wizard.setOption(FilingWizard.WizardOption.HaveCustomButton1, False)
        self.wizard.setOption(FilingWizard.WizardOption.HaveCustomButton2, False)
        self.wizard.setOption(FilingWizard.WizardOption.NoCancelButton, True)
        self.wizard.scan_store = self._store_scan
        self.wizard.exported.connect(self._exported)
        self.steps = StepList(self.wizard)

        self.table = WorkspaceTable(self.validator.rulebook.catalogues, self)
        self.filter = WorkspaceFilter(self.table, self)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("工作区的备案"))
        self.view.setModel(self.filter)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(7, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        frame.size_columns(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        left, self.search = frame.list_pane(self, self.view, (self.new_filing, self.duplicate, self.delete))
        self._filtering = False
        self.search.textChanged.connect(self._search)

        self.notice = Notice(self)
        self.right = QStackedWidget(self)
        empty = QLabel(self.tr("工作区里还没有备案。点“新建”开始，或用“文件 → 打开”把已有的备案文件复制进来。"), self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        editor = QWidget(self)
        elay = QHBoxLayout(editor)
        elay.setContentsMargins(0, 0, 0, 0)
        elay.addWidget(self.steps)
        elay.addWidget(self.wizard, 1)
        self.right.addWidget(empty)
        self.right.addWidget(editor)
        pane = QWidget(self)
        play = QVBoxLayout(pane)
        play.setContentsMargins(0, 0, 0, 0)
        play.addWidget(self.notice)
        play.addWidget(self.right, 1)
        frame.splitter(self, left, pane)
        self.saved_label = QLabel("", self)
        self.saved_label.setAccessibleName(self.tr("保存状态"))
        self.statusBar().addPermanentWidget(self.saved_label)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_now)
        self._build_menus()
        self.table.set_entries(self.ws.entries())
        self.resize(1380, 860)
        geometry = settings().value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if self.recovered:
            self.say(self.tr("上次 icpdesk 没有正常退出。所有备案都已恢复到最后一次自动保存时的样子"
                     "（每次修改后约 1 秒内自动保存）。"))

    # --- drops: filing files and packages onto the window (scans go onto the materials page) ---
    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith((".yaml", ".yml", ".json", ".zip"))
               for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # --- menus --------------------------------------------------------------------------------
    def _action(self, menu, label: str, slot, shortcut=None) -> QAction:
        action = QAction(label, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("文件(&F)"))
        self.act_new = self._action(file, frame.word(frame.NEW_FILING), self.new_filing, QKeySequence.StandardKey.New)
        self.act_open = self._action(file, frame.word(frame.OPEN_FILE), self.open_dialog,
                                     QKeySequence.StandardKey.Open)
        self.act_import = self._action(file, self.tr("导入资料包…"), self.import_dialog)
        self.act_review = self._action(file, self.tr("审阅资料包…"), self.review_dialog, "Ctrl+R")
        file.addSeparator()
        self.act_save = self._action(file, frame.word(frame.SAVE), self.save_now, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action(file, self.tr("另存为文件…"), self.save_as_dialog,
                                        QKeySequence.StandardKey.SaveAs)
        self.act_write_back = self._action(file, self.tr("写回原文件…"), self.write_back)
        self.act_export = self._action(file, frame.word(frame.EXPORT), self.export_dialog, "Ctrl+E")
        file.addSeparator()
        self.act_duplicate = self._action(file, self.tr("复制主体为新备案"), self.duplicate, "Ctrl+D")
        self.act_delete = self._action(file, self.tr("删除到回收站"), self.delete)
        self.act_trash = self._action(file, self.tr("回收站…"), self.trash_dialog)
        file.addSeparator()
        self.act_close = self._action(file, self.tr("关闭备案"), self.close_filing, QKeySequence.StandardKey.Close)
        self.act_quit = self._action(file, self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu(self.tr("编辑(&E)"))
        self.act_undo = self.undo_group.createUndoAction(self, frame.word(frame.UNDO))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, frame.word(frame.REDO))
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        # Qt's actions keep their text and enabled state; the step itself goes through here, so
        # an edit still in a field's typing pause is in the history before undo takes a step
        for action, step in ((self.act_undo, self.undo_group.undo), (self.act_redo, self.undo_group.redo)):
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, step=step: self._history_step(step))
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        self.act_find = self._action(edit, self.tr("搜索备案"), lambda: self.search.setFocus(),
                                     QKeySequence.StandardKey.Find)
        self.act_prefs = self._action(edit, self.tr("首选项…"), self.preferences, QKeySequence.StandardKey.Preferences)
        if self.act_prefs.shortcut().isEmpty():
            self.act_prefs.setShortcut(QKeySequence("Ctrl+,"))
        tools = frame.toolbar(self)
        for a in (self.act_new, self.act_open, self.act_save, self.act_undo, self.act_redo, self.act_export):
            tools.addAction(a)
        self.view.addAction(self.act_delete)
        self.act_delete.setShortcut(QKeySequence.StandardKey.Delete)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _history_step(self, step) -> None:
        self.wizard.flush_pending()
        step()

    def say(self, text: str, error: bool = False, actions=()) -> None:
        self.notice.say(text, error=error, actions=actions)

    # --- choosing a filing --------------------------------------------------------------------
    def _search(self, text: str) -> None:
        """Narrow the list as the user types; the filing open stays open (the list's current row
        moves when the filter hides it, and that is not the user choosing another filing)."""
        self._filtering = True
        try:
            self.filter.setFilterFixedString(text)
        finally:
            self._filtering = False
        if self.current:
            self._select_row(self.current)

    def _row_chosen(self, current, _previous) -> None:
        if self._filtering:
            return
        id = current.data(ID_ROLE) if current.isValid() else None
        if id and id != self.current:
            self.open_id(id)

    def open_id(self, id: str) -> bool:
        self.save_now()
        model = self.models.get(id)
        if model is None:
            try:
                filing = self.ws.load(id)
            except IcpdeskError as e:
                self.say(self.tr("无法打开这个备案：{error}").format(error=e), error=True)
                return False
            doc = Document(filing, path=self.ws.filing_path(id), validator=self.validator)
            try:
                doc.reviews = self.ws.reviews(id)
            except IcpdeskError as e:  # a broken review.json costs the comments, not the filing
                self.say(self.tr("审阅意见无法读取：{error}").format(error=e), error=True)
            model = DocumentModel(doc, self)
            model.changed.connect(lambda _paths, id=id: self._changed(id))
            self.undo_group.addStack(model.undo_stack)
            self.models[id] = model
        self.current = id
        self.undo_group.setActiveStack(model.undo_stack)
        self.wizard.set_document(model)
        self.right.setCurrentIndex(1)
        self.steps.refresh()
        self._select_row(id)
        entry = self.ws.entry(id)
        self.act_write_back.setEnabled(bool(entry.origin))
        self.setWindowTitle(self.tr("{name} — ICP备案助手").format(name=entry.name or self.tr("新备案")))
        settings().setValue("last_filing", id)
        return True

    def adopt(self, models: dict[str, DocumentModel]) -> None:
        """Documents another window had open (a language switch): edited here from now on, their
        undo history with them."""
        for id, model in models.items():
            model.changed.disconnect()
            model.setParent(self)
            model.changed.connect(lambda _paths, id=id: self._changed(id))
            self.undo_group.addStack(model.undo_stack)
            self.models[id] = model

    def _select_row(self, id: str) -> None:
        row = self.table.row_of(id)
        if row is None:
            return
        index = self.filter.mapFromSource(self.table.index(row, 0))
        if index.isValid() and self.view.currentIndex().row() != index.row():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def open_last(self) -> None:
        last = settings().value("last_filing", "")
        ids = self.ws.ids()
        if last in ids:
            self.open_id(last)
        elif ids:
            self.open_id(max(self.table.entries, key=lambda e: e.updated).id)

    # --- saving -------------------------------------------------------------------------------
    def _changed(self, id: str) -> None:
        model = self.models.get(id)
        if model is not None and model.doc.dirty and not self.autosave.isActive():
            self.autosave.start()  # not restarted by later changes: on disk within AUTOSAVE_MS of the first

    def save_now(self) -> bool:
        """Every open filing with unsaved changes, written whole or not at all."""
        self.wizard.flush_pending()
        self.autosave.stop()
        ok, saved = True, 0
        for id, model in list(self.models.items()):
            doc = model.doc
            if not doc.dirty:
                continue
            revision = doc.revision
            try:
                entry = self.ws.save(id, doc.snapshot(), doc.counts(), reviews=doc.reviews)
            except OSError as e:
                ok = False
                self.save_failed = e.strerror or str(e)
                self.saved_label.setText(self.tr("✗ 未能保存"))
                self.say(self.tr("无法保存（{reason}）。已填写的内容仍在窗口里，上次保存的文件完好；空间恢复后会自动保存。")
                         .format(reason=self.save_failed), error=True)
                self.autosave.start(RETRY_MS)
                continue
            doc.mark_saved(revision)
            self.table.put(entry)
            saved += 1
        if ok and self.save_failed:
            self.save_failed = None
            self.notice.hide()
        if ok and saved:
            self.saved_label.setText(self.tr("已自动保存 {time}").format(time=time.strftime("%H:%M:%S")))
        return ok

    def _store_scan(self, path: str) -> str:
        """A dropped or chosen scan is copied into the filing's folder of the workspace."""
        assert self.current is not None
        return self.ws.copy_scan(self.current, Path(path))

    def _exported(self, path) -> None:
        if self.current and self.save_now():
            self.table.put(self.ws.set_status(self.current, "exported"))
        # said in the window too: Ctrl+E exports from any page, where the export page is not seen
        folder = QUrl.fromLocalFile(str(Path(path).parent))
        self.say(self.tr("资料包已导出：{path}").format(path=path),
                 actions=((self.tr("打开所在文件夹"), lambda: QDesktopServices.openUrl(folder)),))

    # --- the filing commands ------------------------------------------------------------------
    def new_filing(self) -> None:
        s = settings()
        provider = str(s.value("default_provider", "") or "") or None
        filing = Filing(provider=provider, principal=Principal(region=Region(
            province=str(s.value("default_province", "") or ""))))
        id = self.ws.create(filing)
        self.table.put(self.ws.entry(id))
        self.open_id(id)

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
        self.table.put(self.ws.entry(id))
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

    def export_dialog(self) -> None:
        page = self.wizard.pages[PAGE_EXPORT]
        if self.current is not None and isinstance(page, ExportPage):
            page.choose_target()

    def close_filing(self) -> None:
        self.save_now()
        self.current = None
        self.right.setCurrentIndex(0)
        self.view.clearSelection()

    def preferences(self) -> None:
        dialog = Preferences(self)
        self.prefs_window = dialog
        dialog.show()

    def switch_language(self, language: str) -> str:
        """The window in another language without a restart: everything saved, the translators
        changed, and a new main window in this one's place, on the same filing, page and
        geometry, with the same documents and so the same undo history."""
        from PySide6.QtWidgets import QApplication

        current, geometry, page = self.current, self.saveGeometry(), self.wizard.currentId()
        self.shutdown()  # saved, unlocked: the new window takes the workspace
        i18n.install(language)
        window = MainWindow(self.ws, validator=self.validator, recovered=self.recovered)
        window.adopt(self.models)
        self.models = {}
        window.restoreGeometry(geometry)
        if current:
            window.open_id(current)
            window.steps.go(page)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(window.shutdown)
        self.replaced_by = window  # kept alive by whoever kept this one
        window.show()
        self.close()
        return i18n.current()

    # --- closing ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        """Nothing to ask: every change is already on disk, unless the disk refused it."""
        if not self.save_now():
            answer = QMessageBox.warning(
                self, self.tr("有内容未能保存"),
                self.tr("最近的修改没能写入磁盘（{reason}）。退出会丢失它们。仍要退出吗？").format(reason=self.save_failed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """A clean end (the window closed, or the application quit): saved, marked, unlocked.
        Once only: after a language switch the workspace (the same object) is the new window's,
        and its session mark and lock are not this window's to remove."""
        if self.ended or not self.ws.locked:
            return
        self.ended = True
        self.save_now()
        self.wizard.tasks.stop()
        s = settings()
        s.setValue("geometry", self.saveGeometry())
        if self.current:
            s.setValue("last_filing", self.current)
        (self.ws.root / SESSION).unlink(missing_ok=True)
        self.ws.unlock()
