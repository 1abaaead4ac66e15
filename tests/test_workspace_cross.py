"""Issue 34 items 1 and 4: the checks across the filings of a workspace, full and incremental,
`icpdesk workspace validate` with them, and a damaged filing skipped while the rest are checked."""

from __future__ import annotations

import json
import random
import re

import pytest
from conftest import ID_LI, ID_ZHANG, enterprise_filing, individual_filing, run_cli

from icpdesk.model import Filing
from icpdesk.workspace import Workspace
from icpdesk.workspace_cross import CrossIndex


def firm() -> Filing:
    return enterprise_filing().model_copy(deep=True)  # the fixture is cached: never edit it


def person_filing() -> Filing:
    return individual_filing()


def second_order(f: Filing, domain: str = "example2.cn", app: str = "示例相册",
                 filing_type: str = "new_site_this_provider") -> Filing:
    """Another order of the same principal: a new site (and APP) of its own."""
    g = f.model_copy(deep=True)
    g.filing_type = filing_type
    for w in g.websites:
        w.domains = [domain]
    for a in g.apps:
        a.name = app
    return g


def same_phone(a: Filing, b: Filing) -> None:
    b.principal.leader.phone1 = "137 0013 7000"  # the firm's, written with spaces


def same_landline(a: Filing, b: Filing) -> None:
    b.principal.leader.phone2 = "+86 571 8888 8888"


def id_other_name(a: Filing, b: Filing) -> None:
    b.principal.leader.cert_number = ID_LI  # the firm's leader 李四, given here as 张三


def same_leader_other_mobile(a: Filing, b: Filing) -> None:
    b.principal.leader = a.principal.leader.model_copy(update={"phone1": "13500135000"})


def same_leader_other_email(a: Filing, b: Filing) -> None:
    b.principal.leader = a.principal.leader.model_copy(update={"email": "LI4@example.com"})


def same_domain(a: Filing, b: Filing) -> None:
    b.websites[0].domains = ["Example.CN"]


def same_app_name(a: Filing, b: Filing) -> None:
    b.apps[0].name = "示例笔记"


# rule, the other filing (of another principal, or a second order of the firm), what makes them
# clash, the path of the finding in the firm's filing, and a change that keeps them apart
CASES = [
    ("workspace.phone.mobile_other_principal", person_filing, same_phone, "principal.leader.phone1",
     lambda a, b: setattr(b.principal.leader, "phone1", "13700137001")),
    ("workspace.phone.landline_other_principal", person_filing, same_landline, "principal.leader.phone2",
     lambda a, b: setattr(b.principal.leader, "phone2", "0571-88888889")),
    ("workspace.cert_number.other_name", person_filing, id_other_name, "principal.leader.cert_number",
     lambda a, b: setattr(b.principal.leader, "cert_number", ID_ZHANG)),
    ("workspace.person.contact_differs", lambda: second_order(firm()), same_leader_other_mobile,
     "principal.leader.phone1", lambda a, b: None),
    ("workspace.person.contact_differs", lambda: second_order(firm()), same_leader_other_email,
     "principal.leader.email", lambda a, b: None),
    ("workspace.domain.other_principal", person_filing, same_domain, "websites[0].domains[0]",
     lambda a, b: None),
    ("workspace.domain.same_principal", lambda: second_order(firm()), same_domain, "websites[0].domains[0]",
     lambda a, b: None),
    ("workspace.app.name_same_principal", lambda: second_order(firm(), filing_type="new_app_this_provider"),
     same_app_name, "apps[0].name",
     lambda a, b: None),
]


@pytest.mark.parametrize("rule,other,clash,path,apart", CASES, ids=[f"{c[0]}-{c[2].__name__}" for c in CASES])
def test_each_cross_check_fires_at_the_field_and_names_the_other_filing(rule, other, clash, path, apart):
    a, b = firm(), other()
    clash(a, b)
    index = CrossIndex.of({"A-firm": a, "B-other": b})
    mine = [f for f in index.findings("A-firm") if f.rule == rule]
    assert path in [f.path for f in mine]  # (the firm's landline is its phone2 and office phone)
    f = mine[0]
    # names the other filing by id and principal, in both languages, with the rule's sources
    assert "B-other" in f.message and "B-other" in f.message_en
    if "other_principal" in rule or "phone" in rule or "domain.other" in rule:
        assert b.principal.name in f.message and b.principal.name in f.message_en
    assert "{" not in f.message + f.message_en + f.hint + f.hint_en
    assert f.source and f.cites and f.source_title and f.grade
    # and the other filing gets its own finding, naming this one
    theirs = [x for x in index.findings("B-other") if x.rule == rule]
    assert theirs and all("A-firm" in x.message for x in theirs)
    # kept apart: nothing of this rule
    a, b = firm(), other()
    apart(a, b)
    assert not [x for x in CrossIndex.of({"A": a, "B": b}).all_findings()["A"] if x.rule == rule]


