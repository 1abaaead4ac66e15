"""Windows and macOS on a Linux machine (issue 29): names every platform accepts, the workspace
lock without fcntl and shared with the command line, writes without O_TMPFILE, the process clock.
.ci/run also runs the workspace, atomic-save and image-batch tests again with ICPDESK_TEST_PORTABLE=1
(fcntl unimportable, workers spawned: tests/portable/sitecustomize.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY, enterprise_filing, good_scan
from packages import filing_on_disk
from pathvalidate import is_valid_filename

from icpdesk import process_age
from icpdesk.atomic import atomic_write
from icpdesk.cli import main
from icpdesk.fileio import load_filing, save_filing
from icpdesk.package.export import export_package
from icpdesk.package.layout import manifest_digest
from icpdesk.package.verify import import_package
from icpdesk.portable_names import portable_name, portable_names
from icpdesk.workspace import Workspace

PORTABLE = Path(__file__).resolve().parent / "portable"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _windows_ok(names: list[str]) -> bool:
    return (all(is_valid_filename(n, platform="windows") for n in names)
            and len({n.casefold() for n in names}) == len(names))


@pytest.mark.parametrize(("name", "portable"), [
    ("CON.jpg", "CON_.jpg"), ("nul", "nul_"), ("com1.png", "com1_.png"), ("LPT9.pdf", "LPT9_.pdf"),
    ("扫描件:正面?.jpg", "扫描件正面.jpg"), ("a<b>|c*.png", "abc.png"), ("末尾. ", "末尾"),
    ("营业执照.jpg", "营业执照.jpg"),
    ("", "file"), ("..", "file"),
])
def test_names_windows_refuses_become_names_it_accepts(name, portable):
    assert portable_name(name) == portable
    assert is_valid_filename(portable_name(name), platform="windows")


def test_names_that_differ_only_by_case_are_kept_apart():
    mapped = portable_names(["Scan.jpg", "scan.jpg", "SCAN.JPG", "aux.jpg", "AUX.jpg"])
    assert mapped["Scan.jpg"] == "Scan.jpg"  # the first keeps its name
    assert _windows_ok(list(mapped.values()))


def test_scans_copied_into_the_workspace_get_names_every_platform_accepts(tmp_path):
    f = enterprise_filing()
    f.materials = f.materials[:4]
    outside = tmp_path / "outside"
    names = ["CON.jpg", "Scan.jpg", "scan.jpg", "a:b.jpg"]
    for i, m in enumerate(f.materials[:4]):
        m.path = f"scans/{names[i]}"
        (outside / "scans").mkdir(parents=True, exist_ok=True)
        (outside / m.path).write_bytes(good_scan() + bytes([i]))  # four different files
    save_filing(f, outside / "client.icpdesk.yaml")
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(outside / "client.icpdesk.yaml")
    copied = [Path(m.path).name for m in ws.load(id).materials[:4]]
    assert _windows_ok(copied) and copied[1] == "Scan.jpg"
    for i, m in enumerate(ws.load(id).materials[:4]):
        assert (ws.folder(id) / m.path).read_bytes() == good_scan() + bytes([i])
    target = tmp_path / "elsewhere" / "NUL.icpdesk.yaml"  # Save As under a reserved name
    target.parent.mkdir()
    ws.write_back(id, target)
    back = load_filing(target)
    assert all(m.path.startswith("NUL_.scans/") and (target.parent / m.path).is_file() for m in back.materials)


def test_a_package_made_on_linux_with_names_windows_refuses_imports_under_portable_names(tmp_path):
    src = filing_on_disk(tmp_path)
    package = export_package(src, tmp_path / "p.zip", now=NOW).path
    # (two members that differ only by case are refused as duplicates: icpdesk/package/safezip.py)
    odd = ["materials/CON.jpg", "materials/aux.JPG", "materials/nul", "materials/last."]
    renamed = tmp_path / "linux.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(renamed, "w") as zout:
        manifest = json.loads(zin.read("manifest.json"))
        members = [m["path"] for m in manifest["filing"]["materials"]]
        mapping = dict(zip(members, odd, strict=False))
        for m in manifest["filing"]["materials"]:
            m["path"] = mapping.get(m["path"], m["path"])
        for entry in manifest["files"]:
            entry["path"] = mapping.get(entry["path"], entry["path"])
        manifest["digest"] = manifest_digest(manifest)
        for info in zin.infolist():
            data = json.dumps(manifest, ensure_ascii=False).encode() if info.filename == "manifest.json" \
                else zin.read(info)
            zout.writestr(mapping.get(info.filename, info.filename), data)
        originals = {mapping.get(n, n): zin.read(n) for n in members}
    path, report = import_package(renamed, tmp_path / "imported")
    assert report.ok, report.integrity  # the manifest is checked under the package's own names
    imported = load_filing(path)
    names = [Path(m.path).name for m in imported.materials]
    assert _windows_ok(sorted(set(names))) and not {"CON.jpg", "aux.JPG", "nul", "last."} & set(names)
    for m, original in zip(imported.materials, manifest["filing"]["materials"], strict=True):
        assert (path.parent / m.path).read_bytes() == originals[original["path"]]


def _hold(root: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", (
        "import time; from pathlib import Path; from icpdesk.workspace import Workspace\n"
        f"w = Workspace(Path({str(root)!r})); w.lock(); print('locked', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, env=env)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_the_command_line_refuses_to_write_a_workspace_the_app_holds(tmp_path, capsys):
    """Issue 28 item 12: `workspace add` takes the app's lock (ui/main_window.py: Workspace.lock)."""
    root = tmp_path / "ws"
    src = tmp_path / "client.icpdesk.yaml"
    save_filing(enterprise_filing(), src)
    holder = _hold(root)
    try:
        assert main(["workspace", "add", "--workspace", str(root), str(src)]) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "另一个 icpdesk" in err and "Traceback" not in err
        assert Workspace(root).ids() == []  # nothing was written
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert main(["workspace", "add", "--workspace", str(root), str(src)]) == 0  # the dead holder's lock is gone
    assert len(Workspace(root).ids()) == 1
    assert main(["workspace", "list", "--workspace", str(root)]) == 0  # reading needs no lock


