"""The command line (contract §3). Exit codes: 0 clean, 1 errors found, 2 unreadable input or a
wrong call. Bad input never ends in a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .errors import IcpdeskError, InputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too, but says it our way
        self.print_usage(sys.stderr)
        print(f"icpdesk: {message}", file=sys.stderr)
        raise SystemExit(2)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _common(p: argparse.ArgumentParser, *, lang: bool = True, today: bool = False) -> argparse.ArgumentParser:
    """The options every subcommand shares: --json (contract §3), --lang, and a hidden --today
    that pins "now" for reproducible ages and expiry dates."""
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _rules_option(p)
    if lang:
        p.add_argument("--lang", choices=["zh", "en"], default="zh")
    if today:
        p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    return p


def _rules_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="用另一个规则目录 / run with another rules folder "
                   "(default: $ICPDESK_RULES, else the shipped rules)")


def take_rules_option(argv: list[str]) -> list[str]:
    """`--rules DIR` anywhere on the line (the app's too): it becomes ICPDESK_RULES, which the
    rulebook and the image workers read. Returns the remaining arguments."""
    from .shipped import RULES_ENV

    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--rules" or arg.startswith("--rules="):
            value = arg.partition("=")[2] if "=" in arg else next(it, "")
            if not value:
                raise InputError("--rules 需要一个目录 / --rules needs a folder")
            os.environ[RULES_ENV] = value
        else:
            out.append(arg)
    return out


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="icpdesk", description="ICP备案助手：离线检查备案信息和材料 / "
                "prepare China ICP filings offline")
    p.add_argument("--version", action="version", version=f"icpdesk {__version__}")
    _rules_option(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    v = _common(sub.add_parser("validate", help="检查备案文件 / check a filing file against all rules"), today=True)
    v.add_argument("filing", help="*.icpdesk.yaml or .json")
    v.add_argument("--images", action="store_true", help="also check every scan (slower: decodes them)")
    pl = _common(sub.add_parser("plan", help="备案类型、材料清单和短信核验计划 / filing type, materials, SMS plan"),
                 today=True)
    pl.add_argument("filing")
    ru = _common(sub.add_parser("rules", help="某省现行的规则及其依据 / the rules in force, with sources"))
    ru.add_argument("--province", default="", help="省份，如 浙江（默认：全国规则）/ e.g. 浙江 (default: national)")
    ft = _common(sub.add_parser("filing-type", help="由几个问题判断备案类型 / decide the filing type from questions"))
    ft.add_argument("--service", choices=["website", "app"], default="website")
    ft.add_argument("--action", default="new", choices=["new", "change_principal", "change_service",
                    "change_access", "cancel_principal", "cancel_service", "cancel_access"])
    ft.add_argument("--principal-filed", action="store_true", help="主体已备案 / the principal is filed")
    ft.add_argument("--principal-here", action="store_true", help="主体在本接入商备案 / filed with this provider")
    ft.add_argument("--service-filed", action="store_true", help="域名/APP已备案 / the domain or APP is filed")
    ci = _common(sub.add_parser("check-image", help="检查扫描件 / check scanned documents (files or folders)"))
    ci.add_argument("files", nargs="+", metavar="FILE")
    ci.add_argument("--kind", default=None, help="material kind, e.g. curtain_photo")
    ci.add_argument("--provider", default=None,
                    help="access provider (rules/catalogues/providers.yaml): its own image rules apply as errors")
    ci.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    fx = _common(sub.add_parser("fix-image", help="生成修正后的副本 / write a corrected copy"))
    fx.add_argument("file")
    fx.add_argument("--kind", default=None)
    fx.add_argument("-o", "--output", required=True)
    ex = _common(sub.add_parser("export", help="导出备案资料包 / export the package"), today=True)
    ex.add_argument("filing")
    ex.add_argument("-o", "--output", required=True, metavar="PACKAGE.zip")
    ex.add_argument("--mask", action="store_true", help="证件号和电话打码 / mask ID numbers and phones")
    ve = _common(sub.add_parser("verify", help="检查收到的资料包 / verify a received package"), today=True)
    ve.add_argument("package")
    im = _common(sub.add_parser("import", help="把资料包还原为备案文件 / unpack a package into a filing folder"),
                 lang=False)
    im.add_argument("package")
    im.add_argument("-o", "--output", required=True, metavar="FOLDER")
    ws = sub.add_parser("workspace", help="工作区：多个备案 / the workspace of many filings")
    wsub = ws.add_subparsers(dest="ws_command", metavar="ACTION", parser_class=_Parser, required=True)
    wa = _workspace_option(wsub.add_parser("add", help="把备案文件和扫描件复制进来 / copy filings and scans in"))
    wa.add_argument("files", nargs="+", metavar="FILE")
    _common(_workspace_option(wsub.add_parser("list", help="列出工作区的备案 / list the filings")))
    wv = _common(_workspace_option(wsub.add_parser("validate", help="检查所有备案 / validate every filing")),
                 today=True)
    wv.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    return p


def _workspace_option(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--workspace", default=None, metavar="DIR",
                   help="工作区目录（默认：用户数据目录）/ workspace folder (default: the user's data folder)")
    return p


# Control characters (ESC, BEL, C1) and bidi overrides from a hostile file must not reach the
# terminal: they are shown as \\uXXXX, which is also how JSON escapes them, so JSON stays valid.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _out(text: str) -> None:
    sys.stdout.write(terminal_safe(text))
    sys.stdout.flush()


def _image_findings(filing, base: Path) -> list:
    """The scans' findings, at materials[i], for files that exist (a missing one is a rule's)."""
    from .images.batch import check_many
    from .images.in_filing import at_materials
    from .shipped import default_rulebook

    present = [(i, base / m.path, m.kind) for i, m in enumerate(filing.materials) if (base / m.path).is_file()]
    reports = check_many([p for _, p, _ in present], kinds=[k for _, _, k in present])
    return at_materials(((i, r.findings) for (i, _, _), r in zip(present, reports, strict=True)),
                        filing.provider, default_rulebook().plan)


def cmd_validate(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .fileio import load_filing
    from .findings import has_errors, sort_key
    from .report import render

    path = Path(args.filing)
    filing = load_filing(path)
    validator = Validator(today=args.today, base_dir=path.resolve().parent)
    findings = validator.validate(filing)
    if args.images:
        findings = sorted(findings + _image_findings(filing, path.resolve().parent), key=sort_key)
    ok = not has_errors(findings)
    if args.json:
        payload: dict[str, Any] = {"ok": ok, "rules_version": validator.rulebook.version,
                                   "findings": [f.to_dict() for f in findings]}
        _out(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(render(findings, validator.rulebook.catalogues, args.lang, title=str(path)))
    return 0 if ok else 1


def cmd_plan(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .fileio import load_filing
    from .plan import make_plan, render_plan

    path = Path(args.filing)
    filing = load_filing(path)
    plan = make_plan(filing, Validator(today=args.today, base_dir=path.resolve().parent))
    if args.json:
        _out(json.dumps(plan, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(render_plan(plan, args.lang))
    return 0 if plan["ok"] else 1


def cmd_filing_type(args: argparse.Namespace) -> int:
    from .filing_types import Situation, decide
    from .shipped import default_rulebook

    situation = Situation(service=args.service, action=args.action, principal_filed=args.principal_filed,
                          principal_here=args.principal_here, service_filed=args.service_filed)
    d = decide(situation, default_rulebook().catalogues)
    if args.json:
        _out(json.dumps(d.model_dump(), ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        _out(f"{d.en if en else d.zh} ({d.code})\n{d.explain_en if en else d.explain}\n"
             + "".join(f"! {w}\n" for w in d.warnings))
    return 1 if d.warnings else 0


def _check_code(catalogue: str, code: str | None, what: str) -> None:
    from .shipped import default_rulebook

    codes = default_rulebook().catalogues[catalogue]
    if code is not None and code not in codes:
        raise InputError(f"{what} {code!r}; choose from {', '.join(codes.codes)}")


def _check_kind(kind: str | None) -> None:
    _check_code("material_kinds", kind, "未知的资料类型 / unknown material kind")


def _check_provider(provider: str | None) -> None:
    _check_code("providers", provider, "未知的接入商 / unknown access provider")


def cmd_check_image(args: argparse.Namespace) -> int:
    from .images.batch import check_many, expand_paths
    from .images.in_filing import for_provider
    from .shipped import default_rulebook

    _check_kind(args.kind)
    _check_provider(args.provider)
    paths = expand_paths(args.files)
    if not paths:
        raise InputError("没有要检查的文件 / no files to check")
    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, path: str) -> None:
        if tty:
            sys.stderr.write(f"\r检查中 / checking {done}/{total}")
            sys.stderr.flush()

    reports = list(check_many(paths, args.kind, jobs=args.jobs, progress=progress))
    plan = default_rulebook().plan
    for r in reports:
        r.findings = for_provider(r.findings, args.provider, plan)
    if tty:
        sys.stderr.write("\n")
    if args.json:
        _out(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        for r in reports:
            size = f"{r.width}×{r.height}" if r.width else "-"
            mark = "✓" if r.ok else "✗"
            _out(f"{mark} {r.path}  {r.format or '?'} {size} {r.bytes if r.bytes is not None else '-'} B\n")
            for f in r.findings:
                _out(f"    {f.severity}: {f.text(args.lang)}\n")
                _out(("      Fix: " if en else "      改正：") + f.hint_text(args.lang) + f"  [{f.rule}]\n")
        bad = sum(not r.ok for r in reports)
        _out(f"{len(reports)} files, {bad} with errors\n" if en else f"共 {len(reports)} 个文件，{bad} 个有错误\n")
    return 0 if all(r.ok for r in reports) else 1


def cmd_fix_image(args: argparse.Namespace) -> int:
    from .images.fix import fix_image

    _check_kind(args.kind)
    report = fix_image(args.file, args.kind, args.output)
    if args.json:
        _out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        _out(("Wrote " if en else "已写入 ") + report.output + "\n")
        for c in (report.changes_en if en else report.changes):
            _out(f"  - {c}\n")
        for f in report.after.findings if report.after else []:
            _out(f"  {f.severity}: {f.text(args.lang)}\n")
    return 0 if report.after and report.after.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .package.export import ExportRefused, export_package
    from .report import render

    validator = Validator(today=args.today)
    tty = sys.stderr.isatty() and not args.json

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
            from .package.summary import MASK_NOTE

            _out(f"  {MASK_NOTE}\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .package.verify import verify_package
    from .report import render

    validator = Validator(today=args.today)
    report = verify_package(args.package, validator=validator)
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


def cmd_import(args: argparse.Namespace) -> int:
    from .package.verify import import_package

    path, report = import_package(args.package, args.output)
    if args.json:
        _out(json.dumps({"ok": True, "filing": str(path), **report.to_dict()}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(f"已导入 / imported {path}\n")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    """What a verdict rests on: every rule in force for a province, what overrides what, and why."""
    from .shipped import default_rulebook

    rb = default_rulebook()
    if args.province and rb.catalogues.province(args.province) is None:
        raise InputError(f"未知的省份 / unknown province {args.province!r}; "
                         f"choose from {'、'.join(rb.catalogues['provinces'].codes)}")
    prov = rb.province(args.province)
    rows = [{"id": r.id, "severity": r.severity, "check": r.check, "paths": r.paths,
             "when": r.when.model_dump(exclude_none=True), "message": r.message, "message_en": r.message_en,
             "province": r.province, "overrides": r.overrides, "source": r.source,
             "source_title": r.source_title, "cites": list(r.cites)} for r in prov.rules]
    if args.json:
        _out(json.dumps({"province": prov.code, "rules_version": rb.version, "rules": rows,
                         "overridden": prov.overridden}, ensure_ascii=False, indent=2) + "\n")
        return 0
    en = args.lang == "en"
    _out(f"{prov.code or ('national' if en else '全国')}: {len(rows)} rules (rules {rb.version})\n")
    for r in rows:
        origin = f" [{r['province']}{' overrides ' + ', '.join(r['overrides']) if r['overrides'] else ''}]" \
            if r["province"] else ""
        _out(f"{r['severity']:<7} {r['id']}{origin}\n        {r['message_en'] if en else r['message']}\n"
             f"        {'Source' if en else '依据'}: {r['source_title'] or r['source']}\n")
    return 0


def _workspace(args: argparse.Namespace):
    from .workspace import Workspace

    return Workspace(Path(args.workspace) if args.workspace else None)


def cmd_workspace(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    if args.ws_command == "add":
        ws.ensure()
        for name in args.files:
            _out(f"{ws.add_file(Path(name))}\t{name}\n")
        return 0
    if args.ws_command == "list":
        rows = [e.summary() for e in ws.entries()]
        if args.json:
            _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            for r in rows:
                _out(f"{r['id']}  {r['status']:<8} {r['errors']:>3} 错误 {r['warnings']:>3} 警告  "
                     f"{r['province']:<4} {r['filing_type']:<16} {r['name']}  {' '.join(r['domains'][:3])}\n")
        return 0
    from .workspace import validate_all

    results = validate_all(ws, jobs=args.jobs, today=args.today)
    if args.json:
        _out(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        for r in results:
            _out(f"{r['id']}  {r['errors']:>3} {'errors' if en else '错误'} {r['warnings']:>3} "
                 f"{'warnings' if en else '警告'}  {r['name']}\n")
        bad = sum(1 for r in results if r["errors"])
        _out(f"{len(results)} filings, {bad} with errors\n" if en else f"共 {len(results)} 个备案，{bad} 个有错误\n")
    return 1 if any(r["errors"] for r in results) else 0


COMMANDS = {"validate": cmd_validate, "plan": cmd_plan, "filing-type": cmd_filing_type, "rules": cmd_rules,
            "check-image": cmd_check_image, "fix-image": cmd_fix_image, "export": cmd_export,
            "verify": cmd_verify, "import": cmd_import, "workspace": cmd_workspace}
GUI_FLAGS = ("--smoke", "--demo", "--workspace")


def _gui(argv: list[str]) -> int:
    try:
        from icpdesk_ui.app import run
    except ImportError as e:
        print(f"icpdesk: the desktop app is not available ({e}); use the command line: "
              "icpdesk validate FILE", file=sys.stderr)
        return 2
    return run(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = take_rules_option(argv)
    except InputError as e:
        print(f"icpdesk: {e}", file=sys.stderr)
        return 2
    if not argv or argv[0] in GUI_FLAGS or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _gui(argv)  # `icpdesk` or `icpdesk FILE.icpdesk.yaml` opens the app
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _gui([])
    try:
        from .shipped import default_rulebook

        default_rulebook()  # a broken rules folder is refused here, before any work
        return COMMANDS[args.command](args)
    except IcpdeskError as e:  # unreadable input (2), refused packages (2), unfixable scans (1)
        print(f"icpdesk: {terminal_safe(str(e))}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:
        return 0
    except OSError as e:  # a full disk, a read-only folder: one line; what was there stays intact
        where = f" ({e.filename})" if e.filename else ""
        print(f"icpdesk: 无法写入 / cannot write{where}: {e.strerror or e}；原有文件未改动 / "
              "existing files are unchanged", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