def test_every_cross_rule_has_a_case(rulebook):
    ids = {r.id for r in rulebook.all_rules() if r.id.startswith("workspace.")}
    assert ids == {c[0] for c in CASES}


def test_severity_follows_the_sources(rulebook):
    """Errors where a provider or official source says the bureau refuses; warnings otherwise."""
    sev = {r.id: (r.severity, r.grade) for r in rulebook.all_rules() if r.id.startswith("workspace.")}
    assert sev["workspace.phone.mobile_other_principal"] == ("error", "provider")
    assert sev["workspace.cert_number.other_name"] == ("error", "official")
    assert sev["workspace.person.contact_differs"] == ("warning", "heuristic")
    assert sev["workspace.domain.same_principal"][0] == "warning"


def test_the_same_principal_may_share_its_phone_and_another_principal_its_app_name():
    a, b = firm(), second_order(firm())
    assert CrossIndex.of({"A": a, "B": b}).findings("A") == []  # same phone, landline, leader: one principal
    c = person_filing()
    c.apps = [firm().apps[0]]  # 示例笔记, but 张三's
    assert not [f for f in CrossIndex.of({"A": firm(), "C": c}).findings("A") if f.rule.startswith("workspace.app")]


def test_a_leader_of_two_principals_has_two_mobiles_but_one_email():
    """Under another principal the mobile must differ (TX-REJ): no contact warning for that, only
    for the e-mail."""
    a, b = firm(), person_filing()
    b.principal.leader = a.principal.leader.model_copy(update={
        "phone1": "13500135000", "emergency_phone": "13500135001", "phone2": None, "office_phone": None})
    assert CrossIndex.of({"A": a, "B": b}).findings("A") == []
    b.principal.leader = b.principal.leader.model_copy(update={"email": "li4@example.org"})
    [f] = CrossIndex.of({"A": a, "B": b}).findings("A")
    assert (f.rule, f.path) == ("workspace.person.contact_differs", "principal.leader.email")
    assert "li4@example.org" in f.message and "lisi@example.com" in f.message


def test_same_domain_of_one_principal_says_which_order_to_use():
    a, b = firm(), second_order(firm(), domain="example.cn")
    [f] = CrossIndex.of({"A": a, "B": b}).findings("A")
    assert "合并" in f.hint and "merge" in f.hint_en and "新增网站" in f.message  # B is a 新增网站 order
    b.websites[0].filing_number = "浙ICP备12345678号-1"  # B's site was approved: A should change it
    [f] = CrossIndex.of({"A": a, "B": b}).findings("A")
    assert "变更网站" in f.hint and "Change of website" in f.hint_en and "B" in f.hint
    b.filing_type = a.filing_type = "change_site"  # the workspace keeps its history: no warning
    assert CrossIndex.of({"A": a, "B": b}).findings("A") == []


def test_an_app_changed_in_a_later_order_is_not_a_second_app():
    a, b = firm(), second_order(firm(), app="示例笔记")
    b.filing_type = "change_app"
    assert CrossIndex.of({"A": a, "B": b}).findings("A") == []


def test_many_clashing_filings_give_one_finding_that_counts_the_rest():
    filings = {"A": firm()}
    for i in range(4):
        b = person_filing()
        b.principal.cert_number = b.principal.leader.cert_number = ID_ZHANG[:-1] + str(i)
        b.principal.name = b.principal.leader.name = f"客户{i}"
        b.principal.leader.phone1 = "13700137000"
        b.websites[0].domains = [f"site{i}.cn"]
        filings[f"B{i}"] = b
    found = [f for f in CrossIndex.of(filings).findings("A") if f.rule == "workspace.phone.mobile_other_principal"]
    assert len(found) == 1 and "B0" in found[0].message and "另有 3 份备案" in found[0].message
    assert "and 3 more filings" in found[0].message_en


def test_orders_that_cancel_take_no_part():
    a, b = firm(), person_filing()
    same_phone(a, b)
    same_domain(a, b)
    b.filing_type = "cancel_site"
    assert CrossIndex.of({"A": a, "B": b}).findings("A") == []


def test_one_filing_alone_never_reports_a_cross_rule(validator):
    assert not [f for f in validator.validate(firm()) if f.rule.startswith("workspace.")]


# --- incremental ---------------------------------------------------------------------------------
PHONES = ["13700137000", "13800138000", "13900139000", "13500135000"]
DOMAINS = ["example.cn", "example.com", "shop.cn", "blog.cn"]


