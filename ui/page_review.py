"""短信核验与检查: who must be reachable for the MIIT SMS, then every finding of the filing
grouped by page; activating one jumps to its field."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser

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
        findings = self.wiz.full_check()
        self.findings.show_findings(findings, self.wiz.validator.rulebook.catalogues)
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        self.count.setText(f"{errors} 个错误，{warnings} 个警告。双击一条可跳到对应的字段。")
