"""summary.pdf: the summary for print, A4, with a CJK font embedded (a GBK subset of
WenQuanYi Micro Hei in resources/fonts) so it renders on machines without Chinese fonts."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image as RLImage
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..catalogues import Catalogues
from ..findings import GRADE_WORDS
from ..model import Filing
from ..paths import resources_dir
from .summary import MASK_NOTE, cited, e, person_rows

FONT = "WQYMicroHei"
_SEV = {"error": ("错误", colors.HexColor("#b00020")), "warning": ("警告", colors.HexColor("#8a5300")),
        "info": ("提示", colors.HexColor("#1f4e8c"))}


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(TTFont(FONT, str(resources_dir() / "fonts" / "wqy-microhei-gbk.ttf")))
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=13, wordWrap="CJK")
    return {"body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=colors.HexColor("#555555")),
            "h1": ParagraphStyle("h1", parent=base, fontSize=18, leading=24, spaceAfter=6),
            "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4)}


def _table(rows: list[tuple[str, Any]], st: dict[str, ParagraphStyle]) -> Table:
    data = [[Paragraph(e(k), st["body"]), Paragraph(e(v), st["body"])] for k, v in rows if v not in (None, "", [])]
    t = Table(data or [[Paragraph("—", st["body"]), ""]], colWidths=[40 * mm, 130 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                           ("FONTNAME", (0, 0), (-1, -1), FONT),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def build_pdf(*, filing: Filing, findings: list[dict[str, Any]], plan: dict[str, Any],
              images: list[dict[str, Any]], thumbs: dict[int, bytes | None], cats: Catalogues,
              created: str, rules_version: str, tool_version: str, masked: bool,
              sources: list[dict[str, str]] | None = None) -> bytes:
    st = styles()
    p = filing.principal
    story: list[Any] = [
        Paragraph("ICP备案资料汇总", st["h1"]),
        Paragraph(e(f"icpdesk {tool_version} · 规则版本 {rules_version} · 生成于 {created}"
                    + (" · 证件号和电话已打码" if masked else "")), st["small"]),
        *([Paragraph(e(MASK_NOTE), st["small"])] if masked else []),
        Paragraph("主体信息", st["h2"]),
        _table([("备案类型", cats["filing_types"].label(filing.filing_type)),
                ("所属区域", " ".join(x for x in (p.region.province, p.region.city, p.region.district) if x)),
                ("主办单位或主办人", p.name), ("性质", cats["natures"].label(p.nature)),
                ("证件类型", cats["cert_types"].label(p.cert_type)), ("证件号码", p.cert_number),
                ("证件住所", p.cert_address), ("通讯地址", p.mailing_address), ("投资人或主管单位", p.investor),
                ("法定代表人", p.legal_representative), ("备注", p.remark)], st),
        Paragraph("主体负责人", st["h2"]), _table(person_rows(p.leader, cats), st)]
    for i, w in enumerate(filing.websites):
        story += [Paragraph(e(f"网站{i + 1}：{w.name}"), st["h2"]),
                  _table([("域名", "、".join(w.domains)), ("首页URL", w.home_url),
                          ("服务内容", cats["content_types"].label(w.content_type)), ("网站备案号", w.filing_number),
                          ("域名持有者", w.domain_holder), ("负责人", w.leader.name if w.leader else "同主体负责人"),
                          ("备注", w.remark)], st)]
    for i, a in enumerate(filing.apps):
        story += [Paragraph(e(f"APP{i + 1}：{a.name}"), st["h2"]),
                  _table([("平台", cats["platforms"].label(a.platform)),
                          ("包名 / Bundle ID", a.package_name or a.bundle_id),
                          ("证书指纹", a.cert_md5 or a.cert_sha1), ("域名", "、".join(a.domains)),
                          ("负责人", a.leader.name if a.leader else "同主体负责人"), ("备注", a.remark)], st)]
    story.append(Paragraph("短信核验", st["h2"]))
    sms = plan.get("sms", [])
    story.append(_table([(s.get("phone") or "?", "、".join(s.get("role_labels", []))) for s in sms], st)
                 if sms else Paragraph("本备案类型不需要短信核验。", st["body"]))
    story.append(Paragraph("备案资料", st["h2"]))
    rows = []
    for i, m in enumerate(filing.materials):
        info = images[i] if i < len(images) else {}
        thumb = thumbs.get(i)
        pic: Any = Paragraph("（无法预览）", st["small"])
        if thumb:
            pic = RLImage(io.BytesIO(thumb), width=32 * mm, height=24 * mm, kind="proportional")
        verdict = "✓ 合格" if info.get("ok") else "✗ 有问题"
        text = "<br/>".join([e(f"{cats['material_kinds'].label(m.kind)} · {cats.owner_label(m.for_)}"), e(verdict)]
                            + [e(f["message"]) for f in info.get("findings", [])])
        rows.append([pic, Paragraph(text, st["body"])])
    if rows:
        t = Table(rows, colWidths=[36 * mm, 134 * mm])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    story.append(Paragraph("检查结果", st["h2"]))
    if not findings:
        story.append(Paragraph("没有发现问题。", st["body"]))
    for f in findings:
        label, colour = _SEV.get(f["severity"], ("", colors.black))
        story.append(Paragraph(f'<font color="{colour.hexval()}">{label}</font> {e(cats.field_label(f["path"]))}：'
                               f'{e(f["message"])}', st["body"]))
        story.append(Paragraph(e(f"改正：{f.get('hint', '')} · 依据：{cited(f)} · {f['rule']}"), st["small"]))
    if sources:
        story.append(Paragraph("引用的资料 / Sources cited", st["h2"]))
        for i, s in enumerate(sources, 1):
            grade = GRADE_WORDS.get(s.get("grade", ""), ("", ""))[0]
            story.append(Paragraph(e(f"{i}. {s['label']} [{s['key']}]" + (f" · {grade}" if grade else "")
                                     + (f" {s['url']}" if s.get("url") else "")),
                                   st["small"]))
    story.append(Spacer(1, 6 * mm))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title="ICP备案资料汇总", author="icpdesk", invariant=1,
                            # else the canvas starts in Helvetica, listed in the PDF but not embedded
                            initialFontName=FONT)
    doc.build(story)
    return buf.getvalue()
