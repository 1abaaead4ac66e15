"""The shipped data is tested, not only the loader: sources, messages, catalogues, provinces;
and a broken rule file fails loudly, naming the file and the rule."""

from __future__ import annotations

import re
import shutil

import pytest

from icpdesk.checks.registry import CHECKS
from icpdesk.errors import RulesError
from icpdesk.paths import rules_dir
from icpdesk.shipped import load_rulebook

CODE_IN_CONTRACT = {
    "filing_types": ["new_filing"], "natures": ["individual", "enterprise"],
    "cert_types": ["resident_id", "business_license"], "content_types": ["other"],
    "service_types": ["web_app_service", "app_service"], "languages": ["zh_CN"], "platforms": ["android"],
    "material_kinds": ["principal_cert", "leader_id_front", "leader_id_back", "domain_cert",
                       "verification_form", "authorization_letter", "curtain_photo", "preapproval_doc", "other"],
}


def test_every_rule_has_source_and_both_messages(rulebook):
    for r in rulebook.all_rules():
        assert r.source.strip(), r.id
        assert r.message.strip() and r.message_en.strip(), r.id
        assert r.hint.strip() and r.hint_en.strip(), r.id
        assert re.search(r"[\u4e00-\u9fff]", r.message), f"{r.id}: message is not Chinese"


def test_every_setting_has_a_source(rulebook):
    for key, s in rulebook.settings.items():
        assert s.source.strip(), key
    for code in rulebook.catalogues["provinces"].codes:
        for key, s in rulebook.province(code).settings.items():
            assert s.source.strip(), (code, key)


def test_every_check_is_used(rulebook):
    """By a shipped rule, or by a kind of fact tests/test_rule_kinds.py adds by YAML (the province
    researchers use those; until their data ships, the kinds test is the user)."""
    from test_rule_kinds import KIND_CHECKS

    used = {r.check for r in rulebook.all_rules()}
    assert set(CHECKS) - used - KIND_CHECKS == set()


def test_catalogues_carry_the_contract_codes(rulebook):
    for name, codes in CODE_IN_CONTRACT.items():
        for code in codes:
            assert code in rulebook.catalogues[name], (name, code)


