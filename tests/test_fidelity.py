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


def _needed(f):
    from icpdesk.checklist import checklist

    return {(n.kind, n.owner): n.required for n in checklist(f, Validator(today=TODAY))}


def _sites(f, n, domains_each=1):

    base = f.websites[0]
    f.websites = [base.model_copy(update={"name": f"示例科技站点{i}",
                                          "domains": [f"s{i}d{j}.cn" for j in range(domains_each)],
                                          "home_url": f"s{i}d0.cn"}) for i in range(n)]
    return f


def test_site_plan_shanghai_30_sites_guangdong_personal_5_domains_chongqing_5_sites_with_guarantee():
    """icp-rules.md §5.1: 网站建设方案书 for 上海 ≥ 30 sites or ≥ 30 domains on a site; 广东
    personal > 5 domains or > 10 sites, units > 30; 重庆 > 5 sites, with a guarantee letter."""
    assert ("site_plan", "principal") not in _needed(_sites(_in("上海", enterprise_filing), 29))
    assert _needed(_sites(_in("上海", enterprise_filing), 30))[("site_plan", "principal")]
    assert _needed(_sites(_in("上海", enterprise_filing), 1, domains_each=30))[("site_plan", "principal")]
    assert ("site_plan", "principal") not in _needed(_sites(_in("广东", individual_filing), 1, domains_each=5))
    assert _needed(_sites(_in("广东", individual_filing), 1, domains_each=6))[("site_plan", "principal")]
    assert ("site_plan", "principal") not in _needed(_sites(_in("广东", enterprise_filing), 30))
    assert ("guarantee_letter", "principal") not in _needed(_sites(_in("重庆", enterprise_filing), 5))
    k = _needed(_sites(_in("重庆", enterprise_filing), 6))
    assert k[("site_plan", "principal")] and k[("guarantee_letter", "principal")]
    assert ("site_plan", "principal") not in _needed(_sites(_in("浙江", enterprise_filing), 40))


def test_public_body_forms_neimenggu_heilongjiang_jiangxi():
    forms = (("内蒙古", "name_review_form"), ("黑龙江", "opening_form"), ("江西", "establishment_approval"))
    for province, kind in forms:
        f = _in(province, enterprise_filing)
        assert (kind, "websites[0]") not in _needed(f)  # an enterprise: not asked
        f.principal.nature, f.principal.cert_type = "public_institution", "public_institution_cert"
        assert _needed(f)[(kind, "websites[0]")], province
        elsewhere = f.model_copy(deep=True)
        move(elsewhere, "浙江")
        assert (kind, "websites[0]") not in _needed(elsewhere)


def test_shanghai_travel_agency_licence_and_foreigners_residence_permit():
    f = _in("上海", enterprise_filing)
    assert ("travel_license", "principal") not in _needed(f)
    f.principal.name = "上海示例国际旅行社有限公司"
    assert _needed(f)[("travel_license", "principal")]
    p = _in("上海", individual_filing)
    p.principal.cert_type = p.principal.leader.cert_type = "passport"
    assert _needed(p)[("residence_proof", "principal")]


def test_sichuan_site_not_named_after_the_unit_needs_undertaking_and_statement():
    f = _in("四川", enterprise_filing)  # 杭州示例科技有限公司 / 示例科技官网: named after the unit
    assert ("site_statement", "websites[0]") not in _needed(f)
    f.websites[0].name = "快乐读书会"
    k = _needed(f)
    assert k[("site_statement", "websites[0]")] and k[("undertaking_letter", "websites[0]")]


def test_guangdong_finance_qualification_and_qinghai_change_filings_upload_everything():
    f = _in("广东", enterprise_filing)
    f.websites[0].name = "示例科技理财"
    assert _needed(f)[("finance_qualification", "websites[0]")]
    c = _in("青海", enterprise_filing)
    c.filing_type = "change_site"
    k = _needed(c)
    assert k[("principal_cert", "principal")] and k[("leader_id_front", "principal")]
    assert ("principal_cert", "principal") not in _needed(_in("浙江", lambda: c.model_copy(deep=True)))


