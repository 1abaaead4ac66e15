"""The wizard driven as a user would: a wrong ID and its message, the Next button's rules, the
province's site limit, scans dropped and fixed, the export, and the jump from a finding to its
field. Background tasks run inline (a fake pool), so every test is deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from imagegen import save, sheet
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from icpdesk.demo import make_demo
from icpdesk.engine import Validator
from icpdesk.package.verify import verify_package
from icpdesk_ui.tasks import TaskRunner
from icpdesk_ui.wizard import (
    PAGE_EXPORT,
    PAGE_MATERIALS,
    PAGE_PRINCIPAL,
    PAGE_REVIEW,
    PAGE_SERVICES,
    PAGE_TYPE,
    FilingWizard,
)

pytestmark = pytest.mark.gui
TODAY = __import__("datetime").date(2026, 11, 23)


class InlinePool:
    """Runs each task at once on the calling thread (tests); the app uses QThreadPool."""

    def start(self, task) -> None:
        task.run()

    def waitForDone(self, msecs: int = 0) -> bool:
        return True


@pytest.fixture()
def wizard(qtbot, tmp_path):
    path = make_demo(tmp_path)
    w = FilingWizard(validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    w.setProperty("auto_accept_fixes", True)
    qtbot.addWidget(w)
    assert w.open_file(path)
    w.show()
    return w


def _row(page, path):
    return next(r for r in page.rows() if r.path == path)


def _type(qtbot, row, text):
    """Type as a user does: Latin text key by key; Chinese as an input method commits it."""
    row.editor.setFocus()
    row.editor.selectAll()
    qtbot.keyClick(row.editor, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(row.editor, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(row.editor, event)
    row.flush()


def test_wrong_id_shows_message_and_fix_clears_it(qtbot, wizard):
    wizard.next()
    assert wizard.currentId() == PAGE_PRINCIPAL
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_number")
    _type(qtbot, row, "330106198512124561")
    assert row.message.isVisible() and "校验位" in row.message.text.text()
    assert "GB 11643" in row.message.toolTip() and "改正" in row.message.toolTip()
    assert "［官方，1999］" in row.message.toolTip()  # how strong the source is, and its date
    assert row.message.text.text().startswith("错误")  # a word, not colour alone
    _type(qtbot, row, "330106198512124565")
    assert not row.message.isVisible()


def test_next_refuses_errors_says_why_and_focuses(qtbot, wizard):
    wizard.next()
    page = wizard.pages[PAGE_PRINCIPAL]
    row = _row(page, "principal.mailing_address")
    _type(qtbot, row, "上海市黄浦区南京东路")  # another province, and no house number
    assert "本页还有" in wizard.button(wizard.WizardButton.NextButton).toolTip()
    wizard.next()
    assert wizard.currentId() == PAGE_PRINCIPAL
    assert page.banner.isVisible() and "错误" in page.banner.text()
    assert wizard.focusWidget() is row.editor
    _type(qtbot, row, "浙江省杭州市西湖区文三路100号8楼")
    wizard.next()
    assert wizard.currentId() == PAGE_SERVICES


def test_warnings_do_not_block(qtbot, wizard):
    wizard.next()
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_expiry")
    _type(qtbot, row, "2027-01-01")  # expires within three months: a warning
    assert "注意" in row.message.text.text()
    wizard.next()
    assert wizard.currentId() == PAGE_SERVICES


def test_province_site_limit(qtbot, wizard):
    page = wizard.pages[PAGE_TYPE]
    page.province.setFocus()
    page.province.setCurrentIndex(page.province.findData("湖北"))  # chosen from the list
    _row(page, "principal.region.province").flush()
    page.city.setCurrentIndex(page.city.findText("武汉市"))
    _row(page, "principal.region.city").flush()
    wizard.next()
    principal = wizard.pages[PAGE_PRINCIPAL]
    for path in ("principal.cert_address", "principal.mailing_address"):
        _type(qtbot, _row(principal, path), "湖北省武汉市洪山区珞瑜路1号")
    wizard.next()
    services = wizard.pages[PAGE_SERVICES]
    assert wizard.currentId() == PAGE_SERVICES
    assert "湖北省每单最多 1 个网站" in services.limit.text()  # said before the user hits it
    services.buttons["添加网站"].click()
    assert len(wizard.filing.websites) == 2
    assert services.buttons["添加网站"].toolTip()
    wizard.next()
    assert wizard.currentId() == PAGE_SERVICES and "错误" in services.banner.text()
    services.list.setCurrentRow(1)
    services.buttons["删除"].click()
    wizard.next()
    assert wizard.currentId() == PAGE_MATERIALS


def _drop(item, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    item.dropEvent(event)


def _go(wizard, target):
    while wizard.currentId() < target:
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, wizard.currentPage().banner.text()


def _answer(monkeypatch, yes: bool) -> list[str]:
    """The question a drop on a scan that passed asks, answered as the user would."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr("icpdesk_ui.scan_item.QMessageBox.question", question)
    return asked


