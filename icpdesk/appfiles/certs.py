"""Certificates in the filing's form, read with cryptography: X.509 (PEM or DER) and the
PKCS#7 SignedData that v1 signatures (META-INF/*.RSA) are."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7

from ..bounded import NotReadable, read_bytes
from .model import AppFileError, AppInfo, CertInfo

MAX_CERT_FILE = 1024 * 1024  # a certificate or a .RSA block is a few KB
# what cryptography raises on a damaged certificate (InvalidVersion is no ValueError; found by fuzzing)
BAD_CERTIFICATE = (ValueError, TypeError, x509.InvalidVersion)


def colon_hex(data: bytes) -> str:
    return ":".join(f"{b:02X}" for b in data)


def public_key_text(cert: x509.Certificate) -> str:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return f"{key.public_numbers().n:X}"
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cert_info(cert: x509.Certificate, source: str = "") -> CertInfo:
    der = cert.public_bytes(serialization.Encoding.DER)

    def fp(algorithm: hashes.HashAlgorithm) -> str:
        h = hashes.Hash(algorithm)
        h.update(der)
        return colon_hex(h.finalize())

    try:
        spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)
        key_text = public_key_text(cert)
    except (UnsupportedAlgorithm, ValueError):  # a key cryptography cannot load: fingerprints still hold
        spki, key_text = b"", ""
    try:
        subject = cert.subject.rfc4514_string()
    except (ValueError, KeyError):  # cryptography raises KeyError on an unknown string tag (found by fuzzing)
        subject = ""
    try:
        not_before, not_after = _when(cert.not_valid_before_utc), _when(cert.not_valid_after_utc)
    except ValueError:
        raise AppFileError("证书的有效期损坏 / the certificate's validity is damaged") from None
    return CertInfo(md5=fp(hashes.MD5()), sha1=fp(hashes.SHA1()), sha256=fp(hashes.SHA256()),
                    public_key=key_text, public_key_der=spki.hex(), subject=subject,
                    not_before=not_before, not_after=not_after, source=source)


def certificates_from_bytes(data: bytes) -> list[x509.Certificate]:
    """X.509 or PKCS#7, PEM or DER; [] when it is none of them."""
    stripped = data.lstrip()
    if stripped.startswith(b"-----BEGIN"):
        if b"PKCS7" in stripped[:40]:
            return _quiet(lambda: pkcs7.load_pem_pkcs7_certificates(data))
        return _quiet(lambda: x509.load_pem_x509_certificates(data))
    one = _quiet(lambda: [x509.load_der_x509_certificate(data)])
    return one or _quiet(lambda: pkcs7.load_der_pkcs7_certificates(data))


def _quiet(load) -> list[x509.Certificate]:
    try:
        return list(load())
    except BAD_CERTIFICATE:
        return []


def pkcs7_certificates(data: bytes, what: str, path: Path) -> list[x509.Certificate]:
    try:
        return list(pkcs7.load_der_pkcs7_certificates(data))
    except BAD_CERTIFICATE:
        raise AppFileError(f"签名块损坏 / damaged signature block {what}", path) from None


def read_certificate_file(path: Path) -> AppInfo:
    try:
        size = path.stat().st_size
        if size > MAX_CERT_FILE:
            raise AppFileError(f"不像证书：文件过大 / too large for a certificate ({size} bytes)", path)
        data = read_bytes(path, MAX_CERT_FILE)  # a regular file only, never past the limit
    except (OSError, NotReadable) as e:
        raise AppFileError(f"无法读取 / cannot read: {getattr(e, 'strerror', None) or e}", path) from None
    certs = certificates_from_bytes(data)
    if not certs:
        raise AppFileError("不是证书（PEM、DER 或 PKCS#7）/ not a certificate (PEM, DER or PKCS#7)", path)
    return AppInfo(file=str(path), kind="certificate", certificates=[cert_info(c, "file") for c in certs])
