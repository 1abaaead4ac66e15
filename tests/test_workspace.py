"""The workspace on disk (icpdesk/workspace.py) and its command line."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

import pytest
from conftest import enterprise_filing, fill_disk, good_scan, individual_filing, write_scans

from icpdesk.cli import main
from icpdesk.fileio import load_filing, save_filing
from icpdesk.workspace import Workspace, WorkspaceLocked


def _file(tmp_path, make=enterprise_filing, name="client.icpdesk.yaml"):
    f = make()
    path = tmp_path / "outside" / name
    path.parent.mkdir(exist_ok=True)
    save_filing(f, path)
    write_scans(f, path.parent)
    return path


def test_add_copies_the_filing_and_its_scans(tmp_path):
    src = _file(tmp_path)
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(src)
    filing = ws.load(id)
    assert all(m.path.startswith("scans/") for m in filing.materials)
    for m in filing.materials:
        assert (ws.folder(id) / m.path).read_bytes() == good_scan()
    for p in (src.parent / "scans").iterdir():
        p.unlink()  # the originals can go: the workspace has copies
    assert all((ws.folder(id) / m.path).is_file() for m in ws.load(id).materials)
    entry = ws.entry(id)
    assert entry.name == "杭州示例科技有限公司" and entry.province == "浙江" and entry.origin == str(src.resolve())
    assert "example.cn" in entry.domains and entry.errors == 0 and entry.status == "ready"
    assert stat.S_IMODE(ws.folder(id).stat().st_mode) == 0o700
    assert stat.S_IMODE(ws.filing_path(id).stat().st_mode) == 0o600
    assert src.read_bytes() == src.read_bytes()  # the outside file is never rewritten by add


def test_duplicate_keeps_the_principal_and_its_scans_only(tmp_path):
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(_file(tmp_path))
    twin = ws.duplicate(id)
    f = ws.load(twin)
    assert f.principal == ws.load(id).principal and not f.websites and not f.apps
    assert {m.for_ for m in f.materials} == {"principal"}
    assert all((ws.folder(twin) / m.path).is_file() for m in f.materials)


def test_trash_and_restore(tmp_path):
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(_file(tmp_path))
    ws.trash(id)
    assert id not in ws.ids() and [e.id for e in ws.trashed()] == [id]
    ws.restore(id)
    assert id in ws.ids() and ws.load(id).principal.name == "杭州示例科技有限公司"


def test_write_back_takes_the_scans_along(tmp_path):
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(_file(tmp_path))
    target = tmp_path / "elsewhere" / "copy.icpdesk.yaml"
    target.parent.mkdir()
    ws.write_back(id, target)
    f = load_filing(target)
    assert all((target.parent / m.path).is_file() and m.path.startswith("copy.scans/") for m in f.materials)


def test_a_broken_meta_is_rebuilt_from_the_filing(tmp_path):
    ws = Workspace(tmp_path / "ws").ensure()
    id = ws.add_file(_file(tmp_path))
    (ws.folder(id) / "meta.json").write_text("{not json", encoding="utf-8")
    assert ws.entry(id).name == "杭州示例科技有限公司"


def test_one_writer_and_a_dead_holder_leaves_no_stuck_lock(tmp_path):
    root = tmp_path / "ws"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from icpdesk.workspace import Workspace\n"
        f"w = Workspace(Path({str(root)!r})); w.lock(); print('locked', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WorkspaceLocked) as e:
            Workspace(root).lock()
        assert "另一个 icpdesk" in str(e.value)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    ws = Workspace(root)
    ws.lock()  # the kernel released the dead process's lock
    assert ws.locked
    ws.unlock()


def test_a_full_disk_keeps_the_last_good_filing(small_disk, tmp_path):
    ws = Workspace(small_disk / "ws").ensure()
    id = ws.create(individual_filing())
    good = ws.filing_path(id).read_bytes()
    meta = (ws.folder(id) / "meta.json").read_bytes()
    fill_disk(small_disk, leave=20_000)
    big = individual_filing()
    big.principal.remark = "备注" * 40_000
    with pytest.raises(OSError):
        ws.save(id, big, (0, 0))
    assert ws.filing_path(id).read_bytes() == good and (ws.folder(id) / "meta.json").read_bytes() == meta
    assert sorted(p.name for p in ws.folder(id).iterdir()) == ["filing.icpdesk.yaml", "meta.json"]


def _cli(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_list_validate(tmp_path, capsys):
    ws = str(tmp_path / "ws")
    good = _file(tmp_path)
    bad_filing = individual_filing()
    bad_filing.principal.leader.cert_number = "330106199001011231"
    bad = tmp_path / "outside" / "bad.icpdesk.yaml"
    save_filing(bad_filing, bad)
    code, out, _ = _cli(["workspace", "add", str(good), str(bad), "--workspace", ws], capsys)
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = _cli(["workspace", "list", "--json", "--workspace", ws], capsys)
    rows = json.loads(out)
    assert {r["name"] for r in rows} == {"杭州示例科技有限公司", "张三"}
    assert {"id", "province", "domains", "filing_type", "status", "errors", "warnings", "updated"} <= set(rows[0])
    code, out, _ = _cli(["workspace", "validate", "--workspace", ws, "--today", "2026-11-23"], capsys)
    assert code == 1 and "共 2 个备案，1 个有错误" in out
    code, out, _ = _cli(["workspace", "validate", "--json", "--workspace", ws, "--today", "2026-11-23"], capsys)
    by_name = {r["name"]: r for r in json.loads(out)}
    assert by_name["杭州示例科技有限公司"]["errors"] == 0 and by_name["张三"]["errors"] >= 1
    assert any(f["rule"] == "person.cert_number.checksum" for f in by_name["张三"]["findings"])


def test_cli_validate_in_worker_processes_gives_the_same_verdicts(tmp_path, capsys):
    ws = Workspace(tmp_path / "ws").ensure()
    for _ in range(10):
        ws.create(enterprise_filing())  # no scans beside them: each has the missing-file errors
    code, out, _ = _cli(["workspace", "validate", "--json", "--jobs", "2", "--workspace", str(ws.root)], capsys)
    parallel = json.loads(out)
    _, out, _ = _cli(["workspace", "validate", "--json", "--jobs", "1", "--workspace", str(ws.root)], capsys)
    assert code == 1 and len(parallel) == 10 and parallel == json.loads(out)
