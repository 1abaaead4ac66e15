"""主体信息: the principal's certificate details, addresses and its leader."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from icpdesk.guidance import remark_suggestions

from .drops import FileDropTarget
from .fields import NOT_FILLED, FieldRow, Form, code_combo
from .i18n import core_lang
from .notice import Notice, as_text
from .page_base import FormPage, PageContext
from .person_form import PersonForm

# the principal's documents a drop on this page can be: what OCR says it is → the material
_DROPPED = {"id_front": "leader_id_front", "id_back": "leader_id_back", "licence": "principal_cert"}


def _read_any(task, path: str):
    from icpdesk.ocr.in_filing import read_checked  # rapidocr and its models: when first needed

    return read_checked([Path(path)], [None])[0]  # the image checks' sandboxed decode first


class PrincipalPage(FileDropTarget, FormPage):
    SHOWS = ("principal",)  # the rest of the principal: what the type page shows is more specific

    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("主体信息"), self.tr("按证件填写主办单位或主办人信息，以及主体负责人。"))
        edit = wizard.field_edited
        self.setAcceptDrops(True)  # drop the ID card or the licence here: it is read and offered
        self.scan_notice = Notice(self)
        self.body.addWidget(self.scan_notice)
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

    # --- a scan dropped on the page ------------------------------------------------------
    def file_dropped(self, path: str) -> None:
        self.read_dropped(path)

    def read_dropped(self, path: str) -> None:
        """Read the scan; an ID card or licence is attached as the principal's, and the empty
        fields it can fill are offered in one click."""
        from icpdesk.ocr import available

        if not available():
            self.scan_notice.say(self.tr("未安装文字识别（pip install 'icpdesk[ocr]'）：请在“备案资料”页附上扫描件，"
                                         "并照证件填写。"))
            return
        self.scan_notice.say(self.tr("正在读取 {name}…").format(name=Path(path).name))
        self.wiz.tasks.start(_read_any, path, on_result=lambda r: self._dropped_read(path, r),
                             on_error=lambda msg: self.scan_notice.say(
                                 self.tr("文字识别失败：{msg}").format(msg=msg), error=True))

    def _dropped_read(self, path: str, reading) -> None:
        cats = self.wiz.validator.rulebook.catalogues
        document = cats["ocr_documents"].label(reading.document, core_lang())
        kind = _DROPPED.get(reading.document)
        if reading.error or kind is None:
            self.scan_notice.say(self.tr("没有认出这是主体的身份证或营业执照（{doc}）。其他资料请在“备案资料”页添加。")
                                 .format(doc=document))
            return
        if self.wiz.filing.principal.nature == "individual" and kind == "principal_cert":
            self.scan_notice.say(self.tr("这是营业执照，但本备案是个人备案。"))
            return
        label = cats["material_kinds"].label(kind, core_lang())
        ask = as_text(self.tr("已有{kind}的扫描件。用 {name} 替换它吗？").format(kind=label, name=Path(path).name))
        if any(m.kind == kind and m.for_ == "principal" for m in self.wiz.filing.materials) and \
                QMessageBox.question(self, self.tr("替换扫描件"), ask) != QMessageBox.StandardButton.Yes:
            return
        self.wiz.attach_scan(kind, "principal", path)  # attached (one undo step) and checked
        index = next(i for i, m in enumerate(self.wiz.filing.materials) if m.kind == kind and m.for_ == "principal")
        self.wiz.model.set_reading(self.wiz.filing.materials[index].path, reading)
        todo = self.wiz.doc.scan_fills(index)
        if not todo:
            self.scan_notice.say(self.tr("已附上为{kind}。证件上的内容与填写的一致，或没有空字段可填。").format(kind=label))
            return
        names = self.tr("、").join(cats.field_label(f.path, core_lang()) for f in todo)
        self.scan_notice.say(self.tr("已附上为{kind}。可以用它填写：{fields}").format(kind=label, fields=names),
                             actions=((self.tr("用扫描件填写 %n 个空字段", "", len(todo)),
                                       lambda: self._fill(index, names)),))

    def _fill(self, index: int, names: str) -> None:
        if self.wiz.model.fill_from_scans(self.tr("用扫描件填写"), index) is not None:
            self.scan_notice.say(self.tr("已填写：{fields}。请与证件核对；可撤销（Ctrl+Z）。").format(fields=names))

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
