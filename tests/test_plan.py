"""`icpdesk plan`: filing-type decision, filing numbers, the materials checklist, the SMS plan
and the after-approval steps. Expected values come from the seeds, not from rules/."""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, enterprise_filing, individual_filing, person, scans, write_scans
from test_rules import OTHER, move

from icpdesk import filing_numbers
from icpdesk.checklist import checklist
from icpdesk.cli import main
from icpdesk.engine import Validator
from icpdesk.fileio import dump_filing, parse_filing, save_filing
from icpdesk.filing_types import Situation, decide_code
from icpdesk.model import Preapproval
from icpdesk.plan import make_plan

# Who is verified per type: [001_ab5f3c61be289b6d.txt] (JD, 2020+) and [004] (Kingsoft, APPs).
EXPECTED_ROLES = {
    "new_filing": {"principal", "service"},
    "new_site_other_provider": {"service"}, "new_site_this_provider": {"service"},
    "new_access": {"service"}, "continued_access": {"service"},
    "change_principal": {"principal"}, "change_site": {"service"}, "change_access": {"service"},
    "cancel_principal": {"principal"}, "cancel_site": {"service"}, "cancel_access": set(),
    "new_app_other_provider": {"service"}, "new_app_this_provider": {"service"},
    "app_access": {"service"}, "change_app": {"service"}, "cancel_app": {"service"},
}


def _plan(f, **kw):
    return make_plan(f, Validator(today=TODAY, **kw))


def _roles(plan) -> set[str]:
    kinds = set()
    for e in plan["sms"]:
        for r in e["roles"]:
            kinds.add("principal" if r == "principal.leader" else "service")
    return kinds


@pytest.mark.parametrize("ftype", sorted(EXPECTED_ROLES))
@pytest.mark.parametrize("nature", ["individual", "enterprise"])
def test_sms_roles_per_type_and_nature(ftype, nature):
    f = individual_filing() if nature == "individual" else enterprise_filing()
    if nature == "enterprise":
        f.websites[0].leader = OTHER  # a different person with another phone
    f.filing_type = ftype
    plan = _plan(f)
    assert _roles(plan) == EXPECTED_ROLES[ftype]
    assert plan["sms_rules"]["required"] == bool(EXPECTED_ROLES[ftype])
    phones = [e["phone"] for e in plan["sms"]]
    assert len(phones) == len(set(phones))
    if nature == "individual" and EXPECTED_ROLES[ftype]:
        assert len(plan["sms"]) == 1  # one person, one number, one code


def test_one_code_per_phone_number():
    f = enterprise_filing()
    f.websites[0].leader = OTHER
    plan = _plan(f)
    by_phone = {e["phone"]: e["roles"] for e in plan["sms"]}
    assert by_phone == {"13700137000": ["principal.leader", "apps[0].leader"],
                        "13500135000": ["websites[0].leader"]}
    # the same number for two people: one code (and the validator refuses the filing)
    f.websites[0].leader = OTHER.model_copy(update={"phone1": "13700137000"})
    plan = _plan(f)
    assert len(plan["sms"]) == 1 and len(plan["sms"][0]["roles"]) == 3
    assert "people.phone.one_person" in {x.rule for x in Validator(today=TODAY).validate(f)}


def test_sms_rules_current_and_history():
    r = _plan(individual_filing())["sms_rules"]
    assert r["valid_hours"] == 24 and r["since"] == "2020-08-17"
    assert any(h["value"] == 48 for h in r["valid_hours_history"])
    assert r["resends"] == 2 and r["resends_disputed"][0]["value"] == 3
    assert r["wrong_inputs"] == 5 and "12381" in r["senders"]


def test_new_site_dispute_is_reported():
    f = individual_filing()
    f.filing_type = "new_site_other_provider"
    r = _plan(f)["sms_rules"]
    assert r["disputed"][0]["roles"] == ["principal", "service"] and "TX-SMS" in r["disputed"][0]["source"]


def test_carrier_and_pilot_sender():
    f = enterprise_filing()
    f.websites[0].leader = OTHER.model_copy(update={"phone1": "17012345678"})
    entries = {e["phone"]: e for e in _plan(f)["sms"]}
    assert entries["13700137000"]["carrier"] == "china_mobile"
    assert entries["13700137000"]["pilot_sender"] == "106575000130"
    assert entries["17012345678"]["carrier"] == "virtual" and entries["17012345678"]["pilot_sender"] is None
    assert entries["17012345678"]["problems"]


def test_zhejiang_hk_macau_exception():
    f = enterprise_filing()
    f.principal.leader.cert_type = "hk_macau_pass"
    f.principal.leader.cert_number = "H12345678"
    tail = _plan(f)["sms"][0]["cert_tail"]
    assert "全角" in tail and "港澳身份证" in tail
    move(f, "北京")
    assert _plan(f)["sms"][0]["cert_tail"] == "港澳居民来往内地通行证号码后6位"


