"""`icpdesk app-info` (issue 31): every file kind is made and signed here (tests/appfiles.py),
and what the command reads is checked against what the test computed when it signed."""

from __future__ import annotations

import base64
import json
import os
import struct
import sys
import time
import zipfile
from pathlib import Path

import pytest
from appfiles import (
    NOW,
    apk_signing_block,
    axml,
    make_aab,
    make_apk,
    make_hap,
    make_ipa,
    make_jks,
    make_p12,
    make_signer,
    v1_files,
    write_zip,
)
from conftest import enterprise_filing, run_cli
from cryptography.hazmat.primitives import serialization

pytest.importorskip("apkInspector")
pytest.importorskip("jks")


@pytest.fixture(scope="module")
def release():
    return make_signer("Demo Release", key_no=0)


@pytest.fixture(scope="module")
def rotated():
    return make_signer("Demo Rotated", key_no=1)


def app_info(capsys, *args):
    code, out, err = run_cli(["app-info", "--json", *map(str, args)], capsys)
    return code, (json.loads(out) if code in (0, 1) and out.strip().startswith("{\n") else out), err


def assert_cert(got: dict, signer) -> None:
    assert got["md5"] == signer.fingerprint("md5")
    assert got["sha1"] == signer.fingerprint("sha1")
    assert got["sha256"] == signer.fingerprint("sha256")
    assert got["public_key"] == signer.modulus_hex
    assert got["public_key_der"] == signer.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo).hex()
    assert got["public_key_der"].upper().find(signer.modulus_hex) > 0  # the modulus sits inside the key's DER
    assert "CN=" + signer.cert.subject.rfc4514_string().split("CN=")[1] in got["subject"]
    assert got["not_before"] == signer.cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert got["not_after"] == signer.cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- every file kind ------------------------------------------------------------------------

def test_apk_v1(tmp_path, capsys, release):
    apk = make_apk(tmp_path / "a.apk", "com.example.notes", version="3.1.4", label="示例笔记", v1=release)
    code, info, _ = app_info(capsys, apk)
    assert code == 0
    assert (info["kind"], info["package_name"], info["name"], info["version"]) == (
        "apk", "com.example.notes", "示例笔记", "3.1.4")
    assert [c["source"] for c in info["certificates"]] == ["v1"]
    assert_cert(info["certificates"][0], release)


def test_apk_v2_and_v3_read_from_the_signing_block(tmp_path, capsys, release, rotated):
    apk = make_apk(tmp_path / "b.apk", "com.example.block", v2=release, v3=rotated)
    code, info, _ = app_info(capsys, apk)
    assert code == 0 and info["package_name"] == "com.example.block"
    by_source = {c["source"]: c for c in info["certificates"]}
    assert set(by_source) == {"v2", "v3"}
    assert_cert(by_source["v2"], release)
    assert_cert(by_source["v3"], rotated)


def test_one_key_for_all_schemes_is_listed_once(tmp_path, capsys, release):
    apk = make_apk(tmp_path / "c.apk", v1=release, v2=release, v3=release)
    _, info, _ = app_info(capsys, apk)
    assert [c["source"] for c in info["certificates"]] == ["v1+v2+v3"]
    assert_cert(info["certificates"][0], release)


def test_elliptic_key_is_given_as_base64_der(tmp_path, capsys):
    signer = make_signer("EC Release", elliptic=True)
    apk = make_apk(tmp_path / "ec.apk", v1=signer)
    _, info, _ = app_info(capsys, apk)
    spki = signer.key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    assert info["certificates"][0]["public_key"] == base64.b64encode(spki).decode()
    assert info["certificates"][0]["sha1"] == signer.fingerprint("sha1")


def test_label_in_resources_is_a_note_not_a_name(tmp_path, capsys, release):
    apk = make_apk(tmp_path / "r.apk", manifest=axml("com.example.res", "1.0", label_ref=0x7F0B0001), v1=release)
    code, info, _ = app_info(capsys, apk)
    assert code == 0 and info["name"] is None
    assert any("0x7f0b0001" in n for n in info["notes"])


