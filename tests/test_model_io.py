"""The filing file: round trips, and every way it can be unreadable gives file, line, field."""

from __future__ import annotations

import json

import pytest
from conftest import enterprise_filing, individual_filing

from icpdesk.errors import InputError
from icpdesk.fileio import dump_filing, load_filing, parse_filing, save_filing
from icpdesk.model import Filing


@pytest.mark.parametrize("suffix", [".icpdesk.yaml", ".json"])
@pytest.mark.parametrize("make", [individual_filing, enterprise_filing])
def test_round_trip_without_loss(tmp_path, suffix, make):
    filing = make()
    path = tmp_path / f"f{suffix}"
    save_filing(filing, path)
    again = load_filing(path)
    assert again == filing
    save_filing(again, path)
    assert path.read_text(encoding="utf-8") == dump_filing(filing, as_json=suffix == ".json")


def test_yaml_is_readable_chinese_and_ordered(tmp_path):
    text = dump_filing(individual_filing())
    assert "张三的读书笔记" in text and "\\u" not in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys == ["format", "filing_type", "provider", "principal", "websites", "apps", "materials"]
    assert "cert_number: 33010619900101123X" in text  # quoted: stays a string


def test_contract_example_loads():
    text = (
        "format: icpdesk/filing@1\nfiling_type: new_filing\nprincipal:\n"
        "  region: {province: 浙江, city: 杭州市, district: 西湖区}\n  nature: individual\n"
        "materials:\n  - kind: principal_cert\n    for: principal\n    path: scans/id-front.jpg\n")
    filing = parse_filing(text)
    assert filing.materials[0].for_ == "principal"
    assert "for: principal" in dump_filing(filing)


def _error(text: str, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        parse_filing(text, name="x.icpdesk.yaml", **kw)
    return info.value


def test_unknown_key_names_line_and_field():
    e = _error("format: icpdesk/filing@1\nprincipal:\n  name: 张三\n  nmae: 李四\n")
    assert e.line == 4 and e.field == "principal.nmae"
    assert "x.icpdesk.yaml:4" in str(e)


def test_unknown_top_level_key_is_an_error():
    e = _error("format: icpdesk/filing@1\nextra: 1\n")
    assert e.field == "extra" and e.line == 2


def test_unquoted_number_gets_a_hint():
    e = _error("principal:\n  cert_number: 330106199001011233\n")
    assert e.field == "principal.cert_number" and e.line == 2 and "引号" in str(e)


def test_wrong_type_in_list_item():
    e = _error("websites:\n  - name: 甲乙丙\n  - name: [1, 2]\n")
    assert e.field == "websites[1].name" and e.line == 3


def test_malformed_yaml_has_line():
    e = _error("principal:\n  name: [unclosed\n  other: 1\n")
    assert e.line is not None and "YAML" in str(e)


def test_malformed_json_has_line():
    e = _error('{"format": "icpdesk/filing@1",\n "principal": }', as_json=True)
    assert e.line == 2


def test_aliases_refused():
    e = _error("a: &x [1]\nprincipal:\n  name: *x\n")
    assert "aliases" in str(e)


def test_duplicate_keys_refused():
    e = _error("principal:\n  name: 甲\n  name: 乙\n")
    assert "duplicate" in str(e) and e.line == 3


def test_top_level_must_be_mapping():
    assert "映射" in str(_error("- 1\n- 2\n"))


def test_wrong_format_version():
    assert _error("format: icpdesk/filing@9\n").field == "format"


def test_impossible_date_stays_text():
    f = parse_filing("principal:\n  leader:\n    cert_expiry: 2023-02-30\n")
    assert f.principal.leader.cert_expiry == "2023-02-30"


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_filing(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("name: \xe9".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_filing(bad)
    with pytest.raises(InputError, match="directory"):
        load_filing(tmp_path)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (6 * 1024 * 1024))
    with pytest.raises(InputError, match="large"):
        load_filing(big)


def test_json_file_round_trip_keeps_chinese(tmp_path):
    path = tmp_path / "f.json"
    save_filing(individual_filing(), path)
    raw = path.read_text(encoding="utf-8")
    assert "张三" in raw
    assert Filing.model_validate(json.loads(raw)) == individual_filing()


def test_save_is_atomic_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "f.icpdesk.yaml"
    save_filing(individual_filing(), path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        save_filing(enterprise_filing(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["f.icpdesk.yaml"]


def test_null_means_missing_and_gets_the_rules_finding(tmp_path):
    """`number: null` is read as absent: the pre-approval number is then required (a finding),
    not a refused file with a hint about quoting numbers."""
    from conftest import TODAY, individual_filing

    from icpdesk.engine import Validator
    from icpdesk.fileio import load_filing, save_filing

    path = tmp_path / "f.icpdesk.yaml"
    f = individual_filing()
    save_filing(f, path)
    text = path.read_text(encoding="utf-8").replace("  remark: ''\n", "  remark: null\n", 1)
    assert "    preapproval: null\n" in text
    text = text.replace("    preapproval: null\n", "    preapproval: {type: medical, number: null}\n", 1)
    path.write_text(text, encoding="utf-8")
    loaded = load_filing(path)
    assert loaded.websites[0].preapproval is not None and loaded.websites[0].preapproval.number == ""
    rules = {x.rule for x in Validator(today=TODAY).validate(loaded)}
    assert "preapproval.number" in rules


def test_quote_hint_only_for_real_numbers():
    import pytest

    from icpdesk.errors import InputError
    from icpdesk.fileio import parse_filing

    with pytest.raises(InputError) as e:
        parse_filing("principal:\n  name: [a, b]\n")
    assert "引号" not in str(e.value)
    with pytest.raises(InputError) as e:
        parse_filing("principal:\n  cert_number: 330106\n")
    assert "引号" in str(e.value)
