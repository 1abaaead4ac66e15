"""APP identifiers (icp-rules.md §4): package name, bundle ID, signing-certificate
fingerprints and the public key."""

from __future__ import annotations

import re
from typing import Any, Literal

from .base import Ctx, Hit, NoParams, Params, Place, check
from .common import blank

_ANDROID = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+")  # [AND-APPID]
_IOS = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")  # [APPLE-BID]
_HARMONY = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
_ID_RULES = {"android": ("package_name", _ANDROID), "ios": ("bundle_id", _IOS),
             "harmony": ("bundle_id", _HARMONY)}
_SEPARATORS = re.compile(r"[\s:\-]")
_HEX = re.compile(r"[0-9A-Fa-f]+")
_KEY_BODY = re.compile(r"-----(?:BEGIN|END)[^-]*-----|\s")


def fingerprint_hex(value: str) -> str:
    return _SEPARATORS.sub("", value)


class AppIdParams(Params):
    aspect: Literal["missing", "format"]


@check("app_id", AppIdParams, returns=("platform", "value"))
def app_id(ctx: Ctx, path: str, value: Any, params: AppIdParams) -> list[Hit]:
    """aspect missing: the platform's identifier is empty; format: it is malformed."""
    app = value
    rule = _ID_RULES.get(getattr(app, "platform", ""))
    if rule is None:
        return []
    field, rx = rule
    ident = getattr(app, field) or ""
    label = ctx.catalogues["platforms"].term(app.platform)
    if params.aspect == "missing" and not ident.strip():
        return [{"path": f"{path}.{field}", "platform": label}]
    if params.aspect == "format" and ident.strip() and not rx.fullmatch(ident.strip()[:255]):
        return [{"path": f"{path}.{field}", "platform": label, "value": ident.strip()[:60]}]
    return []


class FingerprintParams(Params):
    aspect: Literal["md5", "sha1", "missing"]


@check("fingerprint", FingerprintParams, returns=("need", "length", "want", "looks_like"))
def fingerprint(ctx: Ctx, path: str, value: Any, params: FingerprintParams) -> list[Hit]:
    """aspect md5 / sha1: the field holds 32 / 40 hex digits (separators allowed);
    aspect missing: Android needs the MD5, iOS the MD5 or SHA-1 (Kingsoft, Huawei differ)."""
    aspect = params.aspect
    if aspect == "missing":
        app = value
        if app.platform == "android" and blank(app.cert_md5):
            return [{"path": f"{path}.cert_md5", "need": "MD5"}]
        if app.platform in ("ios", "harmony") and blank(app.cert_md5) and blank(app.cert_sha1):
            return [{"path": f"{path}.cert_sha1", "need": "SHA-1 / MD5"}]
        return []
    if not isinstance(value, str) or not value.strip():
        return []
    digits = fingerprint_hex(value.strip()[:200])
    want = 32 if aspect == "md5" else 40
    if len(digits) == want and _HEX.fullmatch(digits):
        return []
    other = {32: "MD5", 40: "SHA-1", 64: "SHA-256"}.get(len(digits)) if _HEX.fullmatch(digits or "x") else None
    return [{"length": len(digits), "want": want, "looks_like": other or "?"}]


@check("public_key", returns=("length",))
def public_key(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    if not isinstance(value, str) or not value.strip():
        return []
    body = _KEY_BODY.sub("", value[:20000])
    if len(body) < 64 or not re.fullmatch(r"[A-Za-z0-9+/=:]+", body):
        return [{"length": len(body)}]
    return []


@check("app_names_unique", returns=("value", "first"))
def app_names_unique(ctx: Ctx, path: str, value: Any, params: NoParams) -> list[Hit]:
    seen: dict[str, int] = {}
    hits = []
    for i, app in enumerate(ctx.filing.apps):
        key = (app.name or "").strip().casefold()
        if not key:
            continue
        if key in seen:
            hits.append({"path": f"apps[{i}].name", "value": app.name, "first": Place(f"apps[{seen[key]}]")})
        else:
            seen[key] = i
    return hits


