"""Which page shows a field is declared by the pages (issue 30 item 1): every path any rule of
any province can report maps to a page that declares it, and a field shown as a row is on the
page that page_of names."""

from __future__ import annotations

import pytest

from icpdesk.shipped import default_rulebook
from icpdesk_ui.wizard import PAGE_REVIEW, PAGE_TYPE, FilingWizard, _shown_by, page_of

pytestmark = pytest.mark.gui
OWNERS = ("principal", "websites[0]", "apps[0]")


def _concrete(pattern: str) -> list[str]:
    """A rule's path pattern as the paths its findings carry."""
    paths = [pattern.replace("[*]", "[0]")]
    if paths[0].startswith("*."):
        paths = [owner + paths[0][1:] for owner in OWNERS]
    return paths


def test_every_path_a_rule_reports_is_declared_by_one_page():
    book = default_rulebook()
    patterns = {p for code in book.catalogues["provinces"].codes for r in book.province(code).rules
                for p in r.paths}
    undeclared = []
    for pattern in sorted(patterns):
        for path in _concrete(pattern):
            declared = [page for prefix, page in _shown_by()
                        if path == prefix or path.startswith((prefix + ".", prefix + "["))]
            if not declared:
                undeclared.append(path)
            else:
                assert page_of(path) == declared[0]  # the most specific declaration decides
    assert not undeclared, undeclared


def test_each_row_is_on_the_page_page_of_names(qtbot):
    wizard = FilingWizard()
    qtbot.addWidget(wizard)
    for i, page in enumerate(wizard.pages):
        for row in page.rows():
            assert page_of(row.path) == i, row.path
    assert page_of("provider") == PAGE_TYPE  # it is on page 1, and its errors are counted there
    assert page_of("filing") == PAGE_REVIEW