@pytest.mark.parametrize("situation,code", [
    (Situation(), "new_filing"),
    (Situation(principal_filed=True), "new_site_other_provider"),
    (Situation(principal_filed=True, principal_here=True), "new_site_this_provider"),
    (Situation(principal_filed=True, service_filed=True), "new_access"),
    (Situation(principal_filed=True, principal_here=True, service_filed=True), "continued_access"),
    (Situation(service="app"), "new_filing"),
    (Situation(service="app", principal_filed=True), "new_app_other_provider"),
    (Situation(service="app", principal_filed=True, principal_here=True), "new_app_this_provider"),
    (Situation(service="app", principal_filed=True, service_filed=True), "app_access"),
    (Situation(action="change_principal", principal_filed=True), "change_principal"),
    (Situation(action="change_service", principal_filed=True, service_filed=True), "change_site"),
    (Situation(service="app", action="change_service", principal_filed=True), "change_app"),
    (Situation(action="change_access", principal_filed=True), "change_access"),
    (Situation(action="cancel_principal", principal_filed=True), "cancel_principal"),
    (Situation(action="cancel_service", principal_filed=True), "cancel_site"),
    (Situation(service="app", action="cancel_service", principal_filed=True), "cancel_app"),
    (Situation(action="cancel_access", principal_filed=True), "cancel_access"),
])
def test_filing_type_decision(situation, code):
    got, warnings = decide_code(situation)
    assert got == code and not warnings


def test_contradictory_answers_warn():
    assert decide_code(Situation(service_filed=True))[1]
    assert decide_code(Situation(action="cancel_service"))[1]


@pytest.mark.parametrize("text,parsed", [
    ("浙ICP备12345678号", ("浙", "12345678", None, "")),
    ("浙ICP备12345678号-1", ("浙", "12345678", 1, "")),
    ("鄂ICP备2021001858号-7", ("鄂", "2021001858", 7, "")),
    ("京ICP备11018762号-2A", ("京", "11018762", 2, "A")),
    ("粤 ICP 备 12345678 号 - 3", ("粤", "12345678", 3, "")),
    ("浙ＩＣＰ备１２３４５６７８号", ("浙", "12345678", None, "")),
])
def test_filing_number_parser(text, parsed):
    n = filing_numbers.parse(text)
    assert (n.prefix, n.serial, n.index, n.kind) == parsed


@pytest.mark.parametrize("text", ["浙ICP备123号", "ICP备12345678号", "浙ICP12345678号", "浙ICP备12345678号-",
                                  "浙ICP备1234567890123号", "", "x" * 1000])
def test_filing_number_malformed(text):
    assert filing_numbers.parse(text) is None


def test_unusual_serial_length_parses_and_is_only_questioned():
    """8 or 10 digits is what the sources show, UNCERTAIN (§9): 9 digits parse, and the
    serial_length rule warns instead of calling the number malformed."""
    n = filing_numbers.parse("浙ICP备123456789号")
    assert n is not None and n.serial == "123456789"


def _kinds(f, province=None):
    if province:
        move(f, province)
    return {(n.kind, n.owner): n.required for n in checklist(f, Validator(today=TODAY))}


def test_checklist_individual_vs_enterprise():
    ind = _kinds(individual_filing())
    assert ("principal_cert", "principal") not in ind
    assert ind[("leader_id_front", "principal")] and ind[("verification_form", "websites[0]")]
    assert ind[("domain_cert", "websites[0]")] is True  # the fixture names Kingsoft, which wants one per site
    ent = _kinds(enterprise_filing())
    assert ent[("principal_cert", "principal")] and ent[("verification_form", "apps[0]")]
    assert ("curtain_photo", "websites[0]") not in ent  # licence + resident IDs: face check


def test_checklist_leader_not_legal_rep():
    f = enterprise_filing()
    f.principal.legal_representative = "王五"
    assert _kinds(f, "吉林")[("authorization_letter", "principal")] is True      # auth province
    assert _kinds(f, "北京")[("authorization_letter", "principal")] is False     # free: providers ask
    assert ("authorization_letter", "principal") not in _kinds(f, "浙江")       # must: a rule error instead
    assert "principal.leader.legal_rep" in {x.rule for x in Validator(today=TODAY).validate(f)}


def test_checklist_site_leader_letter_and_ids():
    f = enterprise_filing()
    f.websites[0].leader = OTHER
    k = _kinds(f, "天津")
    assert k[("authorization_letter", "websites[0]")] and k[("leader_id_front", "websites[0]")]
    assert ("authorization_letter", "websites[0]") not in _kinds(f, "北京")


def test_checklist_preapproval():
    f = enterprise_filing()
    assert ("preapproval_doc", "websites[0]") not in _kinds(f)
    f.websites[0].preapproval = Preapproval(type="news", number="X-1")
    assert _kinds(f)[("preapproval_doc", "websites[0]")]


