"""Issue 27, item 1 (r27n): the national facts researched from the providers' and MIIT's pages
(docs/research/national.md, rules/national/published_*.yaml). Each test starts from accepted
filings (tests/filings/clean/), breaks one published rule and looks for its finding, and checks
that the filing keeping the rule gets none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import STATEMENT, TODAY, write_scans

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing
from icpdesk.model import App, Filing, Preapproval

CLEAN = Path(__file__).parent / "filings" / "clean"
PERSONAL = sorted(CLEAN.glob("*-personal.icpdesk.yaml"))
ENTERPRISE = sorted(CLEAN.glob("*-enterprise.icpdesk.yaml"))


def _load(path: Path, tmp_path: Path) -> Filing:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    return load_filing(copy)


def _found(filing: Filing, tmp_path: Path, rulebook) -> dict[str, list[tuple[str, str]]]:
    """rule id → (severity, path) of its findings."""
    write_scans(filing, tmp_path)
    out: dict[str, list[tuple[str, str]]] = {}
    for f in Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing):
        out.setdefault(f.rule, []).append((f.severity, f.path))
    return out


def _site(filing: Filing, **changes) -> Filing:
    site = filing.websites[0].model_copy(update=changes)
    return filing.model_copy(update={"websites": [site, *filing.websites[1:]]})


def _principal(filing: Filing, **changes) -> Filing:
    return filing.model_copy(update={"principal": filing.principal.model_copy(update=changes)})


@pytest.mark.parametrize("path", PERSONAL, ids=[p.name.split(".")[0] for p in PERSONAL])
def test_personal_name_with_company_or_national_words_is_an_error_in_every_province(path, tmp_path, rulebook):
    """[HW-SITE-NAME] [TXI-NAME]: no 公司/组织; [XINNET-NAME] [TXI-NAME]: no 中国/中华/国家/人民."""
    clean = _load(path, tmp_path)
    kept = _found(clean, tmp_path, rulebook)
    assert "website.name.personal_company_words" not in kept
    assert "website.name.personal_national_words" not in kept
    broken = _found(_site(clean, name="王芳的公司见闻"), tmp_path, rulebook)
    assert broken["website.name.personal_company_words"] == [("error", "websites[0].name")]
    assert "website.name.personal_business_words" not in broken  # 公司 is reported once, by the sourced rule
    broken = _found(_site(clean, name="王芳的中华美食札记"), tmp_path, rulebook)
    assert broken["website.name.personal_national_words"] == [("error", "websites[0].name")]


def test_unit_name_with_forum_words_is_a_disputed_warning(tmp_path, rulebook):
    """[XINNET-NAME] [QC-LIMIT] want a pre-approval for 论坛/在线/社区/交流; [HW-SITE-ACCESS] disagrees."""
    clean = _load(CLEAN / "zhejiang-enterprise.icpdesk.yaml", tmp_path)
    broken = _found(_site(clean, name="钱江科技交流社区"), tmp_path, rulebook)
    assert broken["website.name.unit_bulletin_words"] == [("warning", "websites[0].name")]
    approved = _site(clean, name="钱江科技交流社区", preapproval=Preapproval(type="bulletin_board", number="浙-1号"))
    assert "website.name.unit_bulletin_words" not in _found(approved, tmp_path, rulebook)
    assert "website.name.unit_bulletin_words" not in _found(clean, tmp_path, rulebook)


@pytest.mark.parametrize("content", ["news", "online_game", "comprehensive_portal", "e_commerce"])
def test_personal_site_cannot_choose_preapproval_or_commercial_content(content, tmp_path, rulebook):
    """[TX-SITE]: personal content involves no company, forum or pre-approval content."""
    clean = _load(CLEAN / "shanghai-personal.icpdesk.yaml", tmp_path)
    broken = _found(_site(clean, content_type=content), tmp_path, rulebook)
    assert ("error", "websites[0].content_type") in broken["website.content_type.personal_not_allowed"]
    assert "website.content_type.personal_not_allowed" not in _found(clean, tmp_path, rulebook)


def test_government_sites_use_only_gov_cn_or_zhengwu(tmp_path, rulebook):
    """[HW-SITE-GOV]: 政府网站应使用 .政务 / .gov.cn，不得使用其他后缀."""
    clean = _load(CLEAN / "jiangsu-enterprise.icpdesk.yaml", tmp_path)
    gov = _principal(clean, nature="government", cert_type="uscc_cert")
    broken = _found(gov, tmp_path, rulebook)
    assert broken["website.domains.government_suffix"] == [("error", "websites[0].domains[0]")]
    assert "website.domains.public_body_suffix" not in broken  # reported once, as the sourced error
    kept = _site(gov, domains=["jiangsu-shili.gov.cn"], home_url="www.jiangsu-shili.gov.cn")
    assert "website.domains.government_suffix" not in _found(kept, tmp_path, rulebook)
    assert "website.domains.government_suffix" not in _found(clean, tmp_path, rulebook)


def test_huawei_wants_the_personal_statement_in_the_remark(tmp_path, rulebook):
    """[HW-SITE-GOV]: 修改措施 for a personal site's remark - the content and the fixed statement."""
    clean = _load(CLEAN / "beijing-personal.icpdesk.yaml", tmp_path)
    bare = _site(clean, remark="本网站用于记录个人读书心得与生活随笔。")
    assert _found(bare.model_copy(update={"provider": "huawei"}), tmp_path, rulebook)[
        "website.remark.personal_statement/huawei"] == [("error", "websites[0].remark")]
    assert "website.remark.personal_statement/huawei" not in _found(
        bare.model_copy(update={"provider": "tencent"}), tmp_path, rulebook)
    # a filing that names no provider hears of it as a hint only
    assert _found(bare, tmp_path, rulebook)["website.remark.personal_statement/huawei"] == [
        ("info", "websites[0].remark")]
    kept = _site(clean, remark="本网站用于记录个人读书心得与生活随笔。" + STATEMENT)
    assert "website.remark.personal_statement/huawei" not in _found(
        kept.model_copy(update={"provider": "huawei"}), tmp_path, rulebook)


