"""The engine: provincial precedence visible in findings, disputed settings as warnings, the
live check of one field, and the per-province data tables."""

from __future__ import annotations

import pytest
from conftest import TODAY, enterprise_filing, individual_filing, person
from test_rules import move

from icpdesk.engine import Validator
from icpdesk.model import Website


def _rules(findings):
    return {f.rule for f in findings}


def test_jiangsu_form_overrides_national_bans(validator):
    f = individual_filing()
    move(f, "江苏")
    f.websites[0].name = "张三的个人博客"  # 博客 and 主页 are banned nationally for individuals
    found = validator.validate(f)
    assert "website.name.personal_preapproval_words" not in _rules(found)
    f.websites[0].name = "张三的读书博客"
    found = validator.validate(f)
    form = [x for x in found if x.rule == "website.name.personal_form/jiangsu"]
    assert form and form[0].overrides == "website.name.personal_forbidden, website.name.personal_preapproval_words"
    assert "website.name.personal_preapproval_words" not in _rules(found)


def test_same_name_elsewhere_hits_the_national_ban(validator):
    f = individual_filing()
    f.websites[0].name = "张三的个人博客"
    assert "website.name.personal_preapproval_words" in _rules(validator.validate(f))


def test_extended_rule_carries_parent_and_new_severity(validator):
    f = individual_filing()
    move(f, "山东")
    f.websites[0].remark = "读书笔记，分享读后感。"
    hit = next(x for x in validator.validate(f) if x.path == "websites[0].remark"
               and x.rule.startswith("website.remark.personal_statement"))
    assert hit.rule == "website.remark.personal_statement/shandong"
    assert hit.severity == "error" and hit.overrides == "website.remark.personal_statement"


def test_disputed_setting_gives_a_warning_with_both_sources(validator):
    f = enterprise_filing()
    move(f, "海南")  # Huawei's 2021 page: must be legal rep; Tencent's table: free
    f.principal.legal_representative = "王五"
    hit = next(x for x in validator.validate(f) if x.rule == "principal.leader.legal_rep")
    assert hit.severity == "warning"
    assert "[HW-MGJ-HI]" in hit.source and "[TX-SUBJ]" in hit.source
    move(f, "浙江")  # undisputed: an error
    hit = next(x for x in validator.validate(f) if x.rule == "principal.leader.legal_rep")
    assert hit.severity == "error"


def test_ningxia_single_character_word_is_named(validator):
    f = individual_filing()
    move(f, "宁夏")
    f.websites[0].name = "张三的读书网"
    hit = next(x for x in validator.validate(f) if x.rule == "website.name.province_banned")
    assert "网" in hit.message and "宁夏" in hit.message


def test_site_limits_by_nature(validator):
    for nature_filing, limit in ((individual_filing, 3), (enterprise_filing, 5)):
        f = nature_filing()
        f.principal.region.province = "河南"
        f.websites = [Website(name=f"读书笔记第{i}号", domains=[f"ex{i}.cn"], home_url=f"ex{i}.cn",
                              content_type="other", service_type="web_app_service", languages=["zh_CN"],
                              domain_holder=f.principal.name) for i in range(limit)]
        assert "websites.max_per_order" not in _rules(validator.validate(f))
        f.websites.append(f.websites[0].model_copy(update={"domains": ["more.cn"]}))
        hit = next(x for x in validator.validate(f) if x.rule == "websites.max_per_order")
        assert f"最多备案{limit}个" in hit.message


def test_hubei_limit_only_for_new_sites(validator):
    f = enterprise_filing()
    f.principal.region.province = "湖北"
    f.websites.append(f.websites[0].model_copy(update={"name": "示例商城", "domains": ["b.cn"]}))
    assert "websites.max_per_order" in _rules(validator.validate(f))
    f.filing_type = "change_site"
    assert "websites.max_per_order" not in _rules(validator.validate(f))


def test_live_update_says_which_paths_changed(validator):
    from icpdesk.live import LiveFindings

    f = enterprise_filing()
    live = LiveFindings(validator)
    assert live.update(f) == set()
    f.principal.leader.cert_number = "330106199001011231"
    assert live.update(f) == {"principal.leader.cert_number"}
    assert {x.rule for x in live.at("principal.leader.cert_number")} == {"person.cert_number.checksum"}
    f.principal.leader.cert_number = "330106198512124565"
    assert live.update(f) == {"principal.leader.cert_number"}
    assert live.at("principal.leader.cert_number") == []


def test_live_update_reaches_fields_a_cross_field_rule_reads(validator):
    """A phone shared with another person: both entries' messages change with one edit."""
    from icpdesk.live import LiveFindings

    f = enterprise_filing()
    f.websites[0].leader = person(name="王五", number="330106198808088886", phone1="13500135000",
                                  emergency="13400134000", email="w@example.com")
    live = LiveFindings(validator)
    live.update(f)
    f.websites[0].leader.phone1 = "13700137000"  # the principal leader's mobile
    changed = live.update(f)
    assert "websites[0].leader.phone1" in changed
    assert "people.phone.one_person" in {x.rule for x in live.at("websites[0].leader.phone1")}


