"""Each kind of fact of docs/rules-kinds.md added by YAML alone: a copy of the shipped rules gets
one province rule, setting or materials item (浙江), and a filing breaking it gets the finding
while the clean filing keeps none."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ID_BEIJING, TODAY, enterprise_filing, individual_filing, scans

from icpdesk.engine import Validator
from icpdesk.errors import RulesError
from icpdesk.model import Filing
from icpdesk.paths import rules_dir
from icpdesk.rulebook import Rulebook
from icpdesk.shipped import PLUGINS

SRC = "[TX-PROV] 浙江"


def rule(rid: str, check: str, paths: list[str], params: dict[str, Any], when: dict[str, Any] | None = None,
         severity: str = "error", message: str = "测试规则", message_en: str = "Test rule") -> dict[str, Any]:
    r = {"id": rid, "check": check, "paths": paths, "params": params, "severity": severity,
         "message": message, "message_en": message_en, "source": SRC}
    if when:
        r["when"] = when
    return r


def with_rules(tmp: Path, rules: list[dict[str, Any]] = (), settings: dict[str, Any] | None = None,
               materials: list[dict[str, Any]] = ()) -> Validator:
    """A validator over a copy of the shipped rules with these additions to 浙江."""
    folder = tmp / "rules"
    if not folder.exists():
        shutil.copytree(rules_dir(), folder)
    path = folder / "provinces" / "zhejiang.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("rules", []).extend(rules)
    data.setdefault("settings", {}).update(settings or {})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if materials:
        mpath = folder / "plan" / "materials.yaml"
        mdata = yaml.safe_load(mpath.read_text(encoding="utf-8"))
        mdata["items"].extend(materials)
        mpath.write_text(yaml.safe_dump(mdata, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Validator(Rulebook(folder, PLUGINS), today=TODAY)


def edit(make: Callable[[], Filing], fn: Callable[[Filing], Any] | None = None) -> Filing:
    f = make()
    if fn:
        fn(f)
    return f


def ids(v: Validator, f: Filing) -> set[str]:
    return {x.rule for x in v.validate(f)}


def test_name_length_per_nature(tmp_path):
    v = with_rules(tmp_path, [rule("website.name.length/test", "name_length", ["websites[*].name"],
                                   {"min": 4, "max": 8, "count": "chinese"}, {"nature": ["individual"]},
                                   message="网站名称应为{min}到{max}个汉字（现有{count}个）",
                                   message_en="{min} to {max} Chinese characters ({count})")])
    assert "website.name.length/test" not in ids(v, individual_filing())  # 张三的读书笔记: 7
    long = edit(individual_filing, lambda f: setattr(f.websites[0], "name", "张三的读书笔记与随想录"))
    found = [x for x in v.validate(long) if x.rule == "website.name.length/test"]
    assert found and "（现有11个）" in found[0].message
    assert "website.name.length/test" not in ids(v, edit(enterprise_filing, lambda f: setattr(
        f.websites[0], "name", "示例科技有限公司官方网站首页")))  # another nature: not for it


def test_name_rule_per_content_type(tmp_path):
    v = with_rules(tmp_path, [rule("website.name.blog/test", "name_words", ["websites[*].name"],
                                   {"words": ["笔记"]}, {"content_type": ["blog"]},
                                   message="名称不能含{words}", message_en="no {words}")])
    assert "website.name.blog/test" not in ids(v, individual_filing())  # content_type other
    blog = edit(individual_filing, lambda f: setattr(f.websites[0], "content_type", "blog"))
    assert "website.name.blog/test" in ids(v, blog)


def test_name_template(tmp_path):
    v = with_rules(tmp_path, [rule("website.name.template/test", "name_template", ["websites[*].name"],
                                   {"templates": ["{unit}官网", "{unit_short}官网"], "example": "示例科技官网"},
                                   {"unit": True}, message="名称应如“{example}”", message_en="e.g. {example}")])
    assert "website.name.template/test" not in ids(v, enterprise_filing())  # 示例科技官网
    full = edit(enterprise_filing, lambda f: setattr(f.websites[0], "name", "杭州示例科技有限公司官网"))
    assert "website.name.template/test" not in ids(v, full)
    for bad in ("示例科技门户", "科示官网", "官网"):
        f = edit(enterprise_filing, lambda f, bad=bad: setattr(f.websites[0], "name", bad))
        assert "website.name.template/test" in ids(v, f), bad


def test_name_symbols_allowed(tmp_path):
    v = with_rules(tmp_path, [{"id": "website.name.symbols/test", "extends": "website.name.symbols",
                               "params": {"allowed": "·"}, "source": SRC}])
    dot = edit(individual_filing, lambda f: setattr(f.websites[0], "name", "张三·读书笔记"))
    assert "website.name.symbols/test" not in ids(v, dot)
    star = edit(individual_filing, lambda f: setattr(f.websites[0], "name", "张三★读书笔记"))
    assert "website.name.symbols/test" in ids(v, star)


def test_material_when_name_contains(tmp_path):
    item = {"kind": "other", "for": "each_website", "if": {"province": ["浙江"], "names_contain": ["医院"]},
            "required": True, "why": "医疗机构执业许可证", "why_en": "Medical licence", "source": SRC}
    v = with_rules(tmp_path, materials=[item])
    def licence(f: Filing) -> list[Any]:
        return [x for x in v.validate(f) if x.rule == "materials.missing" and "医疗机构执业许可证" in x.message]

    assert not licence(enterprise_filing())
    hospital = edit(enterprise_filing, lambda f: setattr(f.websites[0], "name", "示例医院官网"))
    assert licence(hospital)
    attached = edit(enterprise_filing, lambda f: (setattr(f.websites[0], "name", "示例医院官网"),
                                                  f.materials.extend(scans(("other", "websites[0]")))))
    assert not licence(attached)


@pytest.mark.parametrize("cond,make,change", [
    ({"leader_not_legal_rep": True}, enterprise_filing,
     lambda f: setattr(f.principal, "legal_representative", "王五")),
    ({"nonlocal_individual": True}, individual_filing,
     lambda f: (setattr(f.principal, "cert_number", ID_BEIJING),
                setattr(f.principal.leader, "cert_number", ID_BEIJING))),
    ({"service_type": ["mini_program_service"]}, enterprise_filing,
     lambda f: setattr(f.apps[0], "service_type", "mini_program_service")),
    ({"remark_contains": ["转载"]}, individual_filing,
     lambda f: setattr(f.principal, "remark", "部分内容转载")),
    ({"sole_proprietor": True}, enterprise_filing,
     lambda f: setattr(f.principal, "cert_number", "92330106MA27X1234X")),
])
def test_material_conditions(tmp_path, cond, make, change):
    item = {"kind": "other", "for": "principal", "if": cond, "required": True,
            "why": "条件材料", "why_en": "Conditional document", "source": SRC}
    v = with_rules(tmp_path, materials=[item])
    assert not [x for x in v.validate(make()) if x.rule == "materials.missing" and "条件材料" in x.message]
    hit = [x for x in v.validate(edit(make, change)) if x.rule == "materials.missing" and "条件材料" in x.message]
    assert hit, cond


def test_material_if_is_checked_at_load(tmp_path):
    item = {"kind": "other", "for": "principal", "if": {"province": ["火星"]}, "required": True,
            "why": "x", "why_en": "x", "source": SRC}
    with pytest.raises(RulesError, match="火星"):
        with_rules(tmp_path, materials=[item])
    item["if"] = {"names_contains": ["x"]}  # misspelt key
    with pytest.raises(RulesError, match="names_contains"):
        with_rules(tmp_path / "b", materials=[item])


def test_address_po_box_and_district(tmp_path):
    v = with_rules(tmp_path, [
        rule("principal.mailing_address.po_box/test", "forbidden_pattern", ["principal.mailing_address"],
             {"regex": "邮政信箱|[Pp]\\.?\\s*[Oo]\\.?\\s*[Bb]ox"}, message="不能是信箱（{match}）",
             message_en="{match}"),
        rule("principal.cert_address.district/test", "region_in_address", ["principal.cert_address"],
             {"level": "district"}, message="所选区县{place}不在{field}中", message_en="{place} not in {field}"),
    ])
    assert not {"principal.mailing_address.po_box/test", "principal.cert_address.district/test"} & ids(
        v, individual_filing())
    box = edit(individual_filing, lambda f: setattr(f.principal, "mailing_address", "浙江省杭州市西湖区邮政信箱100号"))
    assert "principal.mailing_address.po_box/test" in ids(v, box)
    other = edit(individual_filing, lambda f: setattr(f.principal, "cert_address", "浙江省杭州市上城区文三路100号"))
    found = [x for x in v.validate(other) if x.rule == "principal.cert_address.district/test"]
    assert found and "西湖区" in found[0].message


def test_sole_proprietor_setting(tmp_path):
    v = with_rules(tmp_path, settings={"sole_proprietor": {
        "value": {"with_trade_name": "enterprise", "without_trade_name": "individual",
                  "remark": "无字号无公章个体工商户"}, "source": SRC}})
    code = "92330106MA27X1234X"
    assert not {"principal.sole_proprietor.nature", "principal.sole_proprietor.remark"} & ids(
        v, edit(enterprise_filing, lambda f: setattr(f.principal, "cert_number", code)))  # 字号: enterprise

    def no_trade_name(f: Filing) -> None:
        f.principal.cert_number, f.principal.name = code, "李四"

    found = ids(v, edit(enterprise_filing, no_trade_name))
    assert {"principal.sole_proprietor.nature", "principal.sole_proprietor.remark"} <= found
    noted = edit(enterprise_filing,
                 lambda f: (no_trade_name(f), setattr(f.principal, "remark", "无字号无公章个体工商户")))
    assert "principal.sole_proprietor.remark" not in ids(v, noted)


def test_remark_pattern(tmp_path):
    v = with_rules(tmp_path, [rule("principal.remark.phone2/test", "remark_pattern", ["principal.remark"],
                                   {"regex": "联系方式2[^。；]{0,10}?(?P<who>本人|配偶|父亲|母亲)",
                                    "example": "联系方式2为本人配偶的手机", "if_filled": "leader.phone2"},
                                   {"nature": ["individual"]}, message="备注写明联系方式2，例如“{example}”",
                                   message_en="e.g. {example}")])
    assert "principal.remark.phone2/test" not in ids(v, individual_filing())  # no contact 2

    def phone2(f: Filing, remark: str) -> None:
        f.principal.leader.phone2 = "13300133000"
        f.principal.remark = remark

    assert "principal.remark.phone2/test" in ids(v, edit(individual_filing, lambda f: phone2(f, "个人网站")))
    said = edit(individual_filing, lambda f: phone2(f, "联系方式2为本人配偶的手机"))
    assert "principal.remark.phone2/test" not in ids(v, said)


def test_domains_per_site_since(tmp_path):
    limit = [{"max": 1, "nature": ["individual"], "since": (TODAY.replace(year=TODAY.year + 1)).isoformat()},
             {"max": 2}]
    v = with_rules(tmp_path, settings={"max_domains_per_site": {"value": limit, "source": SRC}})
    three = edit(individual_filing, lambda f: setattr(f.websites[0], "domains", ["example.com", "example.net"]))
    assert "website.domains.max_per_site" not in ids(v, three)  # the 1-domain limit is not in force yet
    later = Validator(v.rulebook, today=TODAY.replace(year=TODAY.year + 2))
    assert "website.domains.max_per_site" in {x.rule for x in later.validate(copy.deepcopy(three))}


def test_sole_proprietor_without_trade_name_refused(tmp_path):
    """陕西's kind: 无字号须将营业执照到当地工商局变更为有字号之后再备案."""
    v = with_rules(tmp_path, settings={"sole_proprietor": {
        "value": {"nature": "enterprise", "without_trade_name": "refused"}, "source": SRC}})
    code = "92330106MA27X1234X"
    with_name = edit(enterprise_filing, lambda f: setattr(f.principal, "cert_number", code))
    assert "principal.sole_proprietor.refused" not in ids(v, with_name)

    def no_trade_name(f: Filing) -> None:
        f.principal.cert_number, f.principal.name = code, "李四（个体工商户）"

    found = ids(v, edit(enterprise_filing, no_trade_name))
    assert "principal.sole_proprietor.refused" in found and "principal.sole_proprietor.nature" not in found


