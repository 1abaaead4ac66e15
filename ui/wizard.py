"""The filing wizard: one filing, six pages, live validation from the core's rules."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileDevice, QSaveFile, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWizard, QWizardPage

from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.fieldpaths import owner
from icpdesk.fileio import dump_filing, is_json, load_filing
from icpdesk.findings import Finding
from icpdesk.live import LiveFindings
from icpdesk.model import Filing

from . import style
from .binding import read, to_editor, to_model
from .document_model import DocumentModel
from .fields import FieldRow, set_value, value_of
from .i18n import core_lang, translate
from .notice import as_text
from .tasks import TaskRunner

PAGE_TYPE, PAGE_PRINCIPAL, PAGE_SERVICES, PAGE_MATERIALS, PAGE_REVIEW, PAGE_EXPORT = range(6)
_TYPE_PATHS = ("filing_type", "principal.region", "principal.nature", "principal.cert_type",
               "principal.cert_number")


def page_of(path: str) -> int:
    """Which page shows the field at `path`."""
    if path.startswith(_TYPE_PATHS):
        return PAGE_TYPE
    if path.startswith("principal"):
        return PAGE_PRINCIPAL
    if path.startswith(("websites", "apps")):
        return PAGE_SERVICES
    if path.startswith("materials"):
        return PAGE_MATERIALS
    return PAGE_REVIEW


class FormPage(QWizardPage):
    """A page of rows bound to the filing; Next is refused with a reason while errors remain."""

    def __init__(self, wizard: FilingWizard, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(title)
        # The subtitle is the page's own label, not QWizard's header: the header does not grow
        # when a longer translation needs another line, the page's layout does.
        self.intro = QLabel(subtitle, self)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(subtitle))
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {style.COLOUR['error']}; font-weight: bold")
        self.banner.setAccessibleName(self.tr("本页问题"))
        self.banner.hide()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.banner)

    # pages override these
    def rows(self) -> list[FieldRow]:
        return []

    def document_changed(self, paths: set[str]) -> None:
        """Lists and other views a page builds from the document (the rows are the wizard's)."""

    def owns(self, path: str) -> bool:
        return page_of(path) == self.wiz.page_ids.get(self, -1)

    def load(self) -> None:
        for row in self.rows():
            set_value(row.editor, read(self.wiz.filing, row.path))

    def focus_path(self, path: str) -> bool:
        row = next((r for r in self.rows() if r.path == path), None)
        if row is None:
            row = next((r for r in self.rows() if path.startswith(r.path) or r.path.startswith(path)), None)
        if row is not None:
            row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def initializePage(self) -> None:
        self.load()
        self.wiz.refresh_rows()
        QTimer.singleShot(0, self.focus_first)  # after Next, typing goes on in this page's first field

    def focus_first(self) -> None:
        row = next((r for r in self.rows() if r.editor.isEnabled() and r.editor.isVisible()), None)
        if row is not None and self.isVisible():
            row.editor.setFocus(Qt.FocusReason.TabFocusReason)

    def page_errors(self) -> list[Finding]:
        """This page's errors in the order its fields are shown (then any others it owns)."""
        order = {r.path: i for i, r in enumerate(self.rows())}
        errors = self.wiz.live.where(lambda f: f.severity == "error" and self.owns(f.path))
        return sorted(errors, key=lambda f: order.get(f.path, len(order)))

    def update_banner(self) -> list[Finding]:
        """The banner says what is true now: hidden once the page has no error left."""
        errors = self.page_errors()
        if not errors:
            self.banner.hide()
        else:
            first = errors[0]
            label = self.wiz.validator.rulebook.catalogues.field_label(first.path, core_lang())  # as the form says
            # translate() in this class's context: PySide6's self.tr() with a count looks up
            # the subclass's context only (TypePage…), where this string is not
            self.banner.setText(translate("FormPage", "本页还有 %n 个错误，改正后才能继续。第一个：{label} — {message}",
                                          "", len(errors))
                                .format(label=label, message=first.text(core_lang())))
        return errors

    def validatePage(self) -> bool:
        for row in self.rows():
            row.flush()
            row.touched = True  # Next pressed: every empty required field says so now
        self.wiz.full_check()
        errors = self.update_banner()
        if not errors:
            return True
        self.banner.show()
        self.focus_path(errors[0].path)
        return False


class FilingWizard(QWizard):
    """The pages over one DocumentModel (set_document swaps it): pages read the document and
    send edits to it; `changed(paths)` brings every field and message up to date."""

    filing_changed = Signal()
    exported = Signal(object)  # the package's path

    def __init__(self, filing: Filing | None = None, path: Path | None = None,
                 validator: Validator | None = None, runner: TaskRunner | None = None,
                 model: DocumentModel | None = None) -> None:
        super().__init__()
        from .page_export import ExportPage
        from .page_materials import MaterialsPage
        from .page_principal import PrincipalPage
        from .page_review import ReviewPage
        from .page_services import ServicesPage
        from .page_type import TypePage

        self._validator = validator or Validator()
        self.model = model or DocumentModel(Document(filing, path=path, validator=self._validator))
        self.model.changed.connect(self._on_changed)
        self.tasks = runner or TaskRunner(self)
        self.read_only = False
        self.scan_store: Callable[[str], str] | None = None
        self.setWindowTitle(self.tr("ICP备案助手"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("保存"))
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("打开…"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("关闭"))
        self.button(QWizard.WizardButton.CustomButton1).setShortcut("Ctrl+S")
        self.button(QWizard.WizardButton.CustomButton2).setShortcut("Ctrl+O")
        self.customButtonClicked.connect(self._custom)
        self.pages = [TypePage(self), PrincipalPage(self), ServicesPage(self), MaterialsPage(self),
                      ReviewPage(self), ExportPage(self)]
        self.page_ids: dict[QWizardPage, int] = {}
        for i, page in enumerate(self.pages):
            self.setPage(i, page)
            self.page_ids[page] = i
        self.currentIdChanged.connect(lambda _id: self.update_next_hint())
        self.resize(980, 760)
        if filing is not None:
            self.full_check()  # a new, empty filing is not scolded before the user types

    # --- the document -----------------------------------------------------------------------
    @property
    def doc(self) -> Document:
        return self.model.doc

    @property
    def filing(self) -> Filing:
        """For reading: pages change the filing through `self.model`, never by assignment."""
        return self.model.doc.filing

    @property
    def path(self) -> Path | None:
        return self.model.doc.path

    @property
    def validator(self) -> Validator:
        return self.model.doc.validator

    @property
    def live(self) -> LiveFindings:
        return self.model.doc.live

    @property
    def dirty(self) -> bool:
        return self.model.doc.dirty

    def set_document(self, model: DocumentModel) -> None:
        """Show another filing: the pages load it when shown (initializePage)."""
        self.tasks.stop()
        self.model.changed.disconnect(self._on_changed)
        self.model = model
        self.model.changed.connect(self._on_changed)
        for row in self.all_rows():
            row.touched = False
        for page in self.pages:
            page.banner.hide()
        self.restart()
        self.full_check()
        self.filing_changed.emit()

    def store_scan(self, path: str) -> str:
        """Where a chosen or dropped scan is kept, as the material's path: relative to the
        filing file when under its folder (a workspace copies the file into the filing's folder:
        the main window replaces this)."""
        if self.scan_store is not None:
            return self.scan_store(path)
        try:
            rel = os.path.relpath(path, self.base_dir())
        except ValueError:  # another drive (Windows)
            return path
        return rel if not rel.startswith("..") else path

    def scan_findings_at(self, index: int) -> list[Finding]:
        at = f"materials[{index}]"
        return [f for f in self.doc.scan_findings() if f.path == at]

    # --- values and live validation -------------------------------------------------------
    def field_edited(self, row: FieldRow) -> None:
        if self.read_only:
            set_value(row.editor, read(self.filing, row.path))
            return
        attr = row.path.rsplit(".", 1)[-1]
        typed = value_of(row.editor)
        label = self.tr("修改{field}").format(field=self.validator.rulebook.catalogues.field_label(row.path,
                                                                                                 core_lang()))
        with contextlib.suppress(ValueError, KeyError):  # a refused value: the field shows what is stored
            self.model.edit(row.path, to_model(attr, typed), label)
        stored = read(self.filing, row.path)
        if to_editor(attr, to_model(attr, typed)) != stored:  # cleaned (full-width folded…) or refused
            set_value(row.editor, stored)

    def _on_changed(self, paths: set[str]) -> None:
        """Values (an edit, the automatic values, undo) and messages brought up to date."""
        for row in self.all_rows():
            if row.path in paths:
                stored = read(self.filing, row.path)
                if value_of(row.editor) != stored:
                    # the model cleaned the text (full-width digits folded, invisible characters
                    # removed), filled it in, or undo took it back: the field shows what is stored
                    set_value(row.editor, stored)
                row.show_findings(self.live.at(row.path))
        for page in self.pages:
            page.document_changed(paths)
        current = self.currentPage()
        if isinstance(current, FormPage) and current.banner.isVisible():
            current.update_banner()
        self.update_next_hint()
        self.filing_changed.emit()

    def revalidate(self) -> list[Finding]:
        """Validate the whole filing and refresh the messages whose findings changed: what a
        field shows is always what a full check says (icpdesk/live.py)."""
        changed = self.doc.revalidate()
        for row in self.all_rows():
            if row.path in changed:
                row.show_findings(self.live.at(row.path))
        self.update_next_hint()
        return self.live.findings

    def full_check(self) -> list[Finding]:
        findings = self.revalidate()
        self.refresh_rows()
        return findings

    def update_next_hint(self) -> None:
        """The Next button says in its tooltip why it will not go on (errors on this page)."""
        page = self.currentPage()
        if not isinstance(page, FormPage):
            return
        errors = self.live.where(lambda f: f.severity == "error" and page.owns(f.path))
        button = self.button(QWizard.WizardButton.NextButton)
        button.setToolTip(self.tr("本页还有 %n 个错误：{message}", "", len(errors)).format(
            message=errors[0].text(core_lang())) if errors else "")
        button.setAccessibleDescription(button.toolTip())

    def all_rows(self) -> list[FieldRow]:
        return [r for p in self.pages for r in p.rows()]

    def refresh_rows(self) -> None:
        for row in self.all_rows():
            row.show_findings(self.live.at(row.path))

    # --- navigation -----------------------------------------------------------------------
    def jump_to(self, path: str) -> None:
        """From a finding to its field (pages before the current one: Back does not validate)."""
        target = page_of(path)
        page = self.pages[target]
        if hasattr(page, "select_owner"):
            page.select_owner(owner(path))
        while self.currentId() > target:
            self.back()
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break
        page.focus_path(path)

    # --- files ------------------------------------------------------------------------------
    def _custom(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.save()
        elif which == QWizard.WizardButton.CustomButton2.value:
            self.open_dialog()

    def save(self, path: Path | None = None) -> bool:
        target = path or self.path
        if target is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("保存备案文件"), self.tr("备案.icpdesk.yaml"),
                                                  self.tr("备案文件 (*.icpdesk.yaml *.json)"))
            if not name:
                return False
            target = Path(name)
        # QSaveFile writes to an unnamed temporary file and renames it only on commit; every write
        # is checked, so a full disk cancels the save and leaves the last good file as it was.
        revision = self.doc.revision
        data = dump_filing(self.doc.snapshot(), as_json=is_json(target)).encode("utf-8")
        out = QSaveFile(str(target))
        if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
            QMessageBox.warning(self, self.tr("保存失败"),
                                self.tr("{reason}\n原有文件未改动。").format(reason=out.errorString()))
            return False
        out.setPermissions(QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner)  # 0600: IDs
        written = out.write(data)
        if written != len(data) or not out.flush() or not out.commit():
            reason = out.errorString()
            out.cancelWriting()
            QMessageBox.warning(self, self.tr("保存失败"),
                                self.tr("{reason}\n原有文件未改动，填写的内容仍在窗口里。").format(reason=reason))
            return False
        os.chmod(target, 0o600)  # an existing file keeps its mode through QSaveFile: make it private
        moved = self.doc.path is None or self.doc.path.resolve().parent != target.resolve().parent
        self.doc.path = target
        self.doc.mark_saved(revision)
        self.setWindowTitle(self.tr("{name} — ICP备案助手").format(name=target.name))
        if moved:
            self.model.refresh()  # material paths are relative to the file: judged from its folder now
        return True

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("打开备案文件"), "",
                                              self.tr("备案文件 (*.icpdesk.yaml *.yaml *.json)"))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        try:
            filing = load_filing(path)
        except IcpdeskError as e:
            QMessageBox.warning(self, self.tr("无法打开"), as_text(str(e)))  # the file's name, from outside
            return False
        self.set_document(DocumentModel(Document(filing, path=path, validator=self._validator)))
        self.setWindowTitle(self.tr("{name} — ICP备案助手").format(name=path.name))
        return True

    def keyPressEvent(self, event) -> None:
        """Esc does not close a form-filling window (QDialog would reject on it)."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Closing: stop background work first, so nothing reports to a window that is gone."""
        self.tasks.stop()
        super().done(result)

    def closeEvent(self, event) -> None:
        self.tasks.stop()
        super().closeEvent(event)

    def base_dir(self) -> Path:
        return self.doc.base_dir()