def test_checklist_curtain_photo():
    f = individual_filing()
    assert ("curtain_photo", "websites[0]") not in _kinds(f)
    f.principal.cert_type = f.principal.leader.cert_type = "passport"
    assert _kinds(f)[("curtain_photo", "websites[0]")]
    assert _kinds(f, "广东")[("curtain_photo", "websites[0]")]  # Kingsoft has no electronic check
    f.provider = "tencent"
    assert ("curtain_photo", "websites[0]") not in _kinds(f, "广东")  # Tencent: electronic verification
    assert _kinds(f, "浙江")[("curtain_photo", "websites[0]")]


def test_provider_items_are_hints_without_a_provider_and_absent_for_another():
    """icp-rules.md §1.3/§5.1: the domain certificate per site and the 核验单 are Kingsoft's (and
    Tencent's) requirements; Huawei asks for its own undertaking and notice instead."""
    f = individual_filing()
    f.provider = None
    k = _kinds(f)
    assert k[("domain_cert", "websites[0]")] is False and k[("verification_form", "websites[0]")] is False
    f.provider = "huawei"
    k = _kinds(f)
    assert ("domain_cert", "websites[0]") not in k and ("verification_form", "websites[0]") not in k
    assert k[("undertaking_letter", "websites[0]")] is True
    f.provider = "kingsoft"
    assert _kinds(f)[("verification_form", "websites[0]")] is True
    f.provider = None
    [hint] = [x for x in Validator(today=TODAY).validate(f) if x.rule == "materials.missing"]
    assert hint.severity == "info"


def test_checklist_province_documents():
    assert _kinds(individual_filing(), "江苏")[("domain_cert", "websites[0]")] is True
    assert _kinds(individual_filing(), "广东")[("undertaking_letter", "principal")]
    assert _kinds(individual_filing(), "上海")[("residence_proof", "principal")]  # 浙江 ID in 上海
    assert ("residence_proof", "principal") not in _kinds(individual_filing())


def test_validator_reports_missing_from_the_checklist():
    f = individual_filing()
    f.materials = [m for m in f.materials if m.kind != "verification_form"]
    missing = [x for x in Validator(today=TODAY).validate(f) if x.rule == "materials.missing"]
    assert len(missing) == 1 and "核验单" in missing[0].message and "网站1" in missing[0].message


def test_footer_snippets():
    f = individual_filing()
    f.websites[0].filing_number = "浙ICP备12345678号-1"
    step = next(s for s in _plan(f)["after_approval"] if s["id"] == "footer")
    assert step["snippet"]["number"] == "浙ICP备12345678号-1"
    assert 'href="https://beian.miit.gov.cn/"' in step["snippet"]["html"]
    g = enterprise_filing()
    g.principal.filing_number = "粤ICP备12345678号"
    move(g, "广东")
    plan = _plan(g)
    assert next(s for s in plan["after_approval"] if s["id"] == "footer")["snippet"]["number"] == "粤ICP备12345678号"
    move(g, "江苏")
    html = next(s for s in _plan(g)["after_approval"] if s["id"] == "footer")["snippet"]["html"]
    assert "版权所有" in html and "杭州示例科技有限公司" in html
    ids = {s["id"] for s in _plan(individual_filing())["after_approval"]}
    assert {"footer", "public_security", "commercial_licence"} <= ids and "app_number" not in ids


def test_filing_password_is_never_written(tmp_path):
    text = dump_filing(individual_filing()).replace("filing_type: new_filing",
                                                    "filing_type: new_access\nfiling_password: s3cret-pw")
    f = parse_filing(text)
    assert f.filing_password.get_secret_value() == "s3cret-pw"
    assert "s3cret" not in dump_filing(f) and "s3cret" not in dump_filing(f, as_json=True)
    assert "s3cret" not in repr(f)
    plan = _plan(f)
    assert plan["secrets"][0]["name"] == "filing_password"
    assert "s3cret" not in json.dumps(plan, ensure_ascii=False)


def test_plan_cli(tmp_path, capsys):
    f = enterprise_filing()
    f.websites[0].leader = person(name="王五", number=OTHER.cert_number, phone1="13500135000",
                                  emergency="13400134000", email="w@example.com")
    path = tmp_path / "p.icpdesk.yaml"
    save_filing(f, path)
    write_scans(f, tmp_path)
    code = main(["plan", str(path), "--json", "--today", "2026-11-23"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # the site leader's ID scans are missing
    assert data["filing_type"]["code"] == "new_filing"
    assert {"phone", "roles"} <= set(data["sms"][0])
    assert any(m["kind"] == "leader_id_front" and m["for"] == "websites[0]" and not m["present"]
               for m in data["materials"])
    f.materials += scans(("leader_id_front", "websites[0]"), ("leader_id_back", "websites[0]"))
    save_filing(f, path)
    write_scans(f, tmp_path)
    assert main(["plan", str(path), "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "【短信核验】" in out and "13500135000" in out


def test_filing_type_cli(capsys):
    assert main(["filing-type", "--principal-filed", "--principal-here", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "new_site_this_provider"
    assert main(["filing-type", "--service-filed"]) == 1