def test_remark_pattern_conditions(tmp_path):
    """A remark pattern only for a foreign leader, or only when the leader is not the legal representative."""
    v = with_rules(tmp_path, [
        rule("principal.remark.foreign/test", "remark_pattern", ["principal.remark"],
             {"regex": "外籍", "example": "负责人为外籍人士", "if_equals": {"leader.cert_type": ["passport"]}},
             message="备注写明，例如“{example}”", message_en="e.g. {example}"),
        rule("principal.remark.leader/test", "remark_pattern", ["principal.remark"],
             {"regex": "负责人(?P<who>.{2,4})为", "example": "主体负责人王五为公司总经理",
              "if_leader_not_legal_rep": True},
             {"unit": True}, message="备注写明负责人职务，例如“{example}”", message_en="e.g. {example}"),
    ])
    assert not {"principal.remark.foreign/test", "principal.remark.leader/test"} & ids(v, enterprise_filing())
    foreign = edit(individual_filing, lambda f: setattr(f.principal.leader, "cert_type", "passport"))
    assert "principal.remark.foreign/test" in ids(v, foreign)
    other = edit(enterprise_filing, lambda f: setattr(f.principal, "legal_representative", "王五"))
    assert "principal.remark.leader/test" in ids(v, other)
    said = edit(enterprise_filing, lambda f: (setattr(f.principal, "legal_representative", "王五"),
                                              setattr(f.principal, "remark", "主体负责人李四为公司总经理")))
    assert "principal.remark.leader/test" not in ids(v, said)

