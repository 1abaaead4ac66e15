"""`icpdesk validate`: every rule on filing files or folders of them, scans included."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import IcpdeskError
from .base import _common, _counts, _folder_of, _out, _plural, _Progress, expand_filings


def _validate_one(path: Path, args: argparse.Namespace, validator, *, batch: bool = True) -> dict[str, Any]:
    """One filing's result: findings (with its scans unless --no-images); in a batch, an
    unreadable file is a result of its own (alone, it is the command's error)."""
    from ..fileio import load_filing
    from ..findings import has_errors, sort_key

    try:
        filing = load_filing(path)
    except IcpdeskError as e:
        if not batch:
            raise
        return {"file": str(path), "ok": False, "error": str(e), "exit_code": e.exit_code}
    base = _folder_of(path)
    readings = None
    if getattr(args, "ocr", False):
        from ..ocr import read_materials

        readings = read_materials(filing, base)
    findings = validator.validate(filing, readings) + _review_comments(path)
    if args.images:
        from ..images.in_filing import scan_findings
        from ..images.verdicts import shared_cache

        findings += scan_findings(filing, base, cache=shared_cache())
    findings.sort(key=sort_key)  # once, over all three sources
    return {"file": str(path), "ok": not has_errors(findings), "findings": findings}


def _review_comments(path: Path) -> list:
    """The reviewer's comments kept beside the filing (review.json, as `icpdesk import` of a
    returned package leaves it): the same review.comment findings the app shows. A broken file
    costs its comments, with a line on stderr, never the validation."""
    from ..reviews import REVIEW, ReviewError, load_reviews, review_findings

    try:
        return review_findings(load_reviews(_folder_of(path) / REVIEW))
    except ReviewError as e:
        print(f"{e}（审阅意见未显示 / review comments not shown）", file=sys.stderr)
        return []


def cmd_validate(args: argparse.Namespace) -> int:
    from ..engine import Validator
    from ..report import render

    paths = expand_filings(args.filings)
    if args.ocr:
        from ..ocr import OcrUnavailable, available

        if not available():
            raise OcrUnavailable()
    rulebook = Validator(today=args.today).rulebook
    if len(paths) == 1 and not Path(args.filings[0]).is_dir():  # one file: the contract's single answer
        path = paths[0]
        result = _validate_one(path, args, Validator(rulebook, today=args.today, base_dir=_folder_of(path)),
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
        validator = Validator(rulebook, today=args.today, base_dir=_folder_of(path))
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
    from ..report import render

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


def register(sub: Any, kind_help: str) -> None:
    """This module's commands on the `icpdesk` parser."""
    v = _common(sub.add_parser("validate", help="检查备案文件 / check a filing file against all rules"), today=True)
    v.add_argument("filings", nargs="+", metavar="FILING",
                   help="*.icpdesk.yaml or .json, or folders of them (several: a table and, with --json, JSON lines)")
    v.add_argument("--no-images", dest="images", action="store_false",
                   help="不检查扫描件 / skip the scans (by default each is checked; verdicts are cached by content)")
    v.add_argument("--images", dest="images", action="store_true", help=argparse.SUPPRESS)  # the default now
    v.add_argument("--ocr", action="store_true",
                   help="读取身份证、营业执照和域名证书扫描件并与填写内容核对 / read the ID, licence and domain "
                        "certificate scans and compare them with the filing (needs icpdesk[ocr])")
