"""A ready example filing with generated scans, so a first-time user sees every page filled in
(`icpdesk --demo`). The licence, the leader's ID card and the domain certificate carry the
filing's own made-up data (icpdesk/sample_documents.py), so reading them agrees with the form;
the other scans are a page of text with a red seal."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .fileio import save_filing
from .model import App, Filing, Material, Person, Principal, Region, Website

STATEMENT = ("本网站是个人网站，不含有企业、单位等非个人网站的信息，若在核实中发现网站中含有企业、单位等信息，"
             "本人愿接受以虚假信息进行备案，注销网站，并将主体和域名加入黑名单的处罚。")


def sheet(width: int = 1600, height: int = 1200, seed: int = 1) -> Image.Image:
    """A certificate-like page: black text lines, a frame, a red seal and a blue stamp."""
    rnd = random.Random(seed)
    im = Image.new("RGB", (width, height), (250, 248, 240))
    d = ImageDraw.Draw(im)
    font = ImageFont.load_default(size=max(12, height // 40))
    y = height // 12
    while y < height * 0.85:
        words = " ".join(rnd.choice(["营业执照", "统一社会信用代码", "名称", "类型", "住所", "法定代表人",
                                     "ABC123", "2026", "有限公司"]) for _ in range(6))
        d.text((width // 12, y), words, fill=(20, 20, 20), font=font)
        y += height // 22
    d.rectangle((width // 20, height // 20, width * 19 // 20, height * 19 // 20), outline=(30, 30, 30), width=3)
    cx, cy, r = width * 3 // 4, height * 2 // 3, min(width, height) // 8
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(210, 30, 30), width=max(3, r // 12))
    d.text((cx - r // 2, cy), "专用章", fill=(210, 30, 30), font=font)
    d.rectangle((width // 10, height * 3 // 4, width // 10 + r, height * 3 // 4 + r // 2), fill=(40, 70, 190))
    return im


def demo_filing() -> Filing:
    leader = Person(name="李四", cert_type="resident_id", cert_number="330106198512124565",
                    phone1="13700137000", phone2="0571-88888888", emergency_phone="13600136000",
                    office_phone="0571-88888888", email="lisi@example.com")
    kinds = [("principal_cert", "principal"), ("leader_id_front", "principal"), ("leader_id_back", "principal"),
             ("verification_form", "websites[0]"), ("domain_cert", "websites[0]"), ("verification_form", "apps[0]")]
    return Filing(
        filing_type="new_filing",
        principal=Principal(region=Region(province="浙江", city="杭州市", district="西湖区"), nature="enterprise",
                            cert_type="business_license", cert_number="91330106MA27X12344",
                            name="杭州示例科技有限公司", cert_address="浙江省杭州市西湖区文三路100号",
                            mailing_address="浙江省杭州市西湖区文三路100号8楼", investor="李四",
                            legal_representative="李四", leader=leader),
        websites=[Website(name="示例科技官网", domains=["example.cn"], home_url="www.example.cn",
                          content_type="unit_portal", service_type="web_app_service", languages=["zh_CN"],
                          domain_holder="杭州示例科技有限公司", remark="公司介绍、产品和联系方式")],
        apps=[App(name="示例笔记", platform="android", package_name="com.example.notes",
                  public_key="MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeL",
                  cert_md5="9A:3F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD", domains=["api.example.cn"],
                  content_type="other", service_type="app_service", languages=["zh_CN"],
                  domain_holder="杭州示例科技有限公司", remark="记事本应用")],
        materials=[Material(kind=k, for_=o, path=f"scans/{k}-{o.replace('[', '').replace(']', '')}.jpg")
                   for k, o in kinds],
    )


def _scan(filing: Filing, kind: str, target: Path, seed: int) -> None:
    """The demo's documents as they would be scanned, with the filing's own (made-up) data, so
    reading them finds what was typed; the other materials are pages of text with a seal.
    Flatbed scans (no tilt, no blur): quick to draw, and every UI test makes a demo."""
    from . import sample_documents as docs

    p, lead = filing.principal, filing.principal.leader
    if kind == "principal_cert":
        docs.licence(target, code=p.cert_number, name=p.name, rep=p.legal_representative or "",
                     address=p.cert_address, period="2019年05月20日至长期", seed=seed, angle=0.0, blur=0.0)
    elif kind == "leader_id_front":
        n = lead.cert_number
        docs.id_front(target, name=lead.name, sex="男" if int(n[16]) % 2 else "女",
                      birth=f"{n[6:10]}年{int(n[10:12])}月{int(n[12:14])}日", address=p.cert_address, number=n,
                      seed=seed, angle=0.0, blur=0.0)
    elif kind == "leader_id_back":
        docs.id_back(target, authority="杭州市公安局西湖分局", period="2016.05.01-2036.05.01", seed=seed,
                     angle=0.0, blur=0.0)
    elif kind == "domain_cert":
        docs.domain_cert(target, domain=filing.websites[0].domains[0], holder=p.name, seed=seed, angle=0.0, blur=0.0)
    else:
        sheet(1600, 1200, seed=seed).save(target, "JPEG", quality=85)


def make_demo(folder: Path) -> Path:
    """Write the example filing and its scans into `folder`; returns the filing file."""
    folder.mkdir(parents=True, exist_ok=True)
    filing = demo_filing()
    for i, m in enumerate(filing.materials):
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            _scan(filing, m.kind, target, i)
    path = folder / "示例备案.icpdesk.yaml"
    save_filing(filing, path)
    return path
