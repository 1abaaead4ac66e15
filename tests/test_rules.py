"""Every rule in rules/ with a failing and a passing case.

A case names a rule, a clean base filing (personal or enterprise, 浙江), optionally another
province, the change that must trigger the rule (and where), and optionally the change that
makes the same province pass. A meta-test checks that no rule in rules/ is left without one.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cases_r27n import CASES_R27N
from conftest import (
    ID_BEIJING,
    ID_HENAN,
    ID_LI,
    STATEMENT,
    TODAY,
    USCC,
    enterprise_filing,
    individual_filing,
    person,
    scans,
    write_scans,
)
from stdnum.cn import ric

from icpdesk.engine import Validator
from icpdesk.fieldpaths import get
from icpdesk.findings import Finding
from icpdesk.model import App, Filing, Material, Preapproval, Website


def with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


CITY = {"北京": "北京市", "河南": "郑州市", "江苏": "南京市", "吉林": "长春市", "湖北": "武汉市",
        "黑龙江": "哈尔滨市", "上海": "上海市", "天津": "天津市", "内蒙古": "呼和浩特市",
        "山东": "济南市", "广西": "南宁市", "浙江": "杭州市", "新疆": "乌鲁木齐市", "宁夏": "银川市",
        "广东": "广州市", "福建": "福州市", "海南": "海口市", "重庆": "重庆市", "河北": "石家庄市", "湖南": "长沙市", "四川": "成都市", "山西": "太原市",
        "安徽": "合肥市", "江西": "南昌市", "云南": "昆明市", "陕西": "西安市", "甘肃": "兰州市", "青海": "西宁市",
        "辽宁": "沈阳市", "贵州": "贵阳市", "西藏": "拉萨市"}
FULL = {"北京": "北京市", "上海": "上海市", "天津": "天津市", "重庆": "重庆市", "内蒙古": "内蒙古自治区",
        "广西": "广西壮族自治区", "新疆": "新疆维吾尔自治区", "宁夏": "宁夏回族自治区", "西藏": "西藏自治区"}


def move(f: Filing, province: str) -> None:
    p = f.principal
    p.region.province, p.region.city, p.region.district = province, CITY[province], "某区"
    full = FULL.get(province, province + "省")
    city = "" if full == CITY[province] else CITY[province]
    p.cert_address = f"{full}{city}某区某路1号"
    p.mailing_address = f"{full}{city}某区某路1号"


def apply(f: Filing, changes: dict[str, Any]) -> Filing:
    for path, value in changes.items():
        parent_path, _, attr = path.rpartition(".")
        parent = get(f, parent_path) if parent_path else f
        setattr(parent, attr, copy.deepcopy(value))
    return f


def second_site(f: Filing, **kw: Any) -> list[Website]:
    site = f.websites[0].model_copy(deep=True)
    for k, v in kw.items():
        setattr(site, k, v)
    return [*f.websites, site]


IND, ENT = individual_filing, enterprise_filing
OTHER = person(name="王五", number=with_check("33010619880808888"), phone1="13500135000",
               emergency="13400134000", email="wangwu@example.com")
NEWS = Preapproval(type="news", number="")

CASES: list[tuple] = [
    # (rule, base, province, failing change, path of the finding, passing change)
    ("filing_type.unknown", IND, None, {"filing_type": "bogus"}, "filing_type", None),
    ("provider.unknown", IND, None, {"provider": "acme"}, "provider", None),
    ("principal.region.province.unknown", IND, None, {"principal.region.province": "火星"},
     "principal.region.province", None),
    ("principal.nature.unknown", IND, None, {"principal.nature": "alien"}, "principal.nature", None),
    ("principal.cert_type.unknown", IND, None, {"principal.leader.cert_type": "x"},
     "principal.leader.cert_type", None),
    ("website.content_type.unknown", IND, None, {"websites[0].content_type": "x"},
     "websites[0].content_type", None),
    ("website.service_type.unknown", IND, None, {"websites[0].service_type": "x"},
     "websites[0].service_type", None),
    ("website.languages.unknown", IND, None, {"websites[0].languages": ["klingon"]},
     "websites[0].languages", None),
    ("website.preapproval.type.unknown", ENT, None,
     {"websites[0].preapproval": Preapproval(type="x", number="1")}, "websites[0].preapproval.type", None),
    ("app.platform.unknown", ENT, None, {"apps[0].platform": "symbian"}, "apps[0].platform", None),
    ("material.kind.unknown", IND, None,
     {"materials": [Material(kind="x", for_="principal", path="a.jpg")]}, "materials[0].kind", None),
    ("required.principal", IND, None, {"principal.name": " "}, "principal.name", None),
    ("principal.region.district.abolished", IND, None, {"principal.region.district": "江干区"},
     "principal.region.district", None),
    ("required.principal.region", IND, None, {"principal.region.district": ""},
     "principal.region.district", None),
    ("required.unit", ENT, None, {"principal.legal_representative": None},
     "principal.legal_representative", None),
    ("required.site_leader", ENT, None, {"websites[0].leader": OTHER.model_copy(update={"email": ""})},
     "websites[0].leader.email", None),
    ("required.website", IND, None, {"websites[0].home_url": ""}, "websites[0].home_url", None),
    ("required.app", ENT, None, {"apps[0].public_key": ""}, "apps[0].public_key", None),
    ("order.services.present", IND, None, {"websites": []}, "websites", None),
    ("person.cert_number.format", IND, None, {"principal.leader.cert_number": "12345"},
     "principal.leader.cert_number", None),
    ("person.cert_number.region", IND, None, {"principal.leader.cert_number": "990106199001011234"},
     "principal.leader.cert_number", None),
    ("person.cert_number.region_unknown", ENT, None,
     {"principal.leader.cert_number": with_check("33019919900101123")}, "principal.leader.cert_number", None),
    ("person.cert_number.birth_date", IND, None, {"principal.leader.cert_number": "330106199002301234"},
     "principal.leader.cert_number", None),
    ("person.cert_number.birth_future", ENT, None,
     {"principal.leader.cert_number": with_check("33010620300101123")}, "principal.leader.cert_number", None),
    ("person.cert_number.checksum", IND, None, {"principal.cert_number": "330106199001011231"},
     "principal.cert_number", None),
    ("person.cert_number.lowercase_x", IND, None, {"principal.cert_number": "33010619900101123x"},
     "principal.cert_number", None),
    ("person.cert_number.document_format", ENT, None,
     {"principal.leader.cert_type": "hk_macau_pass", "principal.leader.cert_number": "X1234"},
     "principal.leader.cert_number", {"principal.leader.cert_type": "hk_macau_pass",
                                      "principal.leader.cert_number": "H12345678"}),
    ("person.cert_type.not_personal", ENT, None, {"principal.leader.cert_type": "business_license"},
     "principal.leader.cert_type", None),
    ("person.cert_expiry.format", IND, None, {"principal.leader.cert_expiry": "2023-02-30"},
     "principal.leader.cert_expiry", {"principal.leader.cert_expiry": "长期"}),
    ("person.cert_expiry.expired", IND, None, {"principal.leader.cert_expiry": "2020-01-01"},
     "principal.leader.cert_expiry", {"principal.leader.cert_expiry": "2036-01-01"}),
    ("person.cert_expiry.soon", IND, None, {"principal.leader.cert_expiry": "2027-01-01"},
     "principal.leader.cert_expiry", {"principal.leader.cert_expiry": "2027-03-01"}),
    ("person.age.refused", ENT, None, {"principal.leader.cert_number": with_check("33010620100101123")},
     "principal.leader.cert_number", None),
    ("person.age.minor", ENT, "北京", {"principal.leader.cert_number": with_check("33010620100101123")},
     "principal.leader.cert_number", None),
    ("person.phone1.mobile", IND, None, {"principal.leader.phone1": "12345"}, "principal.leader.phone1",
     {"principal.leader.phone1": "+86 138-0013-8000"}),
    ("person.phone1.virtual_range", IND, None, {"principal.leader.phone1": "17012345678"},
     "principal.leader.phone1", None),
    ("person.phone2.format", IND, None, {"principal.leader.emergency_phone": "abc"},
     "principal.leader.emergency_phone", None),
    ("person.office_phone.landline", ENT, None, {"principal.leader.office_phone": "12345"},
     "principal.leader.office_phone", {"principal.leader.office_phone": "0571-88888888-123"}),
    ("person.email.format", IND, None, {"principal.leader.email": "not-an-email"},
     "principal.leader.email", None),
    ("people.phone.one_person", ENT, None,
     {"websites[0].leader": OTHER.model_copy(update={"phone1": "13700137000"})}, "websites[0].leader.phone1",
     {"websites[0].leader": OTHER}),
    ("people.cert_number.one_person", ENT, None, {"websites[0].leader": OTHER.model_copy(update={"cert_number": ID_LI})},
     "websites[0].leader.cert_number", {"websites[0].leader": OTHER}),
    ("people.emergency.not_leader_mobile", IND, None, {"principal.leader.emergency_phone": "13800138000"},
     "principal.leader.emergency_phone", None),
    ("people.email.differ", ENT, None, {"websites[0].leader": OTHER.model_copy(update={"email": "lisi@example.com"})},
     "websites[0].leader.email", {"websites[0].leader": OTHER}),
    ("people.individual.same_person", IND, None, {"principal.leader.name": "李四"},
     "principal.leader.name", None),
    ("person.id_region.local", IND, "河南", {}, "principal.cert_number",
     {"principal.cert_number": ID_HENAN, "principal.leader.cert_number": ID_HENAN}),
    ("person.id_region.residence_proof", IND, None,
     {"principal.cert_number": ID_BEIJING, "principal.leader.cert_number": ID_BEIJING}, "principal.cert_number", None),
    ("principal.leader.phone2_required", ENT, "北京", {"principal.leader.phone2": None}, "principal.leader.phone2", None),
    ("principal.leader.landline_required", ENT, "江苏", {"principal.leader.office_phone": None},
     "principal.leader.office_phone", None),
    ("principal.cert_type.allowed", ENT, None, {"principal.cert_type": "resident_id"}, "principal.cert_type", None),
    ("unit.cert_number.uscc_format", ENT, None, {"principal.cert_number": "91330106MA27X1234I"},
     "principal.cert_number", None),
    ("unit.cert_number.uscc_checksum", ENT, None, {"principal.cert_number": USCC[:-1] + "5"},
     "principal.cert_number", None),
    ("unit.cert_number.legacy_registration", ENT, None, {"principal.cert_number": "330106000012345"},
     "principal.cert_number", None),
    ("unit.cert_number.org_code", ENT, None,
     {"principal.nature": "public_institution", "principal.cert_type": "org_code", "principal.cert_number": "ABC"},
     "principal.cert_number",
     {"principal.nature": "public_institution", "principal.cert_type": "org_code",
      "principal.cert_number": "D2143569-X"}),
    ("principal.mailing_address.province", IND, None, {"principal.mailing_address": "江苏省南京市鼓楼区中山路1号"},
     "principal.mailing_address", None),
    ("principal.cert_address.province", ENT, None, {"principal.cert_address": "江苏省南京市鼓楼区中山路1号"},
     "principal.cert_address", None),
    ("principal.cert_address.elsewhere_individual", IND, None, {"principal.cert_address": "北京市东城区某路1号"},
     "principal.cert_address", None),
    ("principal.address.province_unclear", IND, None, {"principal.mailing_address": "西湖区文三路100号"},
     "principal.mailing_address", {"principal.mailing_address": "杭州市西湖区文三路100号"}),
    ("principal.mailing_address.house_number", IND, None, {"principal.mailing_address": "浙江省杭州市西湖区文三路"},
     "principal.mailing_address",
     {"principal.mailing_address": "浙江省杭州市西湖区文三路", "principal.remark": "此地址已是最详细地址"}),
    ("principal.address.same_city", IND, "河南", {"principal.mailing_address": "河南省洛阳市某路1号"},
     "principal.mailing_address", None),
    ("principal.investor.matches", IND, None, {"principal.investor": "李四"}, "principal.investor", None),
    ("principal.leader.legal_rep", ENT, None, {"principal.legal_representative": "王五"}, "principal.leader.name", None),
    ("website.name.min_chinese", IND, None, {"websites[0].name": "读书ab"}, "websites[0].name", None),
    ("website.name.latin_or_digits", IND, None, {"websites[0].name": "abc 123"}, "websites[0].name", None),
    ("website.name.symbols", IND, None, {"websites[0].name": "张三的读书笔记！"}, "websites[0].name", None),
    ("website.name.national_prefix", ENT, None, {"websites[0].name": "中国示例科技"}, "websites[0].name", None),
    ("website.name.is_domain", IND, None, {"websites[0].name": "张三的example.com"}, "websites[0].name", None),
    ("website.name.sensitive", IND, None, {"websites[0].name": "张三的赌博笔记"}, "websites[0].name", None),
    # 字头 only: 信访 at the start is refused, inside a name it is not (the source speaks of prefixes)
    ("website.name.sensitive_prefix", ENT, None, {"websites[0].name": "信访示例科技"}, "websites[0].name",
     {"websites[0].name": "示例科技信访服务"}),
    ("website.name.personal_forbidden", IND, None, {"websites[0].name": "张三的读书平台"}, "websites[0].name", None),
    ("website.name.personal_preapproval_words", IND, None, {"websites[0].name": "张三的读书交流"},
     "websites[0].name", None),
    ("website.name.personal_business_words", IND, None, {"websites[0].name": "张三读书有限"},
     "websites[0].name", None),
    ("website.name.province_banned", IND, None, {"websites[0].name": "张三的读书中心"}, "websites[0].name", None),
    ("website.name.unique", ENT, None, {"websites": "SECOND_SITE_SAME_NAME"}, "websites[1].name", None),
    ("website.name.preapproval_keywords", ENT, None, {"websites[0].name": "示例理财服务"}, "websites[0].name", None),
    ("website.domains.syntax", IND, None, {"websites[0].domains": ["http://example.com/a"]},
     "websites[0].domains[0]", {"websites[0].domains": ["例子.中国"], "websites[0].home_url": "例子.中国"}),
    ("website.domains.filable_suffix", IND, None, {"websites[0].domains": ["example.io"]},
     "websites[0].domains[0]", None),
    ("website.domains.registrable", IND, None, {"websites[0].domains": ["blog.example.com"]},
     "websites[0].domains[0]", {"websites[0].domains": ["www.example.com"]}),
    ("website.domains.reserved_suffix", ENT, None, {"websites[0].domains": ["example.gov.cn"]},
     "websites[0].domains[0]", None),
    ("website.domains.public_body_suffix", ENT, None,
     {"principal.nature": "public_institution", "principal.cert_type": "public_institution_cert",
      "websites[0].domains": ["example.com"]}, "websites[0].domains[0]", None),
    ("website.domains.personal_suffix", IND, "上海", {"websites[0].domains": ["example.tv"]},
     "websites[0].domains[0]", None),
    ("websites.domains.duplicate", ENT, None, {"websites": "SECOND_SITE_SAME_DOMAIN"},
     "websites[1].domains[0]", None),
    ("website.home_url.under_domain", IND, None, {"websites[0].home_url": "www.other.com"},
     "websites[0].home_url", {"websites[0].home_url": "https://blog.example.com/index.html"}),
    ("websites.max_per_order", ENT, "湖北", {"websites": "SECOND_SITE"}, "websites", None),
    ("website.domains.max_per_site", IND, "河南", {"websites[0].domains": ["example.com", "example.net"]},
     "websites[0].domains", None),
    ("website.domain_holder.principal", IND, None, {"websites[0].domain_holder": "王五"},
     "websites[0].domain_holder", None),
    ("website.remark.describe", IND, None, {"websites[0].remark": ""}, "websites[0].remark", None),
    ("website.remark.personal_statement", IND, None, {"websites[0].remark": "读书笔记"}, "websites[0].remark", None),
    ("website.remark.min_length", IND, "黑龙江", {"websites[0].remark": "读书笔记"}, "websites[0].remark",
     {"websites[0].remark": "本网站是个人读书笔记，记录读过的书、摘抄和读后感，不涉及任何经营内容。"}),
    ("website.content_type.personal", IND, None, {"websites[0].content_type": "unit_portal"},
     "websites[0].content_type", None),
    ("website.content_type.province_banned", IND, None, {"websites[0].content_type": "blog"},
     "websites[0].content_type", None),
    ("website.content_type.province_required", IND, "黑龙江", {}, "websites[0].content_type",
     {"websites[0].content_type": "blog"}),
    ("app.id.missing", ENT, None, {"apps[0].package_name": None}, "apps[0].package_name", None),
    ("app.id.format", ENT, None, {"apps[0].package_name": "1com.example"}, "apps[0].package_name", None),
    ("app.fingerprint.missing", ENT, None, {"apps[0].cert_md5": None}, "apps[0].cert_md5", None),
    ("app.cert_md5.format", ENT, None, {"apps[0].cert_md5": "ABC"}, "apps[0].cert_md5",
     {"apps[0].cert_md5": "9a3f0011223344556677889 9aabbccdd"}),
    ("app.cert_sha1.format", ENT, None,
     {"apps[0].platform": "ios", "apps[0].bundle_id": "com.example.notes", "apps[0].cert_sha1": "12"},
     "apps[0].cert_sha1",
     {"apps[0].platform": "ios", "apps[0].bundle_id": "com.example.notes",
      "apps[0].cert_sha1": "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01"}),
    ("app.public_key.format", ENT, None, {"apps[0].public_key": "short"}, "apps[0].public_key", None),
    ("app.name.unique", ENT, None, {"apps": "SECOND_APP"}, "apps[1].name", None),
    ("app.name.symbols", ENT, None, {"apps[0].name": "示例笔记😀"}, "apps[0].name", None),
    ("filing_type.principal_number_missing", IND, None, {"filing_type": "new_site_this_provider"},
     "principal.filing_number", {"filing_type": "new_site_this_provider",
                                 "principal.filing_number": "浙ICP备12345678号"}),
    ("filing_type.site_number_missing", IND, None,
     {"filing_type": "new_access", "principal.filing_number": "浙ICP备12345678号"}, "websites[0].filing_number", None),
    ("filing_type.app_number_missing", ENT, None,
     {"filing_type": "app_access", "principal.filing_number": "浙ICP备12345678号"}, "apps[0].filing_number", None),
    ("filing_type.unexpected_number", IND, None, {"principal.filing_number": "浙ICP备12345678号"},
     "principal.filing_number", None),
    ("filing_number.principal.format", IND, None,
     {"filing_type": "change_principal", "principal.filing_number": "浙ICP备123号"}, "principal.filing_number",
     {"filing_type": "change_principal", "principal.filing_number": "浙 ICP 备 2021001858 号"}),
    ("filing_number.website.format", IND, None, {"websites[0].filing_number": "浙ICP备12345678号"},
     "websites[0].filing_number", None),
    ("filing_number.app.format", ENT, None, {"apps[0].filing_number": "浙ICP备12345678号-1"},
     "apps[0].filing_number", {"apps[0].filing_number": "浙ICP备12345678号-2A"}),
    ("filing_number.province", IND, None,
     {"filing_type": "change_principal", "principal.filing_number": "京ICP备12345678号"}, "principal.filing_number", None),
    ("filing_number.belongs", IND, None,
     {"principal.filing_number": "浙ICP备12345678号", "websites[0].filing_number": "浙ICP备87654321号-1"},
     "websites[0].filing_number", None),
    ("preapproval.number", ENT, None, {"websites[0].preapproval": NEWS}, "websites[0].preapproval.number", None),
    ("preapproval.individual", IND, None, {"websites[0].preapproval": NEWS}, "websites[0].preapproval", None),
    ("website.leader.same_as_principal", ENT, "江苏",
     {"principal.legal_representative": "王五", "websites[0].leader": OTHER}, "websites[0].leader",
     {"principal.legal_representative": "王五"}),
    ("materials.missing", ENT, "吉林", {"principal.legal_representative": "王五"}, "materials",
     {"principal.legal_representative": "王五", "materials": "BASE+authorization_letter@principal"}),
    ("materials.missing", ENT, None, {"websites[0].preapproval": Preapproval(type="news", number="X-1")}, "materials",
     {"websites[0].preapproval": Preapproval(type="news", number="X-1"), "materials": "BASE+preapproval_doc@websites[0]"}),
    ("materials.missing", ENT, "天津", {"websites[0].leader": OTHER}, "materials",
     {"websites[0].leader": OTHER, "materials": "BASE+authorization_letter@websites[0]+leader_id_front@websites[0]+leader_id_back@websites[0]"}),
    ("website.domain_expires.format", IND, None, {"websites[0].domain_expires": "2027-13-01"},
     "websites[0].domain_expires", {"websites[0].domain_expires": "2027-12-01"}),
    ("website.domain_expires.expired", IND, None, {"websites[0].domain_expires": "2026-11-01"},
     "websites[0].domain_expires", None),
    ("website.domain_expires.remaining", IND, None, {"websites[0].domain_expires": "2027-01-01"},
     "websites[0].domain_expires", {"websites[0].domain_expires": "2027-03-01"}),
    ("website.domain_expires.remaining/jilin", IND, "吉林", {"websites[0].domain_expires": "2026-12-10"},
     "websites[0].domain_expires", {"websites[0].domain_expires": "2027-01-01"}),
    ("websites.domains.max_per_order", ENT, "山西", {"websites": "SECOND_SITE", "websites[0].domains": ["a.cn", "b.cn", "c.cn"]},
     "websites", None),
    ("material.for.exists", IND, None, {"materials": [Material(kind="other", for_="websites[5]", path="a.jpg")]},
     "materials[0].for", None),
    ("material.file.exists", IND, None, {"materials": [Material(kind="other", for_="principal", path="gone.jpg")]},
     "materials[0].path", None),
    ("material.path.outside", IND, None, {"materials": [Material(kind="other", for_="principal", path="../../etc/hostname")]},
     "materials[0].path", None),
    # what a file can hold as text (rules/national/input.yaml)
    ("input.cleaned", IND, None, {"_cleaned": ("principal.cert_number",)}, "principal.cert_number", None),
    ("input.too_long.name", IND, None, {"principal.name": "张" * 101}, "principal.name", None),
    ("input.invisible", IND, None, {"websites[0].domains": ["exam\u200bple.com"]}, "websites[0].domains", None),
    ("input.too_long.address", IND, None, {"principal.cert_address": "浙江省杭州市西湖区" + "路" * 200},
     "principal.cert_address", None),
    ("input.too_long.remark", IND, None, {"principal.remark": "备" * 2001}, "principal.remark", None),
    ("input.too_long.code", IND, None, {"websites[0].home_url": "www.example.com/" + "a" * 300}, "websites[0].home_url", None),
    ("input.too_long.key", ENT, None, {"apps[0].public_key": "A" * 20001}, "apps[0].public_key", None),
    ("input.masked", ENT, None, {"principal.leader.cert_number": "3301**********4565"}, "principal.leader.cert_number", None),
    ("input.masked", ENT, None, {"principal.leader.phone1": "137****7000"}, "principal.leader.phone1", None),
    ("filing_number.serial_length", IND, None, {"filing_type": "new_site_other_provider", "principal.filing_number": "浙ICP备123456789号"},
     "principal.filing_number", {"filing_type": "new_site_other_provider", "principal.filing_number": "浙ICP备12345678号"}),
    # provincial rules
    ("people.email.differ/beijing", ENT, "北京",
     {"websites[0].leader": OTHER.model_copy(update={"email": "lisi@example.com"})}, "websites[0].leader.email", None),
    ("people.email.differ/jilin", ENT, "吉林",
     {"websites[0].leader": OTHER.model_copy(update={"email": "lisi@example.com"})}, "websites[0].leader.email", None),
    ("website.name.preapproval_keywords/beijing", ENT, "北京", {"websites[0].name": "示例理财服务"},
     "websites[0].name", None),
    ("principal.address.symbols/beijing", IND, "北京", {"principal.mailing_address": "北京市东城区某路1-2-3"},
     "principal.mailing_address", None),
    ("website.remark.personal_statement/neimenggu", IND, "内蒙古", {"websites[0].remark": "读书笔记"},
     "websites[0].remark", None),
    ("website.remark.min_length/neimenggu", IND, "内蒙古", {"websites[0].remark": "读书" + STATEMENT[:10]},
     "websites[0].remark", None),
    ("website.remark.personal_statement/shandong", IND, "山东", {"websites[0].remark": "读书笔记"},
     "websites[0].remark", None),
    ("website.remark.personal_statement/guangxi", IND, "广西", {"websites[0].remark": "读书笔记"},
     "websites[0].remark", None),
    ("website.remark.personal_statement/gansu", IND, "甘肃", {"websites[0].remark": "读书笔记"},
     "websites[0].remark", None),
    ("principal.investor.matches/fujian", ENT, "福建", {}, "principal.investor",
     {"principal.investor": "杭州示例科技有限公司"}),
    ("unit.cert_number.legacy_registration/henan", ENT, "河南", {"principal.cert_number": "410105000012345"},
     "principal.cert_number", None),
    ("unit.cert_number.legacy_registration/shandong", ENT, "山东", {"principal.cert_number": "370102000012345"},
     "principal.cert_number", None),
    ("website.name.local_portal/henan", ENT, "河南",
     {"websites[0].content_type": "comprehensive_portal", "websites[0].name": "郑州生活网"}, "websites[0].name",
     {"websites[0].content_type": "comprehensive_portal", "websites[0].name": "示例生活网"}),
    ("website.name.personal_form/jiangsu", IND, "江苏", {}, "websites[0].name",
     {"websites[0].name": "张三的个人博客"}),
    ("person.phone.local", IND, "江苏", {}, "principal.leader.phone1", {"principal.leader.phone1": "13912345678"}),
    ("principal.leader.phone2_required/jiangsu", IND, "江苏", {"principal.leader.phone2": None},
     "principal.leader.phone2", {"principal.leader.phone2": "025-88888888"}),
    ("website.name.henan_words", IND, "河南", {"websites[0].name": "张三的个人读书笔记"}, "websites[0].name",
     {"principal.cert_number": ID_HENAN, "principal.leader.cert_number": ID_HENAN}),
    # audit MISS rows (rules-audit.md), one case each
    ("apps.personal_with_websites", IND, None, {"apps": enterprise_filing().apps}, "apps", None),
    ("filing_type.personal_principal_change", IND, "北京", {"filing_type": "change_principal"}, "filing_type", None),
    ("person.age.unit_refused", ENT, "广东", {"principal.leader.cert_number": with_check("44010620120101123")},
     "principal.leader.cert_number", None),
    ("person.cert_number.unit_leader_local", ENT, "内蒙古", {}, "principal.leader.cert_number",
     {"principal.leader.cert_number": with_check("15010219800101123")}),
    ("principal.cert_expiry.one_year/shanghai", ENT, "上海", {"principal.cert_expiry": "2027-06-01"},
     "principal.cert_expiry", {"principal.cert_expiry": "2030-01-01"}),
    ("principal.cert_type.province", ENT, "甘肃",
     {"principal.nature": "public_institution", "principal.cert_type": "public_institution_cert"}, "principal.cert_type",
     {"principal.nature": "public_institution", "principal.cert_type": "org_code"}),
    ("principal.leader.mainland", ENT, "河北",
     {"principal.leader.cert_type": "passport", "principal.leader.cert_number": "E12345678"}, "principal.leader.cert_type", None),
    ("principal.remark.no_landline", ENT, "安徽", {"principal.leader.office_phone": None, "principal.leader.phone2": None},
     "principal.remark", {"principal.leader.office_phone": None, "principal.leader.phone2": None, "principal.remark": "企业无座机"}),
    ("principal.remark.phone2_mobile", ENT, "天津", {"principal.leader.phone2": "13912345678"}, "principal.remark",
     {"principal.leader.phone2": "13912345678", "principal.remark": "联系方式2中手机号使用人为王五（本单位员工）"}),
    ("website.domain_holder_cert.number", ENT, None, {"websites[0].domain_holder_cert_number": "91330106MA2CCCCC9X"},
     "websites[0].domain_holder_cert_number", {"websites[0].domain_holder_cert_number": USCC}),
    ("website.domain_holder_cert.type", ENT, None, {"websites[0].domain_holder_cert_type": "org_code"},
     "websites[0].domain_holder_cert_type", {"websites[0].domain_holder_cert_type": "business_license"}),
    ("website.domains.national_pinyin/beijing", ENT, "北京",
     {"websites[0].domains": ["zhongguo-shili.cn"], "websites[0].home_url": "www.zhongguo-shili.cn"}, "websites[0].domains[0]", None),
    ("website.domains.national_words/beijing", ENT, "北京",
     {"websites[0].domains": ["中国示例.cn"], "websites[0].home_url": "中国示例.cn"}, "websites[0].domains[0]", None),
    ("website.home_urls.count", ENT, "江西", {"websites[0].more_home_urls": ["https://www.example.cn/home"]}, "websites[0]",
     {"websites[0].domains": ["example.cn", "example2.cn"], "websites[0].more_home_urls": ["www.example2.cn"]}),
    ("website.name.chinese_english/guangdong", ENT, "广东", {"websites[0].name": "示例科技2号官网"}, "websites[0].name",
     {"websites[0].name": "示例科技 Example 官网"}),
    ("website.name.forum/hebei", ENT, "河北", {"websites[0].name": "示例科技论坛"}, "websites[0].name",
     {"websites[0].name": "示例科技论坛", "websites[0].preapproval": Preapproval(type="bulletin_board", number="X-1")}),
    ("website.name.national/hainan", IND, "海南", {"websites[0].name": "中国读书笔记"}, "websites[0].name", None),
    ("website.name.personal_length", IND, None, {"websites[0].name": "张三记录每天读书心得的笔记"}, "websites[0].name", None),
    ("website.name.place", IND, None, {"websites[0].name": "杭州读书笔记"}, "websites[0].name", None),
    ("website.name.place/hainan", IND, "海南", {"websites[0].name": "三亚读书笔记"}, "websites[0].name", None),
    ("website.name.place/yunnan", ENT, "云南", {"websites[0].name": "怒江网"}, "websites[0].name", None),
    ("person.cert_type.allowed/yunnan", ENT, "云南", {"principal.leader.cert_type": "hk_macau_tw_residence_permit"},
     "principal.leader.cert_type", None),
    ("website.remark.hospital", ENT, "广东", {"principal.name": "广州示例医院"}, "websites[0].remark",
     {"principal.name": "广州示例医院", "websites[0].remark": "医疗机构执业许可证登记号：12345"}),
    ("website.remark.several_domains", ENT, "黑龙江", {"websites[0].domains": ["example.cn", "example2.cn"]},
     "websites[0].remark", {"websites[0].domains": ["example.cn", "example2.cn"], "websites[0].remark": "所有域名指向同一网站"}),
]
CASES += CASES_R27N  # national facts of issue 27 (tests/cases_r27n.py)


def build(base, province, changes, tmp_path) -> tuple[Filing, Validator]:
    f = base()
    if province:
        move(f, province)
    changes = dict(changes or {})
    special = changes.pop("websites", None) if isinstance(changes.get("websites"), str) else None
    apps_special = changes.pop("apps", None) if isinstance(changes.get("apps"), str) else None
    if special == "SECOND_SITE_SAME_NAME":
        f.websites = second_site(f, domains=["example2.cn"], home_url="www.example2.cn")
    elif special == "SECOND_SITE_SAME_DOMAIN":
        f.websites = second_site(f, name="示例科技商城")
    elif special == "SECOND_SITE":
        f.websites = second_site(f, name="示例科技商城", domains=["example2.cn"], home_url="example2.cn")
    if apps_special == "SECOND_APP":
        f.apps = [*f.apps, App(**{**f.apps[0].model_dump(), "package_name": "com.example.two"})]
    extra = changes.pop("materials", None) if isinstance(changes.get("materials"), str) else None
    if extra:
        f.materials = [*f.materials, *scans(*(tuple(x.split("@")) for x in extra.split("+")[1:]))]
    apply(f, changes)
    return f, Validator(today=TODAY, base_dir=tmp_path)


def _chinese_in_english(f: Finding, filing: Filing, v: Validator) -> list[str]:
    """The Chinese words of an English message that are neither the user's own data (a name, a
    banned word found in it) nor quoted by the rule itself (an example, a statement to copy)."""
    data = json.dumps(filing.model_dump(mode="json"), ensure_ascii=False)
    rules = [r for r in v.rulebook.all_rules() if r.id == f.rule]
    quoted = json.dumps([r.model_dump(mode="json") for r in rules], ensure_ascii=False)
    words = re.findall(r"[\u3400-\u9fff\uff00-\uffef]+", f.message_en + " " + f.hint_en)
    return [w for w in words if w not in data and w not in quoted]


@pytest.mark.parametrize("rule,base,province,change,path,passing", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_and_passes(rule, base, province, change, path, passing, tmp_path):
    bad, v = build(base, province, change, tmp_path)
    hits = [f for f in v.validate(bad) if f.rule == rule]
    assert hits, f"{rule} did not fire"
    assert path in {f.path for f in hits}, [f.path for f in hits]
    for f in hits:
        assert f.message and f.message_en and f.source and "{" not in f.message + f.message_en
        assert f.path != "filing", "an order-level finding is at websites, apps, filing_type or materials"
        assert not _chinese_in_english(f, bad, v), f"{rule}: Chinese words in {f.message_en!r} / {f.hint_en!r}"
    good, v = build(base, province, passing, tmp_path)
    write_scans(good, tmp_path)
    assert not [f for f in v.validate(good) if f.rule == rule], f"{rule} fired on the passing case"


def _province_fact_cases() -> set[str]:
    """The rule ids the researchers' own files (tests/test_province_facts_*.py) test."""
    ids: set[str] = set()
    for path in sorted(Path(__file__).parent.glob("test_province_facts_*.py")):
        ids |= {c[0] for c in getattr(importlib.import_module(path.stem), "CASES", [])}
    return ids


def test_every_rule_has_a_case(rulebook):
    from test_rule_kinds import KIND_RULES  # national rules whose data is a province's setting

    covered = {c[0] for c in CASES} | KIND_RULES | _province_fact_cases()
    # the scans' cross-checks need readings: tests/test_ocr.py has a case for each of them; the
    # checks across filings need a workspace: tests/test_workspace_cross.py has one for each
    missing = sorted(r.id for r in rulebook.all_rules()
                     if r.id not in covered and not r.id.startswith(("ocr.", "workspace.")))
    assert not missing, f"rules without a test case: {missing}"


@pytest.mark.parametrize("make", [individual_filing, enterprise_filing])
def test_clean_filings_have_no_findings(make, validator):
    assert validator.validate(make()) == []


def test_id_of_li_is_valid():
    assert ric.is_valid(ID_LI)
