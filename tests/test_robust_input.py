"""Any input gets a verdict, never a traceback: arbitrary Unicode, empty and huge values in
every text field, through the whole-filing check and the live one-field check."""

from __future__ import annotations

from conftest import enterprise_filing, individual_filing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icpdesk.errors import InputError
from icpdesk.fieldpaths import get
from icpdesk.fileio import parse_filing

TEXT_FIELDS = [
    "principal.region.province", "principal.region.city", "principal.nature", "principal.cert_type",
    "principal.cert_number", "principal.name", "principal.cert_address", "principal.mailing_address",
    "principal.investor", "principal.legal_representative", "principal.filing_number", "principal.remark",
    "principal.leader.name", "principal.leader.cert_type", "principal.leader.cert_number",
    "principal.leader.cert_expiry", "principal.leader.phone1", "principal.leader.phone2",
    "principal.leader.emergency_phone", "principal.leader.office_phone", "principal.leader.email",
    "websites[0].name", "websites[0].home_url", "websites[0].content_type", "websites[0].service_type",
    "websites[0].filing_number", "websites[0].domain_holder", "websites[0].remark", "filing_type",
    "apps[0].name", "apps[0].platform", "apps[0].package_name", "apps[0].bundle_id", "apps[0].public_key",
    "apps[0].cert_md5", "apps[0].cert_sha1",
]
odd_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", " ", "\x00", "X" * 100_000, "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧", "330106199002301234",
                     "http://", "..", "例子.中国", "+86", "长期", "9999-99-99", "{field}", "{0}"]),
)


def _set(filing, path, value):
    parent_path, _, attr = path.rpartition(".")
    parent = get(filing, parent_path) if parent_path else filing
    if parent is not None:  # the personal filing has no APP
        setattr(parent, attr, value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS), value=odd_text, unit=st.booleans())
def test_any_text_in_any_field_gets_a_verdict(validator, field, value, unit):
    f = enterprise_filing() if unit else individual_filing()
    _set(f, field, value)
    findings = validator.validate(f)
    assert all(x.message and x.path for x in findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.text(max_size=30), min_size=0, max_size=5))
def test_any_domain_list(validator, values):
    f = individual_filing()
    f.websites[0].domains = values
    validator.validate(f)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_any_file_text_is_read_or_refused_cleanly(text):
    try:
        parse_filing(text)
    except InputError as e:
        assert str(e)
