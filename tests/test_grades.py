"""How strong each source is, shown and enforced (issue 27 item 2): every source graded, no error
resting on secondary sources only, every finding carrying its grade and date, secondary-only
findings saying so, disputes decided for the newer and stronger source, `icpdesk rules` listing it."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from conftest import TODAY, enterprise_filing, individual_filing

from icpdesk.engine import Validator
from icpdesk.errors import RulesError
from icpdesk.findings import SECONDARY_NOTE, Finding
from icpdesk.paths import rules_dir
from icpdesk.rulebook import Rulebook
from icpdesk.shipped import PLUGINS


@pytest.fixture()
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def _edit(path, fn) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_every_source_is_graded(rulebook):
    for key, s in rulebook.bibliography.sources.items():
        assert s.heuristic or s.grade in ("official", "provider", "own", "secondary"), key
    grades = {s.grade for s in rulebook.bibliography.sources.values()}
    assert {"official", "provider", "secondary"} <= grades
    hw = [s for k, s in rulebook.bibliography.sources.items() if k.startswith("HW-KB-") or k.startswith("PAGES-")]
    assert hw and all(s.grade == "secondary" for s in hw)


def test_an_ungraded_source_is_refused(rules_copy):
    _edit(rules_copy / "sources.yaml", lambda d: d["sources"]["TX-PROV"].pop("grade"))
    with pytest.raises(RulesError, match=r"TX-PROV.*no grade"):
        Rulebook(rules_copy, PLUGINS)


def test_an_error_on_secondary_sources_only_is_refused(rules_copy):
    def secondary_error(d):
        d.setdefault("rules", []).append({
            "id": "website.name.x/zhejiang", "check": "name_words", "params": {"words": ["测试"]},
            "paths": ["websites[*].name"], "severity": "error", "message": "不能含{words}",
            "message_en": "no {words}", "source": "[HW-KB-MGJ] 浙江"})

    _edit(rules_copy / "provinces" / "zhejiang.yaml", secondary_error)
    with pytest.raises(RulesError, match=r"website.name.x/zhejiang.*secondary"):
        Rulebook(rules_copy, PLUGINS)


def test_no_shipped_error_rests_on_secondary_sources_only(rulebook):
    bib = rulebook.bibliography
    rules = [*rulebook.all_rules(), *rulebook.plan.image_rules.values()]
    weak = [r.id for r in rules if r.severity == "error" and bib.weak(r.cites)]
    assert weak == []


def test_findings_carry_grade_and_date(validator):
    f = individual_filing()
    f.websites[0].name = "abc"
    found = [x for x in validator.validate(f) if x.rule == "website.name.latin_or_digits"]
    assert found and found[0].grade == "provider" and found[0].source_date == "2019-08-16"
    d = found[0].to_dict()
    assert d["grade"] == "provider" and d["source_date"] == "2019-08-16"
    assert Finding.from_dict(d) == found[0]
    assert "［服务商资料，2019-08-16］" in found[0].source_label("zh")
    assert "[provider, 2019-08-16]" in found[0].source_label("en")


def test_a_finding_on_a_secondary_setting_is_a_warning_that_says_so(rules_copy):
    """河北's same-city rule rests on Huawei's AI-compiled knowledge base only."""
    v = Validator(Rulebook(rules_copy, PLUGINS), today=TODAY)
    f = enterprise_filing()
    f.principal.region.province, f.principal.region.city, f.principal.region.district = "河北", "石家庄市", "长安区"
    f.principal.cert_address = "河北省石家庄市长安区某路1号"
    f.principal.mailing_address = "河北省保定市竞秀区某路1号"
    found = [x for x in v.validate(f) if x.rule == "principal.address.same_city"]
    assert found and all(x.severity == "warning" and x.grade == "secondary" for x in found)
    assert all(x.message.endswith(SECONDARY_NOTE[0]) and x.message_en.endswith(SECONDARY_NOTE[1]) for x in found)


def test_a_setting_on_secondary_sources_lowers_an_error(rules_copy):
    """The national banned-words rule is an error; a province list from secondary sources only
    makes its findings warnings that say so, a provider's list keeps them errors."""
    def words(source):
        return lambda d: d["settings"].update(
            {"personal_banned_words": {"value": ["读书"], "source": source}})

    _edit(rules_copy / "provinces" / "zhejiang.yaml", words("[HW-KB-MGJ] 浙江"))
    v = Validator(Rulebook(rules_copy, PLUGINS), today=TODAY)
    found = [x for x in v.validate(individual_filing()) if x.rule == "website.name.province_banned"]
    assert found and found[0].severity == "warning" and SECONDARY_NOTE[0] in found[0].message
    _edit(rules_copy / "provinces" / "zhejiang.yaml", words("[TX-PROV] 浙江"))
    v = Validator(Rulebook(rules_copy, PLUGINS), today=TODAY)
    found = [x for x in v.validate(individual_filing()) if x.rule == "website.name.province_banned"]
    assert found and found[0].severity == "error" and SECONDARY_NOTE[0] not in found[0].message


def test_a_dispute_won_by_an_older_weaker_source_is_refused(rules_copy):
    def dispute(chosen, other):
        return lambda d: d["settings"].update({"min_age": {
            "value": 18, "source": chosen, "disputed": [{"value": 16, "source": other}]}})

    path = rules_copy / "provinces" / "zhejiang.yaml"
    # chosen: Huawei's knowledge base (secondary, 2025-12-31); disputed: Aliyun (provider, 2019): kept
    _edit(path, dispute("[HW-KB-MGJ]", "[002_cda330130d5f816e.txt]"))
    Rulebook(rules_copy, PLUGINS)
    # chosen: a 2017 third-party page (secondary); disputed: Kingsoft ≈2023 (provider, newer): refused
    _edit(path, dispute("[PAGES-HNITHR]", "[004_be70386eafc8ddf0.txt]"))
    with pytest.raises(RulesError, match=r"min_age.*newer and stronger"):
        Rulebook(rules_copy, PLUGINS)


def test_rules_command_shows_grade_and_date(capsys):
    from icpdesk.cli import main

    assert main(["rules", "--province", "河北", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(r["grade"] and r["sources"] and all(s["grade"] and s["date"] for s in r["sources"])
               for r in data["rules"])
    settings = {s["key"]: s for s in data["settings"]}
    assert settings["same_city_addresses"]["provincial"] and settings["same_city_addresses"]["grade"] == "secondary"
    assert settings["same_city_addresses"]["source_date"] == "2025-12-31"
    assert main(["rules", "--province", "河北"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"\* same_city_addresses = True\n\s+依据: 华为云 Huawei Cloud 《备案管局咨询》 "
                     r"［二手资料，2025-12-31］", text)
    assert main(["rules", "--province", "河北", "--lang", "en"]) == 0
    assert "[secondary, 2025-12-31]" in capsys.readouterr().out


def test_rules_command_lists_a_provinces_own_materials(capsys):
    from icpdesk.cli import main

    assert main(["rules", "--province", "重庆", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    letter = [m for m in data["materials"] if m["kind"] == "authorization_letter"]
    assert letter and letter[0]["grade"] == "provider" and letter[0]["sources"][0]["key"] == "TX-PROV"
    assert main(["rules", "--province", "浙江", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["materials"] == []