def test_aab(tmp_path, capsys, release):
    aab = make_aab(tmp_path / "app.aab", "com.example.bundle", "5.0", release)
    code, info, _ = app_info(capsys, aab)
    assert code == 0
    assert (info["kind"], info["package_name"], info["version"]) == ("aab", "com.example.bundle", "5.0")
    assert_cert(info["certificates"][0], release)


@pytest.mark.parametrize("binary", [True, False])
def test_ipa_reads_info_plist_and_the_profiles_developer_certificates(tmp_path, capsys, release, rotated, binary):
    apple = make_signer("Test Apple WWDR", key_no=2)
    ipa = make_ipa(tmp_path / "app.ipa", "com.example.ios", name="示例 iOS", version="2.5",
                   developers=[release, rotated], apple=apple, binary_plist=binary)
    code, info, _ = app_info(capsys, ipa)
    assert code == 0
    assert (info["kind"], info["bundle_id"], info["name"], info["version"]) == ("ipa", "com.example.ios",
                                                                                 "示例 iOS", "2.5")
    assert [c["sha1"] for c in info["certificates"]] == [release.fingerprint("sha1"), rotated.fingerprint("sha1")]
    assert_cert(info["certificates"][1], rotated)
    # the profile's signer (Apple) is not the app's
    assert all(c["sha1"] != apple.fingerprint("sha1") for c in info["certificates"])


def test_hap_gives_the_bundle_and_says_why_no_certificates(tmp_path, capsys):
    code, info, _ = app_info(capsys, make_hap(tmp_path / "entry.hap", "com.example.harmony", "1.0.2"))
    assert code == 0
    assert (info["kind"], info["bundle_id"], info["version"]) == ("hap", "com.example.harmony", "1.0.2")
    assert info["certificates"] == [] and info["notes"]


def test_jks_and_pkcs12_with_the_password_from_the_option_or_the_environment(tmp_path, capsys, release,
                                                                             monkeypatch):
    jks_file = make_jks(tmp_path / "release.jks", release, "s3cret-Pass")
    p12 = make_p12(tmp_path / "release.p12", release, "s3cret-Pass")
    code, info, _ = app_info(capsys, jks_file, "--password", "s3cret-Pass")
    assert code == 0 and info["kind"] == "jks" and info["certificates"][0]["source"] == "alias release"
    assert_cert(info["certificates"][0], release)
    monkeypatch.setenv("ICPDESK_KEYSTORE_PASSWORD", "s3cret-Pass")
    code, info, _ = app_info(capsys, p12)
    assert code == 0 and info["kind"] == "pkcs12"
    assert_cert(info["certificates"][0], release)


@pytest.mark.parametrize("maker", [make_jks, make_p12])
def test_wrong_or_missing_password_is_one_line_and_never_echoed(tmp_path, capsys, release, monkeypatch, maker):
    store = maker(tmp_path / f"k{maker.__name__}.keystore", release, "right-one")
    monkeypatch.delenv("ICPDESK_KEYSTORE_PASSWORD", raising=False)
    code, out, err = run_cli(["app-info", str(store), "--password", "wrong-guess"], capsys)
    assert code == 2 and "wrong keystore password" in err and "wrong-guess" not in err + out
    assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli(["app-info", str(store)], capsys)  # no terminal in the test: no prompt
    assert code == 2 and "password" in err


def test_bare_certificates_pem_der_and_the_v1_block(tmp_path, capsys, release):
    pem = tmp_path / "release.pem"
    pem.write_bytes(release.cert.public_bytes(serialization.Encoding.PEM))
    cer = tmp_path / "release.cer"
    cer.write_bytes(release.der)
    rsa_block = tmp_path / "CERT.RSA"
    rsa_block.write_bytes(v1_files({"a": b"x"}, release)["META-INF/CERT.RSA"])
    for f in (pem, cer, rsa_block):
        code, info, _ = app_info(capsys, f)
        assert code == 0 and info["kind"] == "certificate"
        assert_cert(info["certificates"][0], release)


