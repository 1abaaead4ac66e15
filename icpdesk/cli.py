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
    from .paths import RULES_ENV  # light: the app's first paint must not wait for the rules

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


def build_parser(kinds_in_help: bool = True) -> argparse.ArgumentParser:
    """`kinds_in_help`: list the material kinds in --kind's help (it reads a catalogue: only
    when help is asked for)."""
    kind_help = _kind_help() if kinds_in_help else "资料类型 / material kind"
    p = _Parser(prog="icpdesk", description="ICP备案助手：离线检查备案信息和材料 / "
                "prepare China ICP filings offline", formatter_class=argparse.RawDescriptionHelpFormatter,
                usage="icpdesk [FILE | --demo | --workspace DIR]\n       icpdesk COMMAND [options]",
                epilog="桌面程序 / the desktop app:\n"
                "  icpdesk                      打开工作区 / open the workspace window\n"
                "  icpdesk FILE.icpdesk.yaml    打开（复制进工作区）这个备案 / open that filing (copied in)\n"
                "  icpdesk PACKAGE.zip          打开资料包：审阅或导入 / open a package: review or import\n"
                "  icpdesk --demo               用示例备案试用 / try it with a demo filing\n"
                "  icpdesk --workspace DIR      用另一个工作区 / use another workspace folder\n"
                "  icpdesk --lang en|zh         这次用的界面语言 / the window's language this time\n"
                "每个命令的选项 / options of a command: icpdesk COMMAND --help")
    p.add_argument("--version", action="version", version=f"icpdesk {__version__}")
    _rules_option(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="icpdesk")
    v = _common(sub.add_parser("validate", help="检查备案文件 / check a filing file against all rules"), today=True)
    v.add_argument("filings", nargs="+", metavar="FILING",
                   help="*.icpdesk.yaml or .json, or folders of them (several: a table and, with --json, JSON lines)")
    v.add_argument("--no-images", dest="images", action="store_false",
                   help="不检查扫描件 / skip the scans (by default each is checked; verdicts are cached by content)")
    v.add_argument("--images", dest="images", action="store_true", help=argparse.SUPPRESS)  # the default now
    v.add_argument("--ocr", action="store_true",
                   help="读取身份证、营业执照和域名证书扫描件并与填写内容核对 / read the ID, licence and domain "
                        "certificate scans and compare them with the filing (needs icpdesk[ocr])")
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
    ci.add_argument("--kind", default=None, help=kind_help)
    ci.add_argument("--provider", default=None,
                    help="access provider (rules/catalogues/providers.yaml): its own image rules apply as errors")
    ci.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    ci.add_argument("--ocr", action="store_true",
                    help="读出证件上的文字（需 --kind）/ print what OCR reads on the document (needs --kind and "
                         "icpdesk[ocr])")
    fx = _common(sub.add_parser("fix-image", help="生成修正后的副本 / write corrected copies (files or folders)"))
    fx.add_argument("files", nargs="+", metavar="FILE")
    fx.add_argument("--kind", default=None, help=kind_help)
    fx.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="一个文件：输出文件或文件夹；多个文件或文件夹：输出文件夹 / one file: the copy or a folder; "
                    "several or a folder: the output folder")
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
    ap = _common(sub.add_parser("app-info", help="读取安装包、密钥库或证书：包名、指纹、公钥 / read an APK, AAB, IPA, "
                                "HAP, keystore or certificate: package name, fingerprints, public key"), today=True)
    ap.add_argument("files", nargs="+", metavar="FILE", help=".apk .aab .ipa .hap .jks .keystore .p12 .pfx .pem "
                    ".cer .der .rsa")
    ap.add_argument("--filing", default=None, metavar="FILING",
                    help="与备案文件核对包名、指纹和公钥 / compare package name, fingerprints and public key "
                    "with this filing's APPs")
    ap.add_argument("--password", default=None, help="密钥库密码（默认：$ICPDESK_KEYSTORE_PASSWORD，否则询问；"
                    "命令行上的密码别人可在进程列表里看到）/ the keystore password (default: "
                    "$ICPDESK_KEYSTORE_PASSWORD, else asked; on the command line others may see it in the "
                    "process list)")
    ws = sub.add_parser("workspace", help="工作区：多个备案 / the workspace of many filings")
    wsub = ws.add_subparsers(dest="ws_command", metavar="ACTION", parser_class=_Parser, required=True)
    wa = _workspace_option(wsub.add_parser("add", help="把备案文件和扫描件复制进来 / copy filings and scans in"))
    wa.add_argument("files", nargs="+", metavar="FILE")
    _common(_workspace_option(wsub.add_parser("list", help="列出工作区的备案 / list the filings")))
    wv = _common(_workspace_option(wsub.add_parser("validate", help="检查所有备案 / validate every filing")),
                 today=True)
    wv.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    return p


