"""`icpdesk verify` and `icpdesk import`: a package from someone else, checked before it is
read, every hash compared, every rule run again under the current rule set."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import scratch
from ..engine import Validator
from ..errors import InputError
from ..fieldpaths import dotted
from ..fileio import error_text, save_filing
from ..findings import Finding, has_errors, sort_key
from ..model import Filing
from ..reviews import REVIEW, ReviewError, ReviewRound, parse_rounds, save_reviews
from ..yamlio import bad_text, load_json
from .layout import MANIFEST, MATERIALS, Manifest, is_masked_path, manifest_digest
from .review import read_review
from .safezip import Limits, Refused, digest, open_checked, read_small, stream


@dataclass
class VerifyReport:
    path: str
    integrity: str = "ok"  # "ok" or the reason it is not
    findings: list[Finding] = field(default_factory=list)
    new: list[dict[str, Any]] = field(default_factory=list)
    gone: list[dict[str, Any]] = field(default_factory=list)
    manifest: Manifest | None = None
    filing: Filing | None = None
    problems: list[str] = field(default_factory=list)
    rules_run: bool = True  # False when integrity failed: the rules are not run on altered content
    reviews: list[ReviewRound] = field(default_factory=list)  # oldest first
    returned: bool = False  # the package carries a review.json (a reviewer returned it)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not has_errors(self.findings)

    def to_dict(self) -> dict[str, Any]:
        m = self.manifest
        return {"ok": self.ok, "integrity": self.integrity, "problems": self.problems, "rules_run": self.rules_run,
                "findings": [f.to_dict() for f in self.findings], "new": self.new, "gone": self.gone,
                "package": {"format": m.format, "tool_version": m.tool_version, "rules_version": m.rules_version,
                            "created": m.created, "masked": m.masked} if m else None,
                "returned": self.returned,
                "reviews": [r.model_dump() for r in reversed(self.reviews)]}  # newest first


class MaskedPackage(Refused):
    """A package exported with --mask: imported only when asked (its numbers are asterisks)."""


def is_package(path: Path) -> bool:
    """A zip with a manifest.json at its top (read from the central directory only)."""
    import zipfile

    from .safezip import open_regular

    try:
        with open_regular(path) as fh, zipfile.ZipFile(fh) as zf:  # never blocks on a named pipe
            return MANIFEST in zf.namelist()
    except (Refused, zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False


def _key(f: dict[str, Any]) -> tuple[str, str, str]:
    return (f.get("rule", ""), f.get("path", ""), f.get("severity", ""))


def verify_package(path: str | os.PathLike[str], *, validator: Validator | None = None,
                   limits: Limits | None = None, images: bool = False) -> VerifyReport:
    """Raises Refused when the package cannot be read at all; otherwise reports. With `images`,
    the scans inside are checked again (unpacked into a private temporary folder) instead of
    trusting the export's verdicts."""
    p = Path(path)
    limits = limits or Limits()
    report = VerifyReport(str(p))
    zf, members = open_checked(p, limits)
    with zf:
        info = members.get(MANIFEST)
        if info is None:
            raise Refused("没有 manifest.json / no manifest.json")
        raw = read_small(zf, info, limits.max_manifest_bytes)
        try:
            data = load_json(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as e:  # JSONDecodeError is a ValueError
            raise Refused(f"manifest.json 无法解析 / unreadable manifest: {str(e)[:120]}") from None
        bad = bad_text(data)
        if bad is not None:
            raise Refused(f"manifest.json 含无效字符 / invalid text in the manifest at {dotted(bad)[:120]}")
        try:
            manifest = Manifest.model_validate(data)
            filing = Filing.model_validate(manifest.filing)
        except ValidationError as e:
            first = e.errors(include_url=False)[0]
            raise Refused(f"manifest.json 结构不对 / manifest does not fit its schema: "
                          f"{dotted(tuple(first['loc']))}: {error_text(first)}") from None
        report.manifest, report.filing = manifest, filing
        if manifest.digest != manifest_digest(data):
            report.problems.append("manifest.json 被改动（摘要不符）/ manifest.json was edited (digest mismatch)")
        listed = {f.path: f for f in manifest.files}
        if REVIEW in members:  # a returned package: the review is checked on its own digest
            review, problem = read_review(zf, members[REVIEW])
            if problem:
                report.problems.append(problem)
            elif review is not None:
                if review.package_digest != manifest.digest:
                    report.problems.append("review.json 属于另一个包 / review.json belongs to another package")
                report.reviews, report.returned = list(review.rounds), True
        if not report.returned and manifest.reviews:
            try:
                report.reviews = parse_rounds(manifest.reviews, "manifest.json reviews")
            except ReviewError as e:
                report.problems.append(str(e))
        for name in sorted(set(members) - set(listed) - {MANIFEST, REVIEW}):
            report.problems.append(f"未列出的文件 / unlisted file: {name}")
        for name, entry in listed.items():
            member = members.get(name)
            if member is None:
                report.problems.append(f"缺少文件 / missing file: {name}")
                continue
            try:
                size, sha = digest(zf, member)
            except Refused:  # a bad CRC, a broken deflate stream: this member is damaged, the rest is judged
                report.problems.append(f"文件损坏（校验失败）/ damaged file (checksum failed): {name}")
                continue
            if size != entry.bytes or sha != entry.sha256:
                report.problems.append(f"内容被改动 / content changed: {name}")
        for i, m in enumerate(filing.materials):
            if not m.path.startswith(MATERIALS) or m.path not in listed:
                report.problems.append(f"资料路径不在包内 / materials[{i}] points outside the package: {m.path[:80]}")
    if report.problems:
        # an altered package is judged on its integrity alone: its content is not what was sent,
        # and a hostile one must not make the rules run on whatever it holds
        report.integrity = report.problems[0]
        report.rules_run = False
        return report
    base = validator or Validator()
    checker = Validator(base.rulebook, today=base.today)  # no base_dir: the hashes vouch for the scans
    current = [f for f in checker.validate(filing) if not (manifest.masked and is_masked_path(f.path))]
    exported = [f.model_dump() for f in manifest.findings]
    if images:
        image_findings = _recheck_scans(p, filing)
    else:  # image verdicts were made on these very bytes (the hashes say so) and stay as they were
        image_findings = [Finding.from_dict(f) for f in exported if f["rule"].startswith("image.")]
    report.findings = sorted(current + image_findings, key=sort_key)
    before = {_key(f) for f in exported}
    after = {_key(f.to_dict()) for f in report.findings}
    report.new = [f.to_dict() for f in report.findings if _key(f.to_dict()) not in before]
    report.gone = [f for f in exported if _key(f) not in after]
    return report


def unpack_materials(package: Path, filing: Filing, folder: Path) -> list[Path]:
    """The scans of a verified package into folder/materials/ (0600), one path per material, by
    basename only: the names were checked against a strict pattern (and their hashes against
    the manifest under those names), so nothing lands outside the folder. A name Windows refuses
    (CON.jpg, a trailing dot) or two that differ only by case are written under portable names
    (portable_names): a package made on Linux unpacks on Windows; the returned paths say where."""
    from ..atomic import private
    from ..portable_names import portable_names

    out: list[Path] = []
    local = portable_names(dict.fromkeys(Path(m.path).name for m in filing.materials))
    zf, members = open_checked(package)
    with zf:
        (folder / "materials").mkdir(exist_ok=True)
        for m in filing.materials:
            dest = folder / "materials" / local[Path(m.path).name]
            if dest not in out:
                with dest.open("wb") as fh:
                    for chunk in stream(zf, members[m.path]):
                        fh.write(chunk)
                private(dest, 0o600)
            out.append(dest)
    return out


def _recheck_scans(package: Path, filing: Filing) -> list[Finding]:
    from ..images.in_filing import scan_findings

    with scratch.folder("verify") as tmp:  # 0700, private; swept at the next start if killed
        written = unpack_materials(package, filing, tmp)
        local = filing.model_copy(deep=True)
        for m, dest in zip(local.materials, written, strict=True):
            m.path = f"materials/{dest.name}"  # the portable name it was written under
        return scan_findings(local, tmp)


def import_package(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                   validator: Validator | None = None, masked_ok: bool = False) -> tuple[Path, VerifyReport]:
    """The package back into a filing file and a materials folder; only an intact package, and
    a masked one only when asked (its numbers then carry the input.masked finding)."""
    report = verify_package(path, validator=validator)
    if report.integrity != "ok":
        raise Refused(f"包已被改动，不导入 / the package was altered, not imported: {report.integrity}")
    filing = report.filing
    if filing is None:
        raise Refused("包里没有备案信息 / the package holds no filing")
    if report.manifest is not None and report.manifest.masked and not masked_ok:
        raise MaskedPackage("这是打码导出的包：证件号和电话只剩 ****，导入后要全部重新填写。确要导入请加 --masked-ok / "
                      "a masked package: its ID numbers and phones are asterisks and must all be entered again; "
                      "pass --masked-ok to import it anyway")
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError("输出应是一个（空）文件夹 / the output must be a folder (empty or new)", file=str(target))
    if target.exists() and any(target.iterdir()):
        raise InputError("目标文件夹不是空的 / the target folder is not empty", file=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch.sweep(target.parent)  # what an import killed here before left behind
    staging = scratch.make("import", target.parent, hidden=True)  # 0700, private
    try:
        written = unpack_materials(Path(path), filing, staging)
        filing = filing.model_copy(deep=True)
        for m, dest in zip(filing.materials, written, strict=True):
            m.path = f"materials/{dest.name}"  # the portable name it was written under
        save_filing(filing, staging / "filing.icpdesk.yaml")
        if report.reviews:  # the reviewers' comments travel with the filing (review.py)
            save_reviews(staging / REVIEW, report.reviews)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / "filing.icpdesk.yaml", report
