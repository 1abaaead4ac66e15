"""`icpdesk check-image` and `icpdesk fix-image`: scans checked, corrected copies written."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import IcpdeskError, InputError
from .base import _check_exist, _check_kind, _check_provider, _common, _out, _plural, _Progress


def cmd_check_image(args: argparse.Namespace) -> int:
    from ..images.batch import check_many, expand_paths
    from ..images.in_filing import for_provider
    from ..images.verdicts import shared_cache
    from ..shipped import default_rulebook

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
        from ..ocr import read_cached

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
    from ..ocr import OCR_KINDS, OcrUnavailable, available

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
    from ..shipped import default_rulebook

    cats = default_rulebook().catalogues
    lines = [f"    OCR: {cats['ocr_documents'].label(reading.document, lang)}\n"]
    for name, f in reading.fields.items():
        mark = "" if f.confident else (" (uncertain)" if en else "（看不清）")
        lines.append(f"      {name} ({cats['ocr_fields'].label(name, lang)}): {f.value}  {f.confidence:.0%}{mark}\n")
    if not reading.fields:
        lines.append("      (nothing read)\n" if en else "      （没有读出字段）\n")
    return "".join(lines)


def fix_targets(names: list[str], out: Path) -> list[tuple[Path, Path]]:
    """(source, output) pairs: one file to OUT (a file or a folder); several files or folders
    into the folder OUT, keeping a folder's layout, each copy named after its original (.jpg),
    never two copies under one name."""
    from ..images.walk import expand_paths

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
    from ..images.fix import fix_image

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


def register(sub: Any, kind_help: str) -> None:
    """This module's commands on the `icpdesk` parser."""
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
