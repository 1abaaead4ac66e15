"""The command line as a first-time user and a script meet it (issue 14, items 7 and 10–14):
batches of filings and scans, verify on re-zipped and masked packages, errors as JSON, the
small things. Each test runs the command and checks what is printed and the exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY, enterprise_filing, individual_filing, write_scans
from conftest import run_cli as run
from imagegen import save, sheet
from packages import filing_on_disk, rewrite

from icpdesk.cli import main
from icpdesk.fileio import load_filing, save_filing
from icpdesk.images.verdicts import VerdictCache

DAY = TODAY.isoformat()


def _filings(folder: Path) -> tuple[Path, Path]:
    good, bad = folder / "good.icpdesk.yaml", folder / "sub" / "bad.icpdesk.yaml"
    bad.parent.mkdir()
    save_filing(individual_filing(), good)
    write_scans(individual_filing(), folder)
    f = enterprise_filing()
    f.principal.leader.cert_number = "330106198512124561"  # wrong check digit
    save_filing(f, bad)
    write_scans(f, bad.parent)
    return good, bad


def test_validate_many_files_and_folders_with_a_table(tmp_path, capsys):
    good, bad = _filings(tmp_path)
    code, out, _ = run(["validate", str(tmp_path), "--today", DAY], capsys)
    assert code == 1
    table = out[out.index("文件 "):]
    assert str(good) in table and str(bad) in table and "共 2 个备案，1 个有错误" in table
    assert "身份证号码校验位" in out or "校验位" in out  # the failing filing in full above the table
    code, out, _ = run(["validate", str(good), str(good), "--today", DAY, "--lang", "en"], capsys)
    assert code == 0 and "2 filings, 0 with errors" in out


def test_validate_json_lines_one_per_file_and_unreadable_ones(tmp_path, capsys):
    good, bad = _filings(tmp_path)
    broken = tmp_path / "broken.icpdesk.yaml"
    broken.write_text("principal: [unclosed", encoding="utf-8")
    code, out, _ = run(["validate", str(good), str(bad), str(broken), "--json", "--today", DAY], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [x["file"] for x in lines] == [str(good), str(bad), str(broken)]
    assert lines[0]["ok"] and not lines[1]["ok"] and lines[1]["findings"]
    assert lines[2]["ok"] is False and "YAML" in lines[2]["error"] and lines[2]["exit_code"] == 2
    assert code == 2  # an unreadable file makes the batch's exit 2


def test_validate_folder_without_filings_and_missing_file_as_json(tmp_path, capsys):
    code, _, err = run(["validate", str(tmp_path)], capsys)
    assert code == 2 and "没有备案文件" in err
    code, out, err = run(["validate", str(tmp_path / "missing.yaml"), "--json"], capsys)
    assert code == 2 and "文件不存在" in err
    assert json.loads(out) == {"ok": False, "error": f"{tmp_path / 'missing.yaml'} 文件不存在 / file not found",
                               "exit_code": 2}


def test_validate_reuses_image_verdicts_by_content(tmp_path, capsys, monkeypatch):
    """A scan judged once is not decoded again; the cache entry is keyed by the bytes."""
    good, _ = _filings(tmp_path)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("ICPDESK_CACHE", str(cache_dir))
    import icpdesk.images.verdicts as verdicts

    monkeypatch.setattr(verdicts, "_shared", None)
    assert run(["validate", str(good), "--today", DAY], capsys)[0] == 0
    entries = list(cache_dir.glob("??/*.json"))  # the verdicts (the rules' parse lives in rules/)
    kinds = {m.kind for m in individual_filing().materials}
    assert len(entries) == len(kinds)  # the fixture's scans share their bytes: one verdict per kind
    import icpdesk.images.batch as batch

    def no_decoding(*_a, **_k):
        raise AssertionError("decoded although cached")
        yield

    monkeypatch.setattr(batch, "_check_all", no_decoding)
    monkeypatch.setattr(verdicts, "_shared", None)  # a new process: only the folder is left
    assert run(["validate", str(good), "--today", DAY], capsys)[0] == 0


def test_a_tampered_cache_entry_is_ignored(tmp_path):
    """An entry whose recorded key differs from its name, or that does not parse, is not used."""
    scan = tmp_path / "a.jpg"
    save(sheet().convert("L"), scan, "JPEG")
    cache = VerdictCache("v1", tmp_path / "c")
    key = cache.key(scan, "leader_id_front")
    assert key and cache.get(key, scan) is None
    where = tmp_path / "c" / key[:2] / f"{key}.json"
    where.parent.mkdir(parents=True)
    where.write_text(json.dumps({"key": "0" * 64, "format": "JPEG", "width": 1, "height": 1, "bytes": 1,
                                 "mode": "RGB", "findings": []}), encoding="utf-8")
    assert VerdictCache("v1", tmp_path / "c").get(key, scan) is None
    where.write_text("{not json", encoding="utf-8")
    assert VerdictCache("v1", tmp_path / "c").get(key, scan) is None
    assert VerdictCache("v2", tmp_path / "c").key(scan, "leader_id_front") != key  # new rules, new key


def test_fix_image_many_files_and_a_folder_into_a_folder(tmp_path, capsys):
    src = tmp_path / "scans"
    (src / "deeper").mkdir(parents=True)
    save(sheet(), src / "front.png", "PNG")
    save(sheet(seed=2), src / "deeper" / "back.bmp", "BMP")
    (src / "notes.txt").write_text("not an image", encoding="utf-8")
    out_dir = tmp_path / "fixed"
    code, out, _ = run(["fix-image", str(src), "-o", str(out_dir), "--json"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(Path(r["source"]).name for r in rows) == ["back.bmp", "front.png", "notes.txt"]
    assert (out_dir / "front.jpg").is_file() and (out_dir / "deeper" / "back.jpg").is_file()
    assert next(r for r in rows if r["source"].endswith("notes.txt"))["ok"] is False
    assert code == 1  # one could not be fixed
    code, out, _ = run(["fix-image", str(src / "front.png"), str(src / "deeper" / "back.bmp"),
                        "-o", str(tmp_path / "two")], capsys)
    assert code == 0 and "共 2 个文件：2 个已修正" in out


def test_fix_image_never_writes_two_copies_under_one_name(tmp_path, capsys):
    save(sheet(), tmp_path / "a.png", "PNG")
    save(sheet(seed=3), tmp_path / "a.bmp", "BMP")
    code, _, _ = run(["fix-image", str(tmp_path / "a.png"), str(tmp_path / "a.bmp"), "-o", str(tmp_path / "o")],
                     capsys)
    assert code == 0 and sorted(p.name for p in (tmp_path / "o").iterdir()) == ["a-2.jpg", "a.jpg"]


def _export(tmp_path, capsys, *extra) -> Path:
    src = filing_on_disk(tmp_path)
    pkg = tmp_path / "p.zip"
    assert run(["export", str(src), "-o", str(pkg), "--today", DAY, *extra], capsys)[0] == 0
    return pkg


def test_export_refuses_to_replace_a_package_without_force(tmp_path, capsys):
    pkg = _export(tmp_path, capsys)
    before = pkg.read_bytes()
    code, _, err = run(["export", str(tmp_path / "f.icpdesk.yaml"), "-o", str(pkg), "--today", DAY], capsys)
    assert code == 2 and "--force" in err and pkg.read_bytes() == before
    assert run(["export", str(tmp_path / "f.icpdesk.yaml"), "-o", str(pkg), "--today", DAY, "--force"],
               capsys)[0] == 0


def test_verify_accepts_a_package_rezipped_with_folder_entries(tmp_path, capsys):
    pkg = _export(tmp_path, capsys)
    rezipped = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(rezipped, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr(zipfile.ZipInfo("materials/"), b"")  # as `zip -r` writes a folder
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    code, out, _ = run(["verify", str(rezipped), "--today", DAY], capsys)
    assert code == 0 and "所有文件与清单一致" in out
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(evil, "w") as zout:
        zout.writestr(zipfile.ZipInfo("../"), b"")
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    code, _, err = run(["verify", str(evil)], capsys)
    assert code == 2 and "不安全" in err


def test_verify_images_checks_the_scans_inside_again(tmp_path, capsys, monkeypatch):
    """A package exported under looser image rules: --images judges its bytes under today's."""
    pkg = _export(tmp_path, capsys)
    code, out, _ = run(["verify", str(pkg), "--images", "--json", "--today", DAY], capsys)
    report = json.loads(out)
    assert code == 0 and report["integrity"] == "ok"
    rules = tmp_path / "rules"
    import shutil

    from icpdesk.paths import rules_dir

    shutil.copytree(rules_dir(), rules)
    limits = rules / "images" / "limits.yaml"
    text = limits.read_text("utf-8")
    import re

    limits.write_text(re.sub(r"max_bytes: \d+", "max_bytes: 1000", text, count=1), "utf-8")
    monkeypatch.setenv("ICPDESK_RULES", str(rules))  # what --rules sets, undone after the test
    code, out, _ = run(["verify", str(pkg), "--images", "--json", "--today", DAY], capsys)
    report = json.loads(out)
    assert code == 1 and any(f["rule"].startswith("image.") and f["path"].startswith("materials[")
                             for f in report["findings"])


