"""False alarms (issue 27 item 4): filings that keep the published rules and were still flagged.
Each case failed before its fix; the sources are quoted in docs/research/false-alarms.md."""

from __future__ import annotations

from conftest import ID_BEIJING, TODAY, enterprise_filing, individual_filing, person, scans
from test_rules import move

from icpdesk.engine import Validator
from icpdesk.model import Filing


def _found(f: Filing, *rules: str) -> list[str]:
    return [f"{x.rule} {x.path}" for x in Validator(today=TODAY).validate(f) if x.rule in rules or not rules]


def test_unit_site_named_after_a_registered_name_with_brackets_or_hyphen():
    """A unit's site carries the unit's registered name [XINNET-NAME]; its （） or - are the name's."""
    for unit, site in (("杭州示例科技（集团）有限公司", "示例科技（集团）官网"),
                       ("杭州一汽-示例科技有限公司", "一汽-示例科技官网")):
        f = enterprise_filing()
        f.principal.name, f.websites[0].name = unit, site
        f.websites[0].domain_holder = f.apps[0].domain_holder = unit
        assert _found(f, "website.name.symbols") == [], site
    f = enterprise_filing()
    f.websites[0].name = "示例科技（集团）官网"  # brackets the unit's name does not have: still a symbol
    assert _found(f, "website.name.symbols")


def test_most_detailed_address_note_in_the_remark_or_the_address():
    """Tencent's wording 通信地址已为最详细地址 [TX-SUBJ], Kingsoft's 此地址已是最详细地址 [KS-SUBJ]."""
    def bare(f: Filing) -> None:
        f.principal.mailing_address = "浙江省杭州市西湖区文三路"

    f = individual_filing()
    bare(f)
    assert _found(f, "principal.mailing_address.house_number")  # no number, no note: found
    f.principal.remark = "通信地址已为最详细地址"
    assert _found(f, "principal.mailing_address.house_number") == []
    f = individual_filing()
    bare(f)
    f.principal.mailing_address += "（已为最详细地址）"
    assert _found(f, "principal.mailing_address.house_number") == []


def test_non_local_individual_with_the_residence_proof_attached():
    f = individual_filing()  # 浙江: an ID of another province needs a local residence proof [TX-PROV]
    f.principal.cert_number = f.principal.leader.cert_number = ID_BEIJING
    assert _found(f, "person.id_region.residence_proof")
    f.materials = [*f.materials, *scans(("residence_proof", "principal"))]
    assert _found(f, "person.id_region.residence_proof", "materials.missing") == []


def test_domain_held_by_the_legal_representative_where_the_bureau_allows_it():
    """浙江: 域名所有者须与主办单位名称或法定代表人一致 [TX-PROV]; 福建: unit name only."""
    f = enterprise_filing()
    f.websites[0].domain_holder = "李四"  # the legal representative
    assert _found(f, "website.domain_holder.principal") == []
    move(f, "福建")
    assert _found(f, "website.domain_holder.principal")


def test_legal_rep_domain_holder_with_its_letter_in_chongqing():
    """重庆: 如果域名所有者为法定代表人，需提供单位授权书 [TX-PROV]: asked for, and once attached
    for that site, neither the holder nor the letter is reported."""
    f = enterprise_filing()
    move(f, "重庆")
    f.websites[0].domain_holder = "李四"
    assert "website.domain_holder.principal websites[0].domain_holder" in _found(f, "website.domain_holder.principal")
    findings = Validator(today=TODAY).validate(f)
    assert [x for x in findings if x.rule == "materials.missing" and "单位授权书" in x.message]
    f.materials = [*f.materials, *scans(("authorization_letter", "websites[0]"))]
    assert _found(f, "website.domain_holder.principal") == []
    assert not [x for x in Validator(today=TODAY).validate(f) if "授权书" in x.message]


def test_site_leader_letter_attached_to_that_site():
    """A site leader other than the legal representative, with the letter attached for: websites[0]."""
    f = enterprise_filing()
    move(f, "湖北")  # 网站负责人非法定代表人需上传网站负责人授权书 [TX-PROV]
    f.websites[0].leader = person(name="王五", number="330106198808088882", phone1="13500135000",
                                  emergency="13400134000", email="wangwu@example.com")
    f.materials = [*f.materials, *scans(("authorization_letter", "websites[0]"), ("leader_id_front", "websites[0]"),
                                        ("leader_id_back", "websites[0]"))]
    assert not [x for x in Validator(today=TODAY).validate(f) if "授权书" in x.message]


def test_office_phone_a_mobile_or_a_400_number_where_accepted(tmp_path):
    """除江苏省必填座机号码外，其他省份办公电话可填手机号代替 [TX-SUBJ]; a 400 number where a
    province's office_phone_kinds takes shared_cost numbers."""
    f = enterprise_filing()
    f.principal.leader.office_phone = "13700137000"
    assert _found(f, "person.office_phone.landline") == []
    move(f, "江苏")  # a landline is required there
    assert _found(f, "person.office_phone.landline")
    import shutil

    import yaml

    from icpdesk.paths import rules_dir
    from icpdesk.rulebook import Rulebook
    from icpdesk.shipped import PLUGINS

    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    path = folder / "provinces" / "zhejiang.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["settings"]["office_phone_kinds"] = {"value": ["landline", "mobile", "shared_cost"], "source": "[TX-SUBJ]"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    v = Validator(Rulebook(folder, PLUGINS), today=TODAY)
    f = enterprise_filing()
    f.principal.leader.office_phone = "400-820-8820"
    assert not [x for x in v.validate(f) if x.rule == "person.office_phone.landline"]
    assert [x for x in Validator(today=TODAY).validate(f) if x.rule == "person.office_phone.landline"]
