"""Issue 27, item 1 (r27a: 北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏): each fact a province
rule now says gets a filing that breaks it and one that keeps it. Both start from the province's
accepted filing (tests/filings/clean/, which must stay clean): the change breaks the fact and the
rule fires at the path; the accepted filing itself, or with `passing` applied, does not fire it.
test_rules.test_every_rule_has_a_case counts these cases too."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, write_scans
from stdnum.cn import ric, uscc

from icpdesk.engine import Validator
from icpdesk.fieldpaths import get
from icpdesk.fileio import load_filing
from icpdesk.model import Filing, Material, Person

CLEAN = Path(__file__).parent / "filings" / "clean"


def _sole_proprietor_code(code6: str) -> str:
    """A 个体工商户's credit code (92…) with valid check characters (GB 11714, GB 32100)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    base = "MA100009"
    total = sum(alphabet.index(ch) * w for ch, w in zip(base, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    org = base + {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    body = "92" + code6 + org
    return body + uscc.calc_check_digit(body + "0")


ID_ZHEJIANG = "33010619900101123X"  # 杭州西湖区, valid check digit
MOBILE_HANGZHOU = "13957112345"  # the offline geocoder places it in 浙江省杭州市

def _site_leader(stem: str) -> Person:
    number = "32010219850505" + "123"
    return Person(name="赵雷", cert_type="resident_id", cert_number=number + ric.calc_check_digit(number + "0"),
                  cert_expiry="2035-05-05", phone1="13912345678", emergency_phone="13912345679",
                  email=f"zhaolei@{stem}.example.cn")


# (rule, clean filing stem, changes that break the fact, path of the finding, changes that keep it)
CASES: list[tuple[str, str, dict[str, Any], str, dict[str, Any]]] = [
    # 北京
    ("website.remark.purpose/beijing", "beijing-personal", {"websites[0].remark": ""}, "websites[0].remark", {}),
    ("unit.cert_number.legacy_registration/beijing", "beijing-enterprise",
     {"principal.cert_number": "110108012345678"}, "principal.cert_number",
     {"principal.cert_number": "110108012345678", "filing_type": "new_access"}),
    ("website.content_type.personal_blog/beijing", "beijing-personal", {"websites[0].content_type": "blog"},
     "websites[0].content_type", {}),
    ("person.cert_type.hk_pass/beijing", "beijing-personal", {"principal.leader.cert_type": "hk_macau_pass"},
     "principal.leader.cert_type", {"principal.leader.cert_type": "passport"}),
    # 天津
    ("website.name.personal_shop/tianjin", "tianjin-personal", {"websites[0].name": "闲读商城"}, "websites[0].name",
     {"websites[0].name": "闲读札记"}),
    ("person.id_region.local", "tianjin-personal", {"principal.cert_number": ID_ZHEJIANG}, "principal.cert_number", {}),
    ("website.domain_expires.remaining", "tianjin-enterprise", {"websites[0].domain_expires": "2027-01-10"},
     "websites[0].domain_expires", {"websites[0].domain_expires": "2027-03-10"}),
    # 河北
    ("website.remark.purpose/hebei", "hebei-personal", {"websites[0].remark": " "}, "websites[0].remark", {}),
    ("principal.cert_type.foreigner/hebei", "hebei-personal", {"principal.cert_type": "passport"},
     "principal.cert_type", {}),
    # 黑龙江, 上海
    ("unit.cert_number.legacy_registration/heilongjiang", "heilongjiang-enterprise",
     {"principal.cert_number": "230103012345678"}, "principal.cert_number",
     {"principal.cert_number": "230103012345678", "filing_type": "new_site_other_provider"}),
    ("principal.leader.phone2_required", "heilongjiang-enterprise", {"principal.leader.phone2": None},
     "principal.leader.phone2", {}),
    ("unit.cert_number.legacy_registration/shanghai", "shanghai-enterprise",
     {"principal.cert_number": "310104012345678"}, "principal.cert_number",
     {"principal.cert_number": "310104012345678", "filing_type": "new_access"}),
    # 江苏
    ("website.remark.purpose/jiangsu", "jiangsu-personal", {"websites[0].remark": ""}, "websites[0].remark", {}),
    # QingCloud's pages (QC-PROV-*)
    ("unit.cert_number.legacy_registration/beijing", "beijing-enterprise",
     {"principal.cert_number": "110108012345678"}, "principal.cert_number", {}),
    ("principal.cert_type.province", "beijing-enterprise",
     {"principal.nature": "law_firm", "principal.cert_type": "org_code"}, "principal.cert_type",
     {"principal.nature": "law_firm", "principal.cert_type": "law_firm_license"}),
    ("website.leader.not_principal_leader/tianjin", "tianjin-enterprise", {"websites[0].leader": None},
     "websites[0].leader", {}),
    ("website.remark.personal_statement/tianjin", "tianjin-personal",
     {"websites[0].remark": "本网站用于记录个人读书心得与生活随笔，不涉及企业信息，不提供论坛等交互服务。"},
     "websites[0].remark", {}),
    ("person.id_region.residence_proof", "hebei-personal", {"principal.cert_number": ID_ZHEJIANG},
     "principal.cert_number", {}),
    ("person.id_region.residence_proof", "liaoning-personal", {"principal.cert_number": ID_ZHEJIANG},
     "principal.cert_number", {}),
    ("person.id_region.local", "heilongjiang-personal", {"principal.cert_number": ID_ZHEJIANG},
     "principal.cert_number", {}),
    ("person.id_region.local", "neimenggu-personal", {"principal.cert_number": ID_ZHEJIANG},
     "principal.cert_number", {}),
    ("person.cert_number.unit_leader_local/shanxi", "shanxi-enterprise", {"principal.leader.cert_number": ID_ZHEJIANG},
     "principal.leader.cert_number", {}),
    ("person.phone.local/shanxi", "shanxi-personal", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("person.phone.local_unit/shanxi", "shanxi-enterprise", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("principal.leader.legal_rep", "liaoning-enterprise", {"principal.legal_representative": "周明"},
     "principal.leader.name", {}),
    ("principal.leader.legal_rep", "jilin-enterprise", {"principal.legal_representative": "周明"},
     "principal.leader.name", {}),
    ("website.name.forum/shanghai", "shanghai-enterprise", {"websites[0].name": "申浦科技论坛"},
     "websites[0].name", {}),
    ("website.name.lottery/shanghai", "shanghai-enterprise", {"websites[0].name": "申浦彩票资讯"},
     "websites[0].name", {}),
    ("person.cert_expiry.soon/shanghai", "shanghai-personal", {"principal.leader.cert_expiry": "2027-01-10"},
     "principal.leader.cert_expiry", {"principal.leader.cert_expiry": "2027-03-10"}),
    # UCloud's pages (UC-PROV-*)
    ("person.phone.local", "beijing-personal", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("person.phone.local", "hebei-enterprise", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("person.phone.local", "neimenggu-personal", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("person.phone.local", "jilin-enterprise", {"principal.leader.phone1": MOBILE_HANGZHOU},
     "principal.leader.phone1", {}),
    ("website.leader.same_as_principal", "hebei-enterprise",
     {"principal.legal_representative": "周明", "websites[0].leader": _site_leader("hebei")}, "websites[0].leader", {}),
    ("website.remark.showcase_only/neimenggu", "neimenggu-enterprise",
     {"websites[0].remark": "草原星科技的官方网站，介绍公司的产品与服务。"}, "websites[0].remark", {}),
    # 个体工商户 (setting sole_proprietor): the operator's name is no 字号
    ("principal.sole_proprietor.nature", "beijing-personal",
     {"principal.nature": "individual", "principal.cert_type": "business_license",
      "principal.cert_number": _sole_proprietor_code("110101")}, "principal.nature", {}),
    ("principal.sole_proprietor.nature", "tianjin-enterprise",
     {"principal.cert_number": _sole_proprietor_code("120101"), "principal.nature": "individual"},
     "principal.nature", {"principal.cert_number": _sole_proprietor_code("120101")}),
    ("principal.sole_proprietor.nature", "hebei-enterprise",
     {"principal.cert_number": _sole_proprietor_code("130102"), "principal.name": "孙磊"}, "principal.nature",
     {"principal.cert_number": _sole_proprietor_code("130102"), "principal.name": "石家庄冀远电脑店"}),
    ("principal.sole_proprietor.nature", "shanxi-enterprise",
     {"principal.cert_number": _sole_proprietor_code("140105"), "principal.name": "太原晋诚个体工商户"},
     "principal.nature", {"principal.cert_number": _sole_proprietor_code("140105")}),
    ("principal.sole_proprietor.nature", "heilongjiang-enterprise",
     {"principal.cert_number": _sole_proprietor_code("230102"), "principal.nature": "individual"},
     "principal.nature", {"principal.cert_number": _sole_proprietor_code("230102")}),
]


def _apply(f: Filing, changes: dict[str, Any]) -> Filing:
    for path, value in changes.items():
        parent_path, _, attr = path.rpartition(".")
        setattr(get(f, parent_path) if parent_path else f, attr, copy.deepcopy(value))
    return f


def _findings(rulebook, stem: str, changes: dict[str, Any], tmp_path: Path) -> list:
    copy_path = tmp_path / f"{stem}.icpdesk.yaml"
    shutil.copy(CLEAN / copy_path.name, copy_path)
    filing = _apply(load_filing(copy_path), changes)
    write_scans(filing, tmp_path)
    return Validator(rulebook, today=TODAY, base_dir=tmp_path).validate(filing)


@pytest.mark.parametrize("rule,stem,change,path,passing", CASES, ids=[c[0] for c in CASES])
def test_fact_fires_when_broken_and_not_when_kept(rule, stem, change, path, passing, tmp_path, rulebook):
    hits = [f for f in _findings(rulebook, stem, change, tmp_path) if f.rule == rule]
    assert path in {f.path for f in hits}, f"{rule} did not fire at {path}: {[f.path for f in hits]}"
    for f in hits:
        assert f.message and f.message_en and f.source and "{" not in f.message + f.message_en
    kept = [f for f in _findings(rulebook, stem, passing, tmp_path) if f.rule == rule]
    assert not kept, f"{rule} fired on the filing that keeps the fact: {[f.message for f in kept]}"


@pytest.mark.parametrize("stem,change,rule", [
    ("neimenggu-personal", {"principal.cert_number": ID_ZHEJIANG}, "person.id_region.local"),
    ("liaoning-enterprise", {"principal.legal_representative": "周明"}, "principal.leader.legal_rep"),
    ("jilin-enterprise", {"principal.legal_representative": "周明"}, "principal.leader.legal_rep"),
    ("tianjin-personal", {"principal.cert_number": ID_ZHEJIANG}, "person.id_region.local"),
    ("liaoning-personal", {"principal.cert_number": ID_ZHEJIANG}, "person.id_region.residence_proof"),
])
def test_disputed_settings_give_warnings_naming_both_sources(stem, change, rule, rulebook, tmp_path):
    """QingCloud's pages disagree with Tencent's (内蒙古 local IDs, 辽宁 and 吉林 leaders): kept
    as disputes, so the finding is a warning that names both sides."""
    hits = [f for f in _findings(rulebook, stem, change, tmp_path) if f.rule == rule]
    assert hits and all(f.severity == "warning" and "disputed by" in f.source for f in hits), hits


def test_jiangsu_many_domains_need_a_site_plan(rulebook, tmp_path):
    """江苏 (QC-PROV-JS): more than 10 domains for an individual, 30 for a unit → 网站建设方案书."""
    def plan_missing(stem: str, n: int) -> bool:
        domains = [f"site{i}.cn" for i in range(n)]
        found = _findings(rulebook, stem, {"websites[0].domains": domains, "websites[0].home_url": "www.site0.cn"},
                          tmp_path)
        return any(f.rule == "materials.missing" and "建设方案书" in f.message for f in found)

    assert plan_missing("jiangsu-personal", 11) and not plan_missing("jiangsu-personal", 10)
    assert plan_missing("jiangsu-enterprise", 31) and not plan_missing("jiangsu-enterprise", 30)


def test_shanghai_units_bring_the_undertaking_and_travel_sites_the_licence(rulebook, tmp_path):
    """上海 (QC-PROV-SH): every unit the 上海市互联网信息服务备案承诺书; a 旅游 site the travel licence."""
    clean = load_filing(CLEAN / "shanghai-enterprise.icpdesk.yaml").materials
    without = [m for m in clean if m.kind != "undertaking_letter"]
    found = _findings(rulebook, "shanghai-enterprise", {"materials": without}, tmp_path)
    assert any(f.rule == "materials.missing" and "上海市互联网信息服务备案承诺书" in f.message for f in found)
    found = _findings(rulebook, "shanghai-enterprise", {"websites[0].name": "申浦旅游网"}, tmp_path)
    assert any(f.rule == "materials.missing" and "旅行社业务经营许可证" in f.message for f in found)
    assert not [f for f in _findings(rulebook, "shanghai-enterprise", {}, tmp_path) if f.rule == "materials.missing"
                and f.severity == "error"]


def test_beijing_list_files_studio_domains(rulebook, tmp_path):
    """北京's own list (TX-PROVFAQ-NEW) names .studio, which the national list lacks."""
    for stem, refused in (("beijing-enterprise", False), ("tianjin-enterprise", True)):
        found = _findings(rulebook, stem, {"websites[0].domains": ["yunfan.studio"],
                                           "websites[0].home_url": "www.yunfan.studio"}, tmp_path)
        assert any(f.rule == "website.domains.filable_suffix" for f in found) is refused, stem


@pytest.mark.parametrize("prov", ["jiangsu", "shanxi", "neimenggu", "liaoning"])
def test_site_leader_not_legal_rep_needs_the_letter(prov, rulebook, tmp_path):
    """江苏 (TX-PROV-NEW 企事业单位 8, disputed by TX-SITE's list), 山西 内蒙古 辽宁 (UC-PROV-*): a
    site leader who is not the legal representative brings the 网站负责人授权书."""
    stem = f"{prov}-enterprise"
    change = {"websites[0].leader": _site_leader(prov)}
    scans = [Material(kind=k, for_="websites[0]", path=f"scans/{k}-site.jpg")
             for k in ("leader_id_front", "leader_id_back")]

    def missing_letter(materials: list[Material]) -> bool:
        found = _findings(rulebook, stem, {**change, "materials": materials}, tmp_path)
        return any(f.rule == "materials.missing" and f.severity == "error" and "授权书" in f.message for f in found)

    clean = load_filing(CLEAN / f"{stem}.icpdesk.yaml").materials
    assert missing_letter(clean + scans)
    letter = Material(kind="authorization_letter", for_="websites[0]", path="scans/letter-site.jpg")
    assert not missing_letter(clean + scans + [letter])


def test_tianjin_government_sites_bring_the_approval(rulebook, tmp_path):
    """天津 (UC-PROV-TJ): a government site needs the 市政府办公厅 approval."""
    found = _findings(rulebook, "tianjin-enterprise", {"principal.nature": "government"}, tmp_path)
    assert any(f.rule == "materials.missing" and "市政府办公厅" in f.message for f in found)
    found = _findings(rulebook, "tianjin-enterprise", {}, tmp_path)
    assert not any("市政府办公厅" in f.message for f in found)


def test_secondary_only_facts_are_warnings(rulebook):
    """A rule that cites only secondary sources is a warning, never an error (issue 27, item 2)."""
    grades = {k: s.grade for k, s in rulebook.bibliography.sources.items()}
    for rule_id, *_ in CASES:
        rule = next(r for r in rulebook.all_rules() if r.id == rule_id)
        keys = {k for k in grades if f"[{k}]" in rule.source}
        if keys and all(grades[k] == "secondary" for k in keys):
            assert rule.severity != "error", rule_id
