"""Cities and districts for the region cascade, from python-stdnum's copy of the GB/T 2260
division codes (current entries only: a code whose years have ended is gone)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import stdnum

_MUNICIPALITIES = {"11", "12", "31", "50"}
_LINE = re.compile(r"\s+(\d{4}) county=\"(.*)\"")


def _current(names: str) -> str | None:
    """The name in force now from a value like '[1985-1986]滨海区,[1987-]北仑区'."""
    for part in reversed(names.split(",")):
        m = re.fullmatch(r"\[(\d*)-(\d*)\](.+)", part)
        if m is None:
            return part
        if not m.group(2):
            return m.group(3)
    return None


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, list[str]]]:
    """province code (2 digits) → city → districts."""
    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    out: dict[str, dict[str, list[str]]] = {}
    province = ""
    cities: dict[str, list[str]] = {}
    city_names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\d{2} province=", line):
            province = line[:2]
            cities = out.setdefault(province, {})
            city_names = {}
            continue
        m = _LINE.match(line)
        if not m or not province:
            continue
        code, name = m.group(1), _current(m.group(2))
        if not name or code == "0000" or name in ("市辖区", "县") or "直辖" in name:
            continue
        prefecture, county = code[:2], code[2:]
        if province in _MUNICIPALITIES:
            city_names["00"] = ""
            cities.setdefault("", []).append(name)
        elif county == "00":
            city_names[prefecture] = name
            cities.setdefault(name, [])
        elif prefecture in city_names:
            cities[city_names[prefecture]].append(name)
        else:  # a county directly under the province (省直辖县级行政区划)
            cities.setdefault(name, [])
    return out


def cities(gb2260: str, province_name: str) -> list[str]:
    """Cities of a province; a municipality's only city is itself (北京市)."""
    table = _table().get(gb2260[:2], {})
    if gb2260[:2] in _MUNICIPALITIES:
        return [province_name]
    return list(table)


def districts(gb2260: str, city: str) -> list[str]:
    table = _table().get(gb2260[:2], {})
    if gb2260[:2] in _MUNICIPALITIES:
        return table.get("", [])
    return table.get(city, [])
