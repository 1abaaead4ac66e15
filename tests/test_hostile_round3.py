"""Hostile and odd input, round three (issue 28): special files, scans from outside, damaged
caches, leftovers after a kill. Each test goes through the command line (a process of its own
where the old code hung: a named pipe blocks an open forever) or the real window, and fails on
the code before the fix. Items 6, 7 (images) and 12 (the CLI's workspace lock) are elsewhere."""

from __future__ import annotations

import json
import os
import pickle
import random
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY, enterprise_filing
from conftest import run_cli as run
from imagegen import save, sheet
from packages import filing_on_disk, zip_with

from icpdesk.engine import Validator
from icpdesk.fileio import load_filing, save_filing
from icpdesk.package.export import export_package
from icpdesk.workspace import META, Workspace

HANG = 60  # seconds: a command that has not answered by then hangs (it answers in about one)


def cli(args: list[str], tmp: Path, timeout: float = HANG, **env: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, so that a hang fails the test instead of
    stopping the run; a private TMPDIR and cache (the caches are part of what is tested)."""
    full = {**os.environ, "TMPDIR": str(tmp / "tmpdir"), "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp / "config"), **env}
    (tmp / "tmpdir").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "icpdesk", *args], capture_output=True, text=True,
                          timeout=timeout, env=full, cwd=tmp)


def one_line(p: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in p.stderr, p.stderr
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


@pytest.fixture()
def package(tmp_path) -> Path:
    src = filing_on_disk(tmp_path)
    return export_package(src, tmp_path / "p.zip", validator=Validator(today=TODAY)).path


# --- 1: special files read without bound -------------------------------------------------------

SPECIAL = ["fifo", "zero", "folder"]


def _special(path: Path, what: str) -> Path:
    if what == "fifo":
        os.mkfifo(path)
    elif what == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("what", SPECIAL)
@pytest.mark.parametrize("command", ["validate", "plan", "export", "workspace add"])
def test_a_special_file_as_the_filing_is_refused_at_once(tmp_path, what, command):
    src = _special(tmp_path / "f.icpdesk.yaml", what)
    args = [*command.split(), str(src)]
    if command == "export":
        args += ["-o", str(tmp_path / "out.zip")]
    if command == "workspace add":
        args += ["--workspace", str(tmp_path / "ws")]
    p = cli(args, tmp_path)
    line = one_line(p)
    assert p.returncode == 2, p.stderr
    if what != "folder" or command != "validate":  # validate walks a folder for filings instead
        assert {"fifo": "named pipe", "zero": "device", "folder": "directory"}[what] in line, line
    assert not (tmp_path / "out.zip").exists()
    assert not (tmp_path / "ws").exists() or Workspace(tmp_path / "ws").ids() == []


@pytest.mark.parametrize("what", ["fifo", "zero"])
@pytest.mark.parametrize("command", ["verify", "import", "review"])
def test_a_special_file_as_the_package_is_refused_at_once(tmp_path, what, command):
    pkg = _special(tmp_path / "p.zip", what)
    args = [command, str(pkg)] + (["-o", str(tmp_path / "out")] if command == "import" else [])
    p = cli(args, tmp_path)
    assert p.returncode == 2 and ("named pipe" if what == "fifo" else "device") in one_line(p)
    assert not (tmp_path / "out").exists()


def test_the_app_opening_a_pipe_gets_ready_and_says_why(tmp_path):
    fifo = _special(tmp_path / "f.icpdesk.yaml", "fifo")
    p = cli(["--smoke", "--workspace", str(tmp_path / "ws"), str(fifo)], tmp_path)
    assert p.returncode == 0 and "window ready" in p.stdout, p.stderr
    assert "named pipe" in p.stderr


def _workspace_with_one(tmp_path) -> tuple[Workspace, str, str]:
    ws = Workspace(tmp_path / "ws").ensure()
    ok = ws.add_file(filing_on_disk(tmp_path))
    (tmp_path / "b").mkdir()
    other = ws.add_file(filing_on_disk(tmp_path / "b"))
    return ws, ok, other


@pytest.mark.parametrize("what", ["fifo", "zero"])
def test_special_files_inside_the_workspace_cost_only_themselves(tmp_path, what):
    """A pipe as one filing's meta.json and review.json: list and validate answer; the entry
    is rebuilt from its filing; the app's window gets ready."""
    ws, ok, other = _workspace_with_one(tmp_path)
    (ws.folder(other) / META).unlink()
    _special(ws.folder(other) / META, what)
    _special(ws.folder(ok) / "review.json", what)
    p = cli(["workspace", "list", "--json", "--workspace", str(ws.root)], tmp_path)
    assert p.returncode == 0, p.stderr
    assert {r["id"] for r in json.loads(p.stdout)} == {ok, other}
    p = cli(["workspace", "validate", "--json", "--workspace", str(ws.root), "--today", TODAY.isoformat()], tmp_path)
    assert p.returncode in (0, 1) and {r["id"] for r in json.loads(p.stdout)} == {ok, other}, p.stderr
    p = cli(["--smoke", "--workspace", str(ws.root)], tmp_path)
    assert p.returncode == 0 and "window ready" in p.stdout, p.stderr


@pytest.mark.parametrize("what", ["fifo", "zero", "folder"])
def test_special_files_as_the_caches_are_ignored(tmp_path, what):
    """The rules snapshot, the rules' parse cache and an image verdict: a pipe, a device or a
    folder in their place is ignored (the rules are loaded in full), never read."""
    cache = tmp_path / "cache"
    src = filing_on_disk(tmp_path)
    first = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    assert first.returncode == 0, first.stderr
    targets = [cache / "rules" / "rulebook.snapshot", cache / "rules" / "parsed.json",
               *list(cache.glob("??/*.json"))[:1]]
    assert all(t.exists() for t in targets) and len(targets) == 3, sorted(map(str, cache.rglob("*")))
    for t in targets:
        t.unlink()
        _special(t, what)
    again = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    assert again.returncode == 0 and json.loads(again.stdout) == json.loads(first.stdout), again.stderr


# --- 2: a symlink loop as the filing -------------------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "plan", "export", "workspace add"])
def test_a_symlink_loop_as_the_filing_is_one_line(tmp_path, capsys, command):
    loop = tmp_path / "f.icpdesk.yaml"
    loop.symlink_to(loop)
    args = [*command.split(), str(loop)]
    args += ["-o", str(tmp_path / "o.zip")] if command == "export" else []
    args += ["--workspace", str(tmp_path / "ws")] if command == "workspace add" else []
    code, _, err = run(args, capsys)
    assert code == 2 and "symbolic link loop" in err and len(err.strip().splitlines()) == 1, err


def test_a_symlink_loop_opened_in_the_app_gets_the_window_ready(tmp_path):
    loop = tmp_path / "f.icpdesk.yaml"
    loop.symlink_to(loop)
    p = cli(["--smoke", "--workspace", str(tmp_path / "ws"), str(loop)], tmp_path)
    assert p.returncode == 0 and "window ready" in p.stdout, p.stderr
    assert "Traceback" not in p.stderr and "symbolic link loop" in p.stderr


# --- 3: scans outside the filing's folder ------------------------------------------------------

def _outside_filing(tmp_path: Path, how: str) -> tuple[Path, bytes]:
    """A filing whose first scan lies outside its folder: absolute, ../ or a link out."""
    folder = tmp_path / "client"
    folder.mkdir()
    src = filing_on_disk(folder)
    secret = tmp_path / "private" / "secret.jpg"
    secret.parent.mkdir()
    save(sheet(1200, 900, seed=42), secret, "JPEG")
    f = load_filing(src)
    if how == "absolute":
        f.materials[0].path = str(secret)
    elif how == "dotdot":
        f.materials[0].path = "../private/secret.jpg"
    else:
        (folder / "link.jpg").symlink_to(secret)
        f.materials[0].path = "link.jpg"
    save_filing(f, src)
    return src, secret.read_bytes()


def _bytes_in(root: Path) -> list[bytes]:
    return [p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


@pytest.mark.parametrize("how", ["absolute", "dotdot", "link"])
def test_workspace_add_copies_no_outside_scan_unless_allowed(tmp_path, capsys, how):
    src, secret = _outside_filing(tmp_path, how)
    root = tmp_path / "ws"
    code, out, err = run(["workspace", "add", "--workspace", str(root), str(src)], capsys)
    assert code == 1 and "--allow-outside" in err, err
    assert secret not in _bytes_in(root)  # not copied in
    id = out.split("\t")[0]
    code, out, _ = run(["workspace", "validate", "--json", "--workspace", str(root)], capsys)
    rules = {(f["rule"], f["path"]) for r in json.loads(out) if r["id"] == id for f in r["findings"]}
    assert code == 1 and ("material.path.outside", "materials[0].path") in rules  # the finding stays
    ws_filing = Workspace(root).filing_path(id)
    code, _, _ = run(["export", str(ws_filing), "-o", str(tmp_path / "p.zip")], capsys)
    assert code == 1 and not (tmp_path / "p.zip").exists()  # and the export packs nothing
    code, out, err = run(["workspace", "add", "--allow-outside", "--workspace", str(root), str(src)], capsys)
    assert code == 0 and secret in _bytes_in(Workspace(root).folder(out.split("\t")[0])), err


def test_the_app_asks_before_copying_an_outside_scan(qtbot, tmp_path):
    from PySide6.QtCore import QSettings, Qt

    from icpdesk_ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    src, secret = _outside_filing(tmp_path, "absolute")
    w = MainWindow(Workspace(tmp_path / "ws"), validator=Validator(today=TODAY))
    qtbot.addWidget(w)
    w.show()
    try:
        id = w.open_path(src)
        assert id and w.notice.is_error() and "secret.jpg" in w.notice.text()
        assert secret not in _bytes_in(w.ws.folder(id))
        assert "material.path.outside" in {f.rule for f in w.models[id].doc.findings}
        button = next(b for b in w.notice.buttons if b.text() == "复制这些扫描件")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert secret in _bytes_in(w.ws.folder(id))  # the user said yes: now copied, and saved so
        assert load_filing(w.ws.filing_path(id)).materials[0].path.startswith("scans/")
        assert "material.path.outside" not in {f.rule for f in w.models[id].doc.findings}
    finally:
        w.shutdown()


# --- 4, 5: plan and export judge a material's file as validate does ----------------------------

@pytest.mark.parametrize("bad", ["missing", "outside", "empty", "folder", "fifo"])
def test_plan_does_not_tick_a_material_whose_file_is_bad(tmp_path, capsys, bad):
    src = filing_on_disk(tmp_path)
    code, out, _ = run(["plan", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    assert code == 0 and json.loads(out)["ok"]
    f = load_filing(src)
    m = f.materials[0]
    target = tmp_path / m.path
    target.unlink()
    if bad == "outside":
        m.path = "/etc/hostname"
    elif bad == "empty":
        target.write_bytes(b"")
    elif bad == "folder":
        target.mkdir()
    elif bad == "fifo":
        os.mkfifo(target)
    save_filing(f, src)
    code, out, _ = run(["plan", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    plan = json.loads(out)
    row = next(r for r in plan["materials"] if (r["kind"], r["for"]) == (m.kind, m.for_))
    assert code == 1 and not plan["ok"] and not row["present"] and row["problem_en"], row
    code, out, _ = run(["plan", "--lang", "en", "--today", TODAY.isoformat(), str(src)], capsys)
    assert code == 1 and row["problem_en"] in out
    code, out, _ = run(["validate", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    assert code == 1  # validate says the same


def test_an_empty_material_path_fails_validate_as_it_fails_export(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.materials[0].path = ""
    save_filing(f, src)
    code, out, _ = run(["validate", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    hits = {(x["rule"], x["path"]) for x in json.loads(out)["findings"]}
    assert code == 1 and ("material.file.exists", "materials[0].path") in hits
    code, out, _ = run(["export", "--today", TODAY.isoformat(), str(src), "-o", str(tmp_path / "p.zip")], capsys)
    assert code == 1 and not (tmp_path / "p.zip").exists()


# --- 8: one deeply nested entry costs only itself ---------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_a_deeply_nested_meta_json_costs_only_its_entry(tmp_path):
    ws, ok, other = _workspace_with_one(tmp_path)
    (ws.folder(other) / META).write_text(DEEP)
    (ws.folder(ok) / META).write_text(f'{{"id": "{ok}", "name": {DEEP}}}')
    for command in ("list", "validate"):
        p = cli(["workspace", command, "--json", "--workspace", str(ws.root)], tmp_path)
        assert p.returncode in (0, 1) and "RecursionError" not in p.stderr, p.stderr
        rows = {r["id"]: r for r in json.loads(p.stdout)}
        assert set(rows) == {ok, other} and rows[ok]["name"] == "杭州示例科技有限公司"  # rebuilt from the filing
    p = cli(["--smoke", "--workspace", str(ws.root)], tmp_path)
    assert p.returncode == 0 and "window ready" in p.stdout, p.stderr


def test_deeply_nested_cache_entries_cost_only_themselves(tmp_path):
    cache = tmp_path / "cache"
    src = filing_on_disk(tmp_path)
    first = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    verdict = next(cache.glob("??/*.json"))
    verdict.write_text(f'{{"key": {DEEP}}}')
    parsed = cache / "rules" / "parsed.json"
    (cache / "rules" / "rulebook.snapshot").unlink()  # so the parse cache is read
    data = json.loads(parsed.read_text("utf-8"))
    data["entries"] = {k: DEEP for k in data["entries"]}  # each entry: a nested list, checksum made right
    from icpdesk.rules_cache import _checksum

    data["checksum"] = _checksum(data["entries"])
    parsed.write_text(json.dumps(data))
    again = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    assert again.returncode == 0 and json.loads(again.stdout) == json.loads(first.stdout), again.stderr
    parsed.write_text(f'{{"format": {DEEP}}}')
    again = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    assert again.returncode == 0, again.stderr


# --- 9: a crafted rules snapshot ---------------------------------------------------------------

def test_a_crafted_snapshot_with_the_right_checksum_is_rebuilt(tmp_path):
    import hashlib

    from icpdesk import rules_snapshot
    from icpdesk.paths import rules_dir
    from icpdesk.rulebook import Rulebook
    from icpdesk.shipped import PLUGINS

    cache = tmp_path / "cache"
    src = filing_on_disk(tmp_path)
    first = cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path, ICPDESK_CACHE=str(cache))
    snapshot = cache / "rules" / "rulebook.snapshot"
    empty = Rulebook.__new__(Rulebook)
    for body in (pickle.dumps(empty), pickle.dumps(_hollow(empty))):
        snapshot.write_bytes(rules_snapshot.MAGIC + rules_snapshot.key(rules_dir(), PLUGINS)
                             + hashlib.sha256(body).digest() + body)
        for command in (["validate", "--json", "--today", TODAY.isoformat(), str(src)], ["rules", "--json"],
                        ["plan", "--today", TODAY.isoformat(), str(src)]):
            p = cli(command, tmp_path, ICPDESK_CACHE=str(cache))
            assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
        assert p.returncode == 0
    assert json.loads(cli(["validate", "--json", "--today", TODAY.isoformat(), str(src)], tmp_path,
                           ICPDESK_CACHE=str(cache)).stdout) == json.loads(first.stdout)


def _hollow(rb):
    """A rulebook with every attribute but empty inner objects (a province with no __dict__)."""
    from icpdesk.shipped import default_rulebook

    real = default_rulebook()
    state = {k: v for k, v in real.__dict__.items() if k != "plugins"}
    state["_national_province"] = type(real._national_province).__new__(type(real._national_province))
    rb.__dict__.update(state)
    return rb


# --- 10: nothing with personal data outlives a kill -9 ----------------------------------------

def _leftovers(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if "icpdesk" in p.name)


def test_a_killed_review_window_leaves_no_scans_after_the_next_start(tmp_path, package):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    code = ("import sys, time\n"
            "from pathlib import Path\n"
            "from icpdesk.package.review import OpenedPackage\n"
            f"o = OpenedPackage(Path({str(package)!r}))\n"
            "print(len(o.scans), flush=True)\n"
            "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmpdir)})
    assert int(proc.stdout.readline()) > 0
    assert _leftovers(tmpdir)  # the unpacked scans, while it runs
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    p = cli(["verify", str(package)], tmp_path)  # the next start
    assert p.returncode == 0, p.stderr
    assert _leftovers(tmpdir) == []


def test_a_killed_verify_images_leaves_no_scans_after_the_next_start(tmp_path, package):
    """verify --images killed while its scans are unpacked (the moment they appear)."""
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir), "ICPDESK_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "icpdesk", "verify", "--images", str(package)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + HANG
    while not any((p / "materials").is_dir() for p in tmpdir.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _leftovers(tmpdir), "killed before it unpacked: the test did not test"
    p = cli(["verify", "--images", str(package)], tmp_path)  # the next start, which also unpacks
    assert p.returncode == 0, p.stderr
    assert _leftovers(tmpdir) == []


def test_killed_imports_leave_no_half_filing_and_no_unpacked_text(tmp_path, package):
    """20 workspace imports killed at random moments: every filing the workspace lists is whole
    (it loads, its scans are there), and after the next start no unpacked file is left."""
    tmpdir, root = tmp_path / "tmpdir", tmp_path / "ws"
    tmpdir.mkdir()
    Workspace(root).ensure()
    code = ("from pathlib import Path\n"
            "from icpdesk.workspace import Workspace\n"
            f"ws = Workspace(Path({str(root)!r}))\n"
            "print('ready', flush=True)\n"
            "while True:\n"
            f"    ws.import_package(Path({str(package)!r}))\n")
    rng = random.Random(28)
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "TMPDIR": str(tmpdir)})
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    assert _leftovers(tmpdir) == []  # nothing unpacked under TMPDIR at all
    ws = Workspace(root).ensure()  # the next start
    ids = ws.ids()
    for id in ids:
        f = ws.load(id)
        assert f.principal.name and all((ws.folder(id) / m.path).is_file() for m in f.materials), id
    hidden = [p.name for p in root.iterdir() if p.name.startswith(".") and p.name not in (".trash", ".lock")]
    assert hidden == [], hidden
    assert ids, "no import finished in 20 runs: the test did not test"


# --- 11: masking ID numbers written in groups -------------------------------------------------

def test_mask_covers_id_numbers_written_in_groups(tmp_path, capsys):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    f.principal.remark = "法人身份证 3301 0219 8806 1222 01，另一个 330102-19880612-2201，手机 138 1234 5678"
    save_filing(f, src)
    code, _, _ = run(["export", str(src), "-o", str(tmp_path / "m.zip"), "--mask"], capsys)
    assert code == 0
    with zipfile.ZipFile(tmp_path / "m.zip") as z:
        text = z.read("manifest.json").decode() + z.read("summary.html").decode()
    digits = "".join(c for c in text if c.isdigit() or c == "*")
    assert "330102198806122201" not in digits.replace("*", "")
    for shown in ("3301 0219 8806 1222 01", "330102-19880612-2201", "0219 8806", "19880612"):
        assert shown not in text, shown
    assert "3301**********2201" in text


# --- 13: outside text is never rich text ------------------------------------------------------

def _tag_package(tmp_path, package) -> Path:
    from packages import rewrite

    return rewrite(package, tmp_path / "tags.zip", add=("<img src=x>.txt", b"x"))


def test_a_member_name_with_tags_is_shown_as_text_in_the_review_window(qtbot, tmp_path, package):
    from PySide6.QtCore import Qt

    from icpdesk_ui.review_window import ReviewWindow

    window = ReviewWindow(_tag_package(tmp_path, package), validator=Validator(today=TODAY))
    qtbot.addWidget(window)
    window.show()
    assert "<img src=x>" in window.banner.text()
    assert window.banner.textFormat() == Qt.TextFormat.PlainText
    # what the user sees: the tag's text, as wide as its characters (rich text would draw an image)
    assert window.banner.sizeHint().width() >= window.banner.fontMetrics().horizontalAdvance("<img src=x>")


def test_a_member_name_with_tags_is_shown_as_text_in_the_import_notice(qtbot, tmp_path, package):
    from PySide6.QtCore import QSettings, Qt

    from icpdesk_ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    w = MainWindow(Workspace(tmp_path / "ws"), validator=Validator(today=TODAY))
    qtbot.addWidget(w)
    w.show()
    try:
        bad = zip_with(tmp_path / "bad.zip", {"manifest.json": b"{}", "<b>x</b><img src=y>": b"1"})
        w.import_package(bad)
        assert w.notice.is_error() and "<img src=y>" in w.notice.text()
        assert w.notice.label.textFormat() == Qt.TextFormat.PlainText
    finally:
        w.shutdown()


# --- 14: invisible characters in domains, e-mails and numbers ---------------------------------

@pytest.mark.parametrize("field,value,path", [
    ("domain", "exam\u200bple.cn", "websites[0].domains"),
    ("email", "zhang\u202esan@example.com", "principal.leader.email"),
    ("cert_number", "\ufeff330106198512124565", "principal.leader.cert_number"),
])
def test_invisible_characters_in_domains_emails_and_numbers_are_errors(tmp_path, capsys, field, value, path):
    src = filing_on_disk(tmp_path)
    f = load_filing(src)
    if field == "domain":
        f.websites[0].domains = [value]
    elif field == "email":
        f.principal.leader.email = value
    else:
        f.principal.leader.cert_number = value
    f.principal.name = "\u200b杭州示例科技有限公司"  # a name is cleaned, as before
    save_filing(f, src)
    code, out, _ = run(["validate", "--json", "--today", TODAY.isoformat(), str(src)], capsys)
    findings = json.loads(out)["findings"]
    errors = {(x["rule"], x["path"]) for x in findings if x["severity"] == "error"}
    assert code == 1 and ("input.invisible", path) in errors, errors
    assert not any(x["path"] == "principal.name" and x["severity"] == "error" for x in findings)
    code, _, _ = run(["export", "--today", TODAY.isoformat(), str(src), "-o", str(tmp_path / "p.zip")], capsys)
    assert code == 1 and not (tmp_path / "p.zip").exists()


# --- 15: a mistyped --workspace ---------------------------------------------------------------

@pytest.mark.parametrize("command", ["list", "validate"])
def test_a_folder_that_is_not_a_workspace_is_exit_2(tmp_path, capsys, command):
    for folder in (tmp_path / "no-such-folder", tmp_path):  # missing, or a folder of other things
        code, out, err = run(["workspace", command, "--workspace", str(folder)], capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "not an icpdesk workspace" in err, err
    assert not (tmp_path / "no-such-folder").exists()
    (tmp_path / "c").mkdir()
    src = filing_on_disk(tmp_path / "c")
    code, _, _ = run(["workspace", "add", "--workspace", str(tmp_path / "new"), str(src)], capsys)
    assert code == 0  # add still makes a new workspace
    code, out, _ = run(["workspace", command, "--json", "--workspace", str(tmp_path / "new")], capsys)
    assert code in (0, 1) and len(json.loads(out)) == 1
    empty = Workspace(tmp_path / "fresh").ensure()  # a new, empty workspace is one: []
    code, out, _ = run(["workspace", command, "--json", "--workspace", str(empty.root)], capsys)
    assert code == 0 and json.loads(out) == []


# --- 16: a damaged member is an integrity failure ----------------------------------------------

def _bad_crc(package: Path, dst: Path) -> tuple[Path, str]:
    """The package with one byte of a stored scan flipped in place: its CRC no longer matches."""
    with zipfile.ZipFile(package) as z:
        info = next(i for i in z.infolist() if i.filename.startswith("materials/"))
    data = bytearray(package.read_bytes())
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + 500] ^= 0xFF
    dst.write_bytes(bytes(data))
    return dst, info.filename


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_crc_is_an_integrity_failure_naming_the_member(tmp_path, capsys, package, lang):
    bad, name = _bad_crc(package, tmp_path / "bad.zip")
    code, out, err = run(["verify", "--lang", lang, str(bad)], capsys)
    assert code == 1 and name in out and "Bad CRC" not in out + err, (out, err)
    assert ("Integrity problems" if lang == "en" else "完整性问题") in out
    assert "damaged file" in out and "文件损坏" in out
    code, _, err = run(["import", str(bad), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and not (tmp_path / "out").exists()


def test_the_special_file_helpers_are_what_they_say(tmp_path):
    """Guard: the fixtures above make what they claim (a test of a FIFO must test a FIFO)."""
    assert stat.S_ISFIFO(os.stat(_special(tmp_path / "a", "fifo")).st_mode)
    assert stat.S_ISCHR(os.stat(_special(tmp_path / "b", "zero")).st_mode)
    assert enterprise_filing().materials


def test_a_file_name_with_tags_in_a_message_box_shows_its_characters(qtbot, tmp_path, monkeypatch):
    """The wizard's 无法打开 box quotes the file's name: a QMessageBox guesses rich text from a
    tag, so the text it is given must show `<img src=x>` as characters, never as an image."""
    from PySide6.QtGui import Qt, QTextDocument
    from PySide6.QtWidgets import QMessageBox
    from test_ui_wizard import InlinePool

    from icpdesk_ui.tasks import TaskRunner
    from icpdesk_ui.wizard import FilingWizard

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    w = FilingWizard(validator=Validator(today=TODAY), runner=TaskRunner(pool=InlinePool()))
    qtbot.addWidget(w)
    bad = tmp_path / "<img src=x>.icpdesk.yaml"
    bad.write_text("principal: [", encoding="utf-8")
    assert not w.open_file(bad)
    doc = QTextDocument()
    if Qt.mightBeRichText(shown[0]):  # as QMessageBox decides (Qt::AutoText)
        doc.setHtml(shown[0])
    else:
        doc.setPlainText(shown[0])
    assert "<img src=x>.icpdesk.yaml" in doc.toPlainText()
