"""Writes tests/filings/clean/: for each of the 31 provinces a personal and an enterprise filing
that icp-rules.md says the bureau accepts (made-up people and companies; valid check digits,
local phones, addresses in the capital, names that follow the province's rules, every
required material listed).

    python3 tests/filings/make_clean.py      # after a rule change that needs new data

The files are committed; test_clean_filings.py validates them. Generated so that the data
for 31 provinces cannot drift apart by hand edits, but read like real filings.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from phonenumbers import geocoder
from stdnum.cn import ric, uscc

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from icpdesk.checklist import checklist  # noqa: E402
from icpdesk.engine import Validator  # noqa: E402
from icpdesk.fileio import save_filing  # noqa: E402
from icpdesk.model import Filing, Material, Person, Principal, Region, Website  # noqa: E402

OUT = Path(__file__).resolve().parent / "clean"
CAPITALS = {  # capital, its landline area code, a brand for the company
    "北京": ("北京市", "010", "云帆"), "天津": ("天津市", "022", "海川"), "河北": ("石家庄市", "0311", "冀远"),
    "山西": ("太原市", "0351", "晋诚"), "内蒙古": ("呼和浩特市", "0471", "草原星"), "辽宁": ("沈阳市", "024", "盛京"),
    "吉林": ("长春市", "0431", "长白"), "黑龙江": ("哈尔滨市", "0451", "冰城"), "上海": ("上海市", "021", "申浦"),
    "江苏": ("南京市", "025", "金陵"), "浙江": ("杭州市", "0571", "钱江"), "安徽": ("合肥市", "0551", "徽景"),
    "福建": ("福州市", "0591", "闽榕"), "江西": ("南昌市", "0791", "赣新"), "山东": ("济南市", "0531", "泉城"),
    "河南": ("郑州市", "0371", "嵩岳"), "湖北": ("武汉市", "027", "楚天"), "湖南": ("长沙市", "0731", "湘江"),
    "广东": ("广州市", "020", "羊城"), "广西": ("南宁市", "0771", "邕州"), "海南": ("海口市", "0898", "椰风"),
    "重庆": ("重庆市", "023", "山城"), "四川": ("成都市", "028", "蜀锦"), "贵州": ("贵阳市", "0851", "黔灵"),
    "云南": ("昆明市", "0871", "春城"), "西藏": ("拉萨市", "0891", "雪域"), "陕西": ("西安市", "029", "长安"),
    "甘肃": ("兰州市", "0931", "陇原"), "青海": ("西宁市", "0971", "青湖"), "宁夏": ("银川市", "0951", "塞上"),
    "新疆": ("乌鲁木齐市", "0991", "天山"),
}
PEOPLE = [("王芳", "李强"), ("刘洋", "陈静"), ("赵敏", "孙磊"), ("周婷", "吴刚"), ("郑欣", "冯涛")]
REMARK = "本网站用于记录个人读书心得与生活随笔，不涉及企业信息，不提供论坛等交互服务。"
STATEMENT = ("本网站是个人网站，不含有企业、单位等非个人网站的信息，若在核实中发现网站中含有企业、单位等信息，"
             "本人愿接受以虚假信息进行备案，注销网站，并将主体和域名加入黑名单的处罚。")


def _district(regions, gb: str, city: str) -> tuple[str, str]:
    """The capital's first current district and its 6-digit code."""
    name = next(d for d in regions.districts(gb, city) if d.endswith("区"))
    code = next(c for c, names in regions.by_code.items()
                if c[:2] == gb[:2] and c[4:] != "00" and any(n.current and n.name == name for n in names))
    return name, code


def _mobiles(province_zh: str, short: str, city: str, n: int) -> list[str]:
    """n mobile numbers whose block the offline geocoder places in the capital (else the province)."""
    found: list[str] = []
    for want in (city, ""):
        for head in ("139", "138", "137", "135", "136", "150", "151", "152", "158", "159", "186", "189"):
            for block in range(10000):
                number = f"{head}{block:04d}{5678 + len(found):04d}"
                place = geocoder.description_for_number(phonenumbers.parse(number, "CN"), "zh")
                if place.startswith((province_zh, short)) and want in place:
                    found.append(number)
                    if len(found) == n:
                        return found
                    break
    raise SystemExit(f"no local mobile block for {short}")


def _landline(area: str, province_zh: str, short: str, seed: int) -> str:
    """A number in the area code that phonenumbers calls valid and places in the province."""
    for length in (8, 7):
        for first in "8652347":
            local = (first + f"{seed:04d}" + "6688")[:length]
            number = phonenumbers.parse(area + local, "CN")
            place = geocoder.description_for_number(number, "zh")
            if phonenumbers.is_valid_number(number) and place.startswith((province_zh, short)):
                return f"{area}-{local}"
    raise SystemExit(f"no valid landline in {area}")


