"""Shared builders: a clean personal filing and a clean enterprise filing, both in 浙江."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

if os.environ.get("ICPDESK_TEST_PORTABLE"):  # the Windows paths on Linux (.ci/run's second run)
    import runpy

    _PORTABLE = str(Path(__file__).resolve().parent / "portable")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_PORTABLE, os.environ.get("PYTHONPATH")) if p)
    runpy.run_path(str(Path(_PORTABLE) / "sitecustomize.py"), run_name="sitecustomize")
    assert "filelock" not in __import__("sys").modules, "filelock chose its lock before fcntl was hidden"

    def pytest_configure(config):
        config.addinivalue_line("filterwarnings", "ignore:only soft file lock is available")

from icpdesk.engine import Validator
from icpdesk.model import App, Filing, Material, Person, Principal, Region, Website
from icpdesk.shipped import default_rulebook

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the app follows the system's language on first start: the tests' windows (and subprocesses) are
# Chinese unless a test asks for English (--lang en, or the preferences)
os.environ["LANGUAGE"] = "zh_CN"
# image verdicts of this run only (subprocesses inherit it), never the user's cache
os.environ.setdefault("ICPDESK_CACHE", tempfile.mkdtemp(prefix="icpdesk-test-verdicts-"))
os.environ.setdefault("ICPDESK_LOGS", tempfile.mkdtemp(prefix="icpdesk-test-logs-"))  # never the user's log

TODAY = dt.date(2026, 11, 23)
ID_ZHANG = "33010619900101123X"  # 浙江杭州西湖区, born 1990-01-01, valid check digit
ID_LI = "330106198512124565"
ID_BEIJING = "110101199003078718"
ID_HENAN = "410105199505051239"
USCC = "91330106MA27X12344"
STATEMENT = ("本网站是个人网站，不含有企业、单位等非个人网站的信息，若在核实中发现网站中含有企业、单位等信息，"
             "本人愿接受以虚假信息进行备案，注销网站，并将主体和域名加入黑名单的处罚。")
PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0"


def person(name: str = "张三", number: str = ID_ZHANG, phone1: str = "13800138000",
           emergency: str = "13900139000", email: str = "zhangsan@example.com") -> Person:
    return Person(name=name, cert_type="resident_id", cert_number=number, phone1=phone1,
                  emergency_phone=emergency, email=email)


def individual_filing() -> Filing:
    return Filing(
        filing_type="new_filing", provider="kingsoft",  # the fixtures' materials follow Kingsoft's list
        principal=Principal(
            region=Region(province="浙江", city="杭州市", district="西湖区"),
            nature="individual", cert_type="resident_id", cert_number=ID_ZHANG, name="张三",
            cert_address="浙江省杭州市西湖区文三路100号", mailing_address="浙江省杭州市西湖区文三路100号",
            investor="张三", leader=person()),
        websites=[Website(name="张三的读书笔记", domains=["example.com"], home_url="www.example.com",
                          content_type="other", service_type="web_app_service", languages=["zh_CN"],
                          domain_holder="张三", remark="记录个人读书心得。" + STATEMENT)],
        materials=scans(("leader_id_front", "principal"), ("leader_id_back", "principal"),
                        ("verification_form", "websites[0]"), ("domain_cert", "websites[0]")),
    )


@functools.cache
def good_scan() -> bytes:
    """A JPEG that passes every image check (a colour sheet, 1200×900): `validate` checks scans."""
    import io

    from icpdesk.demo import sheet

    buf = io.BytesIO()
    sheet(1200, 900, 1).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def write_scans(filing: Filing, folder) -> None:
    """Put a scan that passes the image checks where each material of the filing points."""
    for m in filing.materials:
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(good_scan())


def scans(*pairs: tuple[str, str]) -> list[Material]:
    return [Material(kind=k, for_=owner, path=f"scans/{k}-{owner}.jpg") for k, owner in pairs]


def enterprise_filing() -> Filing:
    leader = person(name="李四", number=ID_LI, phone1="13700137000", emergency="13600136000",
                    email="lisi@example.com")
    leader.phone2 = "0571-88888888"
    leader.office_phone = "0571-88888888"
    return Filing(
        filing_type="new_filing", provider="kingsoft",  # the fixtures' materials follow Kingsoft's list
        principal=Principal(
            region=Region(province="浙江", city="杭州市", district="西湖区"),
            nature="enterprise", cert_type="business_license", cert_number=USCC,
            name="杭州示例科技有限公司", cert_address="浙江省杭州市西湖区文三路100号",
            mailing_address="浙江省杭州市西湖区文三路100号8楼", investor="李四",
            legal_representative="李四", leader=leader),
        websites=[Website(name="示例科技官网", domains=["example.cn"], home_url="https://www.example.cn/",
                          content_type="unit_portal", service_type="web_app_service",
                          languages=["zh_CN", "en"], domain_holder="杭州示例科技有限公司")],
        apps=[App(name="示例笔记", platform="android", package_name="com.example.notes",
                  public_key=PUBLIC_KEY, cert_md5="9A:3F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD",
                  domains=["api.example.cn"], content_type="other", service_type="app_service",
                  languages=["zh_CN"], domain_holder="杭州示例科技有限公司", remark="记事本应用")],
        materials=scans(("principal_cert", "principal"), ("leader_id_front", "principal"),
                        ("leader_id_back", "principal"), ("verification_form", "websites[0]"),
                        ("verification_form", "apps[0]"), ("domain_cert", "websites[0]")),
    )


@pytest.fixture(scope="session")
def rulebook():
    return default_rulebook()


@pytest.fixture()
def validator(rulebook):
    return Validator(rulebook, today=TODAY)


@pytest.fixture()
def small_disk(tmp_path):
    """A 3 MB tmpfs (root only, as CI runs): writes there run out of space."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill_disk(folder: Path, leave: int = 200_000) -> None:
    """Take all but `leave` bytes of the free space."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "ballast", "wb") as f, contextlib.suppress(OSError):
        f.write(b"\0" * max(0, free - leave))


def run_cli(args, capsys):
    """The command line in this process: (exit code, stdout, stderr), never a traceback."""
    from icpdesk.cli import main

    code = main([*args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err
