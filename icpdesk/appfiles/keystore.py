"""Keystores: JKS / JCEKS through pyjks, PKCS#12 through cryptography. The password comes from
the caller (--password, ICPDESK_KEYSTORE_PASSWORD or a prompt) and is never logged."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from ..bounded import NotReadable, read_bytes
from .certs import BAD_CERTIFICATE, cert_info
from .model import AppFileError, AppInfo, MissingLibrary, WrongPassword

MAX_KEYSTORE = 4 * 1024 * 1024


def read_keystore(path: Path, password: str | None) -> AppInfo:
    try:
        size = path.stat().st_size
        if size > MAX_KEYSTORE:
            raise AppFileError(f"不像密钥库：文件过大 / too large for a keystore ({size} bytes)", path)
        data = read_bytes(path, MAX_KEYSTORE)  # a regular file only, never past the limit
    except (OSError, NotReadable) as e:
        raise AppFileError(f"无法读取 / cannot read: {getattr(e, 'strerror', None) or e}", path) from None
    if password is None:
        raise WrongPassword("需要密钥库密码 / the keystore needs a password (--password or "
                            "ICPDESK_KEYSTORE_PASSWORD)", path)
    if data[:4] in (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce"):
        return _jks(path, data, password)
    return _pkcs12(path, data, password)


def _jks(path: Path, data: bytes, password: str) -> AppInfo:
    try:
        import jks
    except ImportError:
        raise MissingLibrary("pyjks") from None
    try:
        store = jks.KeyStore.loads(data, password, try_decrypt_keys=False)
    except jks.util.KeystoreSignatureException:  # the keystore's SHA-1 seal: a wrong password or damage
        raise WrongPassword("密钥库密码错误（或文件损坏）/ wrong keystore password (or a damaged keystore)",
                            path) from None
    except Exception:  # pyjks raises its own, struct and pyasn1 errors on damaged files
        raise AppFileError("密钥库损坏 / damaged keystore", path) from None
    info = AppInfo(file=str(path), kind="jks")
    entries = [(alias, e.cert_chain[0][1]) for alias, e in sorted(store.private_keys.items()) if e.cert_chain]
    entries += [(alias, e.cert) for alias, e in sorted(store.certs.items())]
    for alias, der in entries:
        try:
            info.certificates.append(cert_info(x509.load_der_x509_certificate(der), f"alias {alias}"))
        except BAD_CERTIFICATE:
            raise AppFileError(f"密钥库里的证书损坏 / damaged certificate under alias {alias!r}", path) from None
    if not info.certificates:
        info.findings.append("密钥库里没有证书 / the keystore holds no certificate")
    return info


def _pkcs12(path: Path, data: bytes, password: str) -> AppInfo:
    try:
        store = pkcs12.load_pkcs12(data, password.encode("utf-8"))
    except ValueError as e:
        if "password" in str(e).lower() or "mac" in str(e).lower():  # cryptography cannot tell the two apart
            raise WrongPassword("密钥库密码错误（或文件损坏）/ wrong keystore password (or a damaged keystore)",
                                path) from None
        raise AppFileError("密钥库损坏或不是 PKCS#12 / damaged keystore or not PKCS#12", path) from None
    info = AppInfo(file=str(path), kind="pkcs12")
    certs = ([store.cert] if store.cert else []) + list(store.additional_certs)
    for c in certs:
        alias = c.friendly_name.decode("utf-8", "replace") if c.friendly_name else ""
        info.certificates.append(cert_info(c.certificate, f"alias {alias}" if alias else "keystore"))
    if not info.certificates:
        info.findings.append("密钥库里没有证书 / the keystore holds no certificate")
    return info
