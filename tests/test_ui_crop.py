"""Issue 32 item 2 in the app: a phone photo of an ID card dropped on its entry is called
skewed, the fix button cuts the card out and straightens it, the before/after dialog shows both
and says what changed, and taking it puts the straightened copy in the filing.

ICPDESK_SCREENSHOTS=DIR keeps the dialog's picture there (docs/screenshots/ holds one)."""

from __future__ import annotations

import os
from pathlib import Path

from docphotos import case, jpeg
from PIL import Image
from PySide6.QtWidgets import QDialog, QMessageBox
from test_ui_wizard import InlinePool, _drop, _go, wizard  # noqa: F401  (the fixture)

from icpdesk_ui.wizard import PAGE_MATERIALS


def test_the_fix_button_crops_and_straightens_a_photographed_card(qtbot, wizard, tmp_path, monkeypatch):  # noqa: F811
    photo = tmp_path / "id-front-photo.jpg"
    photo.write_bytes(jpeg(case("skewed", 0, 1600)[0], 0))
    _go(wizard, PAGE_MATERIALS)
    page = wizard.pages[PAGE_MATERIALS]
    item = page.items[("leader_id_front", "principal")]
    monkeypatch.setattr("icpdesk_ui.scan_item.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _drop(item, photo)
    qtbot.waitUntil(lambda: "透视" in item.verdict.text() or "斜" in item.verdict.text(), timeout=20000)
    assert item.fix.isEnabled()
    wizard.setProperty("auto_accept_fixes", False)
    seen: dict[str, object] = {}

    def take(dialog):
        dialog.resize(640, dialog.sizeHint().height())
        seen["text"] = "\n".join(w.text() for w in dialog.findChildren(type(item.verdict)))
        seen["shot"] = dialog.grab()
        pics = [w.pixmap() for w in dialog.findChildren(type(item.verdict)) if not w.pixmap().isNull()]
        seen["sizes"] = [(p.width(), p.height()) for p in pics]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("icpdesk_ui.page_materials.BeforeAfter.exec", take)
    item.fix.click()  # the before/after dialog: 采用修复后的文件
    qtbot.waitUntil(lambda: "shot" in seen, timeout=20000)
    assert "裁出证件并校正透视" in str(seen["text"])
    before, after = seen["sizes"]
    assert abs(after[0] / after[1] - 85.6 / 54) < 0.05  # the card alone, at its real shape
    assert abs(before[0] / before[1] - 4 / 3) < 0.05  # the whole photo
    path = wizard.base_dir() / wizard.filing.materials[item.index].path
    assert path.name.endswith("-fixed.jpg")
    with Image.open(path) as im:
        assert abs(im.width / im.height - 85.6 / 54) < 0.01
    assert photo.read_bytes() == jpeg(case("skewed", 0, 1600)[0], 0)  # the original untouched
    out = os.environ.get("ICPDESK_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        seen["shot"].save(str(Path(out) / "fix-crop-straighten.png"))  # type: ignore[attr-defined]
