"""The GB/T 2260 division codes: cities and districts for the region cascade, and for the checks
whether a county code ever existed and whether a district name is one that was abolished.

The table is python-stdnum's dated copy (every name with the years it was in force), corrected
by the `regions` catalogue (rules/catalogues/regions.yaml): divisions the copy lacks, with the
year they were created, checked against the National Bureau of Statistics' latest codes. Old
names stay as history, so an old ID number's county code still resolves.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import stdnum

_MUNICIPALITIES = {"11", "12", "31", "50"}
_PLACEHOLDERS = {"市辖区", "县", "市区", "郊区"}


# administrative suffixes, longest first: the short form of a name drops one (浙江省 → 浙江)
_PLACE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
                   "自治旗", "地区", "林区", "新区", "省", "市", "区", "县", "盟", "旗")


# the 55 minority nationalities, for the short form of autonomous areas (怒江傈僳族自治州 → 怒江)
_PEOPLES = sorted([
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴",
    "基诺"
], key=len, reverse=True)


def short_name(name: str) -> str:
    """The name without its administrative suffix: 浙江省 → 浙江, 怒江傈僳族自治州 → 怒江."""
    for suffix in _PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped and name.endswith("族"):
        stripped = False
        for people in _PEOPLES:
            if name.endswith(people + "族") and len(name) - len(people) - 1 >= 2:
                name, stripped = name[: -len(people) - 1], True
                break
    return name


class Name(NamedTuple):
    """One name a code had, with the years it was in force (None: open). A tuple: the table
    holds about 7,000 of them and is built on the first check that needs it."""

    code: str  # 6 digits
    name: str
    since: int | None
    until: int | None

    @property
    def current(self) -> bool:
        return self.until is None


def _year(text: str) -> int | None:
    return int(text) if text else None


def _names(code: str, value: str) -> list[Name]:
    out = []
    for part in value.split(","):
        if part.startswith("[") and "]" in part:  # [since-until]name, either year may be open
            span, name = part[1:].split("]", 1)
            since, _, until = span.partition("-")
            if (since.isdigit() or not since) and (until.isdigit() or not until) and name:
                out.append(Name(code, name, _year(since), _year(until)))
                continue
        out.append(Name(code, part, None, None))
    return out


@lru_cache(maxsize=1)
def _stdnum_table() -> tuple[Name, ...]:
    """python-stdnum's cn/loc.dat: `NN province="…"` lines, then `  NNNN county="…"` lines."""
    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    out: list[Name] = []
    province = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:2].isdigit() and line[2:12] == " province=":
            province = line[:2]
        elif province and line[:2] == "  " and line[6:15] == ' county="' and line.endswith('"') \
                and line[2:6].isdigit():
            out += _names(province + line[2:6], line[15:-1])
    return tuple(out)


class RegionTable:
    """Every division name over time, by code; `corrections` are entries of the `regions`
    catalogue ({code, zh, since, until?})."""

    def __init__(self, corrections: Iterable[Any] = ()) -> None:
        self.by_code: dict[str, list[Name]] = {}
        for n in _stdnum_table():
            self.by_code.setdefault(n.code, []).append(n)
        for e in corrections:
            replaced = e.get("replaces")
            names = self.by_code.setdefault(e.code, [])
            if replaced:
                names[:] = [n for n in names if n.name != replaced]
            names.append(Name(e.code, e.zh, e.get("since"), e.get("until")))

    def code_known(self, code: str) -> bool:
        """The county code was in GB/T 2260 at some time (not only in a given year: people keep,
        or are given, codes of districts created after their birth)."""
        return bool(self.by_code.get(code[:6]))

    @cached_property
    def _cascade(self) -> dict[str, dict[str, list[str]]]:
        """province code (2 digits) → current city → its current districts."""
        out: dict[str, dict[str, list[str]]] = {}
        for code in sorted(self.by_code):
            province, prefecture, county = code[:2], code[2:4], code[4:]
            now = next((n for n in self.by_code[code] if n.current), None)
            if prefecture == "00" or now is None or now.name in _PLACEHOLDERS or "直辖" in now.name:
                continue
            cities = out.setdefault(province, {})
            if province in _MUNICIPALITIES:
                cities.setdefault("", []).append(now.name)
            elif county == "00":
                cities.setdefault(now.name, [])
            else:
                city = self._city_name(code)
                if city is None:  # a county directly under the province (省直辖县级行政区划)
                    cities.setdefault(now.name, [])
                else:
                    cities.setdefault(city, []).append(now.name)
        for cities in out.values():  # a city without districts (东莞市, 中山市): the city itself
            for city, districts in cities.items():
                if city and not districts:
                    districts.append(city)
        return out

    def place_names(self, provinces: Iterable[Any]) -> list[str]:
        """Current province, city and district names with their short forms (浙江, 怒江, 西湖),
        longest first; `provinces` are entries of the provinces catalogue."""
        found: set[str] = set()
        for e in provinces:
            found.add(e.code)
            gb = e.get("gb2260")
            for city in self.cities(gb, e.zh):
                found.update((city, short_name(city)))
                for district in self.districts(gb, city):
                    found.update((district, short_name(district)))
        return sorted((n for n in found if len(n) >= 2), key=len, reverse=True)

    def _city_name(self, code: str) -> str | None:
        now = next((n for n in self.by_code.get(code[:4] + "00", ()) if n.current), None)
        return now.name if now and now.name not in _PLACEHOLDERS and "直辖" not in now.name else None

    def cities(self, gb2260: str, province_name: str) -> list[str]:
        """Cities of a province; a municipality's only city is itself (北京市)."""
        if gb2260[:2] in _MUNICIPALITIES:
            return [province_name]
        return list(self._cascade.get(gb2260[:2], {}))

    def districts(self, gb2260: str, city: str) -> list[str]:
        table = self._cascade.get(gb2260[:2], {})
        return table.get("", []) if gb2260[:2] in _MUNICIPALITIES else table.get(city, [])

    def abolished(self, gb2260: str, city: str, district: str) -> Name | None:
        """The ended name `district` had in this province (and city, where it is known), when no
        current division of the city has that name."""
        if not district or district in self.districts(gb2260, city):
            return None
        municipality = gb2260[:2] in _MUNICIPALITIES
        for code, names in self.by_code.items():
            if code[:2] != gb2260[:2] or code[4:] == "00":
                continue
            if not municipality and city and self._city_name(code) not in (city, None):
                continue
            ended = [n for n in names if n.name == district and not n.current]
            if ended:
                return max(ended, key=lambda n: n.until or 0)
        return None
