"""`icpdesk validate` per contract §3: exit 0/1/2, JSON shape, Chinese and English text,
no traceback for bad input, no personal data in error messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ID_ZHANG, enterprise_filing, individual_filing, write_scans

from icpdesk.cli import main
from icpdesk.fileio import save_filing


@pytest.fixture()
def clean_file(tmp_path):
    path = tmp_path / "clean.icpdesk.yaml"
    save_filing(individual_filing(), path)
    write_scans(individual_filing(), tmp_path)
    return path


@pytest.fixture()
def bad_file(tmp_path):
    f = enterprise_filing()
    f.principal.leader.cert_number = "330106198512124561"
    f.websites[0].name = "ab"
    path = tmp_path / "bad.icpdesk.json"
    save_filing(f, path)
    return path


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_clean_exit_0(clean_file, capsys):
    code, out, _ = run(["validate", str(clean_file), "--today", "2026-11-23"], capsys)
    assert code == 0 and "没有发现问题" in out


def test_errors_exit_1_grouped_by_section(bad_file, capsys):
    code, out, _ = run(["validate", str(bad_file), "--today", "2026-11-23"], capsys)
    assert code == 1
    assert out.index("【主体信息】") < out.index("【网站1】")
    assert "身份证号码校验位不正确" in out and "GB 11643-1999" in out


def test_english(bad_file, capsys):
    code, out, _ = run(["validate", str(bad_file), "--lang", "en", "--today", "2026-11-23"], capsys)
    assert code == 1 and "ID number check digit is wrong" in out and "[Principal]" in out


def test_json_shape(bad_file, capsys):
    code, out, _ = run(["validate", str(bad_file), "--json", "--today", "2026-11-23"], capsys)
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    first = data["findings"][0]
    assert set(first) >= {"rule", "severity", "path", "message", "message_en", "source", "hint"}
    assert any(f["rule"] == "person.cert_number.checksum" and f["path"] == "principal.leader.cert_number"
               for f in data["findings"])


def test_json_clean(clean_file, capsys):
    code, out, _ = run(["validate", str(clean_file), "--json", "--today", "2026-11-23"], capsys)
    assert code == 0 and json.loads(out) == {"ok": True, "rules_version": json.loads(out)["rules_version"],
                                             "findings": []}


@pytest.mark.parametrize("content,needle", [
    ("principal:\n  nmae: x\n", "principal.nmae"),
    ("principal: [\n", "YAML"),
    (f"principal:\n  cert_number: {ID_ZHANG[:-1]}\n", "引号"),
])
def test_unreadable_exit_2_without_traceback(tmp_path, capsys, content, needle):
    path = tmp_path / "x.icpdesk.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 2 and needle in err and "Traceback" not in err and out == ""
    assert ID_ZHANG[:-1] not in err  # the value itself stays out of the message


def test_missing_file_and_wrong_call(tmp_path, capsys):
    assert run(["validate", str(tmp_path / "nope.yaml")], capsys)[0] == 2
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["--bogus"])
    assert info.value.code == 2


def test_console_script_subprocess(bad_file):
    out = subprocess.run([sys.executable, "-m", "icpdesk", "validate", str(bad_file), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and json.loads(out.stdout)["ok"] is False


def test_validate_checks_scans_by_default_like_export(tmp_path, capsys):
    """Issue 14 item 13: a greyscale ID scan fails validate as it fails export; --no-images
    skips the scans; the verdict cache never hides a changed file."""
    from imagegen import save, sheet

    f = individual_filing()
    path = tmp_path / "f.icpdesk.yaml"
    save_filing(f, path)
    for i, m in enumerate(f.materials):
        save(sheet(seed=i), tmp_path / m.path, "JPEG")
    assert main(["validate", str(path), "--today", "2026-11-23"]) == 0
    save(sheet().convert("L"), tmp_path / f.materials[0].path, "JPEG")  # same name, new content
    assert main(["validate", str(path), "--today", "2026-11-23", "--no-images"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path), "--today", "2026-11-23", "--json"]) == 1
    validated = json.loads(capsys.readouterr().out)["findings"]
    assert any(x["path"] == "materials[0]" and x["rule"] == "image.colour.greyscale" for x in validated)
    assert main(["export", str(path), "-o", str(tmp_path / "p.zip"), "--today", "2026-11-23", "--json"]) == 1
    exported = json.loads(capsys.readouterr().out)["findings"]
    assert {(x["rule"], x["path"]) for x in exported if x["severity"] == "error"} == \
        {(x["rule"], x["path"]) for x in validated if x["severity"] == "error"}


def test_check_image_provider_decides_the_curtain_size(tmp_path, capsys):
    """800×600 is Kingsoft's curtain size (icp-rules.md §5.3): an error for Kingsoft, an info
    hint when no provider is named, nothing for another provider."""
    from imagegen import save, sheet

    photo = tmp_path / "curtain.jpg"
    save(sheet(1024, 768), photo, "JPEG")

    def rules(*extra):
        code, out, _ = run(["check-image", str(photo), "--kind", "curtain_photo", "--json", *extra], capsys)
        return code, {f["rule"]: f["severity"] for f in json.loads(out)[0]["findings"]}

    code, found = rules("--provider", "kingsoft")
    assert code == 1 and found["image.curtain.dimensions"] == "error"
    code, found = rules()
    assert code == 0 and found["image.curtain.dimensions"] == "info"
    code, found = rules("--provider", "tencent")
    assert code == 0 and "image.curtain.dimensions" not in found
    code, _, err = run(["check-image", str(photo), "--provider", "acme"], capsys)
    assert code == 2 and "acme" in err
