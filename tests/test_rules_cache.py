"""The rules' parse kept across runs (issue 17): found only for the same bytes, a corrupt or
tampered cache file ignored and rebuilt, every rule still validated."""

from __future__ import annotations

import json
import shutil

import pytest

from icpdesk import rules_cache, rules_snapshot
from icpdesk.paths import rules_dir
from icpdesk.shipped import load_rulebook


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    """A process that has parsed nothing yet, with its own cache folder and rules copy."""
    monkeypatch.setenv("ICPDESK_CACHE", str(tmp_path / "cache"))
    _restart(monkeypatch)
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    return rules


def _restart(monkeypatch) -> None:
    """A new process after a change of icpdesk's code: the validated snapshot does not serve it
    (tests/test_rules_snapshot.py), the parse of the unchanged files does."""
    snapshot = rules_snapshot.snapshot_file()
    if snapshot is not None:
        snapshot.unlink(missing_ok=True)
    monkeypatch.setattr(rules_cache, "PARSED", {})
    monkeypatch.setattr(rules_cache, "USED", set())
    monkeypatch.setattr(rules_cache, "_read", False)


def test_the_second_start_reads_the_parse_and_a_changed_file_is_read_again(fresh, monkeypatch):
    first = load_rulebook(fresh)
    version = first.version  # the digest of the files as they are now
    where = rules_cache.cache_file()
    assert where is not None and where.is_file()
    _restart(monkeypatch)
    assert rules_cache.load() > 40
    path = fresh / "national" / "input.yaml"
    path.write_text(path.read_text("utf-8").replace("内容过长（{length} 个字符", "太长了（{length} 个字符", 1), "utf-8")
    _restart(monkeypatch)
    second = load_rulebook(fresh)
    assert second.version != version
    rule = next(r for r in second.national if r.id == "input.too_long.name")
    assert rule.message.startswith("太长了")  # the edited file, not its old parse


@pytest.mark.parametrize("damage", ["truncate", "tamper", "format"])
def test_a_corrupt_or_tampered_cache_is_ignored_and_rebuilt(fresh, monkeypatch, damage):
    good = load_rulebook(fresh)
    where = rules_cache.cache_file()
    data = json.loads(where.read_text("utf-8"))
    if damage == "truncate":
        where.write_text(where.read_text("utf-8")[:500], "utf-8")
    elif damage == "tamper":  # a rule's message changed in the cache, checksum not recomputed
        key = next(iter(data["entries"]))
        data["entries"][key] = data["entries"][key].replace("{", "{ ", 1) + " "
        where.write_text(json.dumps(data), "utf-8")
    else:
        data["format"] = "something/else@9"
        where.write_text(json.dumps(data), "utf-8")
    _restart(monkeypatch)
    assert rules_cache.load() == 0
    again = load_rulebook(fresh)
    assert [(r.id, r.severity, r.message) for r in again.national] == \
        [(r.id, r.severity, r.message) for r in good.national]
    _restart(monkeypatch)
    assert rules_cache.load() > 40  # rebuilt


def test_off_reads_and_writes_nothing(fresh, monkeypatch, tmp_path):
    monkeypatch.setenv("ICPDESK_CACHE", "off")
    load_rulebook(fresh)
    assert rules_cache.cache_file() is None and not (tmp_path / "cache").exists()


def test_a_second_command_line_run_parses_no_rules_file(tmp_path):
    """The command line reads a catalogue for its --help before the rulebook: the cache must be
    read before that first parse too (it was not: every run parsed all 63 files again and
    rewrote the cache)."""
    import os
    import subprocess
    import sys

    from conftest import individual_filing

    from icpdesk.fileio import save_filing

    save_filing(individual_filing(), tmp_path / "f.icpdesk.yaml")
    env = {**os.environ, "ICPDESK_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "icpdesk", "validate", str(tmp_path / "f.icpdesk.yaml"), "--no-images"]
    subprocess.run(cmd, env=env, capture_output=True, check=False)
    where = tmp_path / "cache" / "rules" / "parsed.json"
    first = where.stat().st_mtime_ns
    probe = ("import runpy, sys, yaml; calls = []; real = yaml.load\n"
             "yaml.load = lambda *a, **k: (calls.append(1), real(*a, **k))[1]\n"
             "sys.argv = ['icpdesk', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('icpdesk', run_name='__main__')\n"
             "except SystemExit:\n    pass\nprint('yaml.load calls', len(calls), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd[3:]], env=env, capture_output=True, text=True,
                         check=False)
    assert "yaml.load calls 1\n" in out.stderr  # the filing itself; no rules file
    assert where.stat().st_mtime_ns == first  # nothing parsed anew, nothing rewritten
