"""The exported package: export, verify and import, tamper detection, hostile zips (each with
a bound on time and memory), a crash in the middle, and the summaries."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from conftest import ID_LI, TODAY, individual_filing
from hypothesis import given, settings
from hypothesis import strategies as st
from imagegen import save, sheet
from packages import (
    bomb_zip,
    filing_on_disk,
    lying_zip,
    overlap_zip,
    rewrite,
    symlink_zip,
    zip_with,
)

from icpdesk.cli import main
from icpdesk.engine import Validator
from icpdesk.fileio import load_filing, save_filing
from icpdesk.package.export import ExportRefused, export_package
from icpdesk.package.safezip import Refused
from icpdesk.package.verify import import_package, verify_package

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _export(folder: Path, name="p.zip", **kw) -> Path:
    src = filing_on_disk(folder) if not (folder / "f.icpdesk.yaml").exists() else folder / "f.icpdesk.yaml"
    return export_package(src, folder / name, validator=Validator(today=TODAY), now=NOW, **kw).path


@pytest.fixture()
def package(tmp_path) -> Path:
    return _export(tmp_path)


def test_layout_and_mode(package):
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    assert names[-1] == "manifest.json" and "summary.html" in names and "summary.pdf" in names
    assert all(n.startswith("materials/") for n in names[:-3])
    assert manifest["format"] == "icpdesk/package@1" and manifest["rules_version"]
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    assert all(m["path"].startswith("materials/") for m in manifest["filing"]["materials"])
    assert (package.stat().st_mode & 0o777) == 0o600


def test_materials_are_unchanged(tmp_path, package):
    f = load_filing(tmp_path / "f.icpdesk.yaml")
    with zipfile.ZipFile(package) as z:
        members = [n for n in z.namelist() if n.startswith("materials/")]
        for m, name in zip(f.materials, members, strict=True):
            assert z.read(name) == (tmp_path / m.path).read_bytes()
            assert m.kind in name


def test_an_export_after_the_wizards_check_decodes_nothing_again(tmp_path, monkeypatch):
    """Issue 17: verdicts and previews of scans checked before come from this process's cache;
    the package is the same as a cold one, and a changed scan is checked again."""
    import icpdesk.images.batch as batch
    import icpdesk.images.verdicts as verdicts
    from icpdesk.images.check import PREVIEW_SIDE

    monkeypatch.setenv("ICPDESK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(verdicts, "_shared", None)
    src = filing_on_disk(tmp_path)
    cold = _export(tmp_path, "cold.zip")
    f = load_filing(src)
    list(batch.check_many([tmp_path / m.path for m in f.materials], kinds=[m.kind for m in f.materials],
                          thumbnail=PREVIEW_SIDE, cache=verdicts.shared_cache()))  # the wizard's check

    def decode(paths, *_a, **_k):
        if paths:
            raise AssertionError("decoded although checked before")
        return iter(())

    monkeypatch.setattr(batch, "_check_all", decode)
    monkeypatch.setattr(batch, "preview", decode)
    warm = _export(tmp_path, "warm.zip")
    assert warm.read_bytes() == cold.read_bytes()  # the same previews, findings and hashes
    with zipfile.ZipFile(warm) as z:
        manifest = json.loads(z.read("manifest.json"))
        for entry in manifest["files"]:
            assert hashlib.sha256(z.read(entry["path"])).hexdigest() == entry["sha256"]
    with (tmp_path / f.materials[0].path).open("ab") as fh:  # one scan changed since its check
        fh.write(b"\0")
    with pytest.raises(AssertionError, match="decoded although"):
        _export(tmp_path, "changed.zip")


def test_previews_kept_in_memory_stay_within_their_budget(monkeypatch):
    import icpdesk.images.verdicts as verdicts

    monkeypatch.setattr(verdicts, "PREVIEW_BUDGET", 100)
    cache = verdicts.VerdictCache("v1")
    for i in range(5):
        cache.keep_preview(f"k{i}", 320, bytes(40))
    assert [cache.preview(f"k{i}", 320) is not None for i in range(5)] == [False, False, False, True, True]
    assert cache.preview("k4", 240) is None  # another size is another preview


def test_same_input_same_bytes(tmp_path):
    a = _export(tmp_path, "a.zip")
    b = _export(tmp_path, "b.zip")
    assert a.read_bytes() == b.read_bytes()
    c = export_package(tmp_path / "f.icpdesk.yaml", tmp_path / "c.zip", validator=Validator(today=TODAY),
                       now=NOW + dt.timedelta(hours=1)).path
    assert c.read_bytes() != a.read_bytes()  # only the creation time (and its compressed form) differs


def test_round_trip(tmp_path, package):
    original = load_filing(tmp_path / "f.icpdesk.yaml")
    path, report = import_package(package, tmp_path / "imported")
    again = load_filing(path)
    assert report.ok
    assert again.model_dump(exclude={"materials"}) == original.model_dump(exclude={"materials"})
    for a, b in zip(original.materials, again.materials, strict=True):
        assert (a.kind, a.for_) == (b.kind, b.for_)
        assert (tmp_path / a.path).read_bytes() == (path.parent / b.path).read_bytes()
    assert Validator(today=TODAY, base_dir=path.parent).validate(again) == []


def test_refused_with_errors_writes_nothing(tmp_path):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.leader.cert_number = ID_LI[:-1] + "1"
    save_filing(f, src)
    with pytest.raises(ExportRefused) as info:
        export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY))
    assert any(x.rule == "person.cert_number.checksum" for x in info.value.findings)
    assert not (tmp_path / "p.zip").exists() and not list(tmp_path.glob("*.partial"))


def test_refused_for_a_bad_scan(tmp_path):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    save(sheet().convert("L"), tmp_path / f.materials[0].path, "JPEG")
    with pytest.raises(ExportRefused) as info:
        export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY))
    assert any(x.rule == "image.colour.greyscale" and x.path == "materials[0]" for x in info.value.findings)


def test_secret_never_enters(tmp_path):
    src = filing_on_disk(tmp_path)
    text = src.read_text(encoding="utf-8").replace("filing_type: new_filing",
                                                   "filing_type: new_filing\nfiling_password: TOPSECRET9")
    src.write_text(text, encoding="utf-8")
    pkg = export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY)).path
    with zipfile.ZipFile(pkg) as z:
        for name in z.namelist():
            assert b"TOPSECRET9" not in z.read(name)


def test_mask(tmp_path):
    pkg = _export(tmp_path, mask=True)
    with zipfile.ZipFile(pkg) as z:
        html = z.read("summary.html").decode()
        manifest = z.read("manifest.json").decode()
    assert ID_LI not in html and ID_LI not in manifest and "13700137000" not in html + manifest
    assert "3301**********4565" in html and "137****7000" in html
    report = verify_package(pkg, validator=Validator(today=TODAY))
    assert report.ok, [f.message for f in report.findings]


def test_summary_html_is_safe_and_complete(tmp_path):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.remark = '<script>alert(1)</script><img src="file:///etc/passwd">\u202eevil'
    save_filing(f, src)
    pkg = export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY)).path
    with zipfile.ZipFile(pkg) as z:
        html = z.read("summary.html").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html and "\u202e" not in html
    assert "Content-Security-Policy" in html and "http://" not in html.replace("https://beian.miit.gov.cn", "")
    assert html.count("data:image/jpeg;base64,") == len(f.materials)
    assert "杭州示例科技有限公司" in html and "短信核验" in html and "检查结果" in html


@pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"), reason="poppler-utils missing")
def test_pdf_text_and_fonts(package, tmp_path):
    with zipfile.ZipFile(package) as z:
        (tmp_path / "s.pdf").write_bytes(z.read("summary.pdf"))
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ICP备案资料汇总" in text and "杭州示例科技有限公司" in text and "短信核验" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "s.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded


def test_tamper_one_byte_of_a_material(tmp_path, package):
    with zipfile.ZipFile(package) as z:
        name = next(n for n in z.namelist() if n.startswith("materials/"))
    bad = rewrite(package, tmp_path / "bad.zip", flip=name)
    report = verify_package(bad, validator=Validator(today=TODAY))
    assert not report.ok and "content changed" in report.integrity and name in report.integrity
    assert main(["verify", str(bad)]) == 1


def test_tamper_manifest_edit(tmp_path, package):
    def edit(m):
        m["filing"]["principal"]["name"] = "别的公司"

    bad = rewrite(package, tmp_path / "bad.zip", edit_manifest=edit, redigest=False)
    assert "digest" in verify_package(bad).integrity


def test_tamper_added_and_removed_files(tmp_path, package):
    added = rewrite(package, tmp_path / "a.zip", add=("materials/extra.jpg", b"x"))
    assert "unlisted" in verify_package(added).integrity
    with zipfile.ZipFile(package) as z:
        name = next(n for n in z.namelist() if n.startswith("materials/"))
    removed = rewrite(package, tmp_path / "r.zip", drop=name)
    assert "missing" in verify_package(removed).integrity


def test_findings_new_and_gone_since_export(tmp_path, package):
    def older_rules(m):
        m["findings"].append({"rule": "retired.rule", "severity": "warning", "path": "principal.name",
                              "message": "旧规则", "message_en": "old rule", "source": "x"})

    pkg = rewrite(package, tmp_path / "old.zip", edit_manifest=older_rules)
    report = verify_package(pkg, validator=Validator(today=TODAY))
    assert report.integrity == "ok" and [f["rule"] for f in report.gone] == ["retired.rule"]
    def stale(m):  # a finding the export did not see (an error: a provider's page backs it)
        m["filing"]["websites"][0]["domains"] = ["example.invalidtld"]

    pkg2 = rewrite(package, tmp_path / "stale.zip", edit_manifest=stale)
    report = verify_package(pkg2, validator=Validator(today=TODAY))
    assert "website.domains.filable_suffix" in [x["rule"] for x in report.new] and not report.ok


def _bounded(fn, *, seconds: float = 5, megabytes: float = 64):
    tracemalloc.start()
    started = time.monotonic()
    try:
        return fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert time.monotonic() - started < seconds
        assert peak < megabytes * 1024 * 1024, peak


@pytest.mark.parametrize("name", ["../evil.txt", "/abs/x", "C:/x", "..\\..\\x", "ok/../../x", "a/b/c.jpg",
                                  "materials/\u202eexe.jpg"])
def test_hostile_names(tmp_path, name):
    pkg = zip_with(tmp_path / "h.zip", {name: b"x", "manifest.json": b"{}"})
    with pytest.raises(Refused):
        _bounded(lambda: verify_package(pkg))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make,needle", [
    (lambda d: symlink_zip(d / "s.zip"), "symlink"),
    (lambda d: bomb_zip(d / "b.zip", 48 * 1024 * 1024), "ratio"),
    (lambda d: bomb_zip(d / "b2.zip"), "too large"),
    (lambda d: lying_zip(d / "l.zip"), ""),
    (lambda d: overlap_zip(d / "o.zip"), "overlap"),
    (lambda d: zip_with(d / "many.zip", {f"materials/{i}.jpg": b"" for i in range(20000)}), "too many"),
    (lambda d: zip_with(d / "dup.zip", {"manifest.json": b"{}", "MANIFEST.json": b"{}"}), "duplicate"),
    (lambda d: _write(d / "t.zip", b"PK\x03\x04" + b"\x00" * 40), "zip"),
    (lambda d: _write(d / "n.zip", b"not a zip"), "zip"),
    (lambda d: zip_with(d / "nm.zip", {"summary.html": b"x"}), "manifest"),
    (lambda d: zip_with(d / "u8.zip", {"manifest.json": b"\xff\xfe{"}), "manifest"),
    (lambda d: zip_with(d / "deep.zip", {"manifest.json": b"[" * 100000 + b"]" * 100000}), "manifest"),
    (lambda d: zip_with(d / "schema.zip", {"manifest.json": b'{"format": "other"}'}), "schema"),
])
def test_hostile_packages(tmp_path, make, needle):
    pkg = make(tmp_path)
    with pytest.raises(Refused) as info:
        _bounded(lambda: verify_package(pkg), seconds=10)
    assert needle in str(info.value)
    assert list(tmp_path.iterdir()) == [pkg]  # nothing extracted anywhere


def test_big_manifest_is_capped(tmp_path):
    from icpdesk.package.safezip import Limits

    pkg = zip_with(tmp_path / "big.zip", {"manifest.json": b" " * (2 * 1024 * 1024)})
    with pytest.raises(Refused, match="too large"):
        verify_package(pkg, limits=Limits(max_manifest_bytes=1024 * 1024, max_ratio=1e9))


def test_encrypted_member_refused(tmp_path, package):
    data = bytearray(package.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd + 8] |= 1  # general-purpose flag: encrypted
    (tmp_path / "enc.zip").write_bytes(bytes(data))
    with pytest.raises(Refused, match="encrypted"):
        verify_package(tmp_path / "enc.zip")


def test_cli_verify_exit_codes(tmp_path, package, capsys):
    assert main(["verify", str(package), "--json", "--today", "2026-11-23"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["integrity"] == "ok" and data["package"]["format"] == "icpdesk/package@1"
    (tmp_path / "junk.zip").write_text("junk")
    assert main(["verify", str(tmp_path / "junk.zip")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_export(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    assert main(["export", str(src), "-o", str(tmp_path / "p.zip"), "--today", "2026-11-23"]) == 0
    f = load_filing(src)
    f.websites[0].name = "ab"
    save_filing(f, src)
    assert main(["export", str(src), "-o", str(tmp_path / "q.zip"), "--today", "2026-11-23"]) == 1
    assert not (tmp_path / "q.zip").exists()
    assert "网站名称至少需要3个汉字" in capsys.readouterr().out


def test_import_refuses_altered_and_nonempty(tmp_path, package):
    with zipfile.ZipFile(package) as z:
        name = next(n for n in z.namelist() if n.startswith("materials/"))
    bad = rewrite(package, tmp_path / "bad.zip", flip=name)
    with pytest.raises(Refused):
        import_package(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(Exception, match="not empty"):
        import_package(package, tmp_path / "full")


def test_crash_mid_export_leaves_no_package(tmp_path):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    for i, m in enumerate(f.materials):  # ~3.5 MB scans so that writing takes a while
        from imagegen import noisy_photo

        noisy_photo(2600, 1950, seed=i).save(tmp_path / m.path, "JPEG", quality=92)
    code = ("import sys, datetime as dt\n"
            "from icpdesk.package.export import export_package\n"
            "from icpdesk.engine import Validator\n"
            "import icpdesk.package.export as ex\n"
            "orig = ex._copy_member\n"
            "def slow(*a):\n"
            "    r = orig(*a); print('member', flush=True); import time; time.sleep(0.3); return r\n"
            "ex._copy_member = slow\n"
            f"export_package({str(src)!r}, {str(tmp_path / 'p.zip')!r}, "
            "validator=Validator(today=dt.date(2026, 11, 23)))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "member"  # in the middle of writing the zip
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not (tmp_path / "p.zip").exists()  # the unfinished file never carries the final name
    # and it leaves nothing at all where the platform has unnamed temporary files (O_TMPFILE)
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert left == [] or not hasattr(os, "O_TMPFILE"), left


def test_individual_package_exports(tmp_path):
    src = filing_on_disk(tmp_path, make=individual_filing)
    pkg = export_package(src, tmp_path / "i.zip", validator=Validator(today=TODAY)).path
    assert verify_package(pkg, validator=Validator(today=TODAY)).ok


def test_stale_partial_is_removed(tmp_path):
    src = filing_on_disk(tmp_path)
    stale = tmp_path / ".p.zip.old123.partial"
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY))
    assert not stale.exists()


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000))
def test_any_bytes_are_refused_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "x.zip"
    path.write_bytes(data)
    try:
        verify_package(path)
    except Refused as e:
        assert str(e)


def test_flipped_bytes_in_a_scan_never_pass(tmp_path, package):
    """A byte changed anywhere inside a stored scan: refused (CRC) or reported, never clean."""
    import random
    import struct

    raw = package.read_bytes()
    with zipfile.ZipFile(package) as z:
        info = next(i for i in z.infolist() if i.filename.startswith("materials/"))
    name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    rnd = random.Random(3)
    for n in range(25):
        bad = bytearray(raw)
        bad[start + rnd.randrange(info.compress_size)] ^= 1 << rnd.randrange(8)
        path = tmp_path / f"f{n}.zip"
        path.write_bytes(bytes(bad))
        try:
            report = verify_package(path, validator=Validator(today=TODAY))
        except Refused as e:
            assert "damaged" in str(e) or "CRC" in str(e)
            continue
        assert report.integrity != "ok" and not report.ok


@pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"), reason="poppler-utils missing")
def test_summaries_name_the_sources_they_cite(tmp_path):
    """A warning in the package: its source is given by title (not [TX-PROV]) in both summaries,
    and each summary ends with the list of the sources it cites."""
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.leader.cert_expiry = "2027-01-15"  # expires within 3 months: a warning
    save_filing(f, src)
    pkg = export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY), now=NOW).path
    with zipfile.ZipFile(pkg) as z:
        html = z.read("summary.html").decode()
        manifest = json.loads(z.read("manifest.json"))
        (tmp_path / "s.pdf").write_bytes(z.read("summary.pdf"))
    warning = next(x for x in manifest["findings"] if x["rule"] == "person.cert_expiry.soon")
    assert warning["cites"] == ["HW-KB-REJ"] and "《备案驳回咨询》" in warning["source_title"]
    assert "引用的资料 / Sources cited" in html and "依据：华为云" in html
    cited_list = html.split("引用的资料")[1]
    assert "[HW-KB-REJ]" in cited_list and "二手资料" in cited_list  # with its grade
    assert "shared/" not in cited_list and "rules/" not in cited_list  # no path inside icpdesk's tree
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Sources cited" in text and "备案驳回咨询" in text


def test_the_sources_list_gives_web_addresses_only():
    """A source kept in icpdesk's own tree (a seed page under shared/seeds/) is listed by title,
    publisher, date and grade, never by a path the reader cannot open."""
    from icpdesk.findings import Finding
    from icpdesk.package.export import cited_sources
    from icpdesk.shipped import default_rulebook

    book = default_rulebook()
    f = Finding(rule="x", severity="warning", path="principal.name", message="m", message_en="m", source="s",
                cites=("002_cda330130d5f816e.txt", "TX-PROV"))
    listed = {s["key"]: s for s in cited_sources(book, [f])}
    assert listed["002_cda330130d5f816e.txt"]["url"] == ""
    assert listed["TX-PROV"]["url"].startswith("https://")
    assert all(s["grade"] for s in listed.values())
