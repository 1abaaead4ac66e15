"""The filing wizard: one filing, six pages, live validation from the core's rules."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileDevice, QSaveFile, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWizard, QWizardPage

from icpdesk.autofill import autofill
from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.fieldpaths import owner
from icpdesk.fileio import dump_filing, is_json, load_filing
from icpdesk.findings import Finding
from icpdesk.live import LiveFindings
from icpdesk.model import Filing

from .binding import assign, read
from .fields import FieldRow, set_value, value_of
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
        self.setSubTitle(subtitle)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b00020; font-weight: bold")
        self.banner.setAccessibleName("本页问题")
        self.banner.hide()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.banner)

    # pages override these
    def rows(self) -> list[FieldRow]:
        return []

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

    def validatePage(self) -> bool:
        for row in self.rows():
            row.flush()
        errors = [f for f in self.wiz.full_check() if f.severity == "error" and self.owns(f.path)]
        if not errors:
            self.banner.hide()
            return True
        first = errors[0]
        label = self.wiz.validator.rulebook.catalogues.field_label(first.path)
        self.banner.setText(f"本页还有 {len(errors)} 个错误，改正后才能继续。第一个：{label} — {first.message}")
        self.banner.show()
        self.focus_path(first.path)
        return False


class FilingWizard(QWizard):
    filing_changed = Signal()

    def __init__(self, filing: Filing | None = None, path: Path | None = None,
                 validator: Validator | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__()
        from .page_export import ExportPage
        from .page_materials import MaterialsPage
        from .page_principal import PrincipalPage
        from .page_review import ReviewPage
        from .page_services import ServicesPage
        from .page_type import TypePage

        self.filing = filing or Filing()
        self.path = path
        self.validator = validator or Validator(base_dir=path.parent if path else None)
        self.tasks = runner or TaskRunner(self)
        self.live = LiveFindings(self.validator)
        self.image_findings: dict[int, list[Finding]] = {}
        self.dirty = False
        self.setWindowTitle("ICP备案助手")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "保存")
        self.setButtonText(QWizard.WizardButton.CustomButton2, "打开…")
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步 >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< 上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")
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

    # --- values and live validation -------------------------------------------------------
    def field_edited(self, row: FieldRow) -> None:
        typed = value_of(row.editor)
        assign(self.filing, row.path, typed)
        stored = read(self.filing, row.path)
        if isinstance(typed, str) and isinstance(stored, str) and stored != typed:
            # the model cleaned the text (full-width digits folded, invisible characters removed):
            # the field shows at once what is stored, checked and exported
            set_value(row.editor, stored)
        self.dirty = True
        for path in autofill(self.filing):
            for other in self.all_rows():
                if other.path == path:
                    set_value(other.editor, read(self.filing, path))
        self.revalidate()
        self.filing_changed.emit()

    def revalidate(self) -> list[Finding]:
        """Validate the whole filing and refresh the messages whose findings changed: what a
        field shows is always what a full check says (icpdesk/live.py)."""
        scans = [f for fs in self.image_findings.values() for f in fs]
        changed = self.live.update(self.filing, scans)
        for row in self.all_rows():
            if row.path in changed:
                row.message.show_findings(self.live.at(row.path))
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
        button.setToolTip(f"本页还有 {len(errors)} 个错误：{errors[0].message}" if errors else "")
        button.setAccessibleDescription(button.toolTip())

    def all_rows(self) -> list[FieldRow]:
        return [r for p in self.pages for r in p.rows()]

    def refresh_rows(self) -> None:
        for row in self.all_rows():
            row.message.show_findings(self.live.at(row.path))

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
            name, _ = QFileDialog.getSaveFileName(self, "保存备案文件", "备案.icpdesk.yaml",
                                                  "备案文件 (*.icpdesk.yaml *.json)")
            if not name:
                return False
            target = Path(name)
        # QSaveFile writes to an unnamed temporary file and renames it only on commit; every write
        # is checked, so a full disk cancels the save and leaves the last good file as it was.
        data = dump_filing(self.filing, as_json=is_json(target)).encode("utf-8")
        out = QSaveFile(str(target))
        if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
            QMessageBox.warning(self, "保存失败", f"{out.errorString()}\n原有文件未改动。")
            return False
        out.setPermissions(QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner)  # 0600: IDs
        written = out.write(data)
        if written != len(data) or not out.flush() or not out.commit():
            reason = out.errorString()
            out.cancelWriting()
            QMessageBox.warning(self, "保存失败", f"{reason}\n原有文件未改动，填写的内容仍在窗口里。")
            return False
        os.chmod(target, 0o600)  # an existing file keeps its mode through QSaveFile: make it private
        self.path = target
        self.validator.base_dir = target.parent
        self.dirty = False
        self.setWindowTitle(f"{target.name} — ICP备案助手")
        return True

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "打开备案文件", "", "备案文件 (*.icpdesk.yaml *.yaml *.json)")
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        try:
            filing = load_filing(path)
        except IcpdeskError as e:
            QMessageBox.warning(self, "无法打开", str(e))
            return False
        self.filing, self.path = filing, path
        self.validator.base_dir = path.parent
        self.image_findings.clear()
        self.setWindowTitle(f"{path.name} — ICP备案助手")
        self.restart()  # pages load themselves when shown (initializePage)
        self.full_check()
        self.filing_changed.emit()
        return True

    def done(self, result: int) -> None:
        """Closing: stop background work first, so nothing reports to a window that is gone."""
        self.tasks.stop()
        super().done(result)

    def closeEvent(self, event) -> None:
        self.tasks.stop()
        super().closeEvent(event)

    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()
