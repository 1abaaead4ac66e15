"""备案类型: where the principal is, what it is, and the questions that decide the filing type."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout

from icpdesk.filing_types import Situation, decide
from icpdesk.model import App, Website

from . import style
from .binding import split_list
from .fields import FieldRow, Form, code_combo, set_combo, set_value
from .i18n import QT_TRANSLATE_NOOP, core_lang
from .page_base import FormPage, PageContext

ACTIONS = [("new", QT_TRANSLATE_NOOP("TypePage", "新增（首次、新网站/APP、接入）")),
           ("change_principal", QT_TRANSLATE_NOOP("TypePage", "变更主体信息")),
           ("change_service", QT_TRANSLATE_NOOP("TypePage", "变更网站/APP信息")),
           ("change_access", QT_TRANSLATE_NOOP("TypePage", "变更接入信息")),
           ("cancel_principal", QT_TRANSLATE_NOOP("TypePage", "注销主体")),
           ("cancel_service", QT_TRANSLATE_NOOP("TypePage", "注销网站/APP")),
           ("cancel_access", QT_TRANSLATE_NOOP("TypePage", "取消接入"))]


def _refill(box: QComboBox, names: list[str], text: str) -> None:
    """New choices for an editable combo, keeping what was typed, without edit signals."""
    box.blockSignals(True)
    box.clear()
    box.addItems(names)
    box.setEditText(text)
    box.blockSignals(False)


class TypePage(FormPage):
    SHOWS = ("filing_type", "provider", "principal.region", "principal.nature", "principal.cert_type",
             "principal.cert_number")

    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("备案类型"),
                         self.tr("先告诉我们主体在哪、是什么，以及之前是否备案过；由此确定备案类型。"))
        cats = wizard.validator.rulebook.catalogues
        self.cats = cats
        self._loading = False
        edit = wizard.field_edited
        self.form = Form(cats, self)
        on = edit
        self.province = code_combo(cats["provinces"])
        self.city = QComboBox()
        self.city.setEditable(True)
        self.district = QComboBox()
        self.district.setEditable(True)
        self.form.add("principal.region.province", self.province, on)
        self.form.add("principal.region.city", self.city, on)
        self.form.add("principal.region.district", self.district, on)
        self.nature = code_combo(cats["natures"])
        self.form.add("principal.nature", self.nature, on)
        self.cert_type = code_combo(cats["cert_types"], [])
        self.form.add("principal.cert_type", self.cert_type, on)
        self.form.add("principal.cert_number", QLineEdit(), on, self.tr("照证件填写"))
        self.provider = code_combo(cats["providers"], empty=QT_TRANSLATE_NOOP("fields", "（未选）"))
        self.provider.setToolTip(self.tr("部分资料和要求是接入商自己的（如金山云的幕布照尺寸）；未选时只作提示列出"))
        self.form.add("provider", self.provider, on)
        self.body.addWidget(self.form)
        self.province.currentIndexChanged.connect(self._fill_cities)
        self.city.currentTextChanged.connect(self._fill_districts)
        self.nature.currentIndexChanged.connect(self._fill_cert_types)

        box = QGroupBox(self.tr("验证备案类型"), self)
        lay = QVBoxLayout(box)
        self.service = QComboBox()
        self.service.addItem(self.tr("网站"), "website")
        self.service.addItem("APP", "app")
        self.service.setAccessibleName(self.tr("备案的是网站还是APP"))
        self.key_field = QLineEdit()
        self.key_field.setAccessibleName(self.tr("网站域名或APP名称"))
        self.key_field.setPlaceholderText(self.tr("网站域名（如 example.com）或APP名称"))
        self.action = QComboBox()
        for code, label in ACTIONS:
            self.action.addItem(self.tr(label), code)
        self.action.setAccessibleName(self.tr("要办理的事"))
        self.principal_filed = QCheckBox(self.tr("主体（这个证件）已经备案过"))
        self.principal_here = QCheckBox(self.tr("主体是在本接入商备案的"))
        self.service_filed = QCheckBox(self.tr("这个域名/APP已经备案过"))
        qform = Form(cats, box)
        qform.layout_.addRow(self.tr("备案的是："), self.service)
        qform.layout_.addRow(self.tr("域名或APP名称："), self.key_field)
        qform.layout_.addRow(self.tr("要办理："), self.action)
        for w in (self.principal_filed, self.principal_here, self.service_filed):
            qform.layout_.addRow("", w)
        lay.addWidget(qform)
        self.decision = QLabel(box)
        self.decision.setWordWrap(True)
        self.decision.setAccessibleName(self.tr("判断出的备案类型"))
        lay.addWidget(self.decision)
        self.body.addWidget(box)
        type_label = QLabel()
        type_label.setAccessibleName(self.tr("备案类型检查"))
        self.type_row = FieldRow("filing_type", type_label, self)
        self.body.addWidget(self.type_row)
        for w in (self.principal_filed, self.principal_here, self.service_filed):
            w.toggled.connect(self._decide)
        self.service.currentIndexChanged.connect(self._decide)
        self.action.currentIndexChanged.connect(self._decide)
        self.key_field.editingFinished.connect(self._key_edited)

    def rows(self) -> list[FieldRow]:
        return [*self.form.rows, self.type_row]

    def load(self) -> None:
        """Show the document; loading never edits it (the questions' answers are not stored)."""
        self._loading = True
        try:
            self._load()
        finally:
            self._loading = False

    def _load(self) -> None:
        f = self.wiz.filing
        set_combo(self.province, f.principal.region.province)
        self._fill_cities()
        set_value(self.city, f.principal.region.city)
        self._fill_districts()
        set_value(self.district, f.principal.region.district)
        set_combo(self.nature, f.principal.nature)
        self._fill_cert_types()
        set_combo(self.cert_type, f.principal.cert_type)
        set_combo(self.provider, f.provider or "")
        super().load()
        if f.websites:
            self.service.setCurrentIndex(0)
            self.key_field.setText(", ".join(f.websites[0].domains))
        elif f.apps:
            self.service.setCurrentIndex(1)
            self.key_field.setText(f.apps[0].name)
        else:
            self.key_field.clear()  # a filing without sites or APPs shows no other filing's domain
        self._show_type()

    def _fill_cities(self) -> None:
        entry = self.cats.province(self.province.currentData() or "")
        names = self.cats.regions.cities(entry.get("gb2260"), entry.zh) if entry else []  # place names: data
        keep = self.city.currentText()
        _refill(self.city, names, keep if keep in names else "")

    def _fill_districts(self) -> None:
        entry = self.cats.province(self.province.currentData() or "")
        names = self.cats.regions.districts(entry.get("gb2260"), self.city.currentText()) if entry else []
        _refill(self.district, names, self.district.currentText())

    def _fill_cert_types(self) -> None:
        nature = self.cats["natures"].get(self.nature.currentData() or "")
        allowed = nature.get("cert_types", []) if nature else []
        keep = self.cert_type.currentData()
        self.cert_type.blockSignals(True)
        self.cert_type.clear()
        self.cert_type.addItem(self.tr("（请选择）"), "")
        for code in allowed:
            self.cert_type.addItem(self.cats["cert_types"].label(code, core_lang()), code)
        set_combo(self.cert_type, keep if keep in allowed else (allowed[0] if len(allowed) == 1 else ""))
        self.cert_type.blockSignals(False)
        if self.cert_type.currentData() != keep and not self._loading:
            self.wiz.field_edited(self.form.row("principal.cert_type"))

    def _key_edited(self) -> None:
        """The domain or APP name asked here is the first site's or APP's (created if none)."""
        if self._loading:
            return
        f, model = self.wiz.filing, self.wiz.model
        text = self.key_field.text().strip()
        if self.service.currentData() == "website":
            if f.websites:
                model.edit("websites[0].domains", split_list(text), self.tr("修改网站域名"))
            elif text:
                model.replace("websites", [Website(languages=["zh_CN"], content_type="other",
                                                   service_type="web_app_service", domains=split_list(text))],
                              self.tr("添加网站"))
        elif f.apps:
            model.edit("apps[0].name", text, self.tr("修改APP名称"))
        elif text:
            model.replace("apps", [App(platform="android", languages=["zh_CN"], service_type="app_service",
                                       name=text)], self.tr("添加APP"))

    def _decide(self) -> None:
        situation = Situation(service=self.service.currentData(), action=self.action.currentData(),
                              principal_filed=self.principal_filed.isChecked(),
                              principal_here=self.principal_here.isChecked(),
                              service_filed=self.service_filed.isChecked())
        d = decide(situation, self.cats)
        if not self._loading:
            self.wiz.model.edit("filing_type", d.code, self.tr("修改备案类型"))
        self._show_type(d.warnings_en if core_lang() == "en" else d.warnings)

    def _show_type(self, warnings: list[str] | None = None) -> None:
        entry = self.cats["filing_types"].get(self.wiz.filing.filing_type)
        if entry is None:
            self.decision.setText(self.tr("备案类型：{code}（未知）").format(code=html.escape(self.wiz.filing.filing_type)))
            return
        en = core_lang() == "en"
        explain = entry.get("explain_en" if en else "explain", "") or entry.get("explain", "")
        text = self.tr("<b>备案类型：{label}</b><br>{explain}").format(label=html.escape(entry.label(core_lang())),
                                                                  explain=html.escape(explain))
        prefilled = entry.get("prefilled_en" if en else "prefilled", "")
        if prefilled:
            text += self.tr("<br>系统会预填：{what}").format(what=html.escape(prefilled))
        if entry.get("password"):
            text += self.tr("<br>接入类备案可能要求原备案的工信部备案密码：提交时当场输入，本程序不保存。")
        for w in warnings or []:
            text += self.tr("<br><span style='color:{colour}'>{word}：{text}</span>").format(
                colour=style.COLOUR["warning"], word=style.word("warning"), text=html.escape(w))
        self.decision.setText(text)
