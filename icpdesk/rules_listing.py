"""`icpdesk rules --province P`: every rule and setting in force for a province with the sources
it rests on, each with its grade (official, provider, own, secondary, heuristic) and date."""

from __future__ import annotations

from typing import Any

from .findings import strength_label
from .rulebook import Province, Rulebook


def _sources(rb: Rulebook, keys: tuple[str, ...]) -> list[dict[str, str]]:
    bib = rb.bibliography.sources
    return [{"key": k, "title": bib[k].label(dated=False), "grade": bib[k].strength, "date": bib[k].date} for k in keys]


def _cited(rb: Rulebook, text: str) -> tuple[str, ...]:
    return rb.bibliography.keys_in(text)  # the loader checked every source text


def listing(rb: Rulebook, prov: Province) -> dict[str, Any]:
    """The province's rules and settings, as `--json` prints them (additive to the old shape)."""
    bib = rb.bibliography
    rules = []
    for r in prov.rules:
        grade, date = bib.basis(r.cites)
        rules.append({"id": r.id, "severity": r.severity, "check": r.check, "paths": r.paths,
                      "when": r.when.model_dump(exclude_none=True), "message": r.message,
                      "message_en": r.message_en, "province": r.province, "overrides": r.overrides,
                      "source": r.source, "source_title": r.source_title, "cites": list(r.cites),
                      "grade": grade, "source_date": date, "sources": _sources(rb, r.cites)})
    settings = []
    for key, s in prov.settings.items():
        keys = _cited(rb, s.source)
        grade, date = bib.basis(keys)
        settings.append({
            "key": key, "value": s.value, "provincial": s is not rb.settings.get(key), "source": s.source,
            "source_title": bib.title(keys), "grade": grade, "source_date": date, "sources": _sources(rb, keys),
            "note": s.note,
            "disputed": [{"value": d.value, "source": d.source, "note": d.note,
                          "grade": bib.basis(_cited(rb, d.source))[0],
                          "source_date": bib.basis(_cited(rb, d.source))[1]} for d in s.disputed]})
    return {"province": prov.code, "rules_version": rb.version, "rules": rules, "settings": settings,
            "materials": _materials(rb, prov), "overridden": prov.overridden}


def _materials(rb: Rulebook, prov: Province) -> list[dict[str, Any]]:
    """The materials items that are this province's own (`if: {province: …}` or `if: {setting: …}`
    holding here), with their sources."""
    out = []
    for item in rb.plan.materials.items:
        cond = item.if_
        if cond is None or not prov.code:
            continue
        names = {e.code for n in cond.province or [] if (e := rb.catalogues.province(n)) is not None}
        if (cond.province is not None and prov.code not in names) or (
                cond.setting is not None and not prov.value(cond.setting)) or (
                cond.province is None and cond.setting is None):
            continue
        keys = _cited(rb, item.source)
        grade, date = rb.bibliography.basis(keys)
        out.append({"kind": item.kind, "for": item.for_, "why": item.why, "why_en": item.why_en,
                    "source": item.source, "grade": grade, "source_date": date, "sources": _sources(rb, keys)})
    return out


def _strength(grade: str, date: str, en: bool) -> str:
    return strength_label(grade, date, "en" if en else "zh")


def _source_lines(rows: list[dict[str, str]], en: bool) -> str:
    head = "Source" if en else "依据"
    return "".join(f"        {head}: {s['title']} {_strength(s['grade'], s['date'], en)}\n" for s in rows)


def render(data: dict[str, Any], en: bool) -> str:
    out = [f"{data['province'] or ('national' if en else '全国')}: {len(data['rules'])} rules "
           f"(rules {data['rules_version']})\n"]
    for r in data["rules"]:
        origin = f" [{r['province']}{' overrides ' + ', '.join(r['overrides']) if r['overrides'] else ''}]" \
            if r["province"] else ""
        out.append(f"{r['severity']:<7} {r['id']}{origin}\n        {r['message_en'] if en else r['message']}\n")
        out.append(_source_lines(r["sources"], en))
    if data["materials"]:
        out.append("\nMaterials of this province\n" if en else "\n本省的材料要求\n")
        for m in data["materials"]:
            out.append(f"  {m['kind']} ({m['for']}): {m['why_en'] if en else m['why']}\n")
            out.append(_source_lines(m["sources"], en))
    out.append("\nSettings (* this province's own)\n" if en else "\n设置（* 为本省自己的）\n")
    for s in data["settings"]:
        value = s["value"] if s["value"] not in ([], {}, None, "") else "—"
        out.append(f"{'*' if s['provincial'] else ' '} {s['key']} = {value}\n")
        out.append(_source_lines(s["sources"], en))
        for d in s["disputed"]:
            label = "Disputed" if en else "存在冲突"
            out.append(f"        {label}: {d['value']} — {d['source']} {_strength(d['grade'], d['source_date'], en)}\n")
    return "".join(out)
