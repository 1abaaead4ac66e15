"""The zip-shaped app files: APK and AAB (Android), IPA (iOS), HAP (HarmonyOS)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from cryptography import x509

from . import android, ios
from .certs import BAD_CERTIFICATE, cert_info, pkcs7_certificates
from .model import AppFileError, AppInfo, CertInfo
from .signing_block import V2_ID, V3_ID, V31_ID, read_pairs, scheme_certificates
from .zipread import open_app_zip, read_member

MAX_MANIFEST = 4 * 1024 * 1024  # apkInspector walks it in Python; real manifests are well under 1 MB
_V1_BLOCK = re.compile(r"META-INF/[^/]+\.(RSA|DSA|EC)", re.IGNORECASE)
_IPA_APP = re.compile(r"Payload/[^/]+\.app/")


def read_archive(path: Path) -> AppInfo:
    zf, members = open_app_zip(path)
    with zf:
        if "AndroidManifest.xml" in members:
            info = AppInfo(file=str(path), kind="apk")
            android.read_manifest(info, read_member(zf, members["AndroidManifest.xml"], path, cap=MAX_MANIFEST), path)
            info.certificates = _dedupe(_v1(zf, members, path) + _v2_v3(path, zf))
        elif "base/manifest/AndroidManifest.xml" in members:
            info = AppInfo(file=str(path), kind="aab")
            android.read_proto_manifest(info, read_member(zf, members["base/manifest/AndroidManifest.xml"], path),
                                        path)
            info.certificates = _dedupe(_v1(zf, members, path))
        elif any(_IPA_APP.match(n) for n in members):
            info = AppInfo(file=str(path), kind="ipa")
            ios.read_ipa(info, zf, members, path)
        elif "module.json" in members or "config.json" in members:
            info = _hap(zf, members, path)
        else:
            raise AppFileError("zip 里没有 AndroidManifest.xml、Payload/*.app 或 module.json："
                               "不是 APK、AAB、IPA 或 HAP / not an APK, AAB, IPA or HAP", path)
    if not info.certificates and info.kind != "hap":
        info.findings.append("未签名：没有签名证书，无法得到指纹和公钥 / unsigned: no signing certificate, "
                             "so no fingerprints or public key")
    return info


def _dedupe(certs: list[CertInfo]) -> list[CertInfo]:
    """One entry per certificate; its sources joined (v1+v2+v3 usually share one)."""
    seen: dict[str, CertInfo] = {}
    for c in certs:
        if c.sha256 in seen:
            if c.source not in seen[c.sha256].source.split("+"):
                seen[c.sha256].source += "+" + c.source
        else:
            seen[c.sha256] = c
    return list(seen.values())


def _v1(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path) -> list[CertInfo]:
    out = []
    for name in sorted(n for n in members if _V1_BLOCK.fullmatch(n)):
        for cert in pkcs7_certificates(read_member(zf, members[name], path, cap=1024 * 1024), name, path):
            out.append(cert_info(cert, "v1"))
    return out


def _v2_v3(path: Path, zf: zipfile.ZipFile) -> list[CertInfo]:
    pairs = read_pairs(path, zf.start_dir)
    if not pairs:
        return []
    out = []
    for ident, scheme in ((V2_ID, "v2"), (V3_ID, "v3"), (V31_ID, "v3.1")):
        if ident in pairs:
            for der in scheme_certificates(pairs[ident], path, scheme):
                try:
                    out.append(cert_info(x509.load_der_x509_certificate(der), scheme))
                except BAD_CERTIFICATE:
                    raise AppFileError(f"签名块中的证书损坏 / damaged certificate in the {scheme} block",
                                       path) from None
    return out


def _hap(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path) -> AppInfo:
    """HarmonyOS: module.json (stage model) or config.json (FA model), both documented JSON;
    the HAP's signature block format is not documented publicly, so no certificates."""
    name = "module.json" if "module.json" in members else "config.json"
    try:
        data = json.loads(read_member(zf, members[name], path, cap=4 * 1024 * 1024))
        app = data.get("app", {}) if isinstance(data, dict) else {}
    except (ValueError, AttributeError):
        raise AppFileError(f"{name} 损坏 / damaged {name}", path) from None
    info = AppInfo(file=str(path), kind="hap")
    if not isinstance(app, dict):
        raise AppFileError(f"{name} 损坏 / damaged {name}", path)
    legacy = app.get("version")  # config.json (FA model): "version": {"name": …, "code": …}
    version = app.get("versionName") or (legacy.get("name") if isinstance(legacy, dict) else None)
    info.bundle_id = _text(app.get("bundleName"))
    info.version = _text(version)
    label = _text(app.get("label"))
    info.name = label if label and not label.startswith("$") else None
    info.notes.append("HAP 的签名格式未公开，证书指纹请从签名证书文件（.cer）读取 / the HAP signature format is "
                         "not documented: read the fingerprints from the signing certificate (.cer)")
    return info


def _text(value: object) -> str | None:
    return value[:300] if isinstance(value, str) and value else None