def test_json_keys_are_the_filings(tmp_path, capsys, release):
    _, info, _ = app_info(capsys, make_apk(tmp_path / "k.apk", v1=release))
    assert {"package_name", "bundle_id", "name", "version", "certificates"} <= set(info)
    assert {"md5", "sha1", "sha256", "public_key", "subject", "not_before", "not_after"} <= set(info["certificates"][0])


def test_what_it_prints_passes_the_filings_own_checks(tmp_path, capsys, release, validator):
    """Pasted into the filing, the values satisfy app.cert_md5.format, app.cert_sha1.format and
    app.public_key.format."""
    _, info, _ = app_info(capsys, make_apk(tmp_path / "f.apk", "com.example.notes", v1=release))
    filing = enterprise_filing()
    cert = info["certificates"][0]
    filing.apps[0].package_name = info["package_name"]
    filing.apps[0].cert_md5, filing.apps[0].cert_sha1, filing.apps[0].public_key = (
        cert["md5"], cert["sha1"], cert["public_key"])
    assert not [f for f in validator.validate(filing) if f.rule_id.startswith("app.")]


def test_text_output_names_every_value(tmp_path, capsys, release):
    code, out, _ = run_cli(["app-info", str(make_apk(tmp_path / "t.apk", "com.example.text", v2=release)),
                            "--lang", "en"], capsys)
    assert code == 0
    for expected in ("com.example.text", release.fingerprint("md5"), release.fingerprint("sha1"),
                     release.fingerprint("sha256"), release.modulus_hex, "public key (modulus)"):
        assert expected in out


# ---- findings (exit 1) ----------------------------------------------------------------------

def test_expired_certificate_is_a_finding_with_the_values_still_given(tmp_path, capsys):
    old = make_signer("Old Release", key_no=3, start=NOW.replace(year=2015), days=365)
    code, info, _ = app_info(capsys, make_apk(tmp_path / "old.apk", v1=old))
    assert code == 1 and info["ok"] is False
    assert any("2016-" in f and "expired" in f for f in info["findings"])
    assert_cert(info["certificates"][0], old)


def test_unsigned_apk_is_a_finding(tmp_path, capsys):
    code, info, _ = app_info(capsys, make_apk(tmp_path / "u.apk", "com.example.unsigned"))
    assert code == 1 and info["package_name"] == "com.example.unsigned"
    assert info["certificates"] == [] and "unsigned" in info["findings"][0]


# ---- bad input: one line, exit 2, no traceback ----------------------------------------------

def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


def _bad_signing_block(tmp_path: Path, release) -> Path:
    apk = make_apk(tmp_path / "sb.apk", v2=release)
    data = bytearray(apk.read_bytes())
    magic = data.rfind(b"APK Sig Block 42")
    size = struct.unpack_from("<Q", data, magic - 8)[0]
    start = magic + 16 - size - 8
    struct.pack_into("<Q", data, start + 8, 10**9)  # the first pair claims a gigabyte
    apk.write_bytes(bytes(data))
    return apk


