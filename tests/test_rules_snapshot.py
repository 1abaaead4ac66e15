"""The validated rulebook kept across runs (issue 17): a start from it validates nothing and gives
the same rules; a changed rules file, another checks table, or a damaged, foreign or crafted
snapshot is never used."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from icpdesk import rules_snapshot
from icpdesk.paths import rules_dir
from icpdesk.rulebook import Rulebook
from icpdesk.shipped import PLUGINS, load_rulebook


@pytest.fixture()
def rules(tmp_path, monkeypatch):
    """A rules folder of its own, with a cache folder of its own."""
    monkeypatch.setenv("ICPDESK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    return folder


def _no_full_load(monkeypatch) -> list[str]:
    """Record any full load (parse and validation of the rules files) instead of doing it."""
    loads: list[str] = []
    real = Rulebook.__init__

    def counting(self, folder, plugins):
        loads.append(str(folder))
        real(self, folder, plugins)

    monkeypatch.setattr(Rulebook, "__init__", counting)
    return loads


def _summary(rb: Rulebook) -> list[tuple]:
    """What the checks read of a rulebook: every rule of every province with its typed
    parameters and sources, the settings, the overrides, the derived GB/T 2260 tables."""
    out: list[tuple] = [(rb.version, len(rb.catalogues.place_names), rb.catalogues.regions.code_known("330106"))]
    for code in rb.catalogues["provinces"].codes:
        p = rb.province(code)
        out.append((code, p.values.model_dump(), sorted(p.overridden.items())))
        out += [(r.id, r.severity, r.message, r.paths, repr(r._typed), r._cites, r._source_title) for r in p.rules]
    return out


def test_the_second_start_takes_the_validated_rules_and_they_are_the_same(rules, monkeypatch):
    first = load_rulebook(rules)
    where = rules_snapshot.snapshot_file()
    assert where is not None and where.is_file()
    loads = _no_full_load(monkeypatch)
    second = load_rulebook(rules)
    assert loads == []  # nothing parsed, nothing validated
    assert second is not first and second.plugins is PLUGINS
    assert _summary(second) == _summary(first)
    p = second.province("北京")
    assert any(r.province == p.code for r in p.rules)  # a provincial override survived


def test_a_changed_rules_file_is_loaded_in_full_and_replaces_the_snapshot(rules, monkeypatch):
    load_rulebook(rules)
    path = rules / "national" / "input.yaml"
    path.write_text(path.read_text("utf-8").replace("内容过长（{length} 个字符", "太长了（{length} 个字符", 1), "utf-8")
    loads = _no_full_load(monkeypatch)
    edited = load_rulebook(rules)
    assert loads == [str(rules)]
    assert next(r for r in edited.national if r.id == "input.too_long.name").message.startswith("太长了")
    again = load_rulebook(rules)  # the new snapshot serves the next start
    assert loads == [str(rules)] and _summary(again) == _summary(edited)


def test_another_checks_table_is_another_snapshot(rules, monkeypatch):
    load_rulebook(rules)
    fewer = dataclasses.replace(PLUGINS, conditions={k: v for k, v in list(PLUGINS.conditions.items())[1:]})
    assert rules_snapshot.load(rules, fewer) is None
    assert rules_snapshot.load(rules, PLUGINS) is not None


def _rewrite_body(where, body: bytes, key: bytes | None = None) -> None:
    """A snapshot with this body, its key and checksum made to fit (an attacker's file)."""
    data = where.read_bytes()
    head = len(rules_snapshot.MAGIC)
    key = key or data[head:head + 32]
    where.write_bytes(rules_snapshot.MAGIC + key + hashlib.sha256(body).digest() + body)


@pytest.mark.parametrize("damage", ["truncate", "flip", "format", "key", "garbage", "empty"])
def test_a_damaged_or_foreign_snapshot_is_ignored_and_rebuilt(rules, monkeypatch, damage):
    good = _summary(load_rulebook(rules))
    where = rules_snapshot.snapshot_file()
    data = where.read_bytes()
    head = len(rules_snapshot.MAGIC) + 64
    if damage == "truncate":
        where.write_bytes(data[: len(data) // 2])
    elif damage == "flip":  # one byte of the body changed, checksum not recomputed
        where.write_bytes(data[:head + 1000] + bytes([data[head + 1000] ^ 1]) + data[head + 1001:])
    elif damage == "format":
        where.write_bytes(data.replace(b"snapshot@1", b"snapshot@9", 1))
    elif damage == "key":  # made for other rules
        _rewrite_body(where, data[head:], key=bytes(32))
    elif damage == "garbage":  # fits key and checksum, is no pickle
        _rewrite_body(where, b"\x80\x05not a pickle at all")
    else:
        where.write_bytes(b"")
    loads = _no_full_load(monkeypatch)
    assert _summary(load_rulebook(rules)) == good
    assert loads == [str(rules)]
    assert rules_snapshot.load(rules, PLUGINS) is not None  # rebuilt


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


@pytest.mark.parametrize("payload", ["os.system", "builtins.eval", "an icpdesk function", "not a rulebook"])
def test_a_crafted_snapshot_runs_no_code(rules, tmp_path, monkeypatch, payload):
    """Even with the right key and checksum (anyone who can write the cache folder can compute
    them), the snapshot can only build rule data."""
    load_rulebook(rules)
    monkeypatch.chdir(tmp_path)
    if payload == "os.system":
        body = pickle.dumps(_Evil())
    elif payload == "builtins.eval":
        body = pickle.dumps(eval, protocol=4)
    elif payload == "an icpdesk function":
        from icpdesk import atomic

        body = pickle.dumps(atomic.atomic_write)
    else:
        body = pickle.dumps(["a", "list"])
    _rewrite_body(rules_snapshot.snapshot_file(), body)
    assert rules_snapshot.load(rules, PLUGINS) is None
    assert not (tmp_path / "PWNED").exists()
    assert load_rulebook(rules).national  # the full load serves, and writes a good snapshot again
    assert rules_snapshot.load(rules, PLUGINS) is not None


def test_off_reads_and_writes_no_snapshot(rules, monkeypatch, tmp_path):
    monkeypatch.setenv("ICPDESK_CACHE", "off")
    load_rulebook(rules)
    assert rules_snapshot.snapshot_file() is None and not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_costs_only_speed(rules, monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ICPDESK_CACHE", str(blocked))
    assert load_rulebook(rules).national
    assert load_rulebook(rules).national


def test_the_command_line_gives_the_same_findings_from_the_snapshot(tmp_path):
    """The user's view: `icpdesk validate` prints the same report on the first run (full load,
    snapshot written) and the second (from the snapshot), and the same as with no cache."""
    from conftest import individual_filing

    from icpdesk.fileio import save_filing

    f = individual_filing()
    f.websites[0].name = "怒江旅游网"  # a place name opens the site name: the GB/T 2260 tables
    save_filing(f, tmp_path / "f.icpdesk.yaml")
    cmd = [sys.executable, "-m", "icpdesk", "validate", str(tmp_path / "f.icpdesk.yaml"), "--no-images", "--json"]
    outs = []
    for cache in (str(tmp_path / "cache"), str(tmp_path / "cache"), "off"):
        out = subprocess.run(cmd, env={**os.environ, "ICPDESK_CACHE": cache}, capture_output=True, text=True,
                             check=False, timeout=120)
        assert out.returncode in (0, 1), out.stderr
        outs.append(out.stdout)
    assert (tmp_path / "cache" / "rules" / "rulebook.snapshot").is_file()
    assert outs[0] == outs[1] == outs[2]
    assert '"rule": "website.name.place"' in outs[0] and "怒江" in outs[0]


def test_start_up_pauses_the_cycle_collector_and_gives_it_back_as_it_was():
    import gc

    from icpdesk.long_lived import long_lived

    try:
        with long_lived():
            assert not gc.isenabled()
            kept = [{"rule": i} for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)  # frozen: never walked again
        gc.disable()
        with long_lived():
            pass
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_dated_limit_and_the_grades_come_back_from_the_snapshot(rules, monkeypatch):
    """Issue 27: a limit in force since a date (a datetime.date in the pickle) and each rule's
    grade and date survive the snapshot, so a start with them still takes it."""
    import yaml

    path = rules / "provinces" / "zhejiang.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["settings"]["max_domains_per_site"] = {"value": [{"max": 1, "since": "2024-09-01"}], "source": "[TX-PROV]"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first = load_rulebook(rules)
    loads = _no_full_load(monkeypatch)
    second = load_rulebook(rules)
    assert loads == []
    assert second.province("浙江").values.max_domains_per_site == first.province("浙江").values.max_domains_per_site
    assert [(r.id, r.grade, r.source_date) for r in second.all_rules()] == [
        (r.id, r.grade, r.source_date) for r in first.all_rules()]
    assert {r.grade for r in second.all_rules()} >= {"official", "provider"}
