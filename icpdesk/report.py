"""Readable text of findings, grouped by section of the filing, Chinese first."""

from __future__ import annotations

from collections import defaultdict

from .catalogues import Catalogues
from .fieldpaths import owner
from .findings import Finding

_MARK = {"error": "✗", "warning": "!", "info": "i"}
_SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
             "en": {"error": "error", "warning": "warning", "info": "info"}}


_ORDER = ("filing_type", "principal", "websites", "apps", "materials", "filing")


def section_order(section: str) -> tuple[int, int]:
    """Sections in the order of the form: type, principal, sites, APPs, materials, the rest."""
    kind, _, idx = section.partition("[")
    rank = _ORDER.index(kind) if kind in _ORDER else len(_ORDER)
    return rank, int(idx.rstrip("]") or -1) if idx else -1


def grouped(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by the section of the form they belong to, in the form's order."""
    return _group(findings, lambda f: f.path)


def grouped_dicts(findings: list[dict]) -> list[tuple[str, list[dict]]]:
    """The same for findings as dicts (a package's manifest)."""
    return _group(findings, lambda f: f["path"])


def _group(findings, path_of):
    groups: dict[str, list] = defaultdict(list)
    for f in findings:
        groups[owner(path_of(f))].append(f)
    return sorted(groups.items(), key=lambda kv: section_order(kv[0]))


def render(findings: list[Finding], catalogues: Catalogues, lang: str = "zh",
           title: str = "") -> str:
    lines = [title] if title else []
    if not findings:
        lines.append("没有发现问题。" if lang == "zh" else "No problems found.")
        return "\n".join(lines) + "\n"
    for section, items in grouped(findings):
        title = catalogues.owner_label(section, lang)
        lines.append("")
        lines.append(f"【{title}】" if lang == "zh" else f"[{title}]")
        for f in items:
            field = catalogues.field_label(f.path, lang)
            lines.append(f"  {_MARK[f.severity]} {_SEVERITY[lang][f.severity]} {field} ({f.path})")
            lines.append(f"      {f.text(lang)}")
            if f.hint_text(lang):
                lines.append(("      改正：" if lang == "zh" else "      Fix: ") + f.hint_text(lang))
            lines.append(("      依据：" if lang == "zh" else "      Source: ") + f.source_label(lang)
                         + f"  [{f.rule}]")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    lines.append("")
    if lang == "zh":
        lines.append(f"共 {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示。")
    else:
        lines.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes.")
    return "\n".join(lines) + "\n"
