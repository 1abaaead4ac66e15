"""Rules audit rows (shared/reference/rules-audit.md) fixed, one filing per fact, named after the
province and the fact: error, warning or clean as icp-rules.md says."""

from __future__ import annotations

from conftest import TODAY, enterprise_filing, individual_filing
from test_rules import move

from icpdesk.engine import Validator


def _in(province, make):
    f = make()
    move(f, province)
    return f


def _hits(f, rule):
    return [x for x in Validator(today=TODAY).validate(f) if x.rule == rule]


def test_shanghai_domain_age_error_below_what_both_sources_agree_warning_between():
    f = _in("上海", individual_filing)
    f.websites[0].domain_expires = "2027-01-15"  # under 2 months left: below 3 (HW) and 6 (TX)
    [hit] = _hits(f, "website.domain_expires.remaining")
    assert hit.severity == "error" and "3" in hit.message
    f.websites[0].domain_expires = "2027-04-15"  # about 5 months: enough for HW, not for TX
    [hit] = _hits(f, "website.domain_expires.remaining")
    assert hit.severity == "warning" and "disputed" in hit.source
    f.websites[0].domain_expires = "2027-08-01"
    assert not _hits(f, "website.domain_expires.remaining")


def test_beijing_co_and_asia_are_disputed_hk_is_refused():
    f = _in("北京", enterprise_filing)
    f.websites[0].domains = ["example.co"]
    [hit] = _hits(f, "website.domains.filable_suffix")
    assert hit.severity == "warning" and "TX-TLD-2020" in hit.source
    f.websites[0].domains = ["example.hk"]
    [hit] = _hits(f, "website.domains.filable_suffix")
    assert hit.severity == "error"


def test_heilongjiang_30_character_remark_is_for_personal_filings():
    f = _in("黑龙江", enterprise_filing)
    f.websites[0].remark = "公司官网"
    assert not _hits(f, "website.remark.min_length")
    p = _in("黑龙江", individual_filing)
    p.websites[0].remark = "读书笔记"
    assert _hits(p, "website.remark.min_length")


def test_jiangsu_contact_2_for_personal_filings_too():
    f = _in("江苏", individual_filing)
    f.principal.leader.phone2 = None
    [hit] = _hits(f, "principal.leader.phone2_required/jiangsu")
    assert hit.severity == "error" and hit.path == "principal.leader.phone2"
    f.principal.leader.phone2 = "025-88888888"
    assert not _hits(f, "principal.leader.phone2_required/jiangsu")


def test_henan_words_apply_to_unit_site_names():
    f = _in("河南", enterprise_filing)
    f.websites[0].name = "示例科技中华服务"
    assert _hits(f, "website.name.henan_words")


def test_hainan_personal_first_filing_counts_domains_not_sites():
    f = _in("海南", individual_filing)
    f.websites[0].domains = ["example.com", "example.cn"]
    [hit] = _hits(f, "websites.domains.max_per_order")
    assert hit.path == "websites" and hit.severity == "error"


def test_shanxi_leader_rule_disputed_gives_a_warning():
    f = _in("山西", enterprise_filing)
    f.principal.legal_representative = "王五"  # the leader 李四 is not the legal representative
    [hit] = _hits(f, "principal.leader.legal_rep")
    assert hit.severity == "warning" and "HW-KB-MGJ" in hit.source


def test_chongqing_legal_rep_as_domain_holder_is_a_warning_not_an_error():
    f = _in("重庆", enterprise_filing)
    f.websites[0].domain_holder = "李四"  # the legal representative
    [hit] = _hits(f, "website.domain_holder.principal")
    assert hit.severity == "warning"


def test_government_sub_domains_are_filed_as_they_are():
    f = enterprise_filing()
    f.principal.nature = "government"
    f.websites[0].domains = ["shili.xihu.gov.cn"]
    assert not _hits(f, "website.domains.registrable")
    f.principal.nature = "enterprise"
    f.websites[0].domains = ["shop.example.cn"]
    assert _hits(f, "website.domains.registrable")


def test_tianjin_wants_local_phones_mobiles_by_block_landlines_by_area_code():
    f = _in("天津", enterprise_filing)
    f.principal.leader.phone1 = "13700137000"  # 辽宁 抚顺
    f.principal.leader.office_phone = "0571-88888888"  # 杭州
    f.principal.leader.phone2 = "022-12345678"  # 天津
    hits = {x.path: x for x in _hits(f, "person.phone.local")}
    assert set(hits) == {"principal.leader.phone1", "principal.leader.office_phone"}
    assert "辽宁" in hits["principal.leader.phone1"].message
    z = enterprise_filing()  # 浙江 sets no such rule: the same numbers pass
    assert not _hits(z, "person.phone.local")


def test_current_regions_hangzhou_linping_qiantang_listed_jianggan_warned(rulebook):
    """Issue item 8: GB/T 2260 as in force (NBS 2023 codes): 临平区 and 钱塘区 (2021) are in the
    cascade, 江干区 (abolished 2021) is not and a filing that still names it gets a warning."""
    regions = rulebook.catalogues.regions
    hangzhou = regions.districts("330000", "杭州市")
    assert {"临平区", "钱塘区"} <= set(hangzhou) and "江干区" not in hangzhou and "下城区" not in hangzhou
    assert regions.districts("440000", "东莞市") == ["东莞市"]  # a city without districts: itself
    assert "加格达奇区" in regions.districts("230000", "大兴安岭地区")  # simplified, not 加格達奇區
    assert {"江北区", "渝北区"} <= set(regions.districts("500000", "重庆市"))
    f = _in("浙江", individual_filing)
    f.principal.region.district = "江干区"
    [hit] = _hits(f, "principal.region.district.abolished")
    assert hit.severity == "warning" and "2021" in hit.message
    f.principal.region.district = "临平区"
    assert not _hits(f, "principal.region.district.abolished")
    assert not [x for x in Validator(today=TODAY).validate(f) if x.path == "principal.region.district"]