def test_all_31_provinces(rulebook):
    provinces = rulebook.catalogues["provinces"]
    assert len(provinces.entries) == 31
    assert {e.get("gb2260")[:2] for e in provinces.entries} == {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
    for e in provinces.entries:
        assert e.zh and e.en and e.get("abbr") and e.get("icp_prefixes")
    # every province has its own rule file, even where it only sets who may lead
    assert set(rulebook._provinces) >= set(provinces.codes)


def test_labels_in_both_languages(rulebook):
    for name in ("natures", "cert_types", "filing_types", "material_kinds", "fields"):
        for e in rulebook.catalogues[name].entries:
            assert e.zh.strip() and e.en.strip(), (name, e.code)


def test_banned_word_lists_are_the_eleven_provinces(rulebook):
    with_lists = {c for c in rulebook.catalogues["provinces"].codes
                  if rulebook.province(c).value("personal_banned_words")}
    assert with_lists == {"北京", "广东", "浙江", "河南", "辽宁", "湖北", "宁夏", "河北", "贵州", "湖南", "内蒙古"}


@pytest.fixture()
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def test_copy_loads(rules_copy):
    assert load_rulebook(rules_copy).version


@pytest.mark.parametrize("mutate,expect", [
    (lambda t: t.replace("source: GB 11643-1999 (ISO 7064 MOD 11-2)", "source: ''"), "person.cert_number.checksum"),
    (lambda t: t.replace("check: mobile", "check: no_such_check"), "no_such_check"),
    (lambda t: t.replace("severity: warning", "severity: fatal", 1), "people.yaml"),
    (lambda t: t + "\n  - id: x\n    bogus: 1\n", "people.yaml"),
    (lambda t: t + "\n  - [unclosed\n", "people.yaml"),
])
def test_broken_rule_file_fails_loudly(rules_copy, mutate, expect):
    path = rules_copy / "national" / "people.yaml"
    path.write_text(mutate(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RulesError, match=re.escape(expect)):
        load_rulebook(rules_copy)


# Each way a rules maintainer can mistype a file, and the refusal that names it. Every case
# edits one file of a copy of rules/ and expects RulesError with the file and the reason.
MISTYPES = [
    ("misspelt aspect", "national/people.yaml", "params: {aspect: checksum}", "params: {aspect: checksm}",
     r"people\.yaml: rule person\.cert_number\.checksum: check 'resident_id' params: aspect"),
    ("misspelt path", "national/websites.yaml", 'paths: ["websites[*].name"]', 'paths: ["websites[*].nmae"]',
     r"websites\.yaml: rule website\.name\.min_chinese: path 'websites\[\*\]\.nmae' is no field"),
    ("unknown when code", "national/people.yaml", "when: {nature: [individual]}", "when: {nature: [indvidual]}",
     r"people\.yaml: rule .*when\.nature: unknown natures code\(s\) \['indvidual'\]"),
    ("setting of the wrong type", "provinces/hubei.yaml",
     "    value:\n      - {max: 1, filing_type: [new_filing, new_site_other_provider, new_site_this_provider]}",
     "    value: {value: 3}", r"hubei\.yaml: setting max_sites_per_order: Input should be a valid list"),
    ("setting value not among its choices", "provinces/beijing.yaml", "leader_legal_rep: {value: free,",
     "leader_legal_rep: {value: fre,", r"beijing\.yaml: setting leader_legal_rep: Input should be 'must', 'auth' or 'free'"),
    ("setting with an unknown code", "provinces/guizhou.yaml", "personal_content_banned: {value: [blog,",
     "personal_content_banned: {value: [blgo,", r"guizhou\.yaml: setting personal_content_banned: unknown content_types"),
    ("rule naming a setting that does not exist", "national/people.yaml", "params: {setting: unit_phone2_required}",
     "params: {setting: unit_phone2_requird}", r"people\.yaml: rule .*params\.setting: unknown setting key 'unit_phone2_requird'"),
    ("regex that does not compile", "provinces/jiangsu.yaml", 'regex: ".{1,20}的个人(博客|主页)"',
     'regex: ".{1,20}的个人(博客|主页"', r"jiangsu\.yaml: rule website\.name\.personal_form/jiangsu: .*regex: Input should be a valid regular expression"),
    ("placeholder the check does not fill", "national/websites.yaml", "网站名称至少需要3个汉字（现有{count}个）",
     "网站名称至少需要3个汉字（现有{cuont}个）", r"website\.name\.min_chinese: message uses \{cuont\}, which check 'name_min_chinese' does not fill"),
    ("unknown source key", "national/people.yaml", "source: GB 11643-1999 (ISO 7064 MOD 11-2)",
     "source: \"[TX-PROOV]\"", r"people\.yaml: rule person\.cert_number\.checksum: unknown source key \[TX-PROOV\]"),
    ("source that cites nothing", "national/people.yaml", "source: GB 11643-1999 (ISO 7064 MOD 11-2)",
     "source: somewhere on the web", r"cites nothing listed in rules/sources\.yaml"),
    ("unknown materials condition", "plan/materials.yaml", "condition: domain_cert_by_province",
     "condition: domain_cert_by_provnce", r"materials\.yaml: items\[\d+\] \(domain_cert\): unknown condition 'domain_cert_by_provnce'"),
    ("image rule the code raises, missing from the data", "images/rules.yaml", "- id: image.mode.cmyk",
     "- id: image.mode.cmky", r"rules\.yaml: no entry for 'image\.mode\.cmyk'"),
]


@pytest.mark.parametrize("file,old,new,expect", [m[1:] for m in MISTYPES], ids=[m[0] for m in MISTYPES])
def test_mistyped_rules_are_refused_naming_file_rule_and_reason(rules_copy, file, old, new, expect):
    path = rules_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the shipped {file} changed: update this case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError, match=expect):
        load_rulebook(rules_copy)


def test_missing_bibliography_is_refused(rules_copy):
    (rules_copy / "sources.yaml").unlink()
    with pytest.raises(RulesError, match="bibliography is missing"):
        load_rulebook(rules_copy)


def test_sources_may_be_split_into_files_but_a_key_only_once(rules_copy):
    """rules/sources/*.yaml extends the bibliography (one file per research area); a key that two
    files define is refused, naming the file; a source's grade is one of the three words."""
    folder = rules_copy / "sources"
    folder.mkdir(exist_ok=True)
    (folder / "zz-test.yaml").write_text(
        "sources:\n  ZZ-TEST:\n    title: 测试来源\n    publisher: 测试\n    grade: provider\n", encoding="utf-8")
    book = load_rulebook(rules_copy)
    assert book.bibliography.sources["ZZ-TEST"].grade == "provider"
    (folder / "zz-twice.yaml").write_text("sources:\n  ZZ-TEST:\n    title: again\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"zz-twice\.yaml.*ZZ-TEST"):
        load_rulebook(rules_copy)
    (folder / "zz-twice.yaml").write_text("sources:\n  ZZ-2:\n    title: x\n    grade: blog\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"zz-twice\.yaml"):
        load_rulebook(rules_copy)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_commands_run_with_another_rules_folder(rules_copy, tmp_path, how):
    """--rules DIR and ICPDESK_RULES: a maintainer tries a change before shipping it; a broken
    folder stops every command at start with exit 2, the file and the reason, no traceback."""
    import os
    import subprocess
    import sys

    from icpdesk.demo import make_demo

    filing = make_demo(tmp_path / "demo")
    prov = rules_copy / "provinces" / "zhejiang.yaml"
    prov.write_text(prov.read_text(encoding="utf-8").replace("settings:", "settings:\n  max_sites_per_order: {value: [{max: 0}], source: \"[TX-PROV]\"}", 1),
                    encoding="utf-8")
    env = dict(os.environ)
    args = [sys.executable, "-m", "icpdesk", "validate", "--json", str(filing)]
    if how == "option":
        args.insert(3, "--rules")
        args.insert(4, str(rules_copy))
    else:
        env["ICPDESK_RULES"] = str(rules_copy)
    changed = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert "websites.max_per_order" in changed.stdout, changed.stderr
    people = rules_copy / "national" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("params: {aspect: checksum}", "params: {aspect: x}", 1),
                      encoding="utf-8")
    for cmd in (["validate", str(filing)], ["plan", str(filing)], ["check-image", str(filing)],
                ["filing-type"], ["verify", str(filing)]):
        a = [sys.executable, "-m", "icpdesk", *cmd] + (["--rules", str(rules_copy)] if how == "option" else [])
        r = subprocess.run(a, capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 2, (cmd, r.stderr)
        assert "people.yaml: rule person.cert_number.checksum" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_province_setting_without_national_default_is_refused(rules_copy):
    path = rules_copy / "provinces" / "xizang.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  made_up: {value: 1, source: x}\n", encoding="utf-8")
    with pytest.raises(RulesError, match="made_up"):
        load_rulebook(rules_copy)


def test_override_of_unknown_rule_is_refused(rules_copy):
    path = rules_copy / "provinces" / "jiangsu.yaml"
    text = path.read_text(encoding="utf-8").replace("website.name.personal_forbidden,", "website.name.nope,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=r"website\.name\.nope"):
        load_rulebook(rules_copy)


def test_checklist_conditions_match_the_data(rulebook):
    from icpdesk.checks.registry import CONDITIONS

    used = {i.condition for i in rulebook.plan.materials.items if i.condition}
    assert used == set(CONDITIONS)
    for item in rulebook.plan.materials.items:
        assert item.source and item.why and item.why_en


def test_plan_data_has_sources(rulebook):
    sms = rulebook.plan.sms
    assert set(sms.verified) == set(rulebook.catalogues["filing_types"].codes)
    for code, v in sms.verified.items():
        assert v.source, code
    for step in rulebook.plan.after.deadlines + rulebook.plan.after.after_approval:
        assert step.source and step.text and step.text_en
    for e in rulebook.catalogues["filing_types"].entries:
        assert e.get("explain") and e.get("explain_en"), e.code


def test_every_error_rests_on_a_published_source(rulebook):
    """Traceability: a rule of severity error cites at least one source that is not icpdesk's own
    heuristic (rules/sources.yaml `heuristic: true`), for field rules and image rules alike."""
    bib = rulebook.bibliography.sources
    rules = [(r.id, r.severity, r.cites) for r in rulebook.all_rules()]
    rules += [(r.id, r.severity, r.cites) for r in rulebook.plan.image_rules.values()]
    for rule_id, severity, cites in rules:
        assert cites, rule_id
        published = [k for k in cites if not bib[k].heuristic]
        if severity == "error":
            assert published, f"{rule_id} is an error resting on icpdesk's own heuristic only"


def test_rules_command_lists_what_is_in_force(capsys):
    import json

    from icpdesk.cli import main

    assert main(["rules", "--province", "北京", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {r["id"]: r for r in data["rules"]}
    assert "people.email.differ/beijing" in ids and "people.email.differ" not in ids
    assert ids["people.email.differ/beijing"]["overrides"] == ["people.email.differ"]
    assert all(r["source_title"] and r["cites"] for r in data["rules"])
    assert main(["rules", "--province", "火星"]) == 2
    assert main(["rules", "--lang", "en"]) == 0
    assert "Source:" in capsys.readouterr().out


def test_a_yaml_syntax_error_in_a_rules_file_names_its_line_and_column(rules_copy):
    """Issue 30 item 4: a broken rules file says file:line:column and what the parser found."""
    path = rules_copy / "national" / "websites.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "    check: [name_length")  # an unclosed list on line 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"websites\.yaml:\d+:\d+: .*flow"):
        load_rulebook(rules_copy)
