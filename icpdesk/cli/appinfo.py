"""`icpdesk app-info`: an APK, AAB, IPA, HAP, keystore or certificate read for the filing's
fields (package name, fingerprints, public key); the reading itself is icpdesk/appfiles."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import IcpdeskError
from .base import _common, _out, terminal_safe

KEYSTORE_PASSWORD_ENV = "ICPDESK_KEYSTORE_PASSWORD"


def _keystore_password(args: argparse.Namespace) -> str | None:
    """--password, else the environment, else a prompt when a keystore is among the files and
    someone is at the terminal. Never printed, never logged."""
    from ..appfiles import is_keystore

    if args.password is not None:
        return args.password
    if os.environ.get(KEYSTORE_PASSWORD_ENV) is not None:
        return os.environ[KEYSTORE_PASSWORD_ENV]
    if sys.stdin.isatty() and any(is_keystore(Path(f)) for f in args.files):
        import getpass

        return getpass.getpass("密钥库密码 / keystore password: ")
    return None


def _read_app(name: str, password: str | None, args: argparse.Namespace, apps) -> dict[str, Any]:
    from ..appfiles import read_app_file
    from ..appfiles.crosscheck import cross_check

    info = read_app_file(Path(name), password, today=args.today)
    if apps is not None:
        info.findings += cross_check(apps, info)
    return info.to_dict()


def cmd_app_info(args: argparse.Namespace) -> int:
    password = _keystore_password(args)
    apps = None
    if args.filing:
        from ..fileio import load_filing

        apps = load_filing(args.filing).apps
    if len(args.files) == 1:  # one file: its answer, or the command's error (exit 2)
        info = _read_app(args.files[0], password, args, apps)
        if args.json:
            _out(json.dumps({"ok": not info["findings"], **info}, ensure_ascii=False, indent=2) + "\n")
        else:
            _out(_app_info_text(info, args.lang == "en"))
        return 1 if info["findings"] else 0
    codes = []
    for name in args.files:
        try:
            info = _read_app(name, password, args, apps)
        except IcpdeskError as e:
            print(f"icpdesk: {terminal_safe(str(e))}", file=sys.stderr)
            if args.json:
                _out(json.dumps({"file": name, "ok": False, "error": str(e), "exit_code": e.exit_code},
                                ensure_ascii=False) + "\n")
            codes.append(e.exit_code)
            continue
        codes.append(1 if info["findings"] else 0)
        if args.json:
            _out(json.dumps({"ok": not info["findings"], **info}, ensure_ascii=False) + "\n")
        else:
            _out(_app_info_text(info, args.lang == "en"))
    return max(codes)


def _app_info_text(info: dict[str, Any], en: bool) -> str:
    label = (lambda zh, e: e) if en else (lambda zh, e: zh)
    lines = [f"{info['file']}  ({info['kind'].upper()})"]
    for key, zh, e in (("package_name", "包名", "package"), ("bundle_id", "Bundle ID", "bundle ID"),
                       ("name", "名称", "name"), ("version", "版本", "version")):
        if info[key]:
            lines.append(f"  {label(zh, e)}: {info[key]}")
    for i, c in enumerate(info["certificates"], 1):
        key_kind = ("—" if not c["public_key"] else "modulus"
                    if all(ch in "0123456789ABCDEF" for ch in c["public_key"]) else "base64")
        lines += [f"  {label('证书', 'certificate')} {i} ({c['source']}): {c['subject']}",
                  f"    MD5:     {c['md5']}", f"    SHA-1:   {c['sha1']}", f"    SHA-256: {c['sha256']}",
                  f"    {label('公钥', 'public key')} ({key_kind}): {c['public_key']}",
                  f"    {label('有效期', 'valid')}: {c['not_before'][:10]} – {c['not_after'][:10]}"]
    lines += [f"  ✗ {f}" for f in info["findings"]] + [f"  · {n}" for n in info["notes"]]
    return "\n".join(lines) + "\n"


def register(sub: Any, kind_help: str) -> None:
    """This module's command on the `icpdesk` parser."""
    ap = _common(sub.add_parser("app-info", help="读取安装包、密钥库或证书：包名、指纹、公钥 / read an APK, AAB, IPA, "
                                "HAP, keystore or certificate: package name, fingerprints, public key"), today=True)
    ap.add_argument("files", nargs="+", metavar="FILE", help=".apk .aab .ipa .hap .jks .keystore .p12 .pfx .pem "
                    ".cer .der .rsa")
    ap.add_argument("--filing", default=None, metavar="FILING",
                    help="与备案文件核对包名、指纹和公钥 / compare package name, fingerprints and public key "
                    "with this filing's APPs")
    ap.add_argument("--password", default=None, help="密钥库密码（默认：$ICPDESK_KEYSTORE_PASSWORD，否则询问；"
                    "命令行上的密码别人可在进程列表里看到）/ the keystore password (default: "
                    "$ICPDESK_KEYSTORE_PASSWORD, else asked; on the command line others may see it in the "
                    "process list)")
