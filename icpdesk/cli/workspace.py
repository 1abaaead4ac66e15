"""`icpdesk workspace add|list|validate`: the workspace from scripts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from .base import _common, _out, _Parser, _workspace_option, terminal_safe


def _workspace(args: argparse.Namespace):
    from ..workspace import Workspace

    return Workspace(Path(args.workspace) if args.workspace else None)


def cmd_workspace(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    if args.ws_command == "add":
        ws.ensure()
        left_outside = False
        with ws:  # the app's lock: while a window holds the workspace, exit 3 (WorkspaceLocked)
            for name in args.files:
                id = ws.add_file(Path(name), allow_outside=args.allow_outside)
                _out(f"{id}\t{name}\n")
                for m in ws.load(id).materials:
                    if m.path.strip() and os.path.isabs(m.path):
                        left_outside = True
                        print(f"icpdesk: {terminal_safe(name)}: 未复制文件夹外的扫描件 / scan outside the filing's "
                              f"folder not copied: {terminal_safe(m.path)} (--allow-outside copies it)",
                              file=sys.stderr)
        return 1 if left_outside else 0
    if args.workspace:  # reading commands: a mistyped folder is an error, not an empty list
        ws.require()
    if args.ws_command == "list":
        rows = [e.summary() for e in ws.entries()]
        if args.json:
            _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            for r in rows:
                _out(f"{r['id']}  {r['status']:<8} {r['errors']:>3} 错误 {r['warnings']:>3} 警告  "
                     f"{r['province']:<4} {r['filing_type']:<16} {r['name']}  {' '.join(r['domains'][:3])}\n")
        return 0
    from ..workspace_validate import validate_all

    results = validate_all(ws, jobs=args.jobs, today=args.today)
    if args.json:
        _out(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..workspace_cross import text_lines

        en = args.lang == "en"
        for r in results:
            if "unreadable" in r:  # skipped, the others still checked against each other
                _out(f"{r['id']}  {'skipped, unreadable' if en else '已跳过（无法读取）'}: {r['unreadable']}\n")
                continue
            _out(f"{r['id']}  {r['errors']:>3} {'errors' if en else '错误'} {r['warnings']:>3} "
                 f"{'warnings' if en else '警告'}  {r['name']}\n")
            _out("".join(line + "\n" for line in text_lines(r, en)))
        bad = sum(1 for r in results if r["errors"] and "unreadable" not in r)
        skipped = sum("unreadable" in r for r in results)
        more = (f", {skipped} skipped" if en else f"，{skipped} 个已跳过") if skipped else ""
        _out(f"{len(results)} filings, {bad} with errors{more}\n" if en
             else f"共 {len(results)} 个备案，{bad} 个有错误{more}\n")
    if any("unreadable" in r for r in results):
        return 2
    return 1 if any(r["errors"] for r in results) else 0


def register(sub: Any, kind_help: str) -> None:
    """This module's commands on the `icpdesk` parser."""
    ws = sub.add_parser("workspace", help="工作区：多个备案 / the workspace of many filings")
    wsub = ws.add_subparsers(dest="ws_command", metavar="ACTION", parser_class=_Parser, required=True)
    wa = _workspace_option(wsub.add_parser("add", help="把备案文件和扫描件复制进来 / copy filings and scans in"))
    wa.add_argument("files", nargs="+", metavar="FILE")
    wa.add_argument("--allow-outside", action="store_true",
                    help="也复制备案文件所在文件夹以外的扫描件（绝对路径、../、指向外面的链接）/ also copy scans "
                    "outside the filing's folder (absolute paths, ../, links out of it); without it they are "
                    "not copied and stay errors")
    _common(_workspace_option(wsub.add_parser("list", help="列出工作区的备案 / list the filings")))
    wv = _common(_workspace_option(wsub.add_parser("validate", help="检查所有备案 / validate every filing")),
                 today=True)
    wv.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