def _random_filing(rng: random.Random) -> Filing:
    f = rng.choice([firm, person_filing])()
    f.principal.leader.phone1 = rng.choice(PHONES)
    f.websites[0].domains = [rng.choice(DOMAINS)]
    if rng.random() < 0.3:
        f.principal.leader.name = rng.choice(["张三", "李四", "王五"])
    if f.apps and rng.random() < 0.5:
        f.apps[0].name = rng.choice(["示例笔记", "示例相册"])
    return f


def test_incremental_answer_equals_the_full_one_after_a_sequence_of_edits(rulebook):
    rng = random.Random(34)
    filings = {f"F{i:02d}": _random_filing(rng) for i in range(24)}
    index = CrossIndex.of(filings, rulebook)
    shown = index.all_findings()  # what the app shows, kept up to date edit by edit
    for step in range(60):
        id = rng.choice(sorted(filings))
        action = rng.random()
        if action < 0.15:  # deleted
            filings.pop(id)
            touched = index.update(id, None)
            shown.pop(id, None)
        elif action < 0.3:  # a new filing
            id = f"N{step:02d}"
            filings[id] = _random_filing(rng)
            touched = index.update(id, filings[id])
        else:  # one field edited
            f = filings[id].model_copy(deep=True)
            what = rng.choice(["phone", "domain", "name", "principal", "principal name", "type"])
            if what == "phone":
                f.principal.leader.phone1 = rng.choice(PHONES)
            elif what == "domain":
                f.websites[0].domains = [rng.choice(DOMAINS)]
            elif what == "name":
                f.principal.leader.name = rng.choice(["张三", "李四", "王五"])
            elif what == "principal":
                f.principal.cert_number = rng.choice([ID_ZHANG, ID_LI, "91330106MA27X12344"])
            elif what == "principal name":  # other filings' messages name it
                f.principal.name = rng.choice(["张三", "杭州示例科技有限公司", "王五"])
            else:
                f.filing_type = rng.choice(["new_filing", "new_site_this_provider", "cancel_site"])
            filings[id] = f
            touched = index.update(id, f)
        for t in touched:
            if t in filings:
                shown[t] = index.findings(t)
        assert shown == CrossIndex.of(filings, rulebook).all_findings(), f"step {step}"
    assert any(shown.values())  # the sequence did produce clashes to compare


def test_an_edit_touches_only_the_filings_that_share_something():
    filings = {f"F{i}": second_order(person_filing(), domain=f"d{i}.cn") for i in range(5)}
    for i, f in enumerate(filings.values()):
        f.principal.cert_number = f.principal.leader.cert_number = ID_ZHANG[:-1] + str(i)
        f.principal.leader.phone1 = f"1370013700{i}"
        f.principal.leader.emergency_phone = None
    index = CrossIndex.of(filings)
    edited = filings["F0"].model_copy(deep=True)
    edited.principal.leader.phone1 = "13700137003"  # now F3's number
    assert index.update("F0", edited) == {"F0", "F3"}
    assert [f.rule for f in index.findings("F3")] == ["workspace.phone.mobile_other_principal"]
    edited = edited.model_copy(deep=True)
    edited.principal.leader.phone1 = "13700137000"  # apart again: F3 is asked again and is clean
    assert index.update("F0", edited) == {"F0", "F3"} and index.findings("F3") == []


# --- the command line, and a damaged filing ---------------------------------------------------------
def _workspace(tmp_path) -> tuple[Workspace, dict[str, str]]:
    ws = Workspace(tmp_path / "ws").ensure()
    a, b = firm(), person_filing()
    same_phone(a, b)
    ids = {"firm": ws.create(a), "person": ws.create(b), "clean": ws.create(second_order(person_filing()))}
    ws.save(ids["clean"], _moved_apart(ws.load(ids["clean"])))
    return ws, ids


def _moved_apart(f: Filing) -> Filing:
    f.principal.name = f.principal.leader.name = f.principal.investor = "王五"
    f.principal.cert_number = f.principal.leader.cert_number = "11010119900307001X"
    f.principal.leader.phone1, f.principal.leader.emergency_phone = "13300133000", "13300133001"
    f.principal.leader.email = "wangwu@example.com"
    return f


