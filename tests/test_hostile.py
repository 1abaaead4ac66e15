"""The 16 causes of the reliability run (issue 12), each reproduced: hostile and odd input gets a
clear message and a clean exit code, nothing torn or leaked is left on disk, and nothing that
was not checked is exported."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY, enterprise_filing, fill_disk
from conftest import run_cli as run
from imagegen import save, sheet
from packages import filing_on_disk

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing, save_filing
from icpdesk.images.check import check_image
from icpdesk.package.export import ExportRefused, export_package

BIG = "9" * 5000


@pytest.fixture()
def package(tmp_path) -> Path:
    src = filing_on_disk(tmp_path)
    return export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY)).path


def _raw_rewrite(src: Path, dst: Path, transform) -> Path:
    """A copy of a package whose manifest.json text is changed by `transform` (bytes that no
    JSON library would write: a lone surrogate escape, an integer of 5,000 digits)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "manifest.json":
                data = transform(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return dst


# --- 1-3: numbers, keys and text that crash parsers -------------------------------------------

@pytest.mark.parametrize("text,where", [
    (f'format: icpdesk/filing@1\nprincipal:\n  cert_number: {BIG}\n', "数字过长"),
    ('{"principal": {"cert_number": ' + BIG + "}}", "数字过长"),
    ("? [a, b]\n: 1\n", "键必须是文字"),
    ("principal:\n  {name: x}: 1\n", "键必须是文字"),
    ('principal:\n  name: "\\uD800"\n', "principal.name"),
    ('{"websites": [{"name": "\\ud800x"}]}', "websites[0].name"),
])
@pytest.mark.parametrize("command", ["validate", "plan", "export"])
def test_unreadable_filings_exit_2(tmp_path, capsys, text, where, command):
    path = tmp_path / ("f.icpdesk.json" if text.startswith("{") else "f.icpdesk.yaml")
    path.write_text(text, encoding="utf-8")
    args = [command, str(path)] + (["-o", str(tmp_path / "out.zip")] if command == "export" else [])
    code, _, err = run(args, capsys)
    assert code == 2 and where in err, err
    assert not (tmp_path / "out.zip").exists()


@pytest.mark.parametrize("transform,needle", [
    (lambda t: t.replace('"masked": false', f'"masked": false, "x": {BIG}'), "manifest.json"),
    (lambda t: t.replace('"name": "杭州示例科技有限公司"', '"name": "\\ud800"', 1), "invalid text"),
])
@pytest.mark.parametrize("command", ["verify", "import"])
def test_hostile_manifests_exit_2(tmp_path, capsys, package, transform, needle, command):
    bad = _raw_rewrite(package, tmp_path / "bad.zip", transform)
    args = [command, str(bad)] + (["-o", str(tmp_path / "out")] if command == "import" else [])
    code, _, err = run(args, capsys)
    assert code == 2 and needle in err, err
    assert not (tmp_path / "out").exists()


# --- 4-5: empty zips and outputs of the wrong kind ---------------------------------------------

@pytest.mark.parametrize("command", ["verify", "import"])
def test_empty_zip_is_refused(tmp_path, capsys, command):
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    args = [command, str(empty)] + (["-o", str(tmp_path / "out")] if command == "import" else [])
    code, _, err = run(args, capsys)
    assert code == 2 and "manifest" in err


def test_outputs_of_the_wrong_kind(tmp_path, capsys, package):
    src = tmp_path / "f.icpdesk.yaml"
    folder = tmp_path / "outdir"
    folder.mkdir()
    code, _, err = run(["export", str(src), "-o", str(folder)], capsys)
    assert code == 2 and "文件夹" in err
    target = tmp_path / "already-a-file"
    target.write_text("keep")
    code, _, err = run(["import", str(package), "-o", str(target)], capsys)
    assert code == 2 and target.read_text() == "keep"
    scan = load_filing(src).materials[0].path
    code, out, _ = run(["fix-image", str(tmp_path / scan), "-o", str(folder)], capsys)
    assert code in (0, 1) and list(folder.glob("*.jpg")), out  # a folder: the copy goes in there


# --- 6: a full disk ----------------------------------------------------------------------------

def test_disk_full_export_import_fix_keep_the_old_files(tmp_path, capsys, package, small_disk):
    src = tmp_path / "f.icpdesk.yaml"
    old = small_disk / "p.zip"
    old.write_bytes(b"the old package")
    fill_disk(small_disk)
    code, _, err = run(["export", str(src), "-o", str(old), "--force"], capsys)
    assert code == 2 and "cannot write" in err and len(err.strip().splitlines()) == 1, err
    assert old.read_bytes() == b"the old package"
    code, _, err = run(["import", str(package), "-o", str(small_disk / "imported")], capsys)
    assert code == 2 and "cannot write" in err
    assert not (small_disk / "imported").exists()
    big = tmp_path / "big.png"
    save(sheet(1600, 1200, seed=3), big, "PNG")
    fixed = small_disk / "fixed.jpg"
    fixed.write_bytes(b"old fix")
    (small_disk / "ballast").unlink()
    fill_disk(small_disk, leave=20_000)
    code, _, err = run(["fix-image", str(big), "-o", str(fixed)], capsys)
    assert code == 2 and "cannot write" in err
    assert fixed.read_bytes() == b"old fix"
    assert sorted(p.name for p in small_disk.iterdir()) == ["ballast", "fixed.jpg", "p.zip"]


# --- 7: an output that is one of the inputs, or no regular file --------------------------------

def test_export_never_overwrites_its_inputs_or_special_files(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    before = src.read_bytes()
    scan = tmp_path / load_filing(src).materials[0].path
    scan_bytes = scan.read_bytes()
    for target in (src, scan):
        code, _, err = run(["export", str(src), "-o", str(target), "--force"], capsys)  # even when forced
        assert code == 2 and "输入" in err
    assert src.read_bytes() == before and scan.read_bytes() == scan_bytes
    fifo = tmp_path / "out.zip"
    os.mkfifo(fifo)
    code, _, err = run(["export", str(src), "-o", str(fifo), "--force"], capsys)
    assert code == 2 and stat.S_ISFIFO(os.stat(fifo).st_mode)


# --- 8: killed saves and exports leave no temporary files --------------------------------------

def test_kills_between_write_and_rename_leave_nothing(tmp_path):
    """50 saves killed at random moments: the file is always whole (the last save or the one
    before), and no temporary file with ID numbers is left behind."""
    target = tmp_path / "f.icpdesk.yaml"
    save_filing(enterprise_filing(), target)
    code = ("import sys\n"
            "from icpdesk.fileio import load_filing, save_filing\n"
            f"f = load_filing({str(target)!r})\n"
            "f.principal.remark = 'x' * 200000\n"  # a large file: writing takes a while
            "print('ready', flush=True)\n"
            "while True:\n"
            f"    save_filing(f, {str(target)!r})\n")
    rng = random.Random(12)
    for _ in range(50):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        load_filing(target)  # whole: it parses, never torn or empty
    left = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    assert left == [], left
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# --- 10: what a filing may hold ------------------------------------------------------------------

def test_absurd_sizes_are_refused_at_once(tmp_path, capsys):
    f = enterprise_filing()
    site = f.websites[0].model_dump(mode="json", by_alias=True)
    data = f.model_dump(mode="json", by_alias=True)
    data["websites"] = [site] * 1001
    path = tmp_path / "huge.icpdesk.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2 and "websites" in err
    assert time.perf_counter() - started < 60  # refused, not validated for minutes (a hang guard only)
    data["websites"] = [{**site, "domains": [f"d{i}.cn" for i in range(201)]}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2 and "websites[0].domains" in err
    data["websites"] = [{**site, "domains": [f"d{i}-{j}.cn" for j in range(150)]} for i in range(20)]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2 and "2000" in err  # 170,000 domains took 60 s and 1.2 GB before


# --- 11: JPEGs that end early ----------------------------------------------------------------------

def _jpeg(path: Path) -> bytes:
    save(sheet(1200, 900, seed=5), path, "JPEG", quality=85)
    return path.read_bytes()


def test_truncated_jpeg_with_end_marker_is_damaged(tmp_path):
    data = _jpeg(tmp_path / "ok.jpg")
    assert check_image(tmp_path / "ok.jpg").ok
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 3] + b"\xff\xd9")
    report = check_image(tmp_path / "cut.jpg")
    assert not report.ok and "image.damaged" in {f.rule for f in report.findings}


def test_jpeg_whose_header_claims_more_than_it_holds_is_damaged(tmp_path):
    data = bytearray(_jpeg(tmp_path / "ok.jpg"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = (6000).to_bytes(2, "big") + (6000).to_bytes(2, "big")
    (tmp_path / "liar.jpg").write_bytes(bytes(data))
    report = check_image(tmp_path / "liar.jpg")
    assert "image.damaged" in {f.rule for f in report.findings}


# --- 12-14: what is exported is what was checked ----------------------------------------------------

def test_full_width_and_invisible_characters_are_cleaned_and_said(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    text = src.read_text(encoding="utf-8")
    text = text.replace("330106198512124565", "３３０１０６１９８５１２１２４５６５").replace(
        "example.cn", "ｅｘａｍｐｌｅ.cn").replace("杭州示例科技有限公司", "\ufeff杭州示例科技有限公司", 1)
    src.write_text(text, encoding="utf-8")
    _code, out, _ = run(["validate", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    cleaned = {f["path"] for f in json.loads(out)["findings"] if f["rule"] == "input.cleaned"}
    assert {"principal.leader.cert_number", "websites[0].domains", "principal.name"} <= cleaned
    pkg = export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY)).path
    with zipfile.ZipFile(pkg) as z:
        manifest = json.loads(z.read("manifest.json"))
    f = manifest["filing"]
    assert f["principal"]["leader"]["cert_number"] == "330106198512124565"
    assert f["websites"][0]["domains"] == ["example.cn"] and f["principal"]["name"] == "杭州示例科技有限公司"


def test_absurdly_long_text_is_not_exported(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.name = "杭" * 10_000
    save_filing(f, src)
    with pytest.raises(ExportRefused) as refused:
        export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY))
    assert "input.too_long.name" in {x.rule for x in refused.value.findings}
    assert not (tmp_path / "p.zip").exists()


@pytest.mark.parametrize("outside", ["/etc/hostname", "../../etc/hostname", "LINK"])
def test_materials_outside_the_filing_folder_are_errors(tmp_path, capsys, outside):
    folder = tmp_path / "client"
    folder.mkdir()
    src = filing_on_disk(folder)
    f = load_filing(src)
    if outside == "LINK":
        save(sheet(800, 600, seed=9), tmp_path / "elsewhere.jpg", "JPEG")
        (folder / "link.jpg").symlink_to(tmp_path / "elsewhere.jpg")
        outside = "link.jpg"
    f.materials[0].path = outside
    save_filing(f, src)
    code, out, _ = run(["validate", "--json", str(src)], capsys)
    hits = [x for x in json.loads(out)["findings"] if x["rule"] == "material.path.outside"]
    assert code == 1 and hits and hits[0]["path"] == "materials[0].path" and outside[:20] in hits[0]["message"]
    code, _, _ = run(["export", str(src), "-o", str(tmp_path / "p.zip")], capsys)
    assert code == 1 and not (tmp_path / "p.zip").exists()


# --- 15: masking free text ------------------------------------------------------------------------

def test_mask_covers_numbers_in_free_text(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.remark = "联系人手机13812345678，身份证330106199001011234"
    save_filing(f, src)
    code, out, _ = run(["export", str(src), "-o", str(tmp_path / "m.zip"), "--mask"], capsys)
    assert code == 0 and "扫描件" in out
    with zipfile.ZipFile(tmp_path / "m.zip") as z:
        blobs = {n: z.read(n) for n in ("manifest.json", "summary.html")}
        (tmp_path / "s.pdf").write_bytes(z.read("summary.pdf"))
    for name, blob in blobs.items():
        text = blob.decode("utf-8")
        assert "13812345678" not in text and "330106199001011234" not in text, name
        assert "138****5678" in text, name
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode == 0:
        pdf = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
        assert "13812345678" not in pdf and "扫描件" in pdf


# --- 16: terminals and odd entries --------------------------------------------------------------

def test_control_characters_never_reach_the_terminal(tmp_path, capsys, package):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("x\x1b[2J\x07.txt", b"surprise")
    code, out, err = run(["verify", str(bad)], capsys)
    shown = out + err
    assert code in (1, 2)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in shown), repr(shown)
    assert "\\x1b" in shown or "\\u001b" in shown  # named, escaped


def test_an_altered_package_is_not_judged_by_its_content(tmp_path, capsys, package):
    from packages import rewrite

    name = next(n for n in zipfile.ZipFile(package).namelist() if n.startswith("materials/"))
    bad = rewrite(package, tmp_path / "bad.zip", flip=name)
    code, out, _ = run(["verify", str(bad)], capsys)
    assert code == 1 and name in out
    assert "没有发现问题" not in out and "未按规则检查" in out


def test_every_entry_of_a_folder_gets_a_verdict_naming_what_it_is(tmp_path, capsys):
    walk = tmp_path / "scans"
    walk.mkdir()
    save(sheet(800, 600, seed=1), walk / "ok.jpg", "JPEG")
    os.mkfifo(walk / "pipe.jpg")
    (walk / "zero.jpg").symlink_to("/dev/zero")
    (walk / "gone.jpg").symlink_to(walk / "nowhere.jpg")
    code, out, _ = run(["check-image", "--json", str(walk)], capsys)
    reports = {Path(r["path"]).name: r for r in json.loads(out)}
    assert set(reports) == {"ok.jpg", "pipe.jpg", "zero.jpg", "gone.jpg"}
    why = {n: " ".join(f["message_en"] for f in r["findings"]) for n, r in reports.items()}
    assert "named pipe" in why["pipe.jpg"] and "device" in why["zero.jpg"] and "broken link" in why["gone.jpg"]
    assert reports["ok.jpg"]["ok"] and code == 1
