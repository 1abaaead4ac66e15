"""A page of the filing wizard: rows bound to the filing, the banner that says why Next will
not go on, and the narrow context a page works through (PageContext). Pages import this module,
never the wizard: the wizard knows its pages, a page knows only what it is handed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget, QWizardPage

from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.findings import Finding
from icpdesk.live import LiveFindings
from icpdesk.model import Filing

from . import style
from .binding import read
from .document_model import DocumentModel
from .fields import FieldRow, set_value
from .i18n import core_lang, translate
from .tasks import TaskRunner


class PageContext(Protocol):
    """What a page may use of the window it is in: the document and its findings, the task
    runner, where scans are kept, and the few window-wide actions a page asks for."""

    model: DocumentModel
    tasks: TaskRunner
    page_ids: dict[QWizardPage, int]
    exported: Any  # Signal(object): the package's path

    @property
    def doc(self) -> Document: ...
    @property
    def filing(self) -> Filing: ...
    @property
    def validator(self) -> Validator: ...
    @property
    def live(self) -> LiveFindings: ...

    def page_of(self, path: str) -> int: ...
    def field_edited(self, row: FieldRow) -> None: ...
    def refresh_rows(self) -> None: ...
    def full_check(self) -> list[Finding]: ...
    def flush_pending(self) -> None: ...
    def base_dir(self) -> Path: ...
    def store_scan(self, path: str) -> str: ...
    def scan_findings_at(self, index: int) -> list[Finding]: ...
    def attach_scan(self, kind: str, owner: str, path: str) -> None: ...
    def jump_to(self, path: str) -> None: ...
    def currentPage(self) -> QWizardPage: ...
    def isAncestorOf(self, child: QWidget) -> bool: ...
    def property(self, name: str) -> Any: ...


class FormPage(QWizardPage):
    """A page of rows bound to the filing; Next is refused with a reason while errors remain."""

    SHOWS: tuple[str, ...] = ()  # the field paths (prefixes) this page shows: see page_of

    def __init__(self, wizard: PageContext, title: str, subtitle: str = "") -> None:
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
        return self.wiz.page_of(path) == self.wiz.page_ids.get(self, -1)

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
        elsewhere = QApplication.focusWidget()
        if elsewhere is not None and elsewhere is not self.wiz and not self.wiz.isAncestorOf(elsewhere):
            return  # the user is in the list or its search: typing goes on there, not into a field
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
