"""短信核验与检查: who must be reachable for the MIIT SMS, then every finding of the filing
grouped by page; activating one jumps to its field."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTextBrowser, QWidget

from . import style
from .findings_view import FindingsView
from .i18n import core_lang
from .page_base import FormPage, PageContext


class ReviewPage(FormPage):
    SHOWS = ("filing",)  # the order as a whole; and every finding no other page shows

    def __init__(self, wizard: PageContext) -> None:
        super().__init__(wizard, self.tr("短信核验与检查"),
                         self.tr("确认谁会收到工信部的验证码，再看一遍全部检查结果。"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.sms = QTextBrowser(self)
        self.sms.setOpenLinks(False)  # nothing from the filing is ever followed
        self.sms.setAccessibleName(self.tr("短信核验计划"))
        self.findings = FindingsView(self)
        self.findings.activated_path.connect(self.wiz_jump)
        split.addWidget(self.sms)
        split.addWidget(self.findings)
        self.count = QLabel(self)
        self.body.addWidget(self.count)
        self.body.addWidget(split, 1)
        # a reviewer's comment (a returned package): answered here, carried by the next export
        self.resolve_button = QPushButton(self.tr("标记审阅意见为已解决"), self)
        self.resolve_button.setAccessibleName(self.tr("标记选中的审阅意见为已解决"))
        self.resolve_button.clicked.connect(self._toggle_resolved)
        self.answer = QLineEdit(self)
        self.answer.setPlaceholderText(self.tr("怎么改的（可选，审阅人会看到）"))
        self.answer.setAccessibleName(self.tr("对审阅意见的处理说明"))
        row = QHBoxLayout()
        row.addWidget(self.answer, 1)
        row.addWidget(self.resolve_button)
        self.resolve_row = QWidget(self)
        self.resolve_row.setLayout(row)
        self.resolve_row.hide()
        self.body.addWidget(self.resolve_row)
        self.findings.currentItemChanged.connect(lambda *_: self._update_resolve())

    def _selected_path(self) -> str | None:
        item = self.findings.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _comments_at(self, path: str | None) -> list:
        return self.wiz.doc.comments_at(path) if path else []

    def _update_resolve(self) -> None:
        comments = self._comments_at(self._selected_path())
        self.resolve_row.setVisible(bool(self.wiz.doc.reviews))
        self.resolve_button.setEnabled(bool(comments))
        open_ = any(not c.resolved for c in comments)
        self.resolve_button.setText(self.tr("标记审阅意见为已解决") if open_ or not comments
                                    else self.tr("重新打开审阅意见"))
        self.answer.setEnabled(open_)
        done = next((c.answer for c in comments if c.resolved and c.answer), "")
        self.answer.setText("" if open_ else done)

    def _toggle_resolved(self) -> None:
        path = self._selected_path()
        comments = self._comments_at(path)
        if path and comments:
            self.wiz.model.resolve(path, any(not c.resolved for c in comments), self.answer.text().strip())
            self.load()
            self.findings.select_path(path)

    def wiz_jump(self, path: str) -> None:
        self.wiz.jump_to(path)

    def owns(self, path: str) -> bool:
        return True  # nothing goes on to export while any error remains

    def load(self) -> None:
        from icpdesk.plan import make_plan  # only when the page is shown: keeps start-up short

        plan = make_plan(self.wiz.filing, self.wiz.validator)
        self.plan = plan
        rules = plan["sms_rules"]
        parts = [self.tr("<h3>短信核验</h3>")]
        if not plan["sms"]:
            parts.append(self.tr("<p>本备案类型不需要短信核验。</p>"))
        en = core_lang() == "en"
        for e in plan["sms"]:
            roles = self.tr("、").join(e["role_labels_en"] if en else e["role_labels"])
            parts.append(self.tr("<p><b>{phone}</b>（{name}）：{roles}<br>核验时输入：手机号 + 验证码 + {tail}</p>")
                         .format(
                phone=html.escape(e["phone"] or self.tr("（缺少手机号）")), name=html.escape(e["name"]),
                roles=html.escape(roles), tail=html.escape(e["cert_tail_en"] if en else e["cert_tail"])))
            for p in e["problems_en"] if en else e["problems"]:
                said = self.tr("{word}：{message}").format(word=style.word("warning"), message=html.escape(p))
                parts.append(f"<p style='color:{style.COLOUR['warning']}'>{said}</p>")
        if rules["required"]:
            senders = html.escape(" / ".join(rules["senders"]))
            parts.append(self.tr("<p>验证码来自 {senders}，收到后 {hours} 小时内到 {where} 完成核验；"
                                 "最多重发 {resends} 次；"
                                 "输错 {wrong} 次订单退回。这段时间请保持这些手机畅通。</p>").format(
                senders=senders, hours=rules["valid_hours"], where=html.escape(rules["where"]),
                resends=rules["resends"], wrong=rules["wrong_inputs"]))
        self.sms.setHtml("".join(parts))
        self._show(self.wiz.full_check())

    def document_changed(self, paths: set[str]) -> None:
        """An undo or redo while this page is shown (a resolved comment, an edit elsewhere)."""
        if self.wiz.currentPage() is self and paths:
            selected = self._selected_path()
            self._show(self.wiz.live.findings)
            if selected:
                self.findings.select_path(selected)

    def _show(self, findings) -> None:
        self.findings.show_findings(findings, self.wiz.validator.rulebook.catalogues)
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        open_ = len(self.wiz.doc.open_comments())
        self.count.setText(self.tr("{errors} 个错误，{warnings} 个警告。双击一条可跳到对应的字段。").format(
            errors=errors, warnings=warnings)
            + (self.tr(" 审阅意见还有 {n} 条未解决。").format(n=open_) if self.wiz.doc.reviews else ""))
        self._update_resolve()
