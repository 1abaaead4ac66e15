"""What a first-time user tripped over in the app (the first-user issue), each driven through the
widgets the way it was seen, ending with what the user sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_wizard import InlinePool, _row, _type, wizard  # noqa: F401  (the fixture)

from icpdesk.engine import Validator
from icpdesk_ui.tasks import TaskRunner
from icpdesk_ui.wizard import PAGE_PRINCIPAL, PAGE_SERVICES, PAGE_TYPE, FilingWizard

pytestmark = pytest.mark.gui
TODAY = __import__("datetime").date(2026, 11, 23)


@pytest.fixture()
def blank(qtbot):
    w = FilingWizard(validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    qtbot.addWidget(w)
    w.show()
    return w


def _choose(page, box, code) -> None:
    box.setFocus()
    box.setCurrentIndex(box.findData(code))
    next(r for r in page.rows() if r.editor is box).flush()


def test_a_fresh_page_is_not_scolded_until_left_or_next(qtbot, blank):
    """Item 3: no red under every empty field of a new filing; leaving a field or pressing Next
    says what is missing."""
    page = blank.pages[PAGE_TYPE]
    number = _row(page, "principal.cert_number")
    assert not number.message.isVisible()
    number.editor.setFocus()
    page.province.setFocus()  # the number field was left empty
    assert number.message.isVisible() and "请填写" in number.message.text.text()
    district = _row(page, "principal.region.district")
    assert not district.message.isVisible()
    blank.next()
    assert blank.currentId() == PAGE_TYPE and district.message.isVisible()


def test_auto_filled_fields_and_the_banner_follow_the_values(qtbot, blank):
    """Item 2: an individual's name fills 负责人姓名 and 投资人, whose messages go with it; the
    banner counts what is left and goes when nothing is; its first error is the page's first."""
    page = blank.pages[PAGE_TYPE]
    _choose(page, page.province, "浙江")
    _choose(page, page.nature, "individual")
    blank.next()
    assert blank.currentId() == PAGE_TYPE and page.banner.isVisible()
    # the page's first error in the order of its fields: the certificate type before its number
    assert "本页还有 2 个错误" in page.banner.text() and "第一个：主办单位证件类型" in page.banner.text()
    _choose(page, page.cert_type, "resident_id")
    assert "本页还有 1 个错误" in page.banner.text()  # counted again at once, not at the next Next
    page.city.setCurrentIndex(page.city.findText("杭州市"))
    _row(page, "principal.region.city").flush()
    page.district.setCurrentIndex(page.district.findText("西湖区"))
    _row(page, "principal.region.district").flush()
    _type(qtbot, _row(page, "principal.cert_number"), "33010619900101123X")
    assert not page.banner.isVisible()  # every error of the page fixed: the banner is gone
    blank.next()
    principal = blank.pages[PAGE_PRINCIPAL]
    blank.next()  # Next pressed: the empty fields say so
    investor = _row(principal, "principal.investor")
    leader = _row(principal, "principal.leader.name")
    assert investor.message.isVisible() and leader.message.isVisible()
    _type(qtbot, _row(principal, "principal.name"), "张三")
    assert investor.editor.text() == "张三" and leader.editor.text() == "张三"
    for row in (investor, leader):  # no "请填写…" left under a field that now has its value
        assert not [f for f in row.message.findings if f.rule.startswith("required")], row.path


def test_next_puts_the_cursor_in_the_first_field_and_esc_does_not_close(qtbot, wizard):  # noqa: F811
    """Item 5."""
    wizard.next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is _row(wizard.pages[PAGE_PRINCIPAL], "principal.name").editor)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert wizard.isVisible()


def test_a_lower_case_x_is_reported_not_changed(qtbot, wizard):  # noqa: F811
    wizard.next()
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_number")
    _type(qtbot, row, "33010619900101123x")
    assert row.editor.text().endswith("x") and "大写 X" in row.message.text.text()


def test_the_site_list_follows_the_name_as_it_is_typed(qtbot, wizard):  # noqa: F811
    """Item 6: the list shows the name being typed, not 网站1：（未命名）."""
    while wizard.currentId() < PAGE_SERVICES:
        wizard.next()
    services = wizard.pages[PAGE_SERVICES]
    services.buttons["添加网站"].click()
    row = _row(services, f"websites[{len(wizard.filing.websites) - 1}].name")
    _type(qtbot, row, "读书会官网")
    assert services.list.currentItem().text().endswith("读书会官网")


def test_heic_gets_a_thumbnail_and_a_fix_not_taken_leaves_nothing(qtbot, wizard, tmp_path, monkeypatch):  # noqa: F811
    """Item 4: HEIC scans are previewed; the fixed file is written only when the user takes it."""
    import pillow_heif
    from imagegen import sheet
    from PySide6.QtWidgets import QDialog, QMessageBox
    from test_ui_wizard import _drop, _go

    from icpdesk_ui.wizard import PAGE_MATERIALS

    pillow_heif.register_heif_opener()
    heic = tmp_path / "licence.heic"
    sheet().save(heic, "HEIF")
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    item = page.items[("leader_id_front", "principal")]
    monkeypatch.setattr("icpdesk_ui.scan_item.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _drop(item, heic)
    assert not item.thumb.pixmap().isNull() and "HEIF" in item.verdict.text() and item.fix.isEnabled()
    wizard.setProperty("auto_accept_fixes", False)
    monkeypatch.setattr("icpdesk_ui.page_materials.BeforeAfter.exec", lambda self: QDialog.DialogCode.Rejected)
    item.fix.click()  # the before/after dialog: 不采用
    fixed = wizard.base_dir() / "scans" / "fixed"
    assert not list(fixed.iterdir()) and wizard.filing.materials[item.index].path.endswith("licence.heic")
