"""Issue 27, item 1 (r27b): the facts researched for 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西
(docs/research/<province>.md) give their finding on a filing that breaks them. Each test starts
from the province's accepted filing (tests/filings/clean/), breaks one published rule, and looks
for the finding; the accepted filings themselves stay clean (test_clean_filings.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TODAY, write_scans
from stdnum.cn import ric, uscc

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing
from icpdesk.model import Filing, Website

CLEAN = Path(__file__).parent / "filings" / "clean"


def _clean(name: str, tmp_path: Path) -> Filing:
    copy = tmp_path / f"{name}.icpdesk.yaml"
    shutil.copy(CLEAN / copy.name, copy)
    return load_filing(copy)


def _rules(filing: Filing, tmp_path: Path, rulebook) -> dict[str, list[str]]:
    """rule id → the hints of its findings (a missing material names its kind code in the hint)."""
    write_scans(filing, tmp_path)
    out: dict[str, list[str]] = {}
    for f in Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing):
        out.setdefault(f.rule, []).append(f"{f.severity} {f.hint}")
    return out


def _wants_plan(found: dict[str, list[str]]) -> bool:
    return any("kind: site_plan" in h and h.startswith("error") for h in found.get("materials.missing", []))


def _id_aged(code6: str, years: int) -> str:
    """A valid resident ID number of someone `years` old (a few months short of the next year) on TODAY."""
    birth = f"{TODAY.year - years - 1}{TODAY.month + 1 if TODAY.month < 12 else 12:02d}15"
    body = code6 + birth + "123"
    return body + ric.calc_check_digit(body + "0")


def _second_site(filing: Filing, n: int) -> Website:
    site = filing.websites[0].model_copy(deep=True)
    domain = f"extra{n}-{site.domains[0]}"
    return site.model_copy(update={"name": f"{site.name}{'一二三四五六七八九十'[n]}号站", "domains": [domain],
                                   "home_url": f"https://www.{domain}/"})


def test_unit_leader_under_18_refused_in_zhejiang_jiangxi_hunan(tmp_path, rulebook):
    """TX-PROV 浙江/江西/湖南 企事业单位: 负责人满18周岁才能备案 (unit_min_age 18)."""
    for province, code6 in (("zhejiang", "330106"), ("jiangxi", "360102"), ("hunan", "430102")):
        filing = _clean(f"{province}-enterprise", tmp_path)
        young = filing.principal.leader.model_copy(update={"cert_number": _id_aged(code6, 17)})
        filing = filing.model_copy(update={"principal": filing.principal.model_copy(update={"leader": young})})
        assert "person.age.unit_refused" in _rules(filing, tmp_path, rulebook), province


def test_henan_unit_needs_phone2(tmp_path, rulebook):
    """TX-PROV 河南 企事业单位 5: 联系方式2必填."""
    filing = _clean("henan-enterprise", tmp_path)
    leader = filing.principal.leader.model_copy(update={"phone2": None})
    filing = filing.model_copy(update={"principal": filing.principal.model_copy(update={"leader": leader})})
    assert "principal.leader.phone2_required" in _rules(filing, tmp_path, rulebook)


def test_henan_domains_per_order(tmp_path, rulebook):
    """TX-PROV 河南: 个人备案一次不得超过3个域名; 单位备案一次不得超过5个域名."""
    personal = _clean("henan-personal", tmp_path)
    personal = personal.model_copy(update={"websites": [personal.websites[0]] + [_second_site(personal, n)
                                                                                  for n in range(1, 4)]})
    assert "websites.domains.max_per_order" in _rules(personal, tmp_path, rulebook)
    unit = _clean("henan-enterprise", tmp_path)
    four = unit.model_copy(update={"websites": [unit.websites[0]] + [_second_site(unit, n) for n in range(1, 4)]})
    assert "websites.domains.max_per_order" not in _rules(four, tmp_path, rulebook)
    six = unit.model_copy(update={"websites": [unit.websites[0]] + [_second_site(unit, n) for n in range(1, 6)]})
    assert "websites.domains.max_per_order" in _rules(six, tmp_path, rulebook)


def test_one_home_url_in_hunan_and_guangdong(tmp_path, rulebook):
    """TX-PROV 湖南/广东: 一个网站首页URL只能填写一个."""
    for province in ("hunan", "guangdong"):
        filing = _clean(f"{province}-enterprise", tmp_path)
        site = filing.websites[0]
        site = site.model_copy(update={"more_home_urls": [f"https://m.{site.domains[0]}/"]})
        filing = filing.model_copy(update={"websites": [site]})
        assert "website.home_urls.count" in _rules(filing, tmp_path, rulebook), province


def test_hunan_several_sites_allowed_but_six_want_a_plan(tmp_path, rulebook):
    """The dispute decided: TX-PROV (provider) over HW-KB-MGJ (secondary): 湖南 takes several sites in one
    order; more than 5 at once wants a 组网方案 (the site_plan material)."""
    filing = _clean("hunan-enterprise", tmp_path)
    two = filing.model_copy(update={"websites": [filing.websites[0], _second_site(filing, 1)]})
    found = _rules(two, tmp_path, rulebook)
    assert "websites.max_per_order" not in found
    assert not _wants_plan(found)
    six = filing.model_copy(update={"websites": [filing.websites[0]] + [_second_site(filing, n)
                                                                       for n in range(1, 6)]})
    assert _wants_plan(_rules(six, tmp_path, rulebook))


def test_guangdong_unit_over_31_domains_wants_a_plan(tmp_path, rulebook):
    """TX-PROV 广东 企事业单位 6: 单位不同前缀域名超过31个（不含31个）→ 网站建设方案书."""
    filing = _clean("guangdong-enterprise", tmp_path)
    site = filing.websites[0]
    many = [site.domains[0]] + [f"gd{n}-{site.domains[0]}" for n in range(31)]
    filing = filing.model_copy(update={"websites": [site.model_copy(update={"domains": many})]})
    assert _wants_plan(_rules(filing, tmp_path, rulebook))


def test_guangxi_enterprise_takes_only_the_business_licence(tmp_path, rulebook):
    """TX-PROV 广西 企事业单位 3: 企业备案主办单位证件必须选择工商营业执照."""
    filing = _clean("guangxi-enterprise", tmp_path)
    principal = filing.principal.model_copy(update={"cert_type": "uscc_cert"})
    filing = filing.model_copy(update={"principal": principal})
    assert "principal.cert_type.allowed" in _rules(filing, tmp_path, rulebook)


def test_fujian_investor_is_the_enterprise_but_the_superior_body_for_other_units(tmp_path, rulebook):
    """TX-PROV 福建 企事业单位 1: 投资人或主管单位，企业必须写企业全称，其他单位写上级主管单位全称."""
    filing = _clean("fujian-enterprise", tmp_path)
    by_rep = filing.model_copy(update={"principal": filing.principal.model_copy(
        update={"investor": filing.principal.legal_representative})})
    assert "principal.investor.matches/fujian" in _rules(by_rep, tmp_path, rulebook)
    body = filing.model_copy(update={"principal": filing.principal.model_copy(
        update={"nature": "public_institution", "investor": "福州市教育局"})})
    found = _rules(body, tmp_path, rulebook)
    assert not any(r.startswith("principal.investor.matches") for r in found)


def _sole(filing: Filing, name: str) -> Filing:
    """The enterprise as a 个体工商户: a 92… credit code and the given name."""
    body = "92" + filing.principal.cert_number[2:17]
    number = body + uscc.calc_check_digit(body + "0")
    return filing.model_copy(update={"principal": filing.principal.model_copy(
        update={"cert_number": number, "name": name})})


def test_sole_proprietor_files_as_enterprise(tmp_path, rulebook):
    """TX-PROV 浙江 河南 湖南 广东 广西 安徽: 个体工商户一律以企业备案 (按企业备案)."""
    for province in ("zhejiang", "henan", "hunan", "guangdong", "guangxi", "anhui"):
        filing = _clean(f"{province}-enterprise", tmp_path)
        shop = _sole(filing, filing.principal.name.replace("有限公司", "经营部"))
        assert "principal.sole_proprietor.nature" not in _rules(shop, tmp_path, rulebook), province
        as_person = shop.model_copy(update={"principal": shop.principal.model_copy(update={"nature": "individual"})})
        assert "principal.sole_proprietor.nature" in _rules(as_person, tmp_path, rulebook), province


def test_anhui_sole_proprietor_without_trade_name_remark(tmp_path, rulebook):
    """TX-PROV 安徽: 无字号的个体工商户主办单位名称填写法定代表人并在主体备注中备注“无字号无公章个体工商户”."""
    filing = _clean("anhui-enterprise", tmp_path)
    shop = _sole(filing, filing.principal.legal_representative)
    assert "principal.sole_proprietor.remark" in _rules(shop, tmp_path, rulebook)
    remark = {"remark": "无字号无公章个体工商户"}
    noted = shop.model_copy(update={"principal": shop.principal.model_copy(update=remark)})
    assert "principal.sole_proprietor.remark" not in _rules(noted, tmp_path, rulebook)


def test_jiangxi_sole_proprietor_without_trade_name_files_as_individual(tmp_path, rulebook):
    """TX-PROV 江西: 个体工商户有字号的请选择企业，无字号或无公章选择个人性质."""
    filing = _clean("jiangxi-enterprise", tmp_path)
    with_name = _sole(filing, filing.principal.name.replace("有限公司", "经营部"))
    assert "principal.sole_proprietor.nature" not in _rules(with_name, tmp_path, rulebook)
    without = _sole(filing, filing.principal.legal_representative)
    assert "principal.sole_proprietor.nature" in _rules(without, tmp_path, rulebook)


def test_guangdong_plan_goes_with_copies_and_every_domain_certificate(tmp_path, rulebook):
    """TX-PROV 广东: over the limits, 每个域名的域名证书、网站建设方案书原件、主办单位有效证件复印件、接入合同复印件."""
    filing = _clean("guangdong-personal", tmp_path)
    six = filing.model_copy(update={"websites": [filing.websites[0]] + [_second_site(filing, n) for n in range(1, 6)]})
    hints = _rules(six, tmp_path, rulebook).get("materials.missing", [])
    assert any("kind: other, for: principal" in h for h in hints), hints
    assert any("kind: domain_cert, for: websites[5]" in h for h in hints), hints
    assert not any("kind: other" in h for h in _rules(filing, tmp_path, rulebook).get("materials.missing", []))


def test_henan_local_portal_only_for_government(tmp_path, rulebook):
    """TX-PROV 河南: 非政府机构不能办理地方门户类网站 (a warning: 综合门户 named after a place)."""
    filing = _clean("henan-enterprise", tmp_path)
    portal = filing.websites[0].model_copy(update={"content_type": "comprehensive_portal", "name": "郑州生活网"})
    found = _rules(filing.model_copy(update={"websites": [portal]}), tmp_path, rulebook)
    assert any(h.startswith("warning") for h in found.get("website.name.local_portal/henan", []))
    official = portal.model_copy(update={"content_type": "unit_portal"})
    assert "website.name.local_portal/henan" not in _rules(filing.model_copy(update={"websites": [official]}),
                                                             tmp_path, rulebook)


def test_henan_shandong_want_the_new_licence(tmp_path, rulebook):
    """TX-PROV 河南/山东 企事业单位: 企业需使用最新的含统一社会信用代码的营业执照; 山东 access filings keep the
    old number (请用原备案证件号、原证件照提交备案)."""
    for province, old in (("henan", "410105000012345"), ("shandong", "370102000012345")):
        filing = _clean(f"{province}-enterprise", tmp_path)
        legacy = filing.model_copy(update={"principal": filing.principal.model_copy(update={"cert_number": old})})
        severities = _rules(legacy, tmp_path, rulebook).get(f"unit.cert_number.legacy_registration/{province}", [])
        assert severities and severities[0].startswith("error"), province
    filing = _clean("shandong-enterprise", tmp_path)
    access = filing.model_copy(update={"filing_type": "new_access", "principal": filing.principal.model_copy(
        update={"cert_number": "370102000012345"})})
    found = _rules(access, tmp_path, rulebook)
    assert "unit.cert_number.legacy_registration/shandong" not in found
    assert all(h.startswith("warning") for h in found.get("unit.cert_number.legacy_registration", []))


def test_hunan_henan_domain_holder_is_the_unit(tmp_path, rulebook):
    """TX-PROV 湖南/河南 企事业单位: 域名所有者须与主办单位名称一致 (not the legal representative)."""
    for province in ("hunan", "henan"):
        filing = _clean(f"{province}-enterprise", tmp_path)
        site = filing.websites[0].model_copy(update={"domain_holder": filing.principal.legal_representative,
                                                     "domain_holder_cert_type": "resident_id"})
        found = _rules(filing.model_copy(update={"websites": [site]}), tmp_path, rulebook)
        assert "website.domain_holder.principal" in found, (province, sorted(found))