def _kind_help() -> str:
    """The material kinds, read from the catalogue (a broken one only shortens the help)."""
    from .paths import rules_folder

    try:
        from .rules_cache import load_trusted

        data = load_trusted((rules_folder() / "catalogues" / "material_kinds.yaml").read_text("utf-8"))
        codes = ", ".join(e["code"] for e in data["entries"])
    except Exception:  # the help must not fail; the command reports a broken catalogue itself
        codes = "see rules/catalogues/material_kinds.yaml"
    return f"资料类型 / material kind: {codes}"


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


class _Progress:
    """A one-line counter on stderr when it is a terminal (never in JSON or a pipe)."""

    def __init__(self, args: argparse.Namespace, label: str) -> None:
        self.on = sys.stderr.isatty() and not getattr(args, "json", False)
        self.label, self.shown = label, False

    def __call__(self, done: int, total: int, _what: str = "") -> None:
        if self.on:
            width = 24
            bar = "#" * (width * done // max(total, 1))
            sys.stderr.write(f"\r{self.label} [{bar:<{width}}] {done}/{total}")
            sys.stderr.flush()
            self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


FILING_SUFFIXES = (".icpdesk.yaml", ".icpdesk.yml", ".icpdesk.json")


def expand_filings(names: list[str]) -> list[Path]:
    """Files as given; folders walked for *.icpdesk.yaml / .json (hidden entries skipped)."""
    from .images.walk import expand_paths  # the same walk as check-image's (hidden entries skipped)

    out: list[Path] = []
    for name in names:
        p = Path(name)
        if p.is_dir():
            found = [q for q in expand_paths([p]) if q.name.lower().endswith(FILING_SUFFIXES) and q.is_file()]
            if not found:
                raise InputError("文件夹里没有备案文件（*.icpdesk.yaml）/ no filing files in this folder", file=name)
            out += found
        else:
            out.append(p)
    return out


def _validate_one(path: Path, args: argparse.Namespace, validator, *, batch: bool = True) -> dict[str, Any]:
    """One filing's result: findings (with its scans unless --no-images); in a batch, an
    unreadable file is a result of its own (alone, it is the command's error)."""
    from .fileio import load_filing
    from .findings import has_errors, sort_key

    try:
        filing = load_filing(path)
    except IcpdeskError as e:
        if not batch:
            raise
        return {"file": str(path), "ok": False, "error": str(e), "exit_code": e.exit_code}
    base = path.resolve().parent
    readings = None
    if getattr(args, "ocr", False):
        from .ocr import read_materials

        readings = read_materials(filing, base)
    findings = validator.validate(filing, readings) + _review_comments(path)
    if args.images:
        from .images.in_filing import scan_findings
        from .images.verdicts import shared_cache

        findings += scan_findings(filing, base, cache=shared_cache())
    findings.sort(key=sort_key)  # once, over all three sources
    return {"file": str(path), "ok": not has_errors(findings), "findings": findings}


def _review_comments(path: Path) -> list:
    """The reviewer's comments kept beside the filing (review.json, as `icpdesk import` of a
    returned package leaves it): the same review.comment findings the app shows. A broken file
    costs its comments, with a line on stderr, never the validation."""
    from .reviews import REVIEW, ReviewError, load_reviews, review_findings

    try:
        return review_findings(load_reviews(path.resolve().parent / REVIEW))
    except ReviewError as e:
        print(f"{e}（审阅意见未显示 / review comments not shown）", file=sys.stderr)
        return []


def _counts(findings) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}