def test_drop_greyscale_then_a_fixable_scan(qtbot, wizard, tmp_path, monkeypatch):
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    item = page.items[("principal_cert", "principal")]
    grey = save(sheet().convert("L"), tmp_path / "grey.jpg", "JPEG")
    asked = _answer(monkeypatch, yes=False)
    _drop(item, grey)
    assert asked and "替换" in asked[0] and item.verdict.text().startswith("✓")  # the good scan stays
    asked = _answer(monkeypatch, yes=True)
    _drop(item, grey)
    assert "用彩色模式重新扫描" in item.verdict.text()  # what to do, not only what is wrong
    assert "灰度" in item.verdict.text() and not item.fix.isEnabled()  # no fix makes it colour
    wizard.next()
    assert wizard.currentId() == PAGE_MATERIALS and "灰度" in page.banner.text()
    cmyk = save(sheet().convert("CMYK"), tmp_path / "scan.jpg", "JPEG")
    _drop(item, cmyk)
    assert "CMYK" in item.verdict.text() and item.fix.isEnabled()
    item.fix.click()  # fixed copy, before/after shown, taken
    m = next(x for x in wizard.filing.materials if x.kind == "principal_cert")
    assert "fixed" in m.path and item.verdict.text().startswith("✓") and "修复后的副本" in item.file_label.text()
    after = next(x for x in page.last_dialog.findChildren(QLabel) if x.accessibleName() == "修复后")
    assert not after.pixmap().isNull()  # the after picture is shown
    assert not [p for p in (wizard.base_dir() / "scans" / "fixed").iterdir() if p.name.startswith(".")]
    assert (tmp_path / "scan.jpg").exists()  # the original stays
    wizard.next()
    assert wizard.currentId() == PAGE_REVIEW


def test_batch_check_of_a_folder(qtbot, wizard, tmp_path):
    _go(wizard, PAGE_MATERIALS)
    folder = tmp_path / "batch"
    save(sheet(), folder / "a.jpg", "JPEG")
    save(sheet().convert("L"), folder / "b.jpg", "JPEG")
    page = wizard.pages[PAGE_MATERIALS]
    page.run_batch(str(folder))
    assert [r.ok for r in page.batch_results] == [True, False]
    assert page.progress.value() == 2 or not page.progress.isVisible()


def test_export_end_to_end(qtbot, wizard, tmp_path):
    _go(wizard, PAGE_EXPORT)
    page = wizard.pages[PAGE_EXPORT]
    assert "beian.miit.gov.cn" in page.snippet.toPlainText()
    target = tmp_path / "out.zip"
    page.start_export(target)
    assert target.exists() and page.show_folder.isVisible() and "已导出" in page.result.text()
    assert verify_package(target, validator=Validator(today=TODAY)).ok