def _id(code6: str, birth: str, seq: str) -> str:
    body = code6 + birth + seq
    return body + ric.calc_check_digit(body + "0")


def _org_code(base8: str) -> str:
    """GB 11714: the check character of an organisation code."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    total = sum(alphabet.index(ch) * w for ch, w in zip(base8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return base8 + {10: "X", 11: "0"}.get(check, str(check))


def _uscc(code6: str, serial: int) -> str:
    body = "91" + code6 + _org_code(f"MA{serial:06d}")
    return body + uscc.calc_check_digit(body + "0")


def _full(province_zh: str, city: str) -> str:
    return province_zh if province_zh == city else province_zh + city


def _with_materials(filing: Filing, validator: Validator) -> Filing:
    for need in checklist(filing, validator):
        if need.required and not need.present:
            filing.materials.append(Material(kind=need.kind, for_=need.owner,
                                             path=f"scans/{need.kind}-{need.owner}.jpg"))
    return filing


@dataclass
class Place:
    """Where a made-up filing lives: the capital, a district and its code, two local mobiles."""

    short: str
    province_zh: str
    pinyin: str
    city: str
    area: str
    brand: str
    district: str
    code6: str
    mobile: str
    emergency: str

    @classmethod
    def of(cls, short: str, validator: Validator) -> Place:
        cats = validator.rulebook.catalogues
        entry = cats.province(short)
        gb, province_zh = entry.get("gb2260"), entry.zh
        city, area, brand = CAPITALS[short]
        district, code6 = _district(cats.regions, gb, city)
        mobile, emergency = _mobiles(province_zh, short, city, 2)
        return cls(short, province_zh, entry.get("pinyin"), city, area, brand, district, code6, mobile, emergency)

    def address(self, street: str) -> str:
        return f"{_full(self.province_zh, self.city)}{self.district}{street}"

    def landline(self, seed: int) -> str:
        return _landline(self.area, self.province_zh, self.short, seed)


def personal(short: str, validator: Validator, index: int) -> Filing:
    at = Place.of(short, validator)
    name = PEOPLE[index % len(PEOPLE)][0]
    number = _id(at.code6, "19880612", "22" + str(index % 5 * 2))  # an even 17th digit: a woman
    address = at.address(f"人民路{100 + index}号")
    values = validator.rulebook.province(short).values
    content = "blog" if "blog" in values.personal_content_required else "other"
    site = "王芳的个人主页" if short == "江苏" else "闲读札记"
    domain = f"xiandu{at.pinyin}.cn"
    leader = Person(name=name, cert_type="resident_id", cert_number=number, cert_expiry="2036-06-12",
                    phone1=at.mobile, phone2=at.landline(index), emergency_phone=at.emergency,
                    email=f"{at.pinyin}.reader@example.cn")
    filing = Filing(
        filing_type="new_filing",
        principal=Principal(region=Region(province=short, city=at.city, district=at.district), nature="individual",
                            cert_type="resident_id", cert_number=number, name=name, cert_address=address,
                            mailing_address=address, investor=name, leader=leader),
        websites=[Website(name=site, domains=[domain], home_url=f"www.{domain}", content_type=content,
                          service_type="web_app_service", languages=["zh_CN"], domain_holder=name,
                          domain_expires="2028-06-30", remark=REMARK + STATEMENT)],
    )
    return _with_materials(filing, validator)


def enterprise(short: str, validator: Validator, index: int) -> Filing:
    at = Place.of(short, validator)
    brand = at.brand
    leader_name = PEOPLE[index % len(PEOPLE)][1]
    number = _id(at.code6, "19790315", "31" + str(index % 5 * 2 + 1))
    unit = f"{at.city.removesuffix('市')}{brand}科技有限公司"
    address = at.address(f"建设路{20 + index}号")
    office = at.landline(index + 50)
    values = validator.rulebook.province(short).values
    investor = unit if values.unit_investor == "unit_name" else leader_name
    domain = f"{at.pinyin}{index:02d}-tech.com"
    leader = Person(name=leader_name, cert_type="resident_id", cert_number=number, cert_expiry="长期",
                    phone1=at.mobile, phone2=office, emergency_phone=at.emergency, office_phone=office,
                    email=f"admin@{domain}")
    filing = Filing(
        filing_type="new_filing",
        principal=Principal(region=Region(province=short, city=at.city, district=at.district), nature="enterprise",
                            cert_type="business_license", cert_number=_uscc(at.code6, 100000 + index), name=unit,
                            cert_address=address, mailing_address=address + "5楼", investor=investor,
                            legal_representative=leader_name, legal_representative_cert_type="resident_id",
                            cert_expiry="长期", leader=leader),
        websites=[Website(name=f"{brand}科技官网", domains=[domain], home_url=f"https://www.{domain}/",
                          content_type="unit_portal", service_type="web_app_service", languages=["zh_CN"],
                          domain_holder=unit, domain_holder_cert_type="business_license",
                          domain_expires="2028-06-30", remark=f"{brand}科技的官方网站，介绍公司的产品与服务。")],
    )
    if short == "内蒙古":  # the unit's remark says the site only presents the company (UC-PROV-NM)
        filing.websites[0].remark += "网站仅做官网展示，不涉及在线交易、电子金融、电子商务。"
    if short == "天津":  # a unit's site leader is not its principal leader (ALI-PROV-TJ, QC-PROV-TJ)
        phone, emergency = _mobiles(at.province_zh, short, at.city, 4)[2:]
        filing.websites[0].leader = Person(
            name="赵雷", cert_type="resident_id", cert_number=_id(at.code6, "19850720", "413"),
            cert_expiry="2035-07-20", phone1=phone, emergency_phone=emergency, email=f"web@{domain}")
    return _with_materials(filing, validator)


def _sole_uscc(code6: str, serial: int) -> str:
    body = "92" + code6 + _org_code(f"MA{serial:06d}")  # 92: 个体工商户 (GB 32100)
    return body + uscc.calc_check_digit(body + "0")


def kinds(validator: Validator) -> dict[str, Filing]:
    """Accepted filings for the kinds of fact issue 27 added (docs/rules-kinds.md,
    docs/research/false-alarms.md): each keeps a rule a reviewer once flagged wrongly."""
    out: dict[str, Filing] = {}
    f = enterprise("浙江", validator, 40)  # a registered name with brackets, the site named after it
    f.principal.name = "杭州钱江（集团）科技有限公司"
    f.websites[0].name, f.websites[0].domain_holder = "钱江（集团）官网", f.principal.name
    out["zhejiang-kind-bracket-name"] = f
    f = personal("浙江", validator, 41)  # no house number: the providers' note in the address
    f.principal.mailing_address = f.principal.mailing_address.split("人民路")[0] + "人民路（已为最详细地址）"
    out["zhejiang-kind-address-note"] = f
    f = personal("浙江", validator, 42)  # a resident ID of 北京 with the local residence proof
    f.principal.cert_number = f.principal.leader.cert_number = _id("110101", "19880612", "224")
    out["zhejiang-kind-nonlocal"] = _with_materials(f, validator)
    f = enterprise("浙江", validator, 43)  # the legal representative holds the domain; a mobile office phone
    f.websites[0].domain_holder = f.principal.legal_representative or ""
    f.websites[0].domain_holder_cert_type = "resident_id"
    f.principal.leader.office_phone = f.principal.leader.phone1
    out["zhejiang-kind-rep-domain"] = f
    f = enterprise("重庆", validator, 44)  # 重庆: the legal representative's domain with the unit's letter
    f.websites[0].domain_holder = f.principal.legal_representative or ""
    f.websites[0].domain_holder_cert_type = "resident_id"
    out["chongqing-kind-rep-domain-letter"] = _with_materials(f, validator)
    f = enterprise("浙江", validator, 45)  # 个体工商户 without 字号: 张三（个体工商户）[TX-PROV] 浙江
    leader = f.principal.leader.name
    f.principal.name = f"{leader}（个体工商户）"
    f.principal.cert_number = _sole_uscc(Place.of("浙江", validator).code6, 100045)
    f.websites[0].name, f.websites[0].domain_holder = f"{leader}（个体工商户）官网", f.principal.name
    out["zhejiang-kind-sole-proprietor"] = f
    return out


def main() -> None:
    validator = Validator()
    OUT.mkdir(exist_ok=True)
    for index, entry in enumerate(validator.rulebook.catalogues["provinces"].entries):
        pinyin = entry.get("pinyin")
        save_filing(personal(entry.code, validator, index), OUT / f"{pinyin}-personal.icpdesk.yaml")
        save_filing(enterprise(entry.code, validator, index), OUT / f"{pinyin}-enterprise.icpdesk.yaml")
    for name, filing in kinds(validator).items():
        save_filing(filing, OUT / f"{name}.icpdesk.yaml")
    print(f"wrote {len(list(OUT.glob('*.icpdesk.yaml')))} filings to {OUT}")


if __name__ == "__main__":
    main()
