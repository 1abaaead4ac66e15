"""Does the filing say what the package says? The APP in the filing with this package name
(or bundle ID), and whether its fingerprints and public key are those of one of the package's
signing certificates. The core of issue 31 item 3 (`app-info --filing`); the app's drop and
`validate` can call the same function."""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections.abc import Sequence

from ..model import App
from .model import AppInfo, CertInfo

_NOT_KEY = re.compile(r"-----(?:BEGIN|END)[^-]*-----|[\s:]")


def _hex(value: str | None) -> str:
    return re.sub(r"[\s:\-]", "", value or "").upper()


def _key_forms(c: CertInfo) -> set[str]:
    """The certificate's key in hex: the modulus, the DER (an EC key's public_key is base64 DER)."""
    forms = {c.public_key.upper(), c.public_key_der.upper()}
    with contextlib.suppress(binascii.Error, ValueError):
        forms.add(base64.b64decode(c.public_key, validate=True).hex().upper())
    return {f for f in forms if f}


def _pasted_key(value: str) -> set[str]:
    """What the filer pasted, in hex: as written (modulus or DER hex), or base64 / PEM decoded."""
    body = _NOT_KEY.sub("", value)
    forms = {body.upper()}
    with contextlib.suppress(binascii.Error, ValueError):
        forms.add(base64.b64decode(body, validate=True).hex().upper())
    return forms


def cross_check(apps: Sequence[App], info: AppInfo) -> list[str]:
    """Mismatches between the filing's APPs and the package, as bilingual lines (empty: they agree)."""
    ident = info.package_name or info.bundle_id
    if not ident:
        return []
    field = "package_name" if info.package_name else "bundle_id"
    index = next((i for i, a in enumerate(apps) if (getattr(a, field) or "").strip() == ident), None)
    if index is None:
        return [f"备案里没有{'包名' if field == 'package_name' else ' Bundle ID '}为 {ident} 的 APP / the filing has "
                f"no APP with {field} {ident}"]
    app, where = apps[index], f"apps[{index}]"
    if not info.certificates:
        return []
    out = []
    for name, value, known in (("cert_md5", app.cert_md5, {c.md5 for c in info.certificates}),
                               ("cert_sha1", app.cert_sha1, {c.sha1 for c in info.certificates}
                                | {c.md5 for c in info.certificates})):  # Kingsoft takes an MD5 there too
        if value and value.strip() and _hex(value) not in {_hex(k) for k in known}:
            out.append(f"{where}.{name} 不是安装包签名证书的指纹 / is not a fingerprint of the package's "
                       f"signing certificate ({_hex(value)[:12]}…)")
    if app.public_key.strip():
        pasted = _pasted_key(app.public_key)
        if not any(pasted & _key_forms(c) for c in info.certificates):
            out.append(f"{where}.public_key 不是安装包签名证书的公钥 / is not the public key of the package's "
                       "signing certificate")
    return out
