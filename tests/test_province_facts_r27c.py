"""Facts added by the issue-27 research for 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆
(docs/research/<code>.md): a filing that breaks one gets the finding, at the strength its sources
earn (a disputed setting warns), and the province's accepted filing gets none of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, write_scans
from stdnum.cn import ric, uscc

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing
from icpdesk.model import Filing, Website

CLEAN = Path(__file__).parent / "filings" / "clean"


def clean(pinyin: str, kind: str, tmp_path: Path) -> Filing:
    copy = tmp_path / f"{pinyin}-{kind}.icpdesk.yaml"
    shutil.copy(CLEAN / copy.name, copy)
    return load_filing(copy)


def findings(filing: Filing, tmp_path: Path, rulebook) -> dict[str, list]:
    write_scans(filing, tmp_path)
    out: dict[str, list] = {}
    for f in Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing):
        out.setdefault(f.rule, []).append(f)
    return out


def id_born(region6: str, birth: str, seq: str = "221") -> str:
    body = region6 + birth + seq
    return body + ric.calc_check_digit(body + "0")


def sole_proprietor_code(region6: str) -> str:
    """A 个体工商户's credit code (92…) with valid GB 11714 and GB 32100 check characters."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    base8 = "MA123456"
    check = 11 - sum(alphabet.index(c) * w for c, w in zip(base8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    body = "92" + region6 + base8 + {10: "X", 11: "0"}.get(check, str(check))
    return body + uscc.calc_check_digit(body + "0")


def as_sole_proprietor(f: Filing, trade_name: bool, nature: str) -> Filing:
    p = f.principal
    p.cert_number = sole_proprietor_code(p.cert_number[2:8])
    p.nature = nature
    if not trade_name:
        p.name = p.legal_representative  # no 字号: the operator's name
    return f


def other_leader(filing: Filing) -> None:
    """The principal leader is no longer the legal representative."""
    leader = filing.principal.leader
    leader.name = "赵六"
    leader.cert_number = id_born(leader.cert_number[:6], "19850101", "337")


@pytest.mark.parametrize("pinyin", ["hainan", "chongqing", "sichuan", "guizhou", "yunnan", "xizang", "shaanxi",
                                    "gansu", "qinghai", "ningxia", "xinjiang"])
@pytest.mark.parametrize("kind", ["personal", "enterprise"])
def test_accepted_filings_stay_clean(pinyin, kind, tmp_path, rulebook):
    bad = {r: fs for r, fs in findings(clean(pinyin, kind, tmp_path), tmp_path, rulebook).items()
           if any(f.severity in ("error", "warning") for f in fs)}
    assert not bad, bad


def test_hainan_leader_must_be_legal_rep_but_disputed(tmp_path, rulebook):
    f = clean("hainan", "enterprise", tmp_path)
    other_leader(f)
    hits = findings(f, tmp_path, rulebook)["principal.leader.legal_rep"]
    assert {h.severity for h in hits} == {"warning"}  # 2021 Huawei page against undated Tencent/TX-SUBJ
    assert "HW-MGJ-HI" in hits[0].source or "海南管局要求" in hits[0].source


def test_hainan_personal_national_name_is_an_error_on_provider_sources(tmp_path, rulebook):
    f = clean("hainan", "personal", tmp_path)
    f.websites[0].name = "中国读书札记"
    hits = findings(f, tmp_path, rulebook)["website.name.national/hainan"]
    assert hits[0].severity == "error"
    rule = next(r for r in rulebook.province("海南").rules if r.id == "website.name.national/hainan")
    assert "TX-PROV-NEW" in rule.cites


def test_chongqing_unit_first_filing_one_domain_per_order(tmp_path, rulebook):
    f = clean("chongqing", "enterprise", tmp_path)
    first = f.websites[0]
    f.websites.append(Website(**{**first.model_dump(by_alias=True), "name": "山城科技商城",
                                 "domains": ["chongqing-shop.com"], "home_url": "https://www.chongqing-shop.com/"}))
    assert "websites.domains.max_per_order" in findings(f, tmp_path, rulebook)
    f.filing_type = "new_site_other_provider"  # Aliyun's limit is for 新增备案 only
    f.principal.filing_number = "渝ICP备12345678号"
    assert "websites.domains.max_per_order" not in findings(f, tmp_path, rulebook)


def test_chongqing_domain_held_by_legal_rep_only_warns(tmp_path, rulebook):
    f = clean("chongqing", "enterprise", tmp_path)
    f.websites[0].domain_holder = f.principal.legal_representative
    f.websites[0].domain_holder_cert_type = "resident_id"
    hits = [h for fs in findings(f, tmp_path, rulebook).values() for h in fs if "ALI-PROV-CQ" in h.source
            or "重慶備案規則" in h.source]
    assert hits and {h.severity for h in hits} == {"warning"}


def test_yunnan_personal_site_cannot_be_a_blog(tmp_path, rulebook):
    f = clean("yunnan", "personal", tmp_path)
    f.websites[0].content_type = "blog"
    hits = findings(f, tmp_path, rulebook)["website.content_type.province_banned"]
    assert hits[0].severity == "error"


def test_xizang_unit_leader_of_17_and_domain_of_the_legal_rep(tmp_path, rulebook):
    f = clean("xizang", "enterprise", tmp_path)
    f.principal.leader.cert_number = id_born(f.principal.leader.cert_number[:6], "20090612", "331")
    f.websites[0].domain_holder = f.principal.legal_representative
    f.websites[0].domain_holder_cert_type = "resident_id"
    got = findings(f, tmp_path, rulebook)
    assert got["person.age.unit_refused"][0].severity == "error"
    holder = got["website.domain_holder.principal"]  # a legal-rep holder warns where the unit must hold it
    assert holder and all(h.severity == "warning" and "西藏" in h.source for h in holder)


def test_gansu_age_and_personal_statement(tmp_path, rulebook):
    f = clean("gansu", "personal", tmp_path)
    young = id_born(f.principal.cert_number[:6], "20090612", "222")
    f.principal.cert_number = f.principal.leader.cert_number = young
    f.websites[0].remark = "本网站用于记录个人读书心得与生活随笔。"
    got = findings(f, tmp_path, rulebook)
    assert got["person.age.refused"][0].severity == "error"
    assert got["website.remark.personal_statement/gansu"][0].severity == "error"


def test_qinghai_site_leader_needs_a_letter(tmp_path, rulebook):
    f = clean("qinghai", "enterprise", tmp_path)
    site_leader = f.principal.leader.model_copy(deep=True)
    site_leader.name = "赵六"
    site_leader.cert_number = id_born(site_leader.cert_number[:6], "19850101", "337")
    site_leader.phone1, site_leader.emergency_phone = site_leader.emergency_phone, site_leader.phone1
    f.websites[0].leader = site_leader
    missing = findings(f, tmp_path, rulebook)["materials.missing"]
    assert any(h.severity == "error" and "网站负责人授权书" in h.message for h in missing)


def test_qinghai_domain_of_the_legal_rep_only_warns(tmp_path, rulebook):
    f = clean("qinghai", "enterprise", tmp_path)
    f.websites[0].domain_holder = f.principal.legal_representative
    f.websites[0].domain_holder_cert_type = "resident_id"
    hits = findings(f, tmp_path, rulebook)["website.domain_holder.principal"]
    assert {h.severity for h in hits} == {"warning"}


def test_ningxia_enterprise_files_with_its_business_licence(tmp_path, rulebook):
    f = clean("ningxia", "enterprise", tmp_path)
    f.principal.cert_type = "org_code"
    assert any(h.severity == "error" for h in findings(f, tmp_path, rulebook)["principal.cert_type.province"])


def test_xinjiang_dispute_decided_legal_rep_leads(tmp_path, rulebook):
    assert not rulebook.province("新疆").setting("leader_legal_rep").disputed
    f = clean("xinjiang", "enterprise", tmp_path)
    other_leader(f)
    hits = findings(f, tmp_path, rulebook)["principal.leader.legal_rep"]
    assert {h.severity for h in hits} == {"error"}


def test_xinjiang_domain_validity_and_unit_age(tmp_path, rulebook):
    f = clean("xinjiang", "enterprise", tmp_path)
    f.websites[0].domain_expires = "2027-01-10"  # under 3 months after TODAY
    f.principal.leader.cert_number = id_born(f.principal.leader.cert_number[:6], "20130612", "331")
    got = findings(f, tmp_path, rulebook)
    assert "website.domain_expires.remaining" in got
    assert got["person.age.unit_refused"][0].severity == "error"


def test_hainan_sole_proprietor_without_trade_name_files_as_individual_with_remark(tmp_path, rulebook):
    f = as_sole_proprietor(clean("hainan", "enterprise", tmp_path), trade_name=False, nature="enterprise")
    assert "principal.sole_proprietor.nature" in findings(f, tmp_path, rulebook)
    f.principal.nature = "individual"
    got = findings(f, tmp_path, rulebook)
    assert "principal.sole_proprietor.nature" not in got
    assert "无字号工商户" in got["principal.sole_proprietor.remark"][0].message
    f.principal.remark = "无字号工商户"
    assert "principal.sole_proprietor.remark" not in findings(f, tmp_path, rulebook)


def test_guizhou_sole_proprietor_with_trade_name_files_as_enterprise(tmp_path, rulebook):
    f = as_sole_proprietor(clean("guizhou", "enterprise", tmp_path), trade_name=True, nature="individual")
    assert findings(f, tmp_path, rulebook)["principal.sole_proprietor.nature"][0].severity == "error"
    f.principal.nature = "enterprise"
    assert "principal.sole_proprietor.nature" not in findings(f, tmp_path, rulebook)


def test_shaanxi_sole_proprietor_always_files_as_enterprise(tmp_path, rulebook):
    f = as_sole_proprietor(clean("shaanxi", "enterprise", tmp_path), trade_name=False, nature="individual")
    assert "principal.sole_proprietor.nature" in findings(f, tmp_path, rulebook)
    f.principal.nature = "enterprise"
    assert "principal.sole_proprietor.nature" not in findings(f, tmp_path, rulebook)


def test_xizang_religious_unit_needs_the_licence(tmp_path, rulebook):
    f = clean("xizang", "enterprise", tmp_path)
    f.principal.name = "拉萨雪域宗教文化传播有限公司"
    f.websites[0].domain_holder = f.principal.name
    missing = findings(f, tmp_path, rulebook)["materials.missing"]
    assert any(h.severity == "error" and "宗教信息服务许可证" in h.message for h in missing)
    g = clean("xinjiang", "enterprise", tmp_path)  # the item is 西藏's only
    g.principal.name = "乌鲁木齐宗教文化传播有限公司"
    g.websites[0].domain_holder = g.principal.name
    assert not any("宗教" in h.message for h in findings(g, tmp_path, rulebook).get("materials.missing", []))


def more_sites(f: Filing, n: int) -> None:
    first = f.websites[0]
    for i in range(n):
        f.websites.append(Website(**{**first.model_dump(by_alias=True), "name": f"{first.name}{'甲乙丙丁戊己'[i]}",
                                     "domains": [f"site{i}-{first.domains[0]}"],
                                     "home_url": f"https://www.site{i}-{first.domains[0]}/"}))


@pytest.mark.parametrize("pinyin", ["gansu", "qinghai", "guizhou"])
def test_volcano_five_sites_one_domain_each(pinyin, tmp_path, rulebook):
    f = clean(pinyin, "enterprise", tmp_path)
    more_sites(f, 5)  # six sites in a first filing
    assert "websites.max_per_order" in findings(f, tmp_path, rulebook)
    g = clean(pinyin, "enterprise", tmp_path)
    g.websites[0].domains.append("second-" + g.websites[0].domains[0])
    g.websites[0].more_home_urls = ["https://www.second-" + g.websites[0].domains[0] + "/"]
    assert "website.domains.max_per_site" in findings(g, tmp_path, rulebook)


def test_yunnan_leader_documents(tmp_path, rulebook):
    f = clean("yunnan", "enterprise", tmp_path)
    f.principal.leader.cert_type = "hk_macau_tw_residence_permit"
    hits = findings(f, tmp_path, rulebook)["person.cert_type.allowed/yunnan"]
    assert hits[0].severity == "error" and hits[0].path == "principal.leader.cert_type"
    f.principal.leader.cert_type = "hk_macau_pass"
    assert "person.cert_type.allowed/yunnan" not in findings(f, tmp_path, rulebook)


def test_secondary_only_facts_only_warn(tmp_path, rulebook):
    f = clean("xizang", "personal", tmp_path)  # an agency's copy alone: ID from another province
    other = id_born("510104", "19880612", "222")
    f.principal.cert_number = f.principal.leader.cert_number = other
    hits = [h for fs in findings(f, tmp_path, rulebook).values() for h in fs if "KSBA-XZ" in h.source
            or "西藏地區備案" in h.source]
    assert hits and {h.severity for h in hits} == {"warning"}
    g = as_sole_proprietor(clean("ningxia", "enterprise", tmp_path), trade_name=False, nature="enterprise")
    hits = findings(g, tmp_path, rulebook)["principal.sole_proprietor.nature"]
    assert {h.severity for h in hits} == {"warning"}  # NetEase's 2017 page, a copy: secondary only
