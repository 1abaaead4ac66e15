"""网站/APP: the list of websites and APPs (add, duplicate, remove) and the fields of the one
selected, with the province's per-order limit shown before the user reaches it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from icpdesk.guidance import missing_statement, site_limit
from icpdesk.model import App, Person, Website

from . import style
from .binding import read
from .fields import NOT_FILLED, CheckList, FieldRow, Form, code_combo, set_value
from .i18n import QT_TRANSLATE_NOOP, core_lang
from .page_base import FormPage, PageContext
from .person_form import PersonForm


class ServiceForm(QWidget):
    """The fields of one website or APP; `prefix` says which (websites[2], apps[0])."""

    def __init__(self, wizard: PageContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wiz, self.kind = wizard, kind
        cats = wizard.validator.rulebook.catalogues
        edit = wizard.field_edited
        lay = QVBoxLayout(self)
        self.form = Form(cats, self)
        self.keys: list[str] = []

        def add(key: str, editor: QWidget, hint: str = "") -> None:
            self.form.add(f"{kind}[0].{key}", editor, edit, hint)
            self.keys.append(key)

        if kind == "websites":
            add("name", QLineEdit(), self.tr("至少3个汉字，体现网站内容"))
            add("domains", QLineEdit(), self.tr("一个网站一个域名，如 example.com"))
            add("home_url", QLineEdit(), self.tr("如 www.example.com"))
            add("more_home_urls", QLineEdit(),
                self.tr("同一网站另有首页时填写，逗号分隔；部分省份每个域名只收一个"))
            add("domain_expires", QLineEdit(), self.tr("YYYY-MM-DD，见域名证书"))
        else:
            add("name", QLineEdit(), self.tr("应用商店图标下显示的名称"))
            add("platform", code_combo(cats["platforms"], empty=None))
            add("package_name", QLineEdit(), "com.example.app")
            add("bundle_id", QLineEdit(), "com.example.app")
            add("cert_md5", QLineEdit(), self.tr("32位十六进制，冒号可有可无"))
            add("cert_sha1", QLineEdit(), self.tr("iOS：40位十六进制"))
            key = QPlainTextEdit()
            key.setTabChangesFocus(True)
            key.setMaximumHeight(60)
            add("public_key", key)
            add("domains", QLineEdit(), "api.example.com")
            add("provides_sdk", QCheckBox(self.tr("提供")))
            add("uses_third_party_sdk", QCheckBox(self.tr("使用")))
        add("content_type", code_combo(cats["content_types"]))
        add("service_type", code_combo(cats["service_types"]))
        add("languages", CheckList(cats["languages"]))
        add("domain_holder", QLineEdit(), self.tr("与主办单位名称一致"))
        add("domain_holder_cert_type", code_combo(cats["cert_types"], empty=NOT_FILLED))
        add("domain_holder_cert_number", QLineEdit(), self.tr("见域名实名认证信息，须与主体证件一致"))
        add("filing_number", QLineEdit(), self.tr("已备案时填写"))
        remark = QPlainTextEdit()
        remark.setTabChangesFocus(True)
        remark.setMaximumHeight(70)
        add("remark", remark, "")
        lay.addWidget(self.form)
        # the statement a personal site's remark must hold, offered in one click (its text is the rule's)
        self.statement_button = QPushButton(self.tr("备注加上个人网站声明"), self)
        self.statement_button.setAccessibleName(self.tr("在备注中加入个人网站声明"))
        self.statement_button.clicked.connect(self._add_statement)
        self.statement_button.hide()
        lay.addWidget(self.statement_button)
        self.same_leader = QCheckBox(self.tr("负责人同主体负责人"), self)
        self.same_leader.toggled.connect(self._leader_toggled)
        lay.addWidget(self.same_leader)
        self.leader_box = QGroupBox(self.tr("网站/APP负责人"), self)
        blay = QVBoxLayout(self.leader_box)
        self.leader = PersonForm(cats, edit, self.leader_box, prefix=f"{kind}[0].leader")
        blay.addWidget(self.leader)
        lay.addWidget(self.leader_box)
        lay.addStretch(1)
        self.index = 0
        self.statement = ""

    def rows(self) -> list[FieldRow]:
        leader_rows = self.leader.rows if self.leader_box.isVisible() or not self.same_leader.isChecked() else []
        return [*self.form.rows, *leader_rows]

    def show_item(self, index: int) -> None:
        for row in [*self.form.rows, *self.leader.rows]:
            row.flush()  # a pending edit belongs to the site shown until now, not to the next one
        self.index = index
        prefix = f"{self.kind}[{index}]"
        for key, row in zip(self.keys, self.form.rows, strict=True):
            row.path = f"{prefix}.{key}"
        self.leader.set_prefix(f"{prefix}.leader")
        item = getattr(self.wiz.filing, self.kind)[index]
        for row in self.form.rows:
            set_value(row.editor, read(self.wiz.filing, row.path))
        self.same_leader.blockSignals(True)
        self.same_leader.setChecked(item.leader is None)
        self.same_leader.blockSignals(False)
        self.leader_box.setVisible(item.leader is not None)
        for row in self.leader.rows:
            set_value(row.editor, read(self.wiz.filing, row.path) if item.leader else "")
        self.wiz.refresh_rows()
        self.update_statement()

    def update_statement(self) -> None:
        """Shown while the remark lacks a statement the rules in force ask for."""
        path = f"{self.kind}[{self.index}].remark"
        text = missing_statement(self.wiz.validator.rulebook, self.wiz.filing, self.wiz.live.at(path), path)
        self.statement_button.setVisible(bool(text))
        self.statement_button.setToolTip(text or "")
        self.statement = text or ""

    def _add_statement(self) -> None:
        item = getattr(self.wiz.filing, self.kind)[self.index]
        if self.statement and self.statement not in item.remark:
            self.wiz.model.edit(f"{self.kind}[{self.index}].remark", (item.remark + self.statement).strip(),
                                self.tr("添加个人网站声明"))

    def _leader_toggled(self, same: bool) -> None:
        item = getattr(self.wiz.filing, self.kind)[self.index]
        at = f"{self.kind}[{self.index}].leader"
        label = self.tr("负责人同主体负责人") if same else self.tr("单独的负责人")
        self.wiz.model.edit(at, None if same else (item.leader or Person()), label)
        self.leader_box.setVisible(not same)


class ServicesPage(FormPage):
    SHOWS = ("websites", "apps")

    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("网站 / APP"), self.tr("添加本次备案的网站和APP。左侧选择一项，右侧填写。"))
        top = QHBoxLayout()
        left = QVBoxLayout()
        self.limit = QLabel(self)
        self.limit.setWordWrap(True)
        self.limit.setAccessibleName(self.tr("本省的数量限制"))
        left.addWidget(self.limit)
        self.undo_hint = QLabel(self)
        self.undo_hint.setWordWrap(True)
        self.undo_hint.setAccessibleName(self.tr("撤销提示"))
        self.undo_hint.hide()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("网站和APP列表"))
        self.list.currentRowChanged.connect(self._select)
        left.addWidget(self.list, 1)
        buttons = [(QT_TRANSLATE_NOOP("ServicesPage", "添加网站"), self.add_website),
                   (QT_TRANSLATE_NOOP("ServicesPage", "添加APP"), self.add_app),
                   (QT_TRANSLATE_NOOP("ServicesPage", "复制"), self.duplicate),
                   (QT_TRANSLATE_NOOP("ServicesPage", "删除"), self.remove)]
        self.buttons: dict[str, QPushButton] = {}  # by the source (Chinese) text, whatever the language
        for label, slot in buttons:
            b = QPushButton(self.tr(label), self)
            b.clicked.connect(slot)
            left.addWidget(b)
            self.buttons[label] = b
        left.addWidget(self.undo_hint)
        top.addLayout(left, 1)
        self.stack = QStackedWidget(self)
        self.empty = QLabel(self.tr("还没有网站或APP：点“添加网站”或“添加APP”。"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.web_form = ServiceForm(wizard, "websites")
        self.app_form = ServiceForm(wizard, "apps")
        for w in (self.empty, self.web_form, self.app_form):
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(w)
            self.stack.addWidget(scroll)
        top.addWidget(self.stack, 3)
        self.body.addLayout(top)
        self.items: list[tuple[str, int]] = []
        self._editing = False

    def rows(self) -> list[FieldRow]:
        current = self.stack.currentIndex()
        return self.web_form.rows() if current == 1 else self.app_form.rows() if current == 2 else []

    def load(self) -> None:
        self._rebuild(keep=0)

    def document_changed(self, paths: set[str]) -> None:
        if self.wiz.currentPage() is not self or self._editing:
            return
        if paths & {"websites", "apps"}:  # added, removed, or an undo of either
            self._rebuild(keep=self.list.currentRow())
        elif any(p.endswith(".name") for p in paths):
            self._relabel()
        form = self.web_form if self.stack.currentIndex() == 1 else self.app_form
        form.update_statement()

    def _label(self, kind: str, i: int) -> str:
        item = getattr(self.wiz.filing, kind)[i]
        what = self.tr("网站{n}") if kind == "websites" else self.tr("APP{n}")
        return self.tr("{what}：{name}").format(what=what.format(n=i + 1), name=item.name or self.tr("（未命名）"))

    def _relabel(self) -> None:
        for row, (kind, i) in enumerate(self.items):
            if row < self.list.count():
                self.list.item(row).setText(self._label(kind, i))

    def _rebuild(self, keep: int | None = None) -> None:
        f = self.wiz.filing
        self.items = [("websites", i) for i in range(len(f.websites))] + [("apps", i) for i in range(len(f.apps))]
        self.list.blockSignals(True)
        self.list.clear()
        for kind, i in self.items:
            self.list.addItem(self._label(kind, i))
        self.list.blockSignals(False)
        self._update_limit()
        if self.items:
            self.list.setCurrentRow(min(keep or 0, len(self.items) - 1))
            self._select(self.list.currentRow())
        else:
            self.stack.setCurrentIndex(0)

    def _update_limit(self) -> None:
        """The province's limit, said before the user reaches it (numbers from the rules)."""
        s = site_limit(self.wiz.validator, self.wiz.filing)
        added = self.tr("已添加 {sites} 个网站、{apps} 个APP").format(sites=s.count, apps=len(self.wiz.filing.apps))
        province = self.wiz.validator.rulebook.catalogues["provinces"].label(s.province, core_lang()) \
            if s.province else self.tr("本省")
        if s.limit is None:
            self.limit.setText(self.tr("{added}。{province}对每单网站数没有特别限制。").format(added=added,
                                                                                 province=province))
        else:
            self.limit.setText(self.tr("{added}；{province}每单最多 {limit} 个网站。").format(
                added=added, province=province, limit=s.limit))
        self.limit.setStyleSheet(f"color: {style.COLOUR['error']}" if s.over else "")
        add = self.buttons["添加网站"]  # i18n: keyed by the source text
        add.setToolTip(self.tr("已达本省上限，请放到下一个订单") if s.full else "")

    def _select(self, row: int) -> None:
        if row < 0 or row >= len(self.items):
            return
        kind, i = self.items[row]
        form = self.web_form if kind == "websites" else self.app_form
        self.stack.setCurrentIndex(1 if kind == "websites" else 2)
        form.show_item(i)

    def select_owner(self, owner: str) -> None:
        for row, (kind, i) in enumerate(self.items):
            if owner == f"{kind}[{i}]":
                self.list.setCurrentRow(row)

    def add_website(self) -> None:
        f = self.wiz.filing
        site = Website(content_type="other", service_type="web_app_service", languages=["zh_CN"],
                       domain_holder=f.principal.name)
        self._replace("websites", [*f.websites, site], self.tr("添加网站"))
        self._after_change(len(f.websites) - 1)

    def add_app(self) -> None:
        f = self.wiz.filing
        app = App(platform="android", service_type="app_service", content_type="other", languages=["zh_CN"],
                  domain_holder=f.principal.name)
        self._replace("apps", [*f.apps, app], self.tr("添加APP"))
        self._after_change(len(f.websites) + len(f.apps) - 1)

    def duplicate(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        kind, i = self.items[row]
        items = [x.model_copy(deep=True) for x in getattr(self.wiz.filing, kind)]
        copy = items[i].model_copy(deep=True)
        # "…副本", not "…（副本）": brackets are symbols a site name may not have
        copy.name, copy.filing_number = (copy.name + "副本") if copy.name else "", None  # i18n: data, a Chinese name
        items.insert(i + 1, copy)
        self._replace(kind, items, self.tr("复制网站") if kind == "websites" else self.tr("复制APP"))
        self._after_change(row + 1)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        kind, i = self.items[row]
        items = [x.model_copy(deep=True) for x in getattr(self.wiz.filing, kind)]
        del items[i]
        name = getattr(self.wiz.filing, kind)[i].name or self.tr("（未命名）")
        what = (self.tr("网站“{name}”") if kind == "websites" else self.tr("APP“{name}”")).format(name=name)
        self._replace(kind, items, self.tr("删除{what}").format(what=what))
        self._after_change(max(0, row - 1))
        self.undo_hint.setText(self.tr("已删除{what}。按 Ctrl+Z（编辑 → 撤销）可以恢复。").format(what=what))
        self.undo_hint.show()

    def _after_change(self, select: int) -> None:
        self._rebuild(keep=select)

    def _replace(self, kind: str, items: list, label: str) -> None:
        self._editing = True  # the caller rebuilds the list with the right row selected
        try:
            self.wiz.model.replace(kind, items, label)
        finally:
            self._editing = False

    def focus_path(self, path: str) -> bool:
        form = self.web_form if path.startswith("websites") else self.app_form
        for row in form.rows():
            if row.path == path or path.startswith(row.path):
                row.editor.setFocus()
                return True
        self.list.setFocus()
        return True

    def validatePage(self) -> bool:
        ok = super().validatePage()
        self._update_limit()
        return ok