def test_jump_from_finding_to_field(qtbot, wizard):
    """Two warnings typed on their pages; from the review page each finding leads back to its field."""
    wizard.next()
    _type(qtbot, _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_expiry"), "2026-12-31")  # < 3 months
    wizard.next()
    _type(qtbot, _row(wizard.pages[PAGE_SERVICES], "websites[0].name"), "示例科技理财")  # a finance word
    _go(wizard, PAGE_REVIEW)
    view = wizard.pages[PAGE_REVIEW].findings

    def activate(path):
        _go(wizard, PAGE_REVIEW)
        items = [view.topLevelItem(i).child(j) for i in range(view.topLevelItemCount())
                 for j in range(view.topLevelItem(i).childCount())]
        view.itemActivated.emit(next(it for it in items if it.data(0, Qt.ItemDataRole.UserRole) == path), 0)

    activate("websites[0].name")
    assert wizard.currentId() == PAGE_SERVICES
    assert wizard.focusWidget() is _row(wizard.pages[PAGE_SERVICES], "websites[0].name").editor
    activate("principal.leader.cert_expiry")
    assert wizard.currentId() == PAGE_PRINCIPAL
    assert wizard.focusWidget() is _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_expiry").editor


def test_every_editor_has_an_accessible_name(wizard):
    for page in wizard.pages:
        for row in page.rows():
            assert row.editor.accessibleName(), row.path


def test_save_and_reopen(qtbot, wizard, tmp_path):
    wizard.next()
    _type(qtbot, _row(wizard.pages[PAGE_PRINCIPAL], "principal.remark"), "测试备注")
    target = tmp_path / "saved.icpdesk.yaml"
    assert wizard.save(target)
    assert "测试备注" in target.read_text(encoding="utf-8")
    assert wizard.open_file(target) and wizard.filing.principal.remark == "测试备注"


def test_broken_file_keeps_what_was_entered(qtbot, wizard, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    wizard.next()
    _type(qtbot, _row(wizard.pages[PAGE_PRINCIPAL], "principal.remark"), "未保存的输入")
    bad = tmp_path / "bad.icpdesk.yaml"
    bad.write_text("principal: [\n", encoding="utf-8")
    assert not wizard.open_file(bad)
    assert wizard.filing.principal.remark == "未保存的输入"


def _env(**kw):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(kw)
    return env


def test_without_display_says_how(tmp_path):
    out = subprocess.run([sys.executable, "-m", "icpdesk"], capture_output=True, text=True, timeout=120,
                         env=_env(HOME=str(tmp_path)))
    assert out.returncode == 2 and "QT_QPA_PLATFORM=offscreen" in out.stderr and "Traceback" not in out.stderr


def test_smoke_prints_first_paint(tmp_path):
    out = subprocess.run([sys.executable, "-m", "icpdesk", "--smoke"], capture_output=True, text=True, timeout=120,
                         env=_env(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path)))
    assert out.returncode == 0 and "first paint:" in out.stdout


def test_changing_certificate_type_re_judges_the_number_at_once(qtbot, wizard):
    """One validation path: the message under the number follows the type chosen above it,
    without pressing Next (it used to stay until then)."""
    wizard.next()
    page = wizard.pages[PAGE_PRINCIPAL]
    number = _row(page, "principal.leader.cert_number")
    _type(qtbot, number, "H12345678")
    assert number.message.isVisible() and "18" in number.message.text.text()
    kind = _row(page, "principal.leader.cert_type")
    kind.editor.setFocus()
    kind.editor.setCurrentIndex(kind.editor.findData("hk_macau_pass"))
    kind.flush()
    assert not number.message.isVisible() or "18" not in number.message.text.text()
    saved = wizard.path
    assert wizard.save()
    assert "hk_macau_pass" in saved.read_text(encoding="utf-8")


def test_save_on_a_full_disk_says_so_and_keeps_the_last_good_file(qtbot, wizard, tmp_path, monkeypatch):
    """The save is checked at every write: a full disk gives a warning, not a truncated file that
    still parses; the typed values stay in the window."""
    from conftest import fill_disk

    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        target = mount / "f.icpdesk.yaml"
        assert wizard.save(target)
        good = target.read_bytes()
        warnings = []
        monkeypatch.setattr("icpdesk_ui.wizard.QMessageBox.warning", lambda *a: warnings.append(a[2]))
        wizard.next()
        row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.remark")
        _type(qtbot, row, "备注" * 40_000)  # committed by the input method: ~240 KB of UTF-8
        fill_disk(mount, leave=50_000)
        assert not wizard.save(target)
        assert warnings and "原有文件未改动" in warnings[0]
        assert target.read_bytes() == good
        assert row.editor.toPlainText() == "备注" * 40_000
        assert sorted(p.name for p in mount.iterdir()) == ["ballast", "f.icpdesk.yaml"]  # no temporary file
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_first_save_is_private_whatever_the_umask(qtbot, wizard, tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "new.icpdesk.yaml"
        assert wizard.save(target)
    finally:
        os.umask(old)
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_typed_full_width_digits_show_and_save_as_stored(qtbot, wizard):
    """The model folds full-width digits; the field shows the stored text at once, and that is
    what the file holds (an invisible character in a number is kept and is an error: issue 28)."""
    wizard.next()
    row = _row(wizard.pages[PAGE_PRINCIPAL], "principal.leader.cert_number")
    _type(qtbot, row, "３３０１０６１９８５１２１２４５６５")
    assert row.editor.text() == "330106198512124565"
    assert wizard.save()
    from icpdesk.fileio import load_filing

    assert load_filing(wizard.path).principal.leader.cert_number == "330106198512124565"


def test_choosing_the_provider_makes_its_requirements_required(qtbot, wizard):
    """icp-rules.md §1.3/§5.1: the 核验单 is Kingsoft's and Tencent's, Huawei has its own
    undertaking; the provider chosen on the first page decides what the checklist asks for."""
    page = wizard.pages[PAGE_TYPE]
    row = _row(page, "provider")
    page.provider.setFocus()
    page.provider.setCurrentIndex(page.provider.findData("huawei"))
    row.flush()
    _go(wizard, PAGE_MATERIALS)
    summary = wizard.pages[PAGE_MATERIALS].summary.text()
    titles = [it.accessibleName() for it in wizard.pages[PAGE_MATERIALS].items.values()]
    # the demo's 核验单 scans stay listed (nothing attached disappears), no longer as required
    assert not any("核验单" in t and "必需" in t for t in titles), titles
    assert "承诺书 · 网站1（必需）" in titles
    assert wizard.save()
    assert "provider: huawei" in wizard.path.read_text(encoding="utf-8")
    assert "还缺" in summary


def test_domain_holder_certificate_typed_at_the_site_is_judged_and_saved(qtbot, wizard):
    """icp-rules.md §2.1: the principal's certificate is the one the domain was verified with."""
    _go(wizard, PAGE_SERVICES)
    services = wizard.pages[PAGE_SERVICES]
    rows = {r.path: r for r in services.rows()}
    kind = rows["websites[0].domain_holder_cert_type"]
    kind.editor.setFocus()
    kind.editor.setCurrentIndex(kind.editor.findData("org_code"))
    kind.flush()
    assert kind.message.isVisible() and "证件类型" in kind.message.text.text()
    number = rows["websites[0].domain_holder_cert_number"]
    _type(qtbot, number, "91330106MA27X12345")
    assert number.message.isVisible() and "证件号码" in number.message.text.text()
    kind.editor.setCurrentIndex(kind.editor.findData("business_license"))
    kind.flush()
    _type(qtbot, number, "91330106MA27X12344")
    assert not kind.message.isVisible() and not number.message.isVisible()
    assert wizard.save()
    text = wizard.path.read_text(encoding="utf-8")
    assert "domain_holder_cert_type: business_license" in text and "91330106MA27X12344" in text