def test_cli_lists_the_cross_findings_with_each_filing(tmp_path, capsys):
    ws, ids = _workspace(tmp_path)
    code, out, _ = run_cli(["workspace", "validate", "--json", "--workspace", str(ws.root)], capsys)
    assert code == 1
    by_id = {r["id"]: r for r in json.loads(out)}
    cross = [f for f in by_id[ids["firm"]]["findings"] if f["rule"].startswith("workspace.")]
    assert [(f["rule"], f["path"]) for f in cross] == [("workspace.phone.mobile_other_principal",
                                                          "principal.leader.phone1")]
    assert ids["person"] in cross[0]["message"] and "张三" in cross[0]["message"] and cross[0]["cites"]
    assert by_id[ids["firm"]]["cross"] == 1 and by_id[ids["clean"]]["cross"] == 0
    code, out, _ = run_cli(["workspace", "validate", "--lang", "en", "--workspace", str(ws.root)], capsys)
    line = next(x for x in out.splitlines() if "workspace.phone.mobile_other_principal" in x and
                ids["person"] in x)
    assert line.startswith("    error  principal.leader.phone1  The mobile number") and "张三" in line


@pytest.mark.parametrize("damage", ["garbage", "empty", "binary"])
def test_a_damaged_filing_is_skipped_with_one_line_and_the_rest_cross_checked(tmp_path, capsys, damage):
    ws, ids = _workspace(tmp_path)
    broken = ws.create(person_filing())
    body = {"garbage": b"principal: [unclosed\n  - : :", "empty": b"", "binary": bytes(range(256)) * 4}[damage]
    ws.filing_path(broken).write_bytes(body)
    code, out, err = run_cli(["workspace", "validate", "--workspace", str(ws.root)], capsys)
    assert code == 2 and "Traceback" not in err
    skipped = [x for x in out.splitlines() if x.startswith(broken)]
    assert len(skipped) == 1 and "已跳过（无法读取）" in skipped[0]
    assert re.fullmatch(r"共 4 个备案，3 个有错误，1 个已跳过", out.splitlines()[-1])  # (scans are missing)
    assert any("workspace.phone.mobile_other_principal" in x and ids["person"] in x for x in out.splitlines())
    code, out, _ = run_cli(["workspace", "validate", "--json", "--workspace", str(ws.root)], capsys)
    by_id = {r["id"]: r for r in json.loads(out)}
    assert code == 2 and "unreadable" in by_id[broken] and "cross" not in by_id[broken]
    assert by_id[ids["person"]]["cross"] == 1


def test_rules_command_lists_the_cross_rules(capsys):
    code, out, _ = run_cli(["rules", "--json"], capsys)
    assert code == 0
    rules = {r["id"]: r for r in json.loads(out)["rules"] if r["id"].startswith("workspace.")}
    assert len(rules) == len({c[0] for c in CASES})
    assert all(r["source_title"] and r["cites"] and re.search(r"[\u4e00-\u9fff]", r["message"])
               for r in rules.values())



@pytest.mark.parametrize("jobs", [1, 2])
def test_the_app_index_of_a_workspace_skips_a_damaged_filing_and_equals_the_full_one(tmp_path, jobs):
    """What the app builds when it opens a workspace (icpdesk.workspace_cross.index_files)."""
    from icpdesk.workspace_cross import index_files

    ws, _ = _workspace(tmp_path)
    for i in range(6):
        f = person_filing()
        f.principal.leader.phone1 = PHONES[i % 3]
        f.principal.cert_number = f.principal.leader.cert_number = ID_ZHANG[:-1] + str(i)
        ws.create(f)
    broken = ws.create(person_filing())
    ws.filing_path(broken).write_text("principal: [", encoding="utf-8")
    index, skipped = index_files({id: ws.filing_path(id) for id in ws.ids()}, jobs=jobs)
    assert list(skipped) == [broken] and "YAML" in skipped[broken]
    loaded = {id: ws.load(id) for id in ws.ids() if id != broken}
    assert index.all_findings() == CrossIndex.of(loaded).all_findings()
    assert any(index.all_findings().values())


def test_live_the_open_filing_gets_its_cross_findings_as_the_user_types():
    """Document.cross (what the app sets for the open filing): an edit that gives another
    principal's mobile shows the finding at that field, and names the other filing to refresh."""
    from icpdesk.document import Document

    a, b = firm(), person_filing()
    index = CrossIndex.of({"A": a, "B": b})
    doc = Document(b.model_copy(deep=True))
    doc.cross = index.live("B")
    doc.revalidate()
    assert not [f for f in doc.findings if f.rule.startswith("workspace.")]
    doc.edit("principal.leader.phone1", "13700137000")
    changed = doc.revalidate()
    assert "principal.leader.phone1" in changed
    [f] = [f for f in doc.live.at("principal.leader.phone1") if f.rule.startswith("workspace.")]
    assert f.rule == "workspace.phone.mobile_other_principal" and "A" in f.message
    assert index.touched == {"A"} and [x.rule for x in index.findings("A")] == [f.rule]
    doc.edit("principal.leader.phone1", "13800138000")  # apart again
    doc.revalidate()
    assert not [f for f in doc.findings if f.rule.startswith("workspace.")] and index.findings("A") == []
