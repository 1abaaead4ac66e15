"""The wheel carries every package, rules/ and resources/, and no generic top-level name."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_is_listed():
    listed = set(_config()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "icpdesk").rglob("__init__.py")}
    found |= {"icpdesk_ui", "icpdesk._data.rules", "icpdesk._data.resources"}
    assert found == listed


def test_no_generic_top_level_names_and_data_inside_the_package():
    cfg = _config()
    tops = {p.split(".")[0] for p in cfg["packages"]}
    assert tops == {"icpdesk", "icpdesk_ui"}
    assert cfg["package-dir"]["icpdesk._data.rules"] == "rules"
    assert cfg["package-dir"]["icpdesk._data.resources"] == "resources"
    assert cfg["package-dir"]["icpdesk_ui"] == "ui"
