"""主体信息: the principal's certificate details, addresses and its leader."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from icpdesk.guidance import remark_suggestions

from .fields import NOT_FILLED, FieldRow, Form, code_combo
from .person_form import PersonForm
from .wizard import FilingWizard, FormPage


class PrincipalPage(FormPage):
    def __init__(self, wizard: FilingWizard) -> None:
        super().__init__(wizard, self.tr("主体信息"), self.tr("按证件填写主办单位或主办人信息，以及主体负责人。"))
        edit = wizard.field_edited
        inner = QWidget()
        lay = QVBoxLayout(inner)
        self.form = Form(wizard.validator.rulebook.catalogues, inner)
        self.form.add("principal.name", QLineEdit(), edit, self.tr("与证件、域名持有者一致"))
        self.form.add("principal.cert_address", QLineEdit(), edit, self.tr("照证件填写，从省份写起"))
        self.form.add("principal.mailing_address", QLineEdit(), edit, self.tr("详细到门牌号"))
        self.form.add("principal.investor", QLineEdit(), edit)
        self.form.add("principal.legal_representative", QLineEdit(), edit, self.tr("单位填写"))
        cats = wizard.validator.rulebook.catalogues
        personal = cats["natures"].get("individual")
        self.form.add("principal.legal_representative_cert_type",
                      code_combo(cats["cert_types"], personal.get("cert_types") if personal else None,
                                 empty=NOT_FILLED), edit)
        self.form.add("principal.cert_expiry", QLineEdit(), edit, self.tr("YYYY-MM-DD 或 长期，见证件"))
        self.form.add("principal.filing_number", QLineEdit(), edit, self.tr("已备案时填写，如 浙ICP备12345678号"))
        remark = QPlainTextEdit()
        remark.setTabChangesFocus(True)
        remark.setMaximumHeight(70)
        self.form.add("principal.remark", remark, edit)
        lay.addWidget(self.form)
        suggest = QWidget(inner)
        srow = QVBoxLayout(suggest)
        srow.setContentsMargins(0, 0, 0, 0)
        # the remark the address rule accepts, offered in one click (the text is the rule's data)
        for text in remark_suggestions(wizard.validator.rulebook)[:1]:
            button = QPushButton(self.tr("备注加上“{text}”（地址已写到最详细时）").format(text=text), suggest)
            button.setAccessibleName(self.tr("备注建议：{text}").format(text=text))
            button.clicked.connect(lambda _=False, t=text: self._add_remark(t))
            srow.addWidget(button)
        lay.addWidget(suggest)
        box = QGroupBox(self.tr("主体负责人"), inner)
        blay = QVBoxLayout(box)
        self.auto_note = QLabel(self.tr("个人备案：负责人就是主办人本人，姓名和证件已自动填入。"), box)
        self.auto_note.setWordWrap(True)
        blay.addWidget(self.auto_note)
        self.leader = PersonForm(wizard.validator.rulebook.catalogues, edit, box)
        blay.addWidget(self.leader)
        lay.addWidget(box)
        lay.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.addWidget(scroll)
        self.scroller = scroll

    def rows(self) -> list[FieldRow]:
        return [*self.form.rows, *self.leader.rows]

    def initializePage(self) -> None:
        self._autofill()
        super().initializePage()

    def _autofill(self) -> None:
        """Individuals: the leader is the principal (the core's autofill); those fields are locked."""
        individual = self.wiz.filing.principal.nature == "individual"
        self.auto_note.setVisible(individual)
        for key in ("name", "cert_type", "cert_number"):
            self.leader.row(f"principal.leader.{key}").editor.setEnabled(not individual)

    def _add_remark(self, text: str) -> None:
        p = self.wiz.filing.principal
        if text not in p.remark:
            self.wiz.model.edit("principal.remark", (p.remark + " " + text).strip(), self.tr("添加备注"))

    def focus_path(self, path: str) -> bool:
        ok = super().focus_path(path)
        widget = self.focusWidget()
        if ok and widget is not None:
            self.scroller.ensureWidgetVisible(widget)
        return ok