def test_investor_is_the_superior_body(tmp_path):
    """甘肃/云南: 政府机关、事业单位 name their superior body, not a person or (甘肃) the unit itself."""
    v = with_rules(tmp_path, [rule("principal.investor.superior/test", "investor_superior", ["principal.investor"],
                                   {}, {"nature": ["government", "public_institution"]},
                                   message="投资人应为上一级主管单位（现为{value}）",
                                   message_en="superior body, not {value}")])

    def public(f: Filing, investor: str) -> None:
        f.principal.nature, f.principal.cert_type = "public_institution", "public_institution_cert"
        f.principal.investor = investor

    assert "principal.investor.superior/test" not in ids(v, enterprise_filing())  # an enterprise: not for it
    rid = "principal.investor.superior/test"
    for investor in ("李四", "杭州示例科技有限公司"):
        assert rid in ids(v, edit(enterprise_filing, lambda f, i=investor: public(f, i)))
    assert rid not in ids(v, edit(enterprise_filing, lambda f: public(f, "杭州市教育局")))

# the checks these tests add by YAML (tests/test_rules_data.py: every check is used somewhere)
KIND_CHECKS = frozenset({"name_length", "name_template", "region_in_address", "remark_pattern",
                         "investor_superior"})
# national rules that find nothing until a province sets their setting: shown here
KIND_RULES = frozenset({"principal.sole_proprietor.nature", "principal.sole_proprietor.remark",
                        "principal.sole_proprietor.refused"})


