"""Failing and passing cases (tests/test_rules.py's format) for the national rules researched in
issue 27 by r27n (rules/national/published_*.yaml; docs/research/national.md)."""

from __future__ import annotations

from conftest import enterprise_filing, individual_filing

from icpdesk.model import Preapproval, Website

IND, ENT = individual_filing, enterprise_filing
GOV = {"principal.nature": "government", "principal.cert_type": "uscc_cert"}
MINI = {"apps[0].service_type": "mini_program_service"}


def unit_sites(n: int) -> list[Website]:
    return [Website(name=f"示例科技{i}号站", domains=[f"example{i}.cn"], home_url=f"www.example{i}.cn",
                    content_type="unit_portal", service_type="web_app_service", languages=["zh_CN"],
                    domain_holder="杭州示例科技有限公司") for i in range(n)]


LONG_REMARK = "记事本小程序，为个人用户提供笔记记录、分类整理与云端同步服务，不涉及经营性内容。"

CASES_R27N: list[tuple] = [
    ("website.name.personal_company_words", IND, None, {"websites[0].name": "张三的公司读书会"},
     "websites[0].name", None),
    ("website.name.personal_national_words", IND, None, {"websites[0].name": "张三的中国读书笔记"},
     "websites[0].name", None),
    ("website.name.unit_bulletin_words", ENT, None, {"websites[0].name": "示例科技在线服务"}, "websites[0].name",
     {"websites[0].name": "示例科技在线服务",
      "websites[0].preapproval": Preapproval(type="bulletin_board", number="X-1")}),
    ("website.content_type.personal_not_allowed", IND, None, {"websites[0].content_type": "e_commerce"},
     "websites[0].content_type", None),
    ("website.domains.government_suffix", ENT, None, {**GOV, "websites[0].domains": ["example.cn"]},
     "websites[0].domains[0]",
     {**GOV, "websites[0].domains": ["example.gov.cn"], "websites[0].home_url": "www.example.gov.cn"}),
    ("website.remark.personal_statement/huawei", IND, None,
     {"provider": "huawei", "websites[0].remark": "记录个人读书心得。"}, "websites[0].remark", {"provider": "huawei"}),
    ("principal.cert_number.enterprise_org_code", ENT, None, {"principal.cert_number": "MA27X1234"},
     "principal.cert_number", None),
    ("app.remark.length/mini_program", ENT, None, {**MINI, "apps[0].remark": "记事本"}, "apps[0].remark",
     {**MINI, "apps[0].remark": LONG_REMARK}),
    ("principal.mailing_address.district/mini_program", ENT, None,
     {**MINI, "apps[0].remark": LONG_REMARK, "principal.mailing_address": "浙江省杭州市上城区解放路1号"},
     "principal.mailing_address", {**MINI, "apps[0].remark": LONG_REMARK}),
    ("website.domains.one_per_site/tencent", IND, None,
     {"provider": "tencent", "websites[0].domains": ["example.com", "example.net"]}, "websites[0].domains[1]",
     {"provider": "tencent"}),
    ("websites.personal_one_per_order/tencent", IND, None, {"provider": "tencent", "websites": "SECOND_SITE"},
     "websites[1].name", {"provider": "tencent"}),
    ("websites.unit_ten_per_order/tencent", ENT, None, {"provider": "tencent", "websites": unit_sites(11)},
     "websites[10].name", {"provider": "tencent", "websites": unit_sites(10)}),
    ("website.domains.one_per_site/kingsoft", IND, None, {"websites[0].domains": ["example.com", "example.net"]},
     "websites[0].domains[1]", None),
    ("website.name.personal_public_words", IND, None, {"websites[0].name": "张三的维权笔记"}, "websites[0].name", None),
    ("website.name.personal_space", IND, None, {"websites[0].name": "张三的个人空间"}, "websites[0].name", None),
    ("website.name.national_prefix_quanguo", ENT, None, {"websites[0].name": "全国示例科技官网"}, "websites[0].name",
     None),
]
