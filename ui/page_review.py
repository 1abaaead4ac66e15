"""短信核验与检查: who must be reachable for the MIIT SMS, then every finding of the filing
grouped by page; activating one jumps to its field."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTextBrowser, QWidget

from .findings_view import FindingsView
from .wizard import FilingWizard, FormPage


class ReviewPage(FormPage):
    def __init__(self, wizard: FilingWizard) -> None:
        super().__init__(wizard, "短信核验与检查", "确认谁会收到工信部的验证码，再看一遍全部检查结果。")
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.sms = QTextBrowser(self)
        self.sms.setOpenLinks(False)  # nothing from the filing is ever followed
        self.sms.setAccessibleName("短信核验计划")
        self.findings = FindingsView(self)
        self.findings.activated_path.connect(self.wiz_jump)
        split.addWidget(self.sms)
        split.addWidget(self.findings)
        self.count = QLabel(self)
        self.body.addWidget(self.count)
        self.body.addWidget(split, 1)
        # a reviewer's comment (a returned package): answered here, carried by the next export
        self.resolve_button = QPushButton("标记审阅意见为已解决", self)
        self.resolve_button.setAccessibleName("标记选中的审阅意见为已解决")
        self.resolve_button.clicked.connect(self._toggle_resolved)
        self.answer = QLineEdit(self)
        self.answer.setPlaceholderText("怎么改的（可选，审阅人会看到）")
        self.answer.setAccessibleName("对审阅意见的处理说明")
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
        self.resolve_button.setText("标记审阅意见为已解决" if open_ or not comments else "重新打开审阅意见")
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
        parts = ["<h3>短信核验</h3>"]
        if not plan["sms"]:
            parts.append("<p>本备案类型不需要短信核验。</p>")
        for e in plan["sms"]:
            roles = "、".join(e["role_labels"])
            parts.append(f"<p><b>{html.escape(e['phone'] or '（缺少手机号）')}</b>（{html.escape(e['name'])}）："
                         f"{html.escape(roles)}<br>核验时输入：手机号 + 验证码 + {html.escape(e['cert_tail'])}</p>")
            for p in e["problems"]:
                parts.append(f"<p style='color:#b00020'>! {html.escape(p.split(' / ')[0])}</p>")
        if rules["required"]:
            senders = html.escape(" / ".join(rules["senders"]))
            parts.append(f"<p>验证码来自 {senders}，收到后 {rules['valid_hours']} 小时内"
                         f"到 {html.escape(rules['where'])} 完成核验；最多重发 {rules['resends']} 次；"
                         f"输错 {rules['wrong_inputs']} 次订单退回。这段时间请保持这些手机畅通。</p>")
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
        self.count.setText(f"{errors} 个错误，{warnings} 个警告。双击一条可跳到对应的字段。"
                           + (f" 审阅意见还有 {open_} 条未解决。" if self.wiz.doc.reviews else ""))
        self._update_resolve()
