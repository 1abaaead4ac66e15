"""No false errors, proven (rules issue, item 6): for each of the 31 provinces a personal and an
enterprise filing that icp-rules.md says the bureau accepts (tests/filings/clean/, written by
tests/filings/make_clean.py) validates with no error and no warning the reference does not
back. A province rule that starts to refuse one of them is either wrong or needs its data
changed in make_clean.py, with the reference section that says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, write_scans

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing

CLEAN = Path(__file__).parent / "filings" / "clean"
FILES = sorted(CLEAN.glob("*.icpdesk.yaml"))
# (file stem, rule) → why the reference backs that warning on an accepted filing
BACKED_WARNINGS: dict[tuple[str, str], str] = {}


def test_every_province_has_a_personal_and_an_enterprise_filing(rulebook):
    stems = {p.name.removesuffix(".icpdesk.yaml") for p in FILES}
    for e in rulebook.catalogues["provinces"].entries:
        assert {f"{e.get('pinyin')}-personal", f"{e.get('pinyin')}-enterprise"} <= stems, e.code


@pytest.mark.parametrize("path", FILES, ids=[p.name.removesuffix(".icpdesk.yaml") for p in FILES])
def test_accepted_filing_has_no_error_and_no_unbacked_warning(path, tmp_path, rulebook):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    filing = load_filing(copy)
    write_scans(filing, tmp_path)
    findings = Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing)
    stem = path.name.removesuffix(".icpdesk.yaml")
    bad = [f for f in findings if f.severity == "error"
           or (f.severity == "warning" and (stem, f.rule) not in BACKED_WARNINGS)]
    assert not bad, "\n".join(f"{f.severity} {f.rule} at {f.path}: {f.message}" for f in bad)


def test_accepted_filings_scans_pass_the_image_checks(tmp_path, rulebook):
    """The scans too (issue 27 item 5): every material of every accepted filing is checked with the
    limits its kind, the provider and its owner's service type give (rules/images/limits.yaml).
    The scans are one good sheet (conftest.good_scan), so each distinct limits key is checked once."""
    from conftest import good_scan

    from icpdesk.images.check import check_image
    from icpdesk.images.in_filing import for_provider, kind_key

    scan = tmp_path / "scan.jpg"
    scan.write_bytes(good_scan())
    keys: dict[tuple[str, str | None], str] = {}
    for path in FILES:
        filing = load_filing(path)
        for m in filing.materials:
            keys.setdefault((kind_key(filing, m), filing.provider), path.name)
    assert len(keys) >= 5
    for (key, provider), where in keys.items():
        found = for_provider(check_image(scan, key, plan=rulebook.plan).findings, provider, rulebook.plan)
        bad = [f"{f.severity} {f.rule}: {f.message}" for f in found if f.severity in ("error", "warning")]
        assert not bad, f"{where} {key}: {bad}"
