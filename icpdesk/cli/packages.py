"""`icpdesk export`, `verify`, `review` and `import`: the package and what comes back."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import _common, _gui, _out


def cmd_export(args: argparse.Namespace) -> int:
    from ..engine import Validator
    from ..package.export import ExportRefused, export_package
    from ..report import render

    validator = Validator(today=args.today)
    tty = sys.stderr.isatty() and not args.json
    if os.path.lexists(args.output) and not args.force and not Path(args.output).is_dir():
        raise InputError("已有同名的包；用 --force 替换 / a package of that name exists; --force replaces it",
                         file=args.output)

    def progress(stage: str, done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\r{'检查图片' if stage == 'images' else '打包'} {done}/{total}   ")
            sys.stderr.flush()

    try:
        result = export_package(args.filing, args.output, mask=args.mask, validator=validator, progress=progress)
    except ExportRefused as e:
        if tty:
            sys.stderr.write("\n")
        if args.json:
            _out(json.dumps({"ok": False, "findings": [f.to_dict() for f in e.findings]}, ensure_ascii=False,
                            indent=2) + "\n")
        else:
            _out(render([f for f in e.findings if f.severity == "error"], validator.rulebook.catalogues,
                        args.lang, title=str(e)))
        return 1
    if tty:
        sys.stderr.write("\n")
    if args.json:
        _out(json.dumps({"ok": True, "package": str(result.path), "files": result.files,
                         "findings": [f.to_dict() for f in result.findings]}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(f"已导出 / exported {result.path} ({len(result.files)} files)\n")
        if args.mask:
            from ..package.summary import MASK_NOTE

            _out(f"  {MASK_NOTE}\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ..engine import Validator
    from ..package.verify import verify_package
    from ..report import render

    validator = Validator(today=args.today)
    report = verify_package(args.package, validator=validator, images=args.images)
    if args.json:
        _out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        m = report.manifest
        _out(f"{args.package}\n" + (f"  icpdesk {m.tool_version}, rules {m.rules_version}, {m.created}"
                                     + (" (masked)" if m.masked else "") + "\n" if m else ""))
        if report.integrity == "ok":
            _out("  完整性：所有文件与清单一致\n" if not en else "  Integrity: every file matches the manifest\n")
        else:
            _out(("  完整性问题：\n" if not en else "  Integrity problems:\n")
                 + "".join(f"    ✗ {x}\n" for x in report.problems))
        if report.new:
            _out(("  导出后新出现的问题：" if not en else "  New since export: ") + str(len(report.new)) + "\n")
        if report.gone:
            _out(("  导出后消失的问题：" if not en else "  Gone since export: ") + str(len(report.gone)) + "\n")
        if report.rules_run:
            _out(render(report.findings, validator.rulebook.catalogues, args.lang))
        else:
            _out("  包已被改动：未按规则检查内容 / the package was altered: its content was not checked "
                 "against the rules\n")
    return 0 if report.ok else 1


def cmd_review(args: argparse.Namespace) -> int:
    """What a reviewer asks of a package, and (with --decision) the returned package."""
    from ..engine import Validator
    from ..package.review import write_returned
    from ..package.verify import verify_package
    from ..reviews import ReviewComment, new_round, path_problem

    if args.window:
        return _gui(["--review", args.package])
    validator = Validator(today=args.today)
    writing = bool(args.decision or args.comment or args.ok or args.output)
    if writing and not (args.decision and args.reviewer.strip() and args.output):
        raise InputError("写审阅意见需要 --decision、--reviewer 和 -o / a review needs --decision, --reviewer and -o")
    for target in (args.output, args.report):
        if target and os.path.lexists(target) and not args.force:
            raise InputError("已有同名文件；用 --force 替换 / the file exists; --force replaces it", file=target)
    report = verify_package(args.package, validator=validator)
    if writing:
        if report.integrity != "ok" or report.manifest is None or report.filing is None:
            raise InputError(f"包已被改动，不能在上面审阅：请让对方重新导出 / the package was altered; ask for a new "
                             f"export: {report.integrity}")
        comments = [ReviewComment(path=p, verdict="needs_change", text=t) for p, t in args.comment]
        comments += [ReviewComment(path=p, verdict="ok") for p in args.ok]
        for c in comments:
            problem = path_problem(report.filing, c.path)
            if problem:
                raise InputError(problem)
        report.reviews.append(new_round(args.reviewer.strip(), args.decision, comments))
        write_returned(Path(args.package), Path(args.output), report.reviews, report.manifest.digest)
        report.returned = True
    if args.report:
        from ..atomic import atomic_write
        from ..package.review_report import build_review_html, build_review_pdf

        cats = validator.rulebook.catalogues
        data = (build_review_pdf(report, cats) if args.report.lower().endswith(".pdf")
                else build_review_html(report, cats).encode("utf-8"))
        atomic_write(Path(args.report), data, inputs=[Path(args.package)])
    if args.json:
        d = report.to_dict()
        _out(json.dumps({k: d[k] for k in ("ok", "integrity", "problems", "findings", "new", "gone", "reviews",
                                            "returned", "package")}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(_review_text(report, validator, args.lang))
    latest = report.reviews[-1] if report.reviews else None
    if latest is not None:
        return 0 if latest.decision == "approve" and report.integrity == "ok" else 1
    return 0 if report.ok else 1


def _review_text(report, validator, lang: str) -> str:
    from ..report import render

    en = lang == "en"
    cats = validator.rulebook.catalogues
    lines = [report.path]
    lines.append(("  Integrity: every file matches the manifest" if en else "  完整性：所有文件与清单一致")
                 if report.integrity == "ok" else ("  Integrity problems:" if en else "  完整性问题：")
                 + "".join(f"\n    ✗ {x}" for x in report.problems))
    if report.new or report.gone:
        lines.append(f"  {'New since export' if en else '导出后新出现'}: {len(report.new)}, "
                     f"{'gone' if en else '已消失'}: {len(report.gone)}")
    for r in reversed(report.reviews):
        decision = {"approve": "approved" if en else "通过", "return": "returned" if en else "退回"}[r.decision]
        lines.append(f"  {'Review' if en else '审阅'}: {decision} — {r.reviewer}, {r.time}")
        for c in r.comments:
            where = ("whole filing" if en else "整个备案") if c.path == "filing" else cats.place_label(c.path, lang)
            mark = "✓" if c.verdict == "ok" else ("✓ resolved" if en else "✓ 已解决") if c.resolved else "✗"
            said = (f": {c.text}" if c.text else "") + (f" — {c.answer}" if c.answer else "")
            lines.append(f"    {mark} {where}{said}")
    text = "\n".join(lines) + "\n"
    if report.rules_run:
        text += render(report.findings, cats, lang)
    return text


def cmd_import(args: argparse.Namespace) -> int:
    from ..package.verify import import_package

    path, report = import_package(args.package, args.output, masked_ok=args.masked_ok)
    if args.json:
        _out(json.dumps({"ok": True, "filing": str(path), **report.to_dict()}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(f"已导入 / imported {path}\n")
        if report.manifest and report.manifest.masked:
            _out("  打码的包：证件号和电话需重新填写 / masked package: enter the ID numbers and phones again\n")
    return 0


def register(sub: Any, kind_help: str) -> None:
    """This module's commands on the `icpdesk` parser."""
    ex = _common(sub.add_parser("export", help="导出备案资料包 / export the package"), today=True)
    ex.add_argument("filing")
    ex.add_argument("-o", "--output", required=True, metavar="PACKAGE.zip")
    ex.add_argument("--mask", action="store_true", help="证件号和电话打码 / mask ID numbers and phones")
    ex.add_argument("--force", action="store_true", help="覆盖已有的包 / replace an existing package")
    ve = _common(sub.add_parser("verify", help="检查收到的资料包 / verify a received package"), today=True)
    ve.add_argument("package")
    ve.add_argument("--images", action="store_true",
                    help="再次检查包里的扫描件 / check the scans inside again (instead of the export's verdicts)")
    rv = _common(sub.add_parser("review", help="审阅资料包：完整性、检查结果、审阅意见；写回退回包 / review a package"),
                 today=True)
    rv.add_argument("package", metavar="PACKAGE.zip")
    rv.add_argument("--comment", nargs=2, action="append", default=[], metavar=("PATH", "TEXT"),
                    help="某字段需修改及意见（可多次）/ a field that needs a change, with the comment (repeatable); "
                    "PATH as in the filing (principal.leader.phone1, websites[0].name, materials[2]) or 'filing'")
    rv.add_argument("--ok", action="append", default=[], metavar="PATH", help="某字段无误 / a field judged ok")
    rv.add_argument("--decision", choices=["approve", "return"], help="通过或退回 / approve or return")
    rv.add_argument("--reviewer", default="", help="审阅人 / the reviewer's name")
    rv.add_argument("-o", "--output", metavar="RETURNED.zip", help="写出带审阅意见的包 / write the returned package")
    rv.add_argument("--report", metavar="REPORT.html|.pdf", help="审阅报告 / write the review report")
    rv.add_argument("--force", action="store_true", help="覆盖已有的输出 / replace existing outputs")
    rv.add_argument("--window", action="store_true", help="在审阅窗口里打开 / open it in the review window")
    im = _common(sub.add_parser("import", help="把资料包还原为备案文件 / unpack a package into a filing folder"),
                 lang=False)
    im.add_argument("package")
    im.add_argument("-o", "--output", required=True, metavar="FOLDER")
    im.add_argument("--masked-ok", action="store_true",
                    help="也导入打码的包（证件号和电话需重新填写）/ import a masked package too (numbers to re-enter)")