@pytest.mark.parametrize("path", ENTERPRISE, ids=[p.name.split(".")[0] for p in ENTERPRISE])
def test_enterprise_with_an_organisation_code_is_an_error_in_every_province(path, tmp_path, rulebook):
    """[HW-SITE-RECT] [TX-SUBJ]: after the 2015 licence merger an enterprise gives its USCC."""
    clean = _load(path, tmp_path)
    assert "principal.cert_number.enterprise_org_code" not in _found(clean, tmp_path, rulebook)
    org = clean.principal.cert_number[8:17]  # the organisation code inside the USCC
    broken = _found(_principal(clean, cert_number=org), tmp_path, rulebook)
    assert broken["principal.cert_number.enterprise_org_code"] == [("error", "principal.cert_number")]


@pytest.mark.parametrize("ftype", ["new_access", "continued_access", "cancel_site"])
def test_access_and_cancellations_are_not_domain_checked(ftype, tmp_path, rulebook):
    """[TX-DOMNOTICE]: 接入备案、注销、取消接入 暂不进行网站域名核验; first filings are checked."""
    clean = _load(CLEAN / "zhejiang-personal.icpdesk.yaml", tmp_path)
    other = _site(clean, domain_holder="李雷", domain_holder_cert_type="passport")
    checked = _found(other, tmp_path, rulebook)
    assert "website.domain_holder.principal" in checked and "website.domain_holder_cert.type" in checked
    access = other.model_copy(update={"filing_type": ftype})
    access = _principal(access, filing_number="浙ICP备12345678号")
    access = _site(access, filing_number="浙ICP备12345678号-1")
    found = _found(access, tmp_path, rulebook)
    assert not {"website.domain_holder.principal", "website.domain_holder_cert.type"} & set(found)


# Mini-programs: an APP entry whose service type is 小程序应用服务 (docs/rules-kinds.md).
LONG_REMARK = "钱江记事小程序，为用户提供笔记记录、分类整理与云端同步服务，不涉及任何经营性内容。"


def _with_mini_program(filing: Filing, remark: str = LONG_REMARK, **leader) -> Filing:
    app = App(name="钱江记事", service_type="mini_program_service", content_type="other", languages=["zh_CN"],
              domain_holder=filing.principal.name, remark=remark,
              leader=filing.principal.leader.model_copy(update=leader) if leader else None)
    return filing.model_copy(update={"apps": [app]})


def _messages(filing: Filing, tmp_path: Path, rulebook, rule: str) -> list[tuple[str, str]]:
    write_scans(filing, tmp_path)
    return [(f.severity, f.message) for f in Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing)
            if f.rule == rule]


def test_mini_program_remark_wants_20_to_200_characters(tmp_path, rulebook):
    """[WXJAVA-ICP]: 备注内容字数限制20-200字 (a warning: the field notes are read in a copy)."""
    clean = _load(CLEAN / "zhejiang-enterprise.icpdesk.yaml", tmp_path)
    assert "app.remark.length/mini_program" not in _found(_with_mini_program(clean), tmp_path, rulebook)
    short = _found(_with_mini_program(clean, remark="记事工具"), tmp_path, rulebook)
    assert short["app.remark.length/mini_program"] == [("warning", "apps[0].remark")]
    ordinary = _with_mini_program(clean, remark="记事工具")
    app = ordinary.apps[0].model_copy(update={"service_type": "app_service"})
    ordinary = ordinary.model_copy(update={"apps": [app]})
    assert "app.remark.length/mini_program" not in _found(ordinary, tmp_path, rulebook)