def test_verify_says_nothing_good_about_an_altered_package(tmp_path, capsys):
    pkg = _export(tmp_path, capsys)
    with zipfile.ZipFile(pkg) as zf:
        member = next(n for n in zf.namelist() if n.startswith("materials/01"))
    bad = rewrite(pkg, tmp_path / "bad.zip", flip=member)
    for lang, good in (("zh", "没有发现问题"), ("en", "No problems found")):
        code, out, _ = run(["verify", str(bad), "--lang", lang], capsys)
        assert code == 1 and good not in out and "content changed" in out


def test_masked_package_import_refused_then_marked(tmp_path, capsys):
    pkg = _export(tmp_path, capsys, "--mask")
    manifest = json.loads(zipfile.ZipFile(pkg).read("manifest.json"))
    assert manifest["masked"] is True
    code, _, err = run(["import", str(pkg), "-o", str(tmp_path / "in")], capsys)
    assert code == 2 and "打码" in err and "--masked-ok" in err and not (tmp_path / "in").exists()
    code, out, _ = run(["import", str(pkg), "-o", str(tmp_path / "in"), "--masked-ok"], capsys)
    assert code == 0 and "重新填写" in out
    imported = tmp_path / "in" / "filing.icpdesk.yaml"
    code, out, _ = run(["validate", str(imported), "--json", "--today", DAY, "--no-images"], capsys)
    found = json.loads(out)["findings"]
    at_number = [f for f in found if f["path"] == "principal.leader.cert_number"]
    assert [f["rule"] for f in at_number] == ["input.masked"]  # not "应为18位…现为18位"
    assert load_filing(imported).principal.leader.cert_number.count("*") >= 6


