"""The filing wizard: one filing, six pages, live validation from the core's rules."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileDevice, QSaveFile, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard, QWizardPage

from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.fieldpaths import owner
from icpdesk.fileio import dump_filing, is_json, load_filing
from icpdesk.findings import Finding
from icpdesk.live import LiveFindings
from icpdesk.model import Filing

from .binding import read, to_editor, to_model
from .document_model import DocumentModel
from .fields import FieldRow, set_value, value_of
from .i18n import core_lang
from .notice import as_text
from .page_base import FormPage
from .page_export import ExportPage
from .page_materials import MaterialsPage
from .page_principal import PrincipalPage
from .page_review import ReviewPage
from .page_services import ServicesPage
from .page_type import TypePage
from .tasks import TaskRunner

__all__ = ["FilingWizard", "FormPage", "page_of"]  # FormPage: pages and tests import it from here too

PAGE_TYPE, PAGE_PRINCIPAL, PAGE_SERVICES, PAGE_MATERIALS, PAGE_REVIEW, PAGE_EXPORT = range(6)


@functools.cache
def _shown_by() -> tuple[tuple[str, int], ...]:
    """(path prefix, page) from what each page declares it shows (its SHOWS), longest first."""
    pages = (TypePage, PrincipalPage, ServicesPage, MaterialsPage, ReviewPage, ExportPage)
    table = [(prefix, i) for i, page in enumerate(pages) for prefix in page.SHOWS]
    return tuple(sorted(table, key=lambda t: -len(t[0])))


def page_of(path: str) -> int:
    """Which page shows the field at `path`: the page that declares the longest prefix of it
    (a whole segment: `principal.cert_type` is not `principal.cert_typeX`); a finding no page
    declares (none should: tests/test_ui_pages_paths.py) is listed on the review page."""
    for prefix, page in _shown_by():
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return page
    return PAGE_REVIEW


class FilingWizard(QWizard):
    """The pages over one DocumentModel (set_document swaps it): pages read the document and
    send edits to it; `changed(paths)` brings every field and message up to date."""

    filing_changed = Signal()
    exported = Signal(object)  # the package's path

    def __init__(self, filing: Filing | None = None, path: Path | None = None,
                 validator: Validator | None = None, runner: TaskRunner | None = None,
                 model: DocumentModel | None = None) -> None:
        super().__init__()
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

    def flush_pending(self) -> None:
        """Every edit still waiting in a field's typing pause goes to the document now: called
        before anything reads or leaves the document (a save, another filing, another site, a
        close, an export, an undo), so no keystroke is lost to a timer."""
        for row in self.findChildren(FieldRow):
            row.flush()

    def page_of(self, path: str) -> int:
        return page_of(path)

    def attach_scan(self, kind: str, owner: str, path: str) -> None:
        """A scan attached from another page (the principal page's drop): the materials page
        attaches and checks it, as a drop on its own item would."""
        page = self.pages[PAGE_MATERIALS]
        assert isinstance(page, MaterialsPage)
        page.set_file(kind, owner, path)

    def set_document(self, model: DocumentModel) -> None:
        """Show another filing: the pages load it when shown (initializePage)."""
        self.flush_pending()  # into the filing they were typed for
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