def test_changing_the_certificate_type_re_judges_the_number(validator):
    """The message under the ID number follows cert_type (it used to stay until Next)."""
    from icpdesk.live import LiveFindings

    f = individual_filing()
    f.principal.leader.cert_number = "H12345678"
    live = LiveFindings(validator)
    live.update(f)
    assert "person.cert_number.format" in {x.rule for x in live.at("principal.leader.cert_number")}
    f.principal.leader.cert_type = "hk_macau_pass"
    assert "principal.leader.cert_number" in live.update(f)
    assert "person.cert_number.format" not in {x.rule for x in live.at("principal.leader.cert_number")}


def test_unknown_province_gets_national_rules():
    v = Validator(today=TODAY)
    f = individual_filing()
    f.principal.region.province = "火星"
    found = v.validate(f)
    assert "principal.region.province.unknown" in _rules(found)


def test_full_province_name_is_accepted(validator):
    f = individual_filing()
    f.principal.region.province = "浙江省"
    assert validator.validate(f) == []


def test_age_boundaries(validator):
    from stdnum.cn import ric

    def born(day: str) -> str:
        body = "330106" + day + "123"
        return body + ric.calc_check_digit(body + "0")

    f = enterprise_filing()
    f.principal.leader.cert_number = born("20081123")  # 18 today
    assert "person.age.refused" not in _rules(validator.validate(f))
    f.principal.leader.cert_number = born("20081124")  # 18 tomorrow
    assert "person.age.refused" in _rules(validator.validate(f))


def test_cancellation_needs_no_site_details(validator):
    f = individual_filing()
    f.websites[0].home_url = ""
    assert "required.website" in _rules(validator.validate(f))
    f.filing_type = "cancel_site"
    f.principal.filing_number = "浙ICP备12345678号"
    f.websites[0].filing_number = "浙ICP备12345678号-1"
    assert "required.website" not in _rules(validator.validate(f))


def test_typed_variants_of_numbers(validator):
    from icpdesk.checks.contacts import is_mobile

    assert is_mobile("+86 138 1234 5678") and is_mobile("008613812345678") and is_mobile("１３８１２３４５６７８")
    assert not is_mobile("13812345678 ext 1") and not is_mobile("010-12345678") and not is_mobile("+852 91234567")
    f = enterprise_filing()
    f.principal.leader.cert_number = "３３０１０６ 1985-1212 4565"  # full-width digits, spaces, dashes
    assert not {x.rule for x in validator.validate(f)} & {"person.cert_number.format", "person.cert_number.checksum"}


@pytest.mark.parametrize("body", [
    "11011820000101123",  # 110118 密云区 (created 2015) for someone born in 2000
    "31011519900101123",  # 310115 浦东新区 (1993) for someone born in 1990
    "50010319900101123",  # 500103 重庆渝中区 (1997) for someone born in 1990
    "33011320000101123",  # 330113 杭州临平区 (2021): missing from python-stdnum's table, corrected
])
def test_codes_of_districts_created_after_birth_are_valid(validator, body):
    """People keep, or are given, codes of districts that are younger than they are: no finding."""
    from stdnum.cn import ric

    f = enterprise_filing()
    f.principal.leader.cert_number = body + ric.calc_check_digit(body + "0")
    assert "person.cert_number.region_unknown" not in _rules(validator.validate(f))


def test_a_county_code_that_never_existed_is_questioned(validator):
    from stdnum.cn import ric

    body = "33019919900101123"  # 330199: no such county, ever
    f = enterprise_filing()
    f.principal.leader.cert_number = body + ric.calc_check_digit(body + "0")
    assert "person.cert_number.region_unknown" in _rules(validator.validate(f))


def test_unsourced_words_give_warnings_not_errors(rulebook):
    """Beijing's pre-approval error rests on the trigger words a source lists (finance); icpdesk's
    own guesses (视频, 游戏…) give the national warning at most, in 北京 nothing."""
    from conftest import TODAY
    from test_rules import move

    v = Validator(rulebook, today=TODAY)
    f = enterprise_filing()
    move(f, "北京")
    f.websites[0].name = "示例视频分享"
    assert "website.name.preapproval_keywords/beijing" not in _rules(v.validate(f))
    f.websites[0].name = "示例理财服务"
    assert "website.name.preapproval_keywords/beijing" in _rules(v.validate(f))
    z = enterprise_filing()
    z.websites[0].name = "示例视频分享"
    hits = [x for x in v.validate(z) if x.rule == "website.name.preapproval_keywords"]
    assert hits and all(x.severity == "warning" for x in hits)