def test_unknown_word_is_not_a_window(capsys):
    code, _, err = run(["valdiate", "x.yaml"], capsys)
    assert code == 2 and "validate" in err
    code, _, err = run(["rport"], capsys)
    assert code == 2 and "no such command" in err


def test_help_mentions_the_app_and_the_kinds(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--demo" in out and "FILE.icpdesk.yaml" in out and "PACKAGE.zip" in out
    with pytest.raises(SystemExit):
        main(["check-image", "--help"])
    out = capsys.readouterr().out
    assert "leader_id_front" in out and "curtain_photo" in out


def test_check_image_missing_file_exit_2(tmp_path, capsys):
    code, out, err = run(["check-image", str(tmp_path / "nope.jpg"), "--json"], capsys)
    assert code == 2 and "no such file" in err and json.loads(out)["exit_code"] == 2


def test_wrong_types_are_said_in_chinese_and_english(tmp_path, capsys):
    path = tmp_path / "f.icpdesk.yaml"
    path.write_text("format: icpdesk/filing@1\nprincipal:\n  leader: []\nwebsites: 5\n", encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2 and "应为一组字段" in err and "应为列表" in err


def test_plan_without_phone_and_english_plurals(tmp_path, capsys):
    path = tmp_path / "f.icpdesk.yaml"
    path.write_text("format: icpdesk/filing@1\nfiling_type: new_filing\nprincipal:\n  nature: individual\n"
                    "  region: {province: 浙江}\n", encoding="utf-8")
    _, out, _ = run(["plan", str(path)], capsys)
    assert "? (unknown)" not in out and "（未填手机号）" in out
    save(sheet(), tmp_path / "one.jpg", "JPEG")
    _, out, _ = run(["check-image", str(tmp_path / "one.jpg"), "--lang", "en"], capsys)
    assert "1 file, 0 with errors" in out


def test_console_script_batch_progress_only_on_a_terminal(tmp_path):
    good, _ = _filings(tmp_path)
    out = subprocess.run([sys.executable, "-m", "icpdesk", "validate", str(good), str(good), "--today", DAY],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "\r" not in out.stderr  # piped: no progress bar
