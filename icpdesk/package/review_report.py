"""The review report, as a self-contained HTML page and an A4 PDF with the same embedded CJK
font as summary.pdf: the integrity verdict, each round's decision (newest first), every comment
with its field's label and value, and the findings under today's rules."""

from __future__ import annotations

import io
from typing import Any

from ..catalogues import Catalogues
from ..fieldpaths import get
from ..reviews import WHOLE, ReviewRound
from .layout import is_masked_path, mask_number, mask_phone
from .summary import CSS, e

_DECISION = {"approve": "通过 / approved", "return": "退回修改 / returned"}
_VERDICT = {"ok": "✓ 无误 / ok", "needs_change": "✗ 需修改 / needs change"}
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def shown_value(filing: Any, path: str) -> str:
    """The field's value as a report may show it: ID numbers and phones masked (a report travels)."""
    if path == WHOLE or filing is None:
        return ""
    value = get(filing, path)
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    if hasattr(value, "path") and hasattr(value, "kind"):  # a material
        value = value.path
    text = "" if value is None else str(value)
    return masked_text(path, text)


def masked_text(path: str, text: str) -> str:
    if not sensitive(path):
        return text
    return (mask_number(text) if path.endswith("cert_number") else mask_phone(text)) or ""


_CODES = {"filing_type": "filing_types", "provider": "providers", "nature": "natures", "cert_type": "cert_types",
          "legal_representative_cert_type": "cert_types", "domain_holder_cert_type": "cert_types",
          "content_type": "content_types", "service_type": "service_types", "platform": "platforms",
          "languages": "languages", "kind": "material_kinds"}
_SKIP = {"leader", "region", "preapproval", "for"}


def sensitive(path: str) -> bool:
    """ID numbers and phones: masked on screen until the reviewer asks, and in every report."""
    return is_masked_path(path) or path.endswith("cert_number")  # a domain holder's number too


def field_rows(filing: Any, cats: Catalogues, lang: str = "zh") -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """Everything a reviewer reads, by section: (section path, its label, [(path, label, value)]),
    codes by their labels in `lang`; values unmasked (the caller masks what `sensitive` says)."""
    en = lang == "en"

    def rows(obj: Any, at: str) -> list[tuple[str, str, str]]:
        out = []
        for name in type(obj).model_fields:
            if name in _SKIP:
                continue
            value = getattr(obj, name)
            path = f"{at}.{name}" if at else name
            if isinstance(value, list):
                value = (", " if en else "、").join(cats[_CODES[name]].label(v, lang) if name in _CODES else str(v)
                                                     for v in value)
            elif name in _CODES and value:
                value = cats[_CODES[name]].label(value, lang)
            elif isinstance(value, bool):
                value = ("yes" if value else "no") if en else ("是" if value else "否")
            out.append((path, cats.field_label(path, lang), "" if value is None else str(value)))
        return out

    p = filing.principal
    sections = [("filing", "Filing" if en else "备案", [
                    ("filing_type", cats.field_label("filing_type", lang),
                     cats["filing_types"].label(filing.filing_type, lang)),
                    ("provider", cats.field_label("provider", lang),
                     cats["providers"].label(filing.provider, lang) if filing.provider else "")]),
                ("principal", cats.owner_label("principal", lang), [
                    ("principal.region", cats.field_label("principal.region", lang),
                     " ".join(x for x in (p.region.province, p.region.city, p.region.district) if x)),
                    *rows(p, "principal")]),
                ("principal.leader", cats.field_label("principal.leader", lang), rows(p.leader, "principal.leader"))]
    for kind, items in (("websites", filing.websites), ("apps", filing.apps)):
        for i, item in enumerate(items):
            at = f"{kind}[{i}]"
            sections.append((at, cats.owner_label(at, lang), rows(item, at)))
            if item.leader is not None:
                label = f"{cats.owner_label(at, lang)} · {cats.field_label(f'{at}.leader', lang)}"
                sections.append((f"{at}.leader", label, rows(item.leader, f"{at}.leader")))
    sections.append(("materials", cats.field_label("materials", lang), [
        (f"materials[{i}]", f"{cats['material_kinds'].label(m.kind, lang)}（{cats.owner_label(m.for_, lang)}）", m.path)
        for i, m in enumerate(filing.materials)]))
    return sections


