"""What an app's file says about the app (issue 31): package name or bundle ID, name,
version and the signing certificates' fingerprints and public key, in the form the filing
takes (apps[].package_name, bundle_id, cert_md5, cert_sha1, public_key).

`read_app_file(path, password)` sniffs the kind: APK, AAB, IPA, HAP (zips), a keystore (JKS,
PKCS#12) or a bare certificate (PEM, DER, PKCS#7 .RSA)."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from ..bounded import regular_file_problem
from .model import AppFileError, AppInfo, CertInfo, MissingLibrary, WrongPassword

__all__ = ["AppFileError", "AppInfo", "CertInfo", "MissingLibrary", "WrongPassword", "is_keystore", "read_app_file"]

_KEYSTORE = (".jks", ".keystore", ".bks", ".p12", ".pfx")
_CERT = (".pem", ".crt", ".cer", ".der", ".rsa", ".dsa", ".ec", ".p7b")


def is_keystore(path: Path) -> bool:
    """Whether reading this file will need a password (by name, else by its magic)."""
    if path.suffix.lower() in _KEYSTORE:
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) in (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce")
    except OSError:
        return False


def read_app_file(path: Path, password: str | None = None, today: dt.date | None = None) -> AppInfo:
    """The app's identity and certificates; AppFileError (exit 2) when the file cannot be read.
    An expired certificate is a finding: the file is read, but the filing should not use it."""
    try:
        with warnings.catch_warnings():  # old keytool certificates have negative serials: cryptography
            warnings.simplefilter("ignore")  # warns on stderr; the reading stays one answer
            info = _read(path, password)
    except ImportError as e:  # the `app` extra is not installed
        raise MissingLibrary(e.name or "cryptography") from None
    except MissingLibrary:
        raise
    except AppFileError as e:  # raised deep down without the file's name: say which file
        if not str(e).startswith(f"{path}:"):
            raise AppFileError(str(e), path) from None
        raise
    today = today or dt.date.today()
    for c in info.certificates:
        if c.expired(today):
            info.findings.append(f"证书已于 {c.not_after[:10]} 过期（{c.subject[:80]}）/ the certificate expired "
                                 f"on {c.not_after[:10]}")
    return info


def _read(path: Path, password: str | None) -> AppInfo:
    problem = regular_file_problem(path)  # a pipe or a device would block the first open
    if problem:
        raise AppFileError(problem, path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise AppFileError(f"无法读取 / cannot read: {e.strerror or e}", path) from None
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06") or (
            suffix in (".apk", ".aab", ".ipa", ".hap", ".zip") and zipfile.is_zipfile(path)):
        from .archives import read_archive

        return read_archive(path)
    if suffix in _KEYSTORE or head[:4] == b"\xfe\xed\xfe\xed" or head[:4] == b"\xce\xce\xce\xce":
        from .keystore import read_keystore

        return read_keystore(path, password)
    if suffix in (".apk", ".aab", ".ipa", ".hap"):
        raise AppFileError("不是有效的安装包（不是 zip）/ not a valid package (not a zip)", path)
    from .certs import read_certificate_file

    info = read_certificate_file(path)
    if not info.certificates and suffix not in _CERT:
        raise AppFileError("不认识的文件类型 / not an app package, keystore or certificate", path)
    return info
