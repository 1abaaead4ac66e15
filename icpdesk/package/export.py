"""`icpdesk export`: the package, written to a temporary file beside the target, flushed and
renamed, so a crash never leaves a half-written package under the final name."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import atomic_file, check_target
from ..engine import Validator
from ..errors import IcpdeskError
from ..fileio import load_filing
from ..findings import Finding, has_errors, sort_key
from ..images.batch import check_many
from ..images.check import PREVIEW_SIDE
from ..images.in_filing import at_materials, for_provider, kind_key
from ..images.sniff import sniff
from ..model import Filing
from ..plan import make_plan
from ..rulebook import Rulebook
from .layout import (
    FORMAT,
    MANIFEST,
    MATERIALS,
    SUMMARY_HTML,
    SUMMARY_PDF,
    manifest_digest,
    masked_filing,
    masked_plan,
    owner_slug,
    zip_entry,
)
from .pdf import build_pdf
from .summary import build_html

CHUNK = 1 << 20
_EXT = {"JPEG": "jpg", "PNG": "png", "GIF": "gif"}
Progress = Callable[[str, int, int], None]  # stage, done, total


def cited_sources(rulebook: Rulebook, findings: list[Finding]) -> list[dict[str, str]]:
    """The bibliography entries the findings cite, for the summaries' list of sources."""
    keys = {k for f in findings for k in f.cites}
    # a web address the reader can open; a path inside icpdesk's own tree (shared/seeds/…) is not one
    return [{"key": k, "label": s.label(), "url": s.url if s.url.startswith(("http://", "https://")) else "",
             "retrieved": s.retrieved, "grade": s.strength}
            for k, s in rulebook.bibliography.entries(keys)]


class ExportRefused(IcpdeskError):
    """Errors remain: nothing is written (exit 1)."""

    exit_code = 1

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        n = sum(f.severity == "error" for f in findings)
        super().__init__(f"还有 {n} 个错误，未导出 / {n} errors remain, nothing exported")


@dataclass
class ExportResult:
    path: Path
    files: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary_seconds: float = 0.0


def _member_names(filing, base: Path) -> list[str]:
    names = []
    for i, m in enumerate(filing.materials):
        with (base / m.path).open("rb") as fh:
            fmt = sniff(fh.read(64))
        names.append(f"{MATERIALS}{i + 1:02d}-{m.kind}-{owner_slug(m.for_)}.{_EXT.get(fmt or '', 'bin')}")
    return names


def export_package(filing_path: str | os.PathLike[str], out: str | os.PathLike[str], *, mask: bool = False,
                   validator: Validator | None = None, progress: Progress | None = None,
                   now: dt.datetime | None = None, jobs: int | None = None) -> ExportResult:
    """The package of a filing file (the command line)."""
    src = Path(filing_path)
    return export_filing(load_filing(src), src.resolve().parent, out, mask=mask, validator=validator,
                         progress=progress, now=now, jobs=jobs, inputs=[src])