def test_the_lock_holds_and_recovers_without_fcntl(tmp_path):
    """Windows has no fcntl: the workspace module imports, one writer holds, a dead one's lock goes."""
    root = tmp_path / "ws"
    env = {**os.environ, "ICPDESK_TEST_PORTABLE": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(PORTABLE), os.environ.get("PYTHONPATH")) if p)}
    probe = subprocess.run([sys.executable, "-c", (
        "from pathlib import Path\n"
        "from icpdesk.workspace import Workspace, WorkspaceLocked\n"
        "try:\n    import fcntl  # noqa\n    print('fcntl importable')\nexcept ImportError:\n    pass\n"
        f"try:\n    Workspace(Path({str(root)!r})).lock()\n    print('taken')\n"
        "except WorkspaceLocked:\n    print('refused')")],
        env=env, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == "taken", probe.stderr  # free (and released when its process ended)
    holder = _hold(root, env)
    try:
        again = subprocess.run(probe.args, env=env, capture_output=True, text=True, timeout=60)
        assert again.stdout.strip() == "refused", again.stderr
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    after = subprocess.run(probe.args, env=env, capture_output=True, text=True, timeout=60)
    assert after.stdout.strip() == "taken", after.stderr  # a dead holder's lock is recovered


def test_an_atomic_write_without_unnamed_files_leaves_only_the_file(tmp_path, monkeypatch):
    """Windows and macOS have no O_TMPFILE: a named temporary file, renamed with os.replace."""
    import icpdesk.atomic as atomic

    monkeypatch.setattr(atomic, "_open_unnamed", lambda folder, mode: -1)
    target = tmp_path / "filing.icpdesk.yaml"
    target.write_bytes(b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == [target.name]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken)
    with pytest.raises(OSError):
        atomic_write(target, b"newer")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == [target.name]


def test_the_process_clock_answers_on_this_platform():
    age = process_age()
    assert age is not None and 0 < age < 600  # this process started within the test run


def test_validate_all_works_with_spawned_workers(tmp_path):
    """Windows and macOS start pool workers with spawn: what they run must import and pickle."""
    import multiprocessing as mp

    from icpdesk.workspace_validate import validate_all

    ws = Workspace(tmp_path / "ws").ensure()
    for _ in range(8):
        ws.create(enterprise_filing())
    ctx = mp.get_start_method(allow_none=True)
    mp.set_start_method("spawn", force=True)
    try:
        results = validate_all(ws, jobs=2, today=TODAY)
    finally:
        mp.set_start_method(ctx, force=True)
    assert len(results) == 8 and all("errors" in r for r in results)


def test_a_filing_id_with_a_windows_separator_is_refused(tmp_path):
    from icpdesk.errors import IcpdeskError

    ws = Workspace(tmp_path / "ws").ensure()
    for bad in ("..\\outside", "a\\b", "a/b", ".trash"):
        with pytest.raises(IcpdeskError):
            ws.folder(bad)