def cmd_validate(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .report import render

    paths = expand_filings(args.filings)
    if args.ocr:
        from .ocr import OcrUnavailable, available

        if not available():
            raise OcrUnavailable()
    rulebook = Validator(today=args.today).rulebook
    if len(paths) == 1 and not Path(args.filings[0]).is_dir():  # one file: the contract's single answer
        path = paths[0]
        result = _validate_one(path, args, Validator(rulebook, today=args.today, base_dir=path.resolve().parent),
                               batch=False)
        if args.json:
            payload: dict[str, Any] = {"ok": result["ok"], "rules_version": rulebook.version,
                                       "findings": [f.to_dict() for f in result["findings"]]}
            _out(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            _out(render(result["findings"], rulebook.catalogues, args.lang, title=str(path)))
        return 0 if result["ok"] else 1
    progress = _Progress(args, "检查 / validating")
    results = []
    for i, path in enumerate(paths):
        validator = Validator(rulebook, today=args.today, base_dir=path.resolve().parent)
        result = _validate_one(path, args, validator)
        results.append(result)
        progress(i + 1, len(paths))
        if args.json:  # JSON lines: one object per filing, as each is done
            line = {k: v for k, v in result.items() if k != "findings"}
            if "findings" in result:
                line |= {"rules_version": rulebook.version, "findings": [f.to_dict() for f in result["findings"]]}
            _out(json.dumps(line, ensure_ascii=False) + "\n")
    progress.end()
    if not args.json:
        _out(_batch_text(results, rulebook.catalogues, args.lang))
    if any("error" in r for r in results):
        return 2
    return 0 if all(r["ok"] for r in results) else 1


def _batch_text(results: list[dict[str, Any]], catalogues, lang: str) -> str:
    """Each filing with problems in full, then one table row per filing."""
    from .report import render

    en = lang == "en"
    parts = [render(r["findings"], catalogues, lang, title=r["file"]) + "\n"
             for r in results if r.get("findings")]
    width = min(60, max(len(r["file"]) for r in results))
    head = ("file", "errors", "warnings", "result") if en else ("文件", "错误", "警告", "结果")
    rows = [f"{head[0]:<{width}}  {head[1]:>6}  {head[2]:>8}  {head[3]}"]
    for r in results:
        if "error" in r:
            rows.append(f"{r['file']:<{width}}  {'-':>6}  {'-':>8}  {'unreadable' if en else '无法读取'}: {r['error']}")
            continue
        c = _counts(r["findings"])
        verdict = ("ok" if en else "通过") if r["ok"] else ("errors" if en else "有错误")
        rows.append(f"{r['file']:<{width}}  {c['error']:>6}  {c['warning']:>8}  {verdict}")
    bad = sum(1 for r in results if not r["ok"])
    rows.append(f"{_plural(len(results), 'filing')}, {bad} with errors or unreadable" if en
                else f"共 {len(results)} 个备案，{bad} 个有错误或无法读取")
    return "".join(parts) + "\n".join(rows) + "\n"


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
    from .images.verdicts import shared_cache
    from .shipped import default_rulebook

    _check_kind(args.kind)
    _check_provider(args.provider)
    _check_exist(args.files)
    readings = _ocr_kind(args)
    paths = expand_paths(args.files)
    if not paths:
        raise InputError("没有要检查的文件 / no files to check")
    progress = _Progress(args, "检查 / checking")
    reports = list(check_many(paths, args.kind, jobs=args.jobs, progress=progress, cache=shared_cache()))
    plan = default_rulebook().plan
    for r in reports:
        r.findings = for_provider(r.findings, args.provider, plan)
    progress.end()
    read: list[Any] = [None] * len(reports)  # what OCR read on each file (with --ocr)
    if readings:
        from .ocr import read_cached

        read = [read_cached(Path(r.path), args.kind) if r.width else None for r in reports]
    if args.json:
        rows = [r.to_dict() for r in reports]
        if readings:
            for row, reading in zip(rows, read, strict=True):
                row["ocr"] = _ocr_json(reading, args.kind)
        _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        en = args.lang == "en"
        for r, reading in zip(reports, read, strict=True):
            size = f"{r.width}×{r.height}" if r.width else "-"
            mark = "✓" if r.ok else "✗"
            _out(f"{mark} {r.path}  {r.format or '?'} {size} {r.bytes if r.bytes is not None else '-'} B\n")
            for f in r.findings:
                _out(f"    {f.severity}: {f.text(args.lang)}\n")
                _out(("      Fix: " if en else "      改正：") + f.hint_text(args.lang) + f"  [{f.rule}]\n")
            if readings:
                _out(_ocr_text(reading, args.lang))
        bad = sum(not r.ok for r in reports)
        _out(f"{_plural(len(reports), 'file')}, {bad} with errors\n" if en
             else f"共 {len(reports)} 个文件，{bad} 个有错误\n")
    return 0 if all(r.ok for r in reports) else 1


def _ocr_kind(args: argparse.Namespace) -> bool:
    """--ocr: a kind OCR can read must be named, and the extra installed (else exit 2)."""
    if not args.ocr:
        return False
    from .ocr import OCR_KINDS, OcrUnavailable, available

    if args.kind not in OCR_KINDS:
        raise InputError(f"--ocr 需要 --kind {'/'.join(OCR_KINDS)} / --ocr needs --kind {', '.join(OCR_KINDS)}")
    if not available():
        raise OcrUnavailable()
    return True


def _ocr_json(reading, kind: str) -> dict[str, Any]:
    if reading is None:
        return {"kind": kind, "document": "unknown", "fields": {}, "error": "not an image"}
    return reading.to_dict()


def _ocr_text(reading, lang: str) -> str:
    """What was read, one field a line (the values are the document's own words)."""
    en = lang == "en"
    if reading is None or reading.error:
        why = reading.error if reading else "not an image"
        return f"    OCR: could not read ({why})\n" if en else f"    OCR：无法读取（{why}）\n"
    from .shipped import default_rulebook

    cats = default_rulebook().catalogues
    lines = [f"    OCR: {cats['ocr_documents'].label(reading.document, lang)}\n"]
    for name, f in reading.fields.items():
        mark = "" if f.confident else (" (uncertain)" if en else "（看不清）")
        lines.append(f"      {name} ({cats['ocr_fields'].label(name, lang)}): {f.value}  {f.confidence:.0%}{mark}\n")
    if not reading.fields:
        lines.append("      (nothing read)\n" if en else "      （没有读出字段）\n")
    return "".join(lines)


def _check_exist(names: list[str]) -> None:
    """A name that is nothing at all is a wrong call (exit 2); pipes and broken links get verdicts."""
    missing = [n for n in names if not os.path.lexists(n)]
    if missing:
        raise InputError("文件不存在 / no such file: " + ", ".join(missing[:5]))


def fix_targets(names: list[str], out: Path) -> list[tuple[Path, Path]]:
    """(source, output) pairs: one file to OUT (a file or a folder); several files or folders
    into the folder OUT, keeping a folder's layout, each copy named after its original (.jpg),
    never two copies under one name."""
    from .images.walk import expand_paths

    if len(names) == 1 and not Path(names[0]).is_dir():
        return [(Path(names[0]), out)]
    if out.exists() and not out.is_dir():
        raise InputError("多个文件时 -o 应是文件夹 / with several files -o must be a folder", file=str(out))
    pairs: list[tuple[Path, Path]] = []
    taken: set[Path] = set()
    for name in names:
        root = Path(name)
        for src in expand_paths([name]):
            rel = src.relative_to(root).with_suffix("") if root.is_dir() else Path(src.stem)
            dest, n = out / rel.with_suffix(".jpg"), 2
            while dest in taken:
                dest, n = out / f"{rel}-{n}.jpg", n + 1
            taken.add(dest)
            pairs.append((src, dest))
    return pairs


def cmd_fix_image(args: argparse.Namespace) -> int:
    from .images.fix import fix_image

    _check_kind(args.kind)
    _check_exist(args.files)
    pairs = fix_targets(args.files, Path(args.output))
    single = len(pairs) == 1 and len(args.files) == 1 and not Path(args.files[0]).is_dir()
    if single:
        report = fix_image(pairs[0][0], args.kind, pairs[0][1])
        if args.json:
            _out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _out(_fix_text(report, args.lang))
        return 0 if report.after and report.after.ok else 1
    progress = _Progress(args, "修正 / fixing")
    results: list[dict[str, Any]] = []
    for i, (src, dest) in enumerate(pairs):
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            report = fix_image(src, args.kind, dest)
            row = report.to_dict()
            if not args.json:
                progress.end()
                _out(_fix_text(report, args.lang))
        except IcpdeskError as e:  # one file that cannot be fixed does not stop the batch
            row = {"source": str(src), "output": None, "ok": False, "error": str(e), "exit_code": e.exit_code}
            if not args.json:
                progress.end()
                _out(f"✗ {src}: {e}\n")
        results.append(row)
        if args.json:
            _out(json.dumps(row, ensure_ascii=False) + "\n")
        progress(i + 1, len(pairs))
    progress.end()
    if not args.json:
        en = args.lang == "en"
        bad = sum(1 for r in results if not r["ok"])
        _out(f"{_plural(len(results), 'file')}: {len(results) - bad} fixed, {bad} not\n" if en
             else f"共 {len(results)} 个文件：{len(results) - bad} 个已修正，{bad} 个未能修正\n")
    return 0 if all(r["ok"] for r in results) else 1


def _fix_text(report, lang: str) -> str:
    en = lang == "en"
    lines = [("Wrote " if en else "已写入 ") + report.output + (f"  ({report.source})" if report.source else "")]
    lines += [f"  - {c}" for c in (report.changes_en if en else report.changes)]
    lines += [f"  {f.severity}: {f.text(lang)}" for f in (report.after.findings if report.after else [])]
    return "\n".join(lines) + "\n"


def cmd_export(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .package.export import ExportRefused, export_package
    from .report import render

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
            from .package.summary import MASK_NOTE

            _out(f"  {MASK_NOTE}\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .engine import Validator
    from .package.verify import verify_package
    from .report import render

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
    from .engine import Validator
    from .package.review import write_returned
    from .package.verify import verify_package
    from .reviews import ReviewComment, new_round, path_problem

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
        from .atomic import atomic_write
        from .package.review_report import build_review_html, build_review_pdf

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
    from .report import render

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
    from .package.verify import import_package

    path, report = import_package(args.package, args.output, masked_ok=args.masked_ok)
    if args.json:
        _out(json.dumps({"ok": True, "filing": str(path), **report.to_dict()}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(f"已导入 / imported {path}\n")
        if report.manifest and report.manifest.masked:
            _out("  打码的包：证件号和电话需重新填写 / masked package: enter the ID numbers and phones again\n")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    """What a verdict rests on: every rule in force for a province, what overrides what, and why."""
    from .shipped import default_rulebook

    rb = default_rulebook()
    if args.province and rb.catalogues.province(args.province) is None:
        raise InputError(f"未知的省份 / unknown province {args.province!r}; "
                         f"choose from {'、'.join(rb.catalogues['provinces'].codes)}")
    from .rules_listing import listing, render

    data = listing(rb, rb.province(args.province))
    if args.json:
        _out(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    _out(render(data, args.lang == "en"))
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


# ---- app-info (issue 31): one block, the reading itself is icpdesk/appfiles ------------------

KEYSTORE_PASSWORD_ENV = "ICPDESK_KEYSTORE_PASSWORD"


def _keystore_password(args: argparse.Namespace) -> str | None:
    """--password, else the environment, else a prompt when a keystore is among the files and
    someone is at the terminal. Never printed, never logged."""
    from .appfiles import is_keystore

    if args.password is not None:
        return args.password
    if os.environ.get(KEYSTORE_PASSWORD_ENV) is not None:
        return os.environ[KEYSTORE_PASSWORD_ENV]
    if sys.stdin.isatty() and any(is_keystore(Path(f)) for f in args.files):
        import getpass

        return getpass.getpass("密钥库密码 / keystore password: ")
    return None


def _read_app(name: str, password: str | None, args: argparse.Namespace, apps) -> dict[str, Any]:
    from .appfiles import read_app_file
    from .appfiles.crosscheck import cross_check

    info = read_app_file(Path(name), password, today=args.today)
    if apps is not None:
        info.findings += cross_check(apps, info)
    return info.to_dict()


def cmd_app_info(args: argparse.Namespace) -> int:
    password = _keystore_password(args)
    apps = None
    if args.filing:
        from .fileio import load_filing

        apps = load_filing(args.filing).apps
    if len(args.files) == 1:  # one file: its answer, or the command's error (exit 2)
        info = _read_app(args.files[0], password, args, apps)
        if args.json:
            _out(json.dumps({"ok": not info["findings"], **info}, ensure_ascii=False, indent=2) + "\n")
        else:
            _out(_app_info_text(info, args.lang == "en"))
        return 1 if info["findings"] else 0
    codes = []
    for name in args.files:
        try:
            info = _read_app(name, password, args, apps)
        except IcpdeskError as e:
            print(f"icpdesk: {terminal_safe(str(e))}", file=sys.stderr)
            if args.json:
                _out(json.dumps({"file": name, "ok": False, "error": str(e), "exit_code": e.exit_code},
                                ensure_ascii=False) + "\n")
            codes.append(e.exit_code)
            continue
        codes.append(1 if info["findings"] else 0)
        if args.json:
            _out(json.dumps({"ok": not info["findings"], **info}, ensure_ascii=False) + "\n")
        else:
            _out(_app_info_text(info, args.lang == "en"))
    return max(codes)


def _app_info_text(info: dict[str, Any], en: bool) -> str:
    label = (lambda zh, e: e) if en else (lambda zh, e: zh)
    lines = [f"{info['file']}  ({info['kind'].upper()})"]
    for key, zh, e in (("package_name", "包名", "package"), ("bundle_id", "Bundle ID", "bundle ID"),
                       ("name", "名称", "name"), ("version", "版本", "version")):
        if info[key]:
            lines.append(f"  {label(zh, e)}: {info[key]}")
    for i, c in enumerate(info["certificates"], 1):
        key_kind = ("—" if not c["public_key"] else "modulus"
                    if all(ch in "0123456789ABCDEF" for ch in c["public_key"]) else "base64")
        lines += [f"  {label('证书', 'certificate')} {i} ({c['source']}): {c['subject']}",
                  f"    MD5:     {c['md5']}", f"    SHA-1:   {c['sha1']}", f"    SHA-256: {c['sha256']}",
                  f"    {label('公钥', 'public key')} ({key_kind}): {c['public_key']}",
                  f"    {label('有效期', 'valid')}: {c['not_before'][:10]} – {c['not_after'][:10]}"]
    lines += [f"  ✗ {f}" for f in info["findings"]] + [f"  · {n}" for n in info["notes"]]
    return "\n".join(lines) + "\n"


COMMANDS = {"validate": cmd_validate, "plan": cmd_plan, "filing-type": cmd_filing_type, "rules": cmd_rules,
            "check-image": cmd_check_image, "fix-image": cmd_fix_image, "export": cmd_export,
            "verify": cmd_verify, "review": cmd_review, "import": cmd_import, "workspace": cmd_workspace,
            "app-info": cmd_app_info}
GUI_FLAGS = ("--smoke", "--demo", "--workspace", "--review", "--lang")
WITHOUT_RULES = {"app-info"}  # reads packages and certificates only: no 0.3 s of rule loading


OPENABLE = (".yaml", ".yml", ".json", ".zip")


def _names_a_file(arg: str) -> bool:
    """An existing path, or one named like a filing or a package (the window says it is missing)."""
    return os.path.lexists(arg) or arg.lower().endswith(OPENABLE)


def _gui(argv: list[str]) -> int:
    try:
        from icpdesk_ui.app import run
    except ImportError as e:
        print(f"icpdesk: the desktop app is not available ({e}); use the command line: "
              "icpdesk validate FILE", file=sys.stderr)
        return 2
    return run(argv)


def _load_rules() -> None:
    """The rulebook, made as what it is: kept for the process's life (icpdesk/long_lived.py)."""
    from .long_lived import long_lived

    with long_lived():
        from .shipped import default_rulebook  # the imports too: most of the objects

        default_rulebook()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = take_rules_option(argv)
    except InputError as e:
        print(f"icpdesk: {e}", file=sys.stderr)
        return 2
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and not _names_a_file(argv[0]):
        import difflib

        close = difflib.get_close_matches(argv[0], list(COMMANDS), n=1)
        print(f"icpdesk: 没有这个命令，也没有这个文件 / no such command or file: {terminal_safe(argv[0])!r}"
              + (f"；是不是 / did you mean: icpdesk {close[0]}" if close else "")
              + "\n  命令 / commands: " + ", ".join(COMMANDS), file=sys.stderr)
        return 2
    if not argv or argv[0] in GUI_FLAGS or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _gui(argv)  # `icpdesk`, `icpdesk FILE.icpdesk.yaml` or `icpdesk PACKAGE.zip` opens the app
    args = build_parser(kinds_in_help=any(a in ("-h", "--help") for a in argv)).parse_args(argv)
    if args.command is None:
        return _gui([])
    try:
        if args.command not in WITHOUT_RULES:
            _load_rules()  # a broken rules folder is refused here, before any work
        return COMMANDS[args.command](args)
    except IcpdeskError as e:  # unreadable input (2), refused packages (2), unfixable scans (1)
        print(f"icpdesk: {terminal_safe(str(e))}", file=sys.stderr)
        if getattr(args, "json", False):  # a script reading stdout learns it too
            _out(json.dumps({"ok": False, "error": str(e), "exit_code": e.exit_code}, ensure_ascii=False) + "\n")
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
