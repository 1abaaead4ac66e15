"""Live validation is the full validation: after any sequence of edits, what LiveFindings holds
for each field is exactly what a fresh whole-filing check says, and every path whose findings
changed is reported (so the app refreshes every message that went stale)."""

from __future__ import annotations

from conftest import ID_BEIJING, ID_HENAN, ID_LI, ID_ZHANG, TODAY, USCC, enterprise_filing, individual_filing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_robust_input import TEXT_FIELDS, _set
from test_rules import CITY, move

from icpdesk.engine import Validator
from icpdesk.live import LiveFindings, by_path
from icpdesk.model import Person, Website

# values that a person would plausibly type, so rules fire and clear again (not only noise)
PLAUSIBLE = st.sampled_from([
    "", ID_ZHANG, ID_LI, ID_BEIJING, ID_HENAN, USCC, "330106199001011231", "13800138000", "13700137000",
    "0571-88888888", "zhangsan@example.com", "张三", "李四", "杭州示例科技有限公司", "resident_id",
    "business_license", "hk_macau_pass", "individual", "enterprise", "new_filing", "change_principal",
    "浙江", "北京", "河南", "上海", "张三的读书笔记", "示例理财服务", "www.example.com", "example.cn",
    "浙ICP备12345678号", "浙ICP备12345678号-1", "浙江省杭州市西湖区文三路100号", "2027-01-01", "长期",
    "com.example.notes", "android", "ios", "other", "unit_portal",
])
EDIT = st.tuples(st.sampled_from(TEXT_FIELDS), st.one_of(PLAUSIBLE, st.text(max_size=12)))
STRUCTURAL = st.sampled_from(["add_site", "drop_site", "site_leader", "no_site_leader"])


def _structural(f, what: str) -> None:
    if what == "add_site":
        f.websites.append(Website(name="示例科技商城", domains=["example2.cn"], home_url="example2.cn",
                                  content_type="other", service_type="web_app_service", languages=["zh_CN"]))
    elif what == "drop_site" and f.websites:
        f.websites.pop()
    elif what == "site_leader" and f.websites:
        f.websites[0].leader = Person(name="王五", cert_number=ID_LI, phone1="13800138000", email="w@example.com")
    elif what == "no_site_leader" and f.websites:
        f.websites[0].leader = None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.booleans(), province=st.sampled_from(sorted(CITY)),
       edits=st.lists(st.one_of(EDIT, STRUCTURAL), min_size=1, max_size=12))
def test_live_result_always_equals_a_full_validation(rulebook, unit, province, edits):
    validator = Validator(rulebook, today=TODAY)
    f = enterprise_filing() if unit else individual_filing()
    move(f, province)
    live = LiveFindings(validator)
    live.update(f)
    for edit in edits:
        before = {p: live.at(p) for p in live.paths()}
        if isinstance(edit, tuple):
            _set(f, *edit)
        else:
            _structural(f, edit)
        changed = live.update(f)
        full = by_path(Validator(rulebook, today=TODAY).validate(f))
        assert {p: tuple(live.at(p)) for p in live.paths()} == full
        stale = {p for p in before.keys() | full.keys() if tuple(before.get(p, ())) != full.get(p, ())}
        assert stale == changed