def test_app_icon_is_huaweis_and_at_most_100_kb(tmp_path):
    from imagegen import noisy_photo, save, sheet

    from icpdesk.images.check import check_image

    f = enterprise_filing()
    f.provider = "huawei"
    assert _needed(f)[("app_icon", "apps[0]")]
    icon = tmp_path / "icon.png"
    save(sheet(192, 192), icon, "PNG")
    found = {x.rule: x for x in check_image(icon, "app_icon").findings}
    assert icon.stat().st_size < 100000 and not {"image.size.too_large", "image.resolution.too_small"} & set(found)
    save(noisy_photo(400, 400), icon, "PNG")
    assert icon.stat().st_size > 102400
    [big] = [x for x in check_image(icon, "app_icon").findings if x.rule == "image.size.too_large"]
    assert "100 KB" in big.message and big.severity == "error"


def test_settings_rows_shandong_guangxi_ningxia_shaanxi_henan(rulebook):
    """Rows that are settings only: 山东 residence proof for other provinces' IDs and
    certificates for more than 4 domains; 广西/宁夏 no cross-province filing; 陕西 one domain per
    site on a first filing; 河南's second threshold (> 10) kept as a dispute."""
    p = _in("山东", individual_filing)
    assert _needed(p)[("residence_proof", "principal")]
    assert rulebook.province("山东").values.domain_cert_min_domains == 5
    for province in ("广西", "宁夏"):
        assert _hits(_in(province, individual_filing), "person.id_region.local"), province
    s = _in("陕西", enterprise_filing)
    s.websites[0].domains = ["example.cn", "example.com.cn"]
    assert _hits(s, "website.domains.max_per_site")
    assert [d.value for d in rulebook.province("河南").setting("domain_cert_min_domains").disputed] == [11]


def test_foreign_legal_rep_authorises_a_mainland_leader_hebei_error_shanxi_warning():
    f = _in("河北", enterprise_filing)
    f.principal.legal_representative = "John Smith"
    f.principal.legal_representative_cert_type = "passport"
    assert not _hits(f, "principal.leader.legal_rep")  # the authorised leader is not the rep: fine here
    f.principal.leader.cert_type, f.principal.leader.cert_number = "passport", "E12345678"
    [hit] = _hits(f, "principal.leader.mainland")
    assert hit.severity == "error"
    s = _in("山西", enterprise_filing)
    s.principal.leader.cert_type, s.principal.leader.cert_number = "passport", "E12345678"
    [hit] = _hits(s, "principal.leader.mainland")
    assert hit.severity == "warning" and "HW-KB-MGJ" in hit.source
    assert not _hits(_in("浙江", lambda: s.model_copy(deep=True)), "principal.leader.mainland")


def test_tianjin_law_firm_only_the_newest_licence():
    f = _in("天津", enterprise_filing)
    f.principal.nature, f.principal.cert_type = "law_firm", "org_code"
    [hit] = _hits(f, "principal.cert_type.province")
    assert hit.severity == "error" and "律师事务所执业许可证" in hit.message
    f.principal.cert_type = "law_firm_license"
    assert not _hits(f, "principal.cert_type.province")


def test_autonomous_regions_local_mobiles_are_local():
    """phonenumbers writes 广西南宁市 for a mobile block and 广西壮族自治区南宁市 for a landline:
    both are the province (a 南宁 mobile in a 广西 filing was once called non-local)."""
    local = (("广西", "13907711234", "0771-2881234"), ("新疆", "13909911234", "0991-2881234"))
    for province, mobile, landline in local:
        f = _in(province, individual_filing)
        f.principal.leader.phone1, f.principal.leader.phone2 = mobile, landline
        f.principal.leader.emergency_phone = None
        assert not _hits(f, "person.phone.local"), province