def test_image_limits_per_service_type_and_provider(tmp_path):
    """A kind's limits for one provider's mini-program filings (rules/images/limits.yaml variants)."""
    from conftest import good_scan

    from icpdesk.checklist import checklist
    from icpdesk.images.check import check_image
    from icpdesk.images.in_filing import kind_key
    from icpdesk.rulebook import limits_key

    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    path = folder / "images" / "limits.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["variants"] = [{"kind": "verification_form", "provider": ["tencent"],
                         "service_type": ["mini_program_service"], "max_bytes": 2000, "warn_bytes": 1000,
                         "source": SRC}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rb = Rulebook(folder, PLUGINS)
    scan = tmp_path / "form.jpg"
    scan.write_bytes(good_scan())
    mini = limits_key("verification_form", "tencent", "mini_program_service")
    assert "image.size.too_large" in {f.rule for f in check_image(scan, mini, plan=rb.plan).findings}
    for other in ("verification_form", limits_key("verification_form", "kingsoft", "mini_program_service"),
                  limits_key("verification_form", "tencent", "app_service")):
        assert "image.size.too_large" not in {f.rule for f in check_image(scan, other, plan=rb.plan).findings}
    f = enterprise_filing()
    f.provider, f.apps[0].service_type = "tencent", "mini_program_service"
    needed = {(n.kind, n.owner): n for n in checklist(f, Validator(rb, today=TODAY))}
    assert needed[("verification_form", "apps[0]")].image.max_bytes == 2000
    assert needed[("verification_form", "websites[0]")].image.max_bytes != 2000
    form = next(m for m in f.materials if m.kind == "verification_form" and m.for_ == "apps[0]")
    assert kind_key(f, form) == mini  # what the scans of a filing are checked with
    data["variants"][0]["service_type"] = ["no_such_type"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RulesError, match="no_such_type"):
        Rulebook(folder, PLUGINS)
