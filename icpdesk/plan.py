"""`icpdesk plan`: the filing type explained, the materials checklist, the SMS plan, the
deadlines and what to do after approval — one structure for the CLI, the UI and the package."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from .checklist import checklist_for
from .checks import Ctx
from .engine import Validator
from .filing_types import describe
from .model import Filing
from .sms import CARRIER_LABELS, sms_entries, sms_rules

MIIT_URL = "https://beian.miit.gov.cn/"


def footer_snippet(ctx: Ctx, today: dt.date) -> dict[str, str]:
    """The HTML to paste at the bottom of the home page."""
    f = ctx.filing
    entry = ctx.catalogues.province(ctx.province.code) if ctx.province.code else None
    abbr = entry.get("icp_prefixes", ["X"])[0] if entry else "X"
    principal_no = f.principal.filing_number or f"{abbr}ICP备XXXXXXXX号"
    site_no = next((w.filing_number for w in f.websites if w.filing_number), None) or f"{principal_no}-1"
    number = principal_no if ctx.province.values.footer_principal_number else site_no
    link = f'<a href="{MIIT_URL}" target="_blank" rel="noopener">{html.escape(number)}</a>'
    if ctx.province.values.footer_copyright:
        link = f"版权所有 © {today.year} {html.escape(f.principal.name or '（单位名称）')} {link}"
    placeholder = "XXXXXXXX" in number
    return {"number": number, "html": f'<p style="text-align:center">{link}</p>',
            "placeholder": "备案通过后把 XXXXXXXX 换成真实备案号" if placeholder else "",
            "placeholder_en": "replace XXXXXXXX with the real number" if placeholder else ""}


def _steps(items: list, ctx: Ctx) -> list[dict[str, Any]]:
    kinds = {"website" if ctx.filing.websites else None, "app" if ctx.filing.apps else None}
    out = []
    for step in items:
        if step.service is not None and step.service not in kinds:
            continue
        if step.setting and not ctx.province.value(step.setting):
            continue
        out.append(step.model_dump(exclude_none=True))
    return out


def make_plan(filing: Filing, validator: Validator | None = None) -> dict[str, Any]:
    validator = validator or Validator()
    ctx = validator.context(filing)
    cats = ctx.catalogues
    entry = cats["filing_types"].get(filing.filing_type)
    ftype: dict[str, Any] = describe(entry).model_dump() if entry else {
        "code": filing.filing_type, "zh": "未知类型", "en": "unknown type", "explain": "", "explain_en": "",
        "prefilled": "", "prefilled_en": "", "needs": [], "password": False,
        "warnings": [f"备案类型“{filing.filing_type}”不存在"],
        "warnings_en": [f"unknown filing type {filing.filing_type!r}"]}
    needed = checklist_for(ctx)
    after = _steps(ctx.plan.after.after_approval, ctx)
    if filing.websites:
        for step in after:
            if step["id"] == "footer":
                step["snippet"] = footer_snippet(ctx, ctx.today)
    secrets = []
    if ftype["password"]:
        secrets.append({"name": "filing_password", "text": "接入类备案可能要求原备案的工信部备案密码：提交时当场输入，"
                        "icpdesk 不保存、不导出",
                        "text_en": "access filings may ask for the MIIT filing password of the existing record: "
                        "type it at submission; icpdesk never stores or exports it",
                        "source": "[002_cda330130d5f816e.txt] (2019; UNCERTAIN whether still required)"})
    materials = _judged(needed, filing, validator, cats)
    return {
        "ok": entry is not None and all(m["present"] for m in materials if m["required"]),
        "filing_type": ftype,
        "province": ctx.province.code,
        "materials": materials,
        "sms": [e.to_dict() for e in sms_entries(ctx)],
        "sms_rules": sms_rules(ctx),
        "deadlines": _steps(ctx.plan.after.deadlines, ctx),
        "after_approval": after,
        "secrets": secrets,
    }


def _judged(needed: list, filing: Filing, validator: Validator, cats: Any) -> list[dict[str, Any]]:
    """The checklist, a material present only when one of its files passes as `validate`
    judges it (missing, outside, empty, a folder: ✗ with the reason), when the filing came
    from a file (its folder known)."""
    from .material_files import file_problem

    out = []
    for n in needed:
        d = n.to_dict(cats)
        if n.present and validator.base_dir is not None:
            paths = [m.path for m in filing.materials if (m.kind, m.for_) == (n.kind, n.owner)]
            problems = [file_problem(validator.base_dir, p) for p in paths]
            if all(problems):
                zh, en = problems[0] or ("", "")
                d.update(present=False, file=paths[0], problem=zh, problem_en=en)
        out.append(d)
    return out


def _pick(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def render_plan(plan: dict[str, Any], lang: str = "zh") -> str:
    t = plan["filing_type"]
    zh = lang != "en"
    lines = [("备案类型：" if zh else "Filing type: ") + _pick(t["zh"], t["en"], lang) + f" ({t['code']})",
             "  " + _pick(t["explain"], t["explain_en"], lang)]
    if t["prefilled"]:
        lines.append(("  系统预填：" if zh else "  Pre-filled: ") + _pick(t["prefilled"], t["prefilled_en"], lang))
    lines += [f"  ! {w}" for w in (t["warnings"] if zh else t["warnings_en"])]
    lines += [f"  ! {_pick(s['text'], s['text_en'], lang)}" for s in plan["secrets"]]
    lines += ["", "【备案资料】" if zh else "[Materials]"]
    for m in plan["materials"]:
        mark = "✓" if m["present"] else ("✗" if m["required"] else "·")
        need = ("必需" if zh else "required") if m["required"] else ("视接入商" if zh else "provider-dependent")
        kind = _pick(m["kind_label"], m["kind_label_en"], lang)
        lines.append(f"  {mark} {kind} — {_pick(m['for_label'], m['for_label_en'], lang)} ({need})")
        lines.append(f"      {_pick(m['why'], m['why_en'], lang)}  — {m['source']}")
        if m.get("problem"):
            lines.append(("      文件 " if zh else "      File ") + f"{m['file'][:120]}: "
                         + _pick(m["problem"], m["problem_en"], lang))
        img = m["image"]
        if img.get("formats"):
            size = img.get("max_bytes", 0) / 1024 / 1024
            px = img.get("exact_pixels")
            lines.append(("      图片：" if zh else "      Image: ") + "/".join(img["formats"])
                         + f", < {size:.0f} MB" + (f", {px[0]}×{px[1]}" if px else "")
                         + (("，彩色" if zh else ", colour") if img.get("colour") else ""))
    r = plan["sms_rules"]
    lines += ["", "【短信核验】" if zh else "[SMS check]"]
    if not r["required"]:
        lines.append("  本类型不需要短信核验。" if zh else "  This filing type needs no SMS check.")
    for e in plan["sms"]:
        carrier = CARRIER_LABELS[e["carrier"]][0 if zh else 1]
        roles = "、".join(e["role_labels"]) if zh else ", ".join(e["role_labels_en"])
        phone = f"{e['phone']} ({carrier})" if e["phone"] else ("（未填手机号）" if zh else "(no phone yet)")
        name = e["name"] or ("（未填姓名）" if zh else "(no name yet)")
        lines.append(f"  {phone} — {name}: {roles or ('-')}")
        lines.append(("      输入：手机号 + 验证码 + " if zh else "      Enter: phone + code + ")
                     + _pick(e["cert_tail"], e["cert_tail_en"], lang))
        lines += [f"      ! {p}" for p in (e["problems"] if zh else e["problems_en"])]
    if r["required"]:
        lines.append(("  发送号码：" if zh else "  Sender: ") + " / ".join(r["senders"])
                     + (f"；有效期 {r['valid_hours']} 小时；最多重发 {r['resends']} 次；错 {r['wrong_inputs']} 次退回"
                        if zh else f"; valid {r['valid_hours']} h; {r['resends']} resends; "
                        f"{r['wrong_inputs']} wrong entries return the order"))
        lines.append("  " + _pick(r["same_person"], r["same_person_en"], lang))
        for d in r["disputed"]:
            lines.append(("  另有来源：" if zh else "  Other source: ") + f"{d.get('roles')} {d.get('source')}")
    lines += ["", "【时间节点】" if zh else "[Deadlines]"]
    lines += [f"  - {_pick(d['text'], d['text_en'], lang)}  — {d['source']}" for d in plan["deadlines"]]
    lines += ["", "【备案通过后】" if zh else "[After approval]"]
    for a in plan["after_approval"]:
        lines.append(f"  - {_pick(a['text'], a['text_en'], lang)}  — {a['source']}")
        if "snippet" in a:
            lines.append(f"      {a['snippet']['html']}")
            if a["snippet"]["placeholder"]:
                lines.append("      " + _pick(a["snippet"]["placeholder"], a["snippet"]["placeholder_en"], lang))
    return "\n".join(lines) + "\n"