def test_mini_program_mailing_address_lies_in_the_chosen_district(tmp_path, rulebook):
    """[WX-APPLY]: 通讯地址，必须属于备案省市区."""
    clean = _with_mini_program(_load(CLEAN / "zhejiang-enterprise.icpdesk.yaml", tmp_path))
    assert "principal.mailing_address.district/mini_program" not in _found(clean, tmp_path, rulebook)
    moved = _principal(clean, mailing_address="浙江省杭州市西湖区文三路100号")  # the region says 上城区
    assert _found(moved, tmp_path, rulebook)["principal.mailing_address.district/mini_program"] == [
        ("warning", "principal.mailing_address")]
    no_mini = moved.model_copy(update={"apps": []})
    assert "principal.mailing_address.district/mini_program" not in _found(no_mini, tmp_path, rulebook)


def test_mini_program_materials_from_wechat(tmp_path, rulebook):
    """[WXJAVA-ICP]: residence proof for non-local individuals; authorisation letters when a leader is
    not the legal representative (info: read in a copy of WeChat's page)."""
    personal = _load(CLEAN / "zhejiang-personal.icpdesk.yaml", tmp_path).model_copy(update={"websites": []})
    local = _with_mini_program(personal)
    assert not [m for s, m in _messages(local, tmp_path, rulebook, "materials.missing") if "微信" in m]
    nonlocal_leader = local.principal.leader.model_copy(update={"cert_number": "110101199003078718"})
    nonlocal_ = _principal(local, cert_number="110101199003078718", leader=nonlocal_leader)
    assert [s for s, m in _messages(nonlocal_, tmp_path, rulebook, "materials.missing")
            if "临时居住证明" in m] == ["info"]

    unit = _with_mini_program(_load(CLEAN / "zhejiang-enterprise.icpdesk.yaml", tmp_path))
    assert not [m for s, m in _messages(unit, tmp_path, rulebook, "materials.missing") if "微信" in m]
    other = _with_mini_program(unit, name="赵强", cert_number="330102199001011238", phone1="13900655679",
                               email="zhaoqiang@example.com")
    letters = [(s, m) for s, m in _messages(other, tmp_path, rulebook, "materials.missing")
               if "小程序负责人授权书" in m]
    assert [s for s, _ in letters] == ["info"]


def test_providers_own_order_limits(tmp_path, rulebook):
    """[TX-SITE]: Tencent - one domain per site, a personal order one site, a unit order ten;
    [004_be70386eafc8ddf0.txt]: Kingsoft - one domain per site. Another provider: no finding;
    no provider named: a hint."""
    personal = _load(CLEAN / "guangdong-personal.icpdesk.yaml", tmp_path)
    two_domains = _site(personal, domains=[personal.websites[0].domains[0], "second-domain.cn"])
    for provider, rule in (("tencent", "website.domains.one_per_site/tencent"),
                           ("kingsoft", "website.domains.one_per_site/kingsoft")):
        found = _found(two_domains.model_copy(update={"provider": provider}), tmp_path, rulebook)
        assert found[rule] == [("error", "websites[0].domains[1]")]
        assert rule not in _found(personal.model_copy(update={"provider": provider}), tmp_path, rulebook)
        assert rule not in _found(two_domains.model_copy(update={"provider": "aliyun"}), tmp_path, rulebook)
        assert _found(two_domains, tmp_path, rulebook)[rule] == [("info", "websites[0].domains[1]")]
    second = personal.websites[0].model_copy(update={"name": "王芳的摄影小记", "domains": ["photo-wang.cn"],
                                                      "home_url": "www.photo-wang.cn"})
    two_sites = personal.model_copy(update={"provider": "tencent", "websites": [personal.websites[0], second]})
    assert _found(two_sites, tmp_path, rulebook)["websites.personal_one_per_order/tencent"] == [
        ("error", "websites[1].name")]

    unit = _load(CLEAN / "guangdong-enterprise.icpdesk.yaml", tmp_path).model_copy(update={"provider": "tencent"})
    base = unit.websites[0]
    sites = [base.model_copy(update={"name": f"{base.name}{i}号站", "domains": [f"site{i}-{base.domains[0]}"],
                                     "home_url": f"www.site{i}-{base.domains[0]}"}) for i in range(11)]
    eleven = _found(unit.model_copy(update={"websites": sites}), tmp_path, rulebook)
    assert eleven["websites.unit_ten_per_order/tencent"] == [("error", "websites[10].name")]
    ten = _found(unit.model_copy(update={"websites": sites[:10]}), tmp_path, rulebook)
    assert "websites.unit_ten_per_order/tencent" not in ten