def _rows(report: Any, cats: Catalogues) -> list[tuple[ReviewRound, list[tuple[str, str, str, str]]]]:
    """Per round, newest first: (label, value, verdict, text + resolution) per comment."""
    out = []
    for r in reversed(report.reviews):
        rows = []
        for c in r.comments:
            label = "整个备案 / whole filing" if c.path == WHOLE else cats.place_label(c.path)
            note = c.text + (f"（已解决：{c.answer or '是'}）" if c.resolved else "")
            rows.append((label, shown_value(report.filing, c.path), _VERDICT[c.verdict], note))
        out.append((r, rows))
    return out


def _header(report: Any) -> list[str]:
    m = report.manifest
    lines = [f"资料包 / package: {report.path}",
             "完整性 / integrity: " + ("所有文件与清单一致 / every file matches the manifest"
                                    if report.integrity == "ok" else report.integrity)]
    if m is not None:
        lines.append(f"icpdesk {m.tool_version} · 规则 / rules {m.rules_version} · 导出 / exported {m.created}")
    if report.new or report.gone:
        lines.append(f"导出后新出现 / new since export: {len(report.new)} · 已消失 / gone: {len(report.gone)}")
    return lines


def build_review_html(report: Any, cats: Catalogues) -> str:
    parts = ["<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
             "<title>审阅报告</title>",
             f"<style>{CSS}</style></head><body><h1>ICP备案审阅报告 / Review report</h1>"]
    parts += [f"<p class='muted'>{e(line)}</p>" for line in _header(report)]
    rounds = _rows(report, cats)
    if not rounds:
        parts.append("<p>还没有审阅意见 / no review yet.</p>")
    for r, rows in rounds:
        parts.append(f"<h2>{e(_DECISION[r.decision])} — {e(r.reviewer)}，{e(r.time)}</h2>")
        parts.append("<table><tr><th>字段 / field</th><th>值 / value</th><th>结论 / verdict</th>"
                     "<th>意见 / comment</th></tr>")
        parts += [f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td><td>{e(d)}</td></tr>" for a, b, c, d in rows]
        parts.append("</table>")
    parts.append("<h2>检查结果 / findings</h2>")
    if not report.findings:
        parts.append("<p class='ok'>没有发现问题 / no problems found.</p>" if report.rules_run else
                     "<p>包已被改动：未按规则检查内容 / altered: not checked against the rules.</p>")
    for f in report.findings:
        parts.append(f"<p class='sev-{e(f.severity)}'>{e(_SEVERITY[f.severity])} "
                     f"{e(cats.field_label(f.path))}：{e(f.message)} <span class='muted'>[{e(f.rule)}]</span></p>")
    return "".join(parts) + "</body></html>\n"


def build_review_pdf(report: Any, cats: Catalogues) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from .pdf import FONT, styles

    st = styles()
    story: list[Any] = [Paragraph("ICP备案审阅报告 / Review report", st["h1"])]
    story += [Paragraph(e(line), st["small"]) for line in _header(report)]
    rounds = _rows(report, cats)
    if not rounds:
        story.append(Paragraph("还没有审阅意见 / no review yet.", st["body"]))
    for r, rows in rounds:
        story.append(Paragraph(e(f"{_DECISION[r.decision]} — {r.reviewer}，{r.time}"), st["h2"]))
        data = [[Paragraph(e(x), st["body"]) for x in ("字段", "值", "结论", "意见")]]
        data += [[Paragraph(e(x), st["body"]) for x in row] for row in rows]
        t = Table(data, colWidths=[40 * mm, 40 * mm, 28 * mm, 66 * mm], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    story.append(Paragraph("检查结果 / findings", st["h2"]))
    if not report.findings:
        story.append(Paragraph("没有发现问题 / no problems found." if report.rules_run else
                               "包已被改动：未按规则检查内容 / altered: not checked.", st["body"]))
    for f in report.findings:
        story.append(Paragraph(e(f"{_SEVERITY[f.severity]} {cats.field_label(f.path)}：{f.message} [{f.rule}]"),
                               st["body"]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                      bottomMargin=16 * mm, title="ICP备案审阅报告", author="icpdesk", invariant=1,
                      initialFontName=FONT).build(story)
    return buf.getvalue()