def _symlink_member(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("AndroidManifest.xml")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    return path


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("AndroidManifest.xml", bytes(40 * 1024 * 1024))  # 40 MB of zeros in ~40 KB
    return path


BAD = {
    "zip that is no app": lambda p, s: _zip_with(p / "x.apk", {"readme.txt": b"hello"}),
    "not a zip": lambda p, s: (p / "y.apk").write_bytes(b"MZ\x90\x00 not a zip at all") and p / "y.apk",
    "truncated zip": lambda p, s: (p / "t.apk").write_bytes(make_apk(p / "full.apk", v1=s).read_bytes()[:300])
    and p / "t.apk",
    "corrupt manifest": lambda p, s: make_apk(p / "m.apk", manifest=b"\x03\x00\x08\x00" + os.urandom(300), v1=s),
    "manifest without package": lambda p, s: make_apk(p / "n.apk", manifest=axml("", "1"), v1=s),
    "corrupt signing block": lambda p, s: _bad_signing_block(p, s),
    "corrupt v1 block": lambda p, s: write_zip(p / "v1.apk", {"AndroidManifest.xml": axml("com.e.x"),
                                                              "META-INF/CERT.RSA": b"0\x82garbage"}),
    "path trick": lambda p, s: _zip_with(p / "pt.apk", {"AndroidManifest.xml": axml("com.e.x"),
                                                        "../../evil.so": b"x"}),
    "absolute path": lambda p, s: _zip_with(p / "ab.apk", {"/etc/cron.d/x": b"x", "AndroidManifest.xml": b""}),
    "symlink member": lambda p, s: _symlink_member(p / "sl.apk"),
    "duplicate manifest": lambda p, s: _dup(p),
    "zip bomb manifest": lambda p, s: _bomb(p / "bomb.apk"),
    "damaged profile": lambda p, s: make_ipa(p / "bad.ipa", "com.e.i", developers=[s], apple=s,
                                             profile=b"0\x80 not cms"),
    "random certificate": lambda p, s: (p / "c.cer").write_bytes(os.urandom(200)) and p / "c.cer",
    "missing file": lambda p, s: p / "nowhere.apk",
    "damaged keystore": lambda p, s: (p / "k.jks").write_bytes(b"\xfe\xed\xfe\xed" + os.urandom(64)) and p / "k.jks",
}


def _dup(p: Path) -> Path:
    """Two members named AndroidManifest.xml (the second would shadow the first)."""
    path = p / "dup.apk"
    with zipfile.ZipFile(path, "w") as zf, pytest.warns(UserWarning):
        zf.writestr("AndroidManifest.xml", axml("com.a.b"))
        zf.writestr("AndroidManifest.xml", axml("com.evil.shadow"))
    return path


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, release, case):
    path = BAD[case](tmp_path, release)
    code, out, err = run_cli(["app-info", str(path), "--password", "x"], capsys)
    assert code == 2, (case, out, err)
    assert len(err.strip().splitlines()) == 1 and str(path.name) in err
    code, out, _ = run_cli(["app-info", "--json", str(path), "--password", "x"], capsys)
    assert code == 2 and json.loads(out)["exit_code"] == 2


def test_mutated_manifests_never_escape_as_tracebacks(tmp_path, capsys, release):
    """apkInspector on damaged bytes: whatever it raises becomes one line; nothing hangs."""
    from icpdesk.appfiles import AppFileError, read_app_file

    good = axml("com.example.fuzz", "1.0")
    rng = __import__("random").Random(31)
    for i in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if i % 5 == 0:
            data = data[:rng.randrange(8, len(data))]
        apk = write_zip(tmp_path / f"f{i}.apk", {"AndroidManifest.xml": bytes(data)})
        started = time.monotonic()
        try:
            info = read_app_file(apk)
            assert info.package_name
        except AppFileError:
            pass
        assert time.monotonic() - started < 5


