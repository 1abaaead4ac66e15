"""summary.html: one self-contained page a reviewer opens in a browser. Everything from the
filing is escaped; thumbnails are embedded; no script, no outside resource (a CSP says so)."""

from __future__ import annotations

import base64
import html
from typing import Any

from ..catalogues import Catalogues
from ..findings import GRADE_WORDS
from ..model import Filing, Person
from ..report import grouped_dicts

_SEV = {"error": ("错误", "✗", "#b00020"), "warning": ("警告", "!", "#8a5300"), "info": ("提示", "i", "#1f4e8c")}
CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;
color:#222;line-height:1.5}
h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .5em;
vertical-align:top;text-align:left}th{background:#f4f4f4;width:28%}
.sev-error{color:#b00020}.sev-warning{color:#8a5300}.sev-info{color:#1f4e8c}
.thumb{max-width:160px;max-height:160px;border:1px solid #ccc}.muted{color:#666;font-size:.9em}
.ok{color:#1b5e20}
"""


def e(value: Any) -> str:
    """Escaped, shortened text: a 10 MB string or an RTL override does no harm on the page."""
    text = "" if value is None else str(value)
    if len(text) > 2000:
        text = text[:2000] + "…"
    text = "".join(c for c in text if c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    return html.escape(text, quote=True)


MASK_NOTE = ("注意：打码只针对文字；扫描件（身份证、营业执照等）原样放在包里，仍含完整的证件号码。"
             " / Masking covers the text only: the scans (ID cards, licences) are in the package as they are, "
             "with the full numbers.")


def cited(f: dict[str, Any]) -> str:
    """A finding's sources for people: the resolved titles, the raw source text as a fallback."""
    return str(f.get("source_title") or f["source"])


def _rows(pairs: list[tuple[str, Any]]) -> str:
    return "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in pairs if v not in (None, "", []))


def person_rows(p: Person, cats: Catalogues) -> list[tuple[str, Any]]:
    return [("姓名", p.name), ("证件类型", cats["cert_types"].label(p.cert_type)), ("证件号码", p.cert_number),
            ("证件有效期至", p.cert_expiry), ("联系方式1", p.phone1), ("联系方式2", p.phone2),
            ("应急联系电话", p.emergency_phone), ("办公室电话", p.office_phone), ("电子邮件", p.email)]


def build_html(*, filing: Filing, findings: list[dict[str, Any]], plan: dict[str, Any],
               images: list[dict[str, Any]], thumbs: dict[int, bytes | None], cats: Catalogues,
               created: str, rules_version: str, tool_version: str, masked: bool,
               sources: list[dict[str, str]] | None = None) -> str:
    p = filing.principal
    ft = cats["filing_types"].get(filing.filing_type)
    errors = sum(f["severity"] == "error" for f in findings)
    warnings = sum(f["severity"] == "warning" for f in findings)
    out = [f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
           f"style-src 'unsafe-inline'\"><title>备案资料汇总 — {e(p.name)}</title><style>{CSS}</style></head><body>",
           f"<h1>ICP备案资料汇总</h1><p class=\"muted\">icpdesk {e(tool_version)} · 规则版本 {e(rules_version)} · "
           f"生成于 {e(created)}{' · 证件号和电话已打码' if masked else ''}</p>",
           (f"<p class=\"sev-warning\">{e(MASK_NOTE)}</p>" if masked else ""),
           "<h2>概要</h2><table>", _rows([
               ("备案类型", f"{ft.zh} ({filing.filing_type})" if ft else filing.filing_type),
               ("主办单位所属区域", " ".join(x for x in (p.region.province, p.region.city, p.region.district) if x)),
               ("主办单位或主办人", p.name), ("网站 / APP", f"{len(filing.websites)} / {len(filing.apps)}"),
               ("检查结果", f"{errors} 个错误，{warnings} 个警告")]), "</table>"]
    out += ["<h2>主体信息</h2><table>", _rows([
        ("主办单位性质", cats["natures"].label(p.nature)), ("证件类型", cats["cert_types"].label(p.cert_type)),
        ("证件号码", p.cert_number), ("证件住所", p.cert_address), ("通讯地址", p.mailing_address),
        ("投资人或主管单位", p.investor), ("法定代表人", p.legal_representative), ("主体备案号", p.filing_number),
        ("备注", p.remark)]), "</table>", "<h3>主体负责人</h3><table>", _rows(person_rows(p.leader, cats)),
        "</table>"]
    for i, w in enumerate(filing.websites):
        out += [f"<h2>网站{i + 1}：{e(w.name)}</h2><table>", _rows([
            ("网站域名", "、".join(w.domains)), ("网站首页URL", w.home_url),
            ("服务内容", cats["content_types"].label(w.content_type)),
            ("服务类型", cats["service_types"].label(w.service_type)),
            ("语言", "、".join(cats["languages"].label(x) for x in w.languages)),
            ("前置审批", f"{cats['preapproval_types'].label(w.preapproval.type)} {w.preapproval.number}"
             if w.preapproval else ""),
            ("网站备案号", w.filing_number), ("域名持有者", w.domain_holder), ("备注", w.remark)]), "</table>"]
        out += ["<h3>网站负责人</h3>",
                f"<table>{_rows(person_rows(w.leader, cats))}</table>" if w.leader else "<p>同主体负责人</p>"]
    for i, a in enumerate(filing.apps):
        out += [f"<h2>APP{i + 1}：{e(a.name)}</h2><table>", _rows([
            ("平台", cats["platforms"].label(a.platform)), ("包名", a.package_name), ("Bundle ID", a.bundle_id),
            ("证书MD5", a.cert_md5), ("证书SHA-1", a.cert_sha1), ("域名", "、".join(a.domains)),
            ("服务内容", cats["content_types"].label(a.content_type)), ("APP备案号", a.filing_number),
            ("提供SDK", "是" if a.provides_sdk else "否"), ("使用第三方SDK", "是" if a.uses_third_party_sdk else "否"),
            ("备注", a.remark)]), "</table>"]
        out += ["<h3>APP负责人</h3>",
                f"<table>{_rows(person_rows(a.leader, cats))}</table>" if a.leader else "<p>同主体负责人</p>"]
    out.append("<h2>短信核验</h2>")
    rules = plan.get("sms_rules", {})
    if not plan.get("sms"):
        out.append("<p>本备案类型不需要短信核验。</p>")
    else:
        out.append("<table><tr><th>手机号</th><td><b>负责的角色</b></td></tr>")
        for s in plan["sms"]:
            out.append(f"<tr><th>{e(s.get('phone'))}</th><td>{e('、'.join(s.get('role_labels', [])))}"
                       f"<br><span class=\"muted\">{e(s.get('name'))} · 输入{e(s.get('cert_tail'))}</span></td></tr>")
        out.append(f"</table><p class=\"muted\">验证码来自 {e(' / '.join(rules.get('senders', [])))}，"
                   f"{e(rules.get('valid_hours'))} 小时内有效，最多重发 {e(rules.get('resends'))} 次，"
                   f"错 {e(rules.get('wrong_inputs'))} 次订单退回。</p>")
    out.append("<h2>备案资料</h2><table>")
    for i, m in enumerate(filing.materials):
        thumb = thumbs.get(i)
        img = (f"<img class=\"thumb\" alt=\"{e(m.kind)}\" src=\"data:image/jpeg;base64,"
               f"{base64.b64encode(thumb).decode()}\">" if thumb else "<span class=\"muted\">（无法预览）</span>")
        info = images[i] if i < len(images) else {}
        verdict = "<span class=\"ok\">✓ 合格</span>" if info.get("ok") else "<span class=\"sev-error\">✗ 有问题</span>"
        details = "".join(f"<li class=\"sev-{e(f['severity'])}\">{e(f['message'])}</li>"
                          for f in info.get("findings", []))
        dims = f"{info.get('width') or '?'}×{info.get('height') or '?'}"
        size = f"{info.get('format') or '?'} {dims} · {info.get('bytes')} 字节"
        out.append(f"<tr><th>{e(cats['material_kinds'].label(m.kind))}<br><span class=\"muted\">"
                   f"{e(cats.owner_label(m.for_))} · {e(m.path)}</span></th><td>{img}<br>{verdict} "
                   f"<span class=\"muted\">{e(size)}</span><ul>{details}</ul></td></tr>")
    out.append("</table>")
    out.append("<h2>检查结果</h2>")
    if not findings:
        out.append("<p class=\"ok\">没有发现问题。</p>")
    for section, items in grouped_dicts(findings):
        out.append(f"<h3>{e(cats.owner_label(section))}</h3><ul>")
        for f in items:
            label, mark, _ = _SEV.get(f["severity"], ("", "", ""))
            out.append(f"<li class=\"sev-{e(f['severity'])}\">{mark} {label} · {e(cats.field_label(f['path']))}："
                       f"{e(f['message'])}<br><span class=\"muted\">改正：{e(f.get('hint'))} · 依据：{e(cited(f))}"
                       f" · {e(f['rule'])}</span></li>")
        out.append("</ul>")
    if sources:
        out.append("<h2>引用的资料 / Sources cited</h2><ol>")
        for s in sources:
            link = f" · {e(s['url'])}" if s.get("url") else ""
            grade = GRADE_WORDS.get(s.get("grade", ""), ("", ""))[0]
            graded = f" · {grade}" if grade else ""
            out.append(f"<li>{e(s['label'])} <span class=\"muted\">[{e(s['key'])}]{graded}{link}"
                       f"{' · 获取于 ' + e(s['retrieved']) if s.get('retrieved') else ''}</span></li>")
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out)
