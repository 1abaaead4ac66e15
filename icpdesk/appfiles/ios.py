"""An IPA: Payload/NAME.app/Info.plist (plistlib reads XML and binary plists) and the
embedded.mobileprovision, a CMS SignedData (asn1crypto) whose content is a plist listing the
DeveloperCertificates the app may be signed with."""

from __future__ import annotations

import plistlib
import re
import zipfile
from pathlib import Path

from cryptography import x509

from .certs import BAD_CERTIFICATE, cert_info
from .model import AppFileError, AppInfo, MissingLibrary
from .zipread import read_member

_APP_FILE = re.compile(r"Payload/([^/]+)\.app/(Info\.plist|embedded\.mobileprovision)")


def _plist(data: bytes, what: str, path: Path) -> dict:
    try:
        value = plistlib.loads(data)
    except Exception:  # plistlib raises InvalidFileException, ValueError, OverflowError, …
        raise AppFileError(f"{what} 损坏 / damaged {what}", path) from None
    if not isinstance(value, dict):
        raise AppFileError(f"{what} 损坏 / damaged {what}", path)
    return value


def read_ipa(info: AppInfo, zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path) -> None:
    found: dict[str, str] = {}
    for name in members:
        m = _APP_FILE.fullmatch(name)
        if m:
            if m.group(2) in found:
                raise AppFileError("IPA 里有多个 .app / more than one .app in Payload", path)
            found[m.group(2)] = name
    if "Info.plist" not in found:
        raise AppFileError("IPA 里没有 Info.plist / no Info.plist in the IPA", path)
    plist = _plist(read_member(zf, members[found["Info.plist"]], path), "Info.plist", path)
    bundle = plist.get("CFBundleIdentifier")
    if not isinstance(bundle, str) or not bundle:
        raise AppFileError("Info.plist 没有 CFBundleIdentifier / no CFBundleIdentifier in Info.plist", path)
    info.bundle_id = bundle[:300]
    display = plist.get("CFBundleDisplayName") or plist.get("CFBundleName")
    info.name = display[:300] if isinstance(display, str) else None
    version = plist.get("CFBundleShortVersionString") or plist.get("CFBundleVersion")
    info.version = version[:100] if isinstance(version, str) else None
    if "embedded.mobileprovision" in found:
        profile = _profile(read_member(zf, members[found["embedded.mobileprovision"]], path), path)
        developers = profile.get("DeveloperCertificates") or []
        if not isinstance(developers, list) or not all(isinstance(d, bytes) for d in developers):
            raise AppFileError("描述文件的 DeveloperCertificates 损坏 / damaged DeveloperCertificates in the "
                               "provisioning profile", path)
        for der in developers:
            try:
                info.certificates.append(cert_info(x509.load_der_x509_certificate(der), "profile"))
            except BAD_CERTIFICATE:
                raise AppFileError("描述文件中的证书损坏 / damaged certificate in the provisioning profile",
                                   path) from None


def _profile(data: bytes, path: Path) -> dict:
    try:
        from asn1crypto import cms
    except ImportError:
        raise MissingLibrary("asn1crypto") from None
    try:
        content = cms.ContentInfo.load(data)
        if content["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        inner = content["content"]["encap_content_info"]["content"].native
    except Exception:  # asn1crypto parses lazily and raises many kinds on hostile bytes
        raise AppFileError("描述文件损坏 / damaged embedded.mobileprovision", path) from None
    if not isinstance(inner, bytes):
        raise AppFileError("描述文件损坏 / damaged embedded.mobileprovision", path)
    return _plist(inner, "embedded.mobileprovision", path)
