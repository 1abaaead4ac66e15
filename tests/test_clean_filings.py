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
