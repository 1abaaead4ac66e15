"""The document (icpdesk/document.py): the one owner of a filing being edited."""

from __future__ import annotations

import pytest
from conftest import TODAY, enterprise_filing, individual_filing
from pydantic import ValidationError

from icpdesk.document import Document
from icpdesk.engine import Validator
from icpdesk.findings import Finding
from icpdesk.model import Material, Person, Website


def _doc(make=enterprise_filing) -> Document:
    return Document(make(), validator=Validator(today=TODAY))


def test_an_edit_is_applied_recorded_and_undone():
    doc = _doc()
    change = doc.edit("websites[0].name", "示例科技商城", "网站名称")
    assert doc.filing.websites[0].name == "示例科技商城" and doc.revision == 1 and doc.dirty
    assert change.before == (("websites[0].name", "示例科技官网"),)
    assert doc.edit("websites[0].name", "示例科技商城") is None  # the same value: no step, no revision
    assert doc.revision == 1
    doc.apply(change, forward=False)
    assert doc.filing.websites[0].name == "示例科技官网"
    doc.apply(change, forward=True)
    assert doc.filing.websites[0].name == "示例科技商城"


def test_the_automatic_values_are_part_of_the_change():
    """An individual's name fills the leader's and the investor: one step takes all back."""
    doc = _doc(individual_filing)
    change = doc.edit("principal.name", "李小明")
    assert {"principal.name", "principal.leader.name"} <= change.paths
    assert doc.filing.principal.leader.name == "李小明"
    doc.apply(change, forward=False)
    assert doc.filing.principal.name == "张三" and doc.filing.principal.leader.name == "张三"


def test_a_field_of_a_missing_site_leader_creates_it_and_undo_removes_it():
    doc = _doc()
    assert doc.filing.websites[0].leader is None
    change = doc.edit("websites[0].leader.name", "王五")
    assert isinstance(doc.filing.websites[0].leader, Person) and doc.filing.websites[0].leader.name == "王五"
    doc.apply(change, forward=False)
    assert doc.filing.websites[0].leader is None


def test_whole_lists_and_cleaning():
    doc = _doc()
    extra = Website(name="第二个网站", domains=["two.cn"])
    change = doc.replace("websites", [*doc.filing.websites, extra], "添加网站")
    assert len(doc.filing.websites) == 2 and change.paths == {"websites"}
    doc.apply(change, forward=False)
    assert len(doc.filing.websites) == 1
    doc.edit("principal.leader.cert_number", "３３０１０６１９８５１２１２４５６５")
    assert doc.filing.principal.leader.cert_number == "330106198512124565"  # stored folded
    doc.edit("principal.leader.cert_number", "33010619851212456\u200b5")  # kept, and an error (issue 28)
    doc.revalidate()
    assert ("input.invisible", "principal.leader.cert_number") in {(f.rule, f.path) for f in doc.findings}


def test_a_refused_value_leaves_the_filing_as_it_was():
    doc = _doc()
    before = doc.snapshot()
    with pytest.raises(ValidationError):
        doc.edit("websites[0].languages", "not a list")
    assert doc.filing == before and doc.revision == 0


def test_a_snapshot_is_independent_and_opening_is_not_an_edit():
    doc = _doc()
    snap = doc.snapshot()
    doc.edit("principal.remark", "改过")
    assert snap.principal.remark == "" and doc.snapshot() is not doc.filing
    fresh = _doc()
    fresh.revalidate()
    assert fresh.revision == 0 and not fresh.dirty
    fresh.mark_saved(fresh.revision)
    fresh.edit("principal.remark", "x")
    assert fresh.dirty


def test_scan_verdicts_follow_the_file_and_the_provider(tmp_path):
    """Kept by file, placed at materials[i] when computed, the provider applied then: a
    reordering or another provider never shows a stale verdict."""
    doc = Document(enterprise_filing(), path=tmp_path / "f.icpdesk.yaml", validator=Validator(today=TODAY))
    curtain = Finding(rule="image.curtain.dimensions", severity="error", path="image", message="m",
                      message_en="m", source="s")
    doc.replace("materials", [*doc.filing.materials, Material(kind="curtain_photo", for_="websites[0]",
                                                              path="scans/curtain.jpg")], "附上扫描件")
    doc.set_scan_findings("scans/curtain.jpg", [curtain])
    last = len(doc.filing.materials) - 1
    [at] = doc.scan_findings()
    assert at.path == f"materials[{last}]" and at.severity == "error"  # the fixture names Kingsoft
    doc.replace("materials", [doc.filing.materials[-1], *doc.filing.materials[:-1]], "排序")
    [at] = doc.scan_findings()
    assert at.path == "materials[0]"
    doc.edit("provider", None)
    [at] = doc.scan_findings()
    assert at.severity == "info"
    doc.edit("provider", "tencent")
    assert doc.scan_findings() == []