def test_several_files_json_lines_and_the_worst_exit(tmp_path, capsys, release):
    good = make_apk(tmp_path / "g.apk", "com.example.good", v1=release)
    unsigned = make_apk(tmp_path / "u.apk", "com.example.unsigned")
    broken = _zip_with(tmp_path / "b.apk", {"x": b"y"})
    code, out, err = run_cli(["app-info", "--json", str(good), str(unsigned), str(broken)], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and [line["ok"] for line in lines] == [True, False, False]
    assert lines[0]["package_name"] == "com.example.good" and lines[2]["exit_code"] == 2
    assert len(err.strip().splitlines()) == 1
    code, _, _ = run_cli(["app-info", str(good), str(unsigned)], capsys)
    assert code == 1


def test_signing_block_with_a_forged_huge_size_is_refused_unread(tmp_path, capsys, release):
    apk = make_apk(tmp_path / "h.apk", v2=release)
    data = bytearray(apk.read_bytes())
    magic = data.rfind(b"APK Sig Block 42")
    struct.pack_into("<Q", data, magic - 8, 3 * 1024**3)  # "the block is 3 GB"
    apk.write_bytes(bytes(data))
    code, _, err = run_cli(["app-info", str(apk)], capsys)
    assert code == 2 and "signing block" in err


def test_an_extra_unknown_pair_in_the_signing_block_is_ignored(tmp_path, capsys, release):
    """Unknown IDs (padding, Play's frosting) are skipped, as Android does."""
    from appfiles import V2_ID, insert_signing_block, signing_block

    apk = make_apk(tmp_path / "p.apk", v1=release)
    insert_signing_block(apk, lambda path, cd, tail: apk_signing_block(
        [(0x42726577, bytes(100)), (V2_ID, signing_block([release], bytes(32)))]))
    _, info, _ = app_info(capsys, apk)
    assert info["certificates"][0]["source"] == "v1+v2"


# ---- the 2 GB APK ---------------------------------------------------------------------------

def _bytes_read() -> int | None:
    try:
        with open("/proc/self/io") as fh:
            return int(next(line for line in fh if line.startswith("rchar:")).split()[1])
    except (OSError, StopIteration):
        return None


@pytest.mark.skipif(sys.platform == "win32", reason="NTFS files are not sparse by default: 2 GB would be written")
def test_a_2gb_apk_is_read_by_its_directory_and_signing_block_only(tmp_path, release, rotated):
    """A stored 2 GB asset (sparse on disk): the answer comes from the central directory, the
    manifest and the signing block; on Linux the bytes read are counted (/proc/self/io)."""
    from icpdesk.appfiles import read_app_file

    big = 2_000_000_000
    apk = make_apk(tmp_path / "big.apk", "com.example.huge", v1=release, v3=rotated, big_member=big)
    assert apk.stat().st_size > big
    before = _bytes_read()
    info = read_app_file(apk)
    after = _bytes_read()
    assert info.package_name == "com.example.huge"
    assert {c.sha1 for c in info.certificates} == {release.fingerprint("sha1"), rotated.fingerprint("sha1")}
    if before is not None and after is not None and sys.platform.startswith("linux"):
        assert after - before < 5 * 1024 * 1024


def test_the_parsers_own_logging_stays_off_stderr_and_off_the_root_logger(tmp_path):
    """apkInspector configures the root logger on import and warns through it about damaged
    string pools; the command still prints one line, and the process's logging is unchanged."""
    import logging
    import subprocess

    data = bytearray(axml("com.example.warn"))
    struct.pack_into("<I", data, 8 + 20, struct.unpack_from("<I", data, 8 + 20)[0] + 2)  # strings_start off by 2
    apk = write_zip(tmp_path / "w.apk", {"AndroidManifest.xml": bytes(data)})
    run = subprocess.run([sys.executable, "-m", "icpdesk", "app-info", str(apk)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode in (1, 2) and "WARNING" not in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 1
    from icpdesk.appfiles import AppFileError, read_app_file

    handlers = list(logging.getLogger().handlers)
    with __import__("contextlib").suppress(AppFileError):
        read_app_file(apk)
    assert logging.getLogger().handlers == handlers


@pytest.mark.skipif(not __import__("shutil").which("keytool"), reason="no JDK keytool here")
def test_keytool_agrees_on_the_fingerprints(tmp_path, capsys, release):
    """An independent reader: the JDK's keytool prints the same SHA-1 and SHA-256 for the v1
    APK and the JKS (the form the providers' guides show)."""
    import subprocess

    apk = make_apk(tmp_path / "kt.apk", v1=release)
    store = make_jks(tmp_path / "kt.jks", release, "kt-pass-1")
    for path, extra in ((apk, ["-printcert", "-jarfile", str(apk)]),
                        (store, ["-list", "-v", "-keystore", str(store), "-storepass", "kt-pass-1"])):
        printed = subprocess.run(["keytool", *extra], capture_output=True, text=True, timeout=120).stdout
        _, info, _ = app_info(capsys, path, "--password", "kt-pass-1")
        cert = info["certificates"][0]
        assert f"SHA1: {cert['sha1']}" in printed and f"SHA256: {cert['sha256']}" in printed


@pytest.mark.parametrize("module", ["apkInspector.axml", "jks"])
def test_a_missing_library_says_how_to_install_it(tmp_path, capsys, release, monkeypatch, module):
    path = (make_apk(tmp_path / "m.apk", v1=release) if module.startswith("apk")
            else make_jks(tmp_path / "m.jks", release, "pw-123456"))
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    code, _, err = run_cli(["app-info", str(path), "--password", "pw-123456"], capsys)
    assert code == 2 and "pip install 'icpdesk[app]'" in err and len(err.strip().splitlines()) == 1


def test_legacy_hap_config_json(tmp_path, capsys):
    """The FA model's config.json: app.bundleName and app.version.name."""
    hap = write_zip(tmp_path / "fa.hap", {"config.json": json.dumps(
        {"app": {"bundleName": "com.example.fa", "version": {"name": "2.1.0", "code": 3}}}).encode()})
    code, info, _ = app_info(capsys, hap)
    assert code == 0 and (info["bundle_id"], info["version"]) == ("com.example.fa", "2.1.0")


# ---- the filing against the package (app-info --filing) -------------------------------------

def _filing_with(tmp_path: Path, **app_fields) -> Path:
    from icpdesk.fileio import dump_filing

    filing = enterprise_filing()
    for key, value in app_fields.items():
        setattr(filing.apps[0], key, value)
    path = tmp_path / "f.icpdesk.yaml"
    path.write_text(dump_filing(filing), "utf-8")
    return path


def test_filing_that_matches_the_package_in_any_pasted_form(tmp_path, capsys, release):
    apk = make_apk(tmp_path / "x.apk", "com.example.notes", v1=release)
    pem = release.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    for key in (release.modulus_hex.lower(), pem):
        filing = _filing_with(tmp_path, cert_md5=release.fingerprint("md5").replace(":", "").lower(), public_key=key)
        code, info, _ = app_info(capsys, apk, "--filing", filing)
        assert code == 0 and info["findings"] == [], key[:30]


def test_filing_with_another_certificate_or_no_such_app_is_a_finding(tmp_path, capsys, release, rotated):
    apk = make_apk(tmp_path / "y.apk", "com.example.notes", v2=release)
    filing = _filing_with(tmp_path, cert_md5=rotated.fingerprint("md5"), public_key=rotated.modulus_hex)
    code, info, _ = app_info(capsys, apk, "--filing", filing)
    assert code == 1
    assert [f.split(" ")[0] for f in info["findings"]] == ["apps[0].cert_md5", "apps[0].public_key"]
    other = make_apk(tmp_path / "z.apk", "com.example.other", v2=release)
    code, info, _ = app_info(capsys, other, "--filing", filing)
    assert code == 1 and "no APP with package_name com.example.other" in info["findings"][0]


def test_ios_filing_checked_by_bundle_id_and_sha1(tmp_path, capsys, release, rotated):
    ipa = make_ipa(tmp_path / "i.ipa", "com.example.ios", developers=[release], apple=rotated)
    ok = _filing_with(tmp_path, platform="ios", package_name=None, bundle_id="com.example.ios",
                      cert_md5=None, cert_sha1=release.fingerprint("sha1"), public_key="")
    code, info, _ = app_info(capsys, ipa, "--filing", ok)
    assert code == 0 and info["findings"] == []
    bad = _filing_with(tmp_path, platform="ios", package_name=None, bundle_id="com.example.ios",
                       cert_md5=None, cert_sha1=rotated.fingerprint("sha1"), public_key="")
    code, info, _ = app_info(capsys, ipa, "--filing", bad)
    assert code == 1 and info["findings"][0].startswith("apps[0].cert_sha1")


def test_the_password_is_asked_at_a_terminal_and_never_printed(tmp_path, capsys, release, monkeypatch):
    import getpass
    import io

    store = make_jks(tmp_path / "asked.jks", release, "typed-at-prompt")
    monkeypatch.delenv("ICPDESK_KEYSTORE_PASSWORD", raising=False)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "typed-at-prompt")
    code, out, err = run_cli(["app-info", str(store)], capsys)
    assert code == 0 and len(asked) == 1 and release.fingerprint("sha1") in out
    assert "typed-at-prompt" not in out + err


def test_mutated_signing_blocks_and_profiles_are_read_or_refused_in_one_line(tmp_path, release):
    """Random damage inside the v2/v3 block and the provisioning profile: either a reading or
    an AppFileError, never another exception."""
    import contextlib
    import plistlib
    import random

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import pkcs7

    from icpdesk.appfiles import AppFileError, read_app_file

    rng = random.Random(3131)
    apk = make_apk(tmp_path / "s.apk", v2=release, v3=release)
    data = apk.read_bytes()
    magic = data.rfind(b"APK Sig Block 42")
    size = struct.unpack_from("<Q", data, magic - 8)[0]
    start = magic + 16 - size - 8
    for i in range(80):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(start + 8, magic - 8)
            damaged[at] = rng.randrange(256)
        path = tmp_path / f"s{i}.apk"
        path.write_bytes(bytes(damaged))
        with contextlib.suppress(AppFileError):
            read_app_file(path)
    whole = make_apk(tmp_path / "w.apk", v1=release, v2=release, v3=make_signer("Other", key_no=1)).read_bytes()
    for i in range(300):  # anywhere in the file: zip structures, deflate streams, certificates
        damaged = bytearray(whole)
        for _ in range(rng.randint(1, 10)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"w{i}.apk"
        path.write_bytes(bytes(damaged))
        with contextlib.suppress(AppFileError):
            read_app_file(path)
    apple = make_signer("Test Apple", key_no=2)
    for i, developers in enumerate([5, "text", [b"not a certificate"], [1, 2], {"a": 1}]):
        plist = plistlib.dumps({"DeveloperCertificates": developers})
        profile = (pkcs7.PKCS7SignatureBuilder().set_data(plist).add_signer(apple.cert, apple.key, hashes.SHA256())
                   .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
        ipa = make_ipa(tmp_path / f"p{i}.ipa", "com.e.p", developers=[], apple=apple, profile=profile)
        with pytest.raises(AppFileError):
            read_app_file(ipa)


def test_a_damaged_deflate_stream_is_refused_by_safezip(tmp_path):
    """zlib.error is no BadZipFile: safezip.stream (shared with package import) turns it into
    Refused too (found by fuzzing app-info)."""
    from icpdesk.package.safezip import Refused, open_checked, read_small

    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", os.urandom(64).hex() * 20)
    data = bytearray(path.read_bytes())
    data[46:58] = b"\xff" * 12  # inside the deflate stream (the local header and name end at 43)
    path.write_bytes(bytes(data))
    zf, members = open_checked(path)
    with zf, pytest.raises(Refused, match="damaged member"):
        read_small(zf, members["manifest.json"], 1 << 20)


def test_a_jks_named_file_that_is_pkcs12_as_android_studio_writes_them(tmp_path, capsys, release):
    store = make_p12(tmp_path / "upload.jks", release, "studio-pass")
    code, info, _ = app_info(capsys, store, "--password", "studio-pass")
    assert code == 0 and info["kind"] == "pkcs12"
    assert_cert(info["certificates"][0], release)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("name", ["app.apk", "store.jks", "cert.pem"])
def test_a_pipe_or_a_device_is_refused_in_one_line_never_waited_on(tmp_path, capsys, name):
    """As every other reader (issue 28): a named pipe would block the first open, /dev/zero never
    ends; both are refused before any reading, exit 2."""
    pipe = tmp_path / name
    os.mkfifo(pipe)
    for target in (pipe, Path("/dev/zero")):
        code, _out, err = run_cli(["app-info", str(target), "--password", "x"], capsys)
        assert code == 2 and "不是普通文件" in err and "Traceback" not in err