def export_filing(filing: Filing, base: Path, out: str | os.PathLike[str], *, mask: bool = False,
                  validator: Validator | None = None, progress: Progress | None = None,
                  now: dt.datetime | None = None, jobs: int | None = None,
                  inputs: list[Path] | None = None, reviews: list[Any] | None = None) -> ExportResult:
    """The package of a filing as it is in memory (the app exports what the window shows: a
    snapshot, never a re-read file); `base` is the folder its material paths are relative to."""
    import time

    out_p = Path(out)
    base = base.resolve()
    # before any work: not a folder or a device, not the filing or one of its scans
    check_target(out_p, [*(inputs or []), *(base / m.path for m in filing.materials)])
    given = validator or Validator()
    validator = Validator(given.rulebook, today=given.today, base_dir=base)  # the caller's stays as it was
    findings = validator.validate(filing)
    if has_errors(findings):
        raise ExportRefused(findings)
    paths = [base / m.path for m in filing.materials]
    from ..images.verdicts import shared_cache

    # verdicts of scans checked before (wizard, validate, check-image) come from the cache
    # the same kind key as validate's (limits per provider and service type), so the same verdicts
    reports = list(check_many(paths, kinds=[kind_key(filing, m) for m in filing.materials], thumbnail=PREVIEW_SIDE,
                              jobs=jobs,
                              cache=shared_cache(),
                              progress=(lambda d, t, _p: progress("images", d, t)) if progress else None))
    image_findings = at_materials(enumerate(r.findings for r in reports), filing.provider, validator.rulebook.plan)
    findings = sorted(findings + image_findings, key=sort_key)
    if has_errors(findings):
        raise ExportRefused(findings)

    started = time.perf_counter()
    names = _member_names(filing, base)
    packaged = filing.model_copy(deep=True)
    for m, name in zip(packaged.materials, names, strict=True):
        m.path = name
    plan = make_plan(filing, validator)
    if mask:
        packaged, plan = masked_filing(packaged), masked_plan(plan)
    created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    images = [{k: v for k, v in r.to_dict().items() if k != "path"} | {"path": n} for r, n in zip(reports, names,
                                                                                                strict=True)]
    for img, f in zip(images, [r.findings for r in reports], strict=True):
        img["findings"] = [x.to_dict() for x in for_provider(f, filing.provider, validator.rulebook.plan)]
    rulebook = validator.rulebook
    common: dict[str, Any] = dict(
        filing=packaged, findings=[f.to_dict() for f in findings], plan=plan, images=images,
        thumbs={i: r.thumbnail for i, r in enumerate(reports)}, cats=rulebook.catalogues, created=created,
        rules_version=rulebook.version, tool_version=__version__, masked=mask,
        sources=cited_sources(rulebook, findings))

    def summaries() -> tuple[bytes, bytes, float]:
        html = build_html(**common).encode("utf-8")
        return html, build_pdf(**common), time.perf_counter() - started

    files: list[dict[str, Any]] = []
    # the summaries are drawn while the scans are copied (copying waits on the disk and on
    # hashing, both outside the GIL); each chunk is hashed on a second thread while it is written
    with ThreadPoolExecutor(max_workers=2) as pool, \
            atomic_file(out_p, inputs=[*(inputs or []), *paths]) as raw, zipfile.ZipFile(raw, "w") as zf:
        drawn = pool.submit(summaries)
        for i, (path, name) in enumerate(zip(paths, names, strict=True)):
            files.append(_copy_member(zf, path, name, pool))
            if progress:
                progress("package", i + 1, len(paths))
        html_bytes, pdf_bytes, summary_seconds = drawn.result()
        for name, data in ((SUMMARY_HTML, html_bytes), (SUMMARY_PDF, pdf_bytes)):
            zf.writestr(zip_entry(name, zipfile.ZIP_DEFLATED), data)
            files.append({"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        manifest = {
            "format": FORMAT, "tool_version": __version__, "rules_version": rulebook.version,
            "created": created, "masked": mask,
            "filing": packaged.model_dump(mode="json", by_alias=True),
            "findings": [f.to_dict() for f in findings], "plan": plan,
            "images": images, "files": files}
        if reviews:  # earlier review rounds with what was resolved: the next reviewer sees the answers
            manifest["reviews"] = [r.model_dump() for r in reviews]
        manifest["digest"] = manifest_digest(manifest)
        zf.writestr(zip_entry(MANIFEST, zipfile.ZIP_DEFLATED),
                    json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    return ExportResult(out_p, files, findings, summary_seconds)


def _copy_member(zf: zipfile.ZipFile, path: Path, name: str, pool: ThreadPoolExecutor) -> dict[str, Any]:
    """Stream one scan into the zip (stored: JPEG and PNG are compressed already), hashing the
    very bytes written: chunk k is hashed on `pool` while it is written, in order."""
    digest, size = hashlib.sha256(), 0
    hashing: Future[None] | None = None
    with path.open("rb") as src, zf.open(zip_entry(name, zipfile.ZIP_STORED), "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            if hashing is not None:
                hashing.result()
            hashing = pool.submit(digest.update, chunk)
            dst.write(chunk)
            size += len(chunk)
        if hashing is not None:
            hashing.result()
    return {"path": name, "bytes": size, "sha256": digest.hexdigest()}