def test_finance_words_in_the_unit_name_ask_for_the_regulators_approval(tmp_path, rulebook):
    """[TX-PRE-NEW]: finance words in the unit's name → the finance regulator's approval; a foundation →
    its registration and a no-finance letter (info: the source calls its word list 仅供参考)."""
    clean = _load(CLEAN / "zhejiang-enterprise.icpdesk.yaml", tmp_path)
    assert not [m for _, m in _messages(clean, tmp_path, rulebook, "materials.missing") if "金融" in m]
    finance = _principal(clean, name="杭州钱江理财咨询有限公司")
    assert [s for s, m in _messages(finance, tmp_path, rulebook, "materials.missing")
            if "金融管理部门" in m] == ["info"]
    foundation = _principal(clean, name="杭州钱江助学基金会", nature="foundation", cert_type="foundation_cert")
    found = [(s, m) for s, m in _messages(foundation, tmp_path, rulebook, "materials.missing")
             if "金融" in m]
    assert [s for s, m in found if "保证书" in m] == ["info"]
    assert not [m for _, m in found if "金融管理部门" in m]  # a foundation gets the letter, not the approval


@pytest.mark.parametrize("path", ENTERPRISE, ids=[p.name.split(".")[0] for p in ENTERPRISE])
def test_two_leaders_with_one_email_is_an_error_in_every_province(path, tmp_path, rulebook):
    """[TX-CHECK]: 联系方式未通过：…不同负责人使用相同邮箱 (was a warning on the secondary KB alone)."""
    clean = _load(path, tmp_path)
    lead = clean.principal.leader
    other = lead.model_copy(update={"name": "赵强", "cert_number": "330102199001011238", "phone1": "13900655670",
                                    "emergency_phone": "13800575670", "email": "zhaoqiang@example.com"})
    own = _site(clean, leader=other)
    assert "people.email.differ" not in _found(own, tmp_path, rulebook)
    shared = _site(clean, leader=other.model_copy(update={"email": lead.email}))
    found = {rule: hits for rule, hits in _found(shared, tmp_path, rulebook).items()
             if rule.startswith("people.email.differ")}
    assert [sev for hits in found.values() for sev, _ in hits] == ["error"], found


@pytest.mark.parametrize("path", PERSONAL[:8], ids=[p.name.split(".")[0] for p in PERSONAL[:8]])
def test_an_expired_leader_id_is_an_error(path, tmp_path, rulebook):
    """[TX-MAT]: 确保您提供的证件在有效期内; [TX-CHECK]: 主体负责人证件已过期 → 未通过."""
    clean = _load(path, tmp_path)
    assert "person.cert_expiry.expired" not in _found(clean, tmp_path, rulebook)
    lead = clean.principal.leader.model_copy(update={"cert_expiry": "2025-06-30"})
    found = _found(_principal(clean, leader=lead), tmp_path, rulebook)
    assert found["person.cert_expiry.expired"] == [("error", "principal.leader.cert_expiry")]


@pytest.mark.parametrize("path", PERSONAL, ids=[p.name.split(".")[0] for p in PERSONAL])
def test_qingcloud_personal_name_words_in_every_province(path, tmp_path, rulebook):
    """[QC-SITENAME]: personal names contain no 中央/人大 …, no 纪检/监察/信访/维权/投诉, no 个人空间."""
    clean = _load(path, tmp_path)
    kept = _found(clean, tmp_path, rulebook)
    assert not {"website.name.personal_public_words", "website.name.personal_space"} & set(kept)
    for name, rule in (("王芳的人大代表笔记", "website.name.personal_national_words"),
                       ("王芳的投诉记录簿", "website.name.personal_public_words"),
                       ("王芳的个人空间", "website.name.personal_space")):
        assert _found(_site(clean, name=name), tmp_path, rulebook)[rule] == [("error", "websites[0].name")], name


@pytest.mark.parametrize("path", ENTERPRISE[:6], ids=[p.name.split(".")[0] for p in ENTERPRISE[:6]])
def test_quanguo_prefix_is_for_national_bodies(path, tmp_path, rulebook):
    """[QC-SITENAME]: 非国家级单位的网站，不得以…全国…等字头命名."""
    clean = _load(path, tmp_path)
    assert "website.name.national_prefix_quanguo" not in _found(clean, tmp_path, rulebook)
    broken = _site(clean, name="全国" + clean.websites[0].name)
    assert _found(broken, tmp_path, rulebook)["website.name.national_prefix_quanguo"] == [("error", "websites[0].name")]
    gov = _principal(broken, nature="government", cert_type="uscc_cert")
    assert "website.name.national_prefix_quanguo" not in _found(gov, tmp_path, rulebook)
