"""The tests' own app files, made in the test run: certificates and keys (cryptography), a
binary AndroidManifest (AXML), APKs signed with v1 (JAR: MANIFEST.MF, .SF, PKCS#7 .RSA) and a
v2 / v3 APK Signing Block (source.android.com/docs/security/features/apksigning/v2), an AAB
with aapt2's protobuf manifest, IPAs with a CMS-signed provisioning profile, JKS (pyjks) and
PKCS#12 keystores. No binary fixtures from elsewhere; this is the fixture maker, the product
reads what it makes with its libraries."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import io
import os
import plistlib
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import NameOID

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Signer:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def fingerprint(self, name: str) -> str:
        """What keytool prints: upper-case hex with colons, computed here from the DER."""
        return ":".join(f"{b:02X}" for b in hashlib.new(name, self.der).digest())

    @property
    def modulus_hex(self) -> str:
        key = self.key.public_key()
        assert isinstance(key, rsa.RSAPublicKey)
        return format(key.public_numbers().n, "X")


@functools.cache
def rsa_key(n: int = 0) -> rsa.RSAPrivateKey:  # n: a distinct key per number, made once per run
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_signer(cn: str, *, key_no: int = 0, days: int = 3650, start: dt.datetime = NOW,
                elliptic: bool = False, issuer: Signer | None = None) -> Signer:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        ec.generate_private_key(ec.SECP256R1()) if elliptic else rsa_key(key_no))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "示例科技有限公司")])
    cert = (x509.CertificateBuilder().subject_name(name)
            .issuer_name(issuer.cert.subject if issuer else name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
            .sign(issuer.key if issuer else key, hashes.SHA256()))
    return Signer(key, cert)


# ---- binary AndroidManifest (AXML) ----------------------------------------------------------

_ANDROID_NS = "http://schemas.android.com/apk/res/android"
_RES_IDS = {"label": 0x01010001, "versionCode": 0x0101021B, "versionName": 0x0101021C}


def _chunk(kind: int, header: bytes, body: bytes) -> bytes:
    return struct.pack("<HHI", kind, 8 + len(header), 8 + len(header) + len(body)) + header + body


def axml(package: str, version: str = "1.0", label: str | None = "示例应用", label_ref: int | None = None) -> bytes:
    """<manifest package=… android:versionName=…><application android:label=…/></manifest>,
    compiled the way aapt does: UTF-16 string pool (attribute names first, matching the
    resource map), namespace, elements with typed values."""
    strings = ["label", "versionCode", "versionName", "android", _ANDROID_NS, "manifest", "package",
               "application", package, version, label or ""]
    idx = {s: i for i, s in reversed(list(enumerate(strings)))}
    offsets, data = b"", b""
    for s in strings:
        offsets += struct.pack("<I", len(data))
        units = s.encode("utf-16-le")
        data += struct.pack("<H", len(units) // 2) + units + b"\0\0"
    data += b"\0" * (-len(data) % 4)
    pool = _chunk(0x0001, struct.pack("<IIIII", len(strings), 0, 0, 28 + len(offsets), 0), offsets + data)
    resmap = _chunk(0x0180, b"", b"".join(struct.pack("<I", _RES_IDS[s]) for s in strings[:3]))
    node = struct.pack("<II", 1, 0xFFFFFFFF)  # line number, no comment
    none = 0xFFFFFFFF

    def attr(ns: int, name: str, value: str | int, ref: bool = False) -> bytes:
        if isinstance(value, int):
            return struct.pack("<IIIHBBI", ns, idx[name], none, 8, 0, 0x01 if ref else 0x10, value)
        return struct.pack("<IIIHBBI", ns, idx[name], idx[value], 8, 0, 0x03, idx[value])

    def start(name: str, attrs: list[bytes]) -> bytes:
        ext = struct.pack("<IIHHHHHH", none, idx[name], 20, 20, len(attrs), 0, 0, 0)
        return _chunk(0x0102, node, ext + b"".join(attrs))

    def end(name: str) -> bytes:
        return _chunk(0x0103, node, struct.pack("<II", none, idx[name]))

    ns = idx[_ANDROID_NS]
    app_attrs = []
    if label_ref is not None:
        app_attrs.append(attr(ns, "label", label_ref, ref=True))
    elif label:
        app_attrs.append(attr(ns, "label", label))
    body = (_chunk(0x0100, node, struct.pack("<II", idx["android"], ns))
            + start("manifest", [attr(ns, "versionCode", 3), attr(ns, "versionName", version),
                                 attr(none, "package", package)])
            + start("application", app_attrs) + end("application") + end("manifest")
            + _chunk(0x0101, node, struct.pack("<II", idx["android"], ns)))
    return _chunk(0x0003, b"", pool + resmap + body)


def proto_manifest(package: str, version: str) -> bytes:
    """aapt2's XmlNode{element: XmlElement{name, attribute[{namespace_uri, name, value}]}}."""

    def field(n: int, value: bytes) -> bytes:
        return _varint(n << 3 | 2) + _varint(len(value)) + value

    def attribute(name: str, value: str, ns: str = "") -> bytes:
        return field(4, (field(1, ns.encode()) if ns else b"") + field(2, name.encode()) + field(3, value.encode()))

    element = field(3, b"manifest") + attribute("versionName", version, _ANDROID_NS) + attribute("package", package)
    return field(1, element)


def _varint(n: int) -> bytes:
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


# ---- v1 signing (JAR) -----------------------------------------------------------------------

def v1_files(members: dict[str, bytes], signer: Signer, alias: str = "CERT") -> dict[str, bytes]:
    """META-INF/MANIFEST.MF, ALIAS.SF and ALIAS.RSA (or .EC) for these members."""
    b64 = lambda d: base64.b64encode(hashlib.sha256(d).digest()).decode()  # noqa: E731
    sections = {n: f"Name: {n}\r\nSHA-256-Digest: {b64(d)}\r\n\r\n".encode() for n, d in members.items()}
    mf = b"Manifest-Version: 1.0\r\nCreated-By: icpdesk tests\r\n\r\n" + b"".join(sections.values())
    sf = (f"Signature-Version: 1.0\r\nSHA-256-Digest-Manifest: {b64(mf)}\r\n\r\n".encode()
          + b"".join(f"Name: {n}\r\nSHA-256-Digest: {b64(s)}\r\n\r\n".encode() for n, s in sections.items()))
    block = (pkcs7.PKCS7SignatureBuilder().set_data(sf).add_signer(signer.cert, signer.key, hashes.SHA256())
             .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature,
                                                pkcs7.PKCS7Options.NoCapabilities]))
    ext = "EC" if isinstance(signer.key, ec.EllipticCurvePrivateKey) else "RSA"
    return {"META-INF/MANIFEST.MF": mf, f"META-INF/{alias}.SF": sf, f"META-INF/{alias}.{ext}": block}


# ---- the APK Signing Block (v2 / v3) --------------------------------------------------------

V2_ID, V3_ID = 0x7109871A, 0xF05368C0
_RSA_SHA256 = 0x0103  # RSASSA-PKCS1-v1_5 with SHA2-256, content in 1 MB chunks


def _lp(data: bytes) -> bytes:
    return struct.pack("<I", len(data)) + data


def _chunked_digest(sections: list[bytes]) -> bytes:
    """The v2 content digest: SHA-256 over 1 MB chunks of each section, then over those."""
    digests = []
    for section in sections:
        for i in range(0, max(len(section), 1), 1 << 20):
            chunk = section[i:i + (1 << 20)]
            if chunk:
                digests.append(hashlib.sha256(b"\xa5" + struct.pack("<I", len(chunk)) + chunk).digest())
    return hashlib.sha256(b"\x5a" + struct.pack("<I", len(digests)) + b"".join(digests)).digest()


def signing_block(signers: list[Signer], digest: bytes, *, v3: bool = False) -> bytes:
    """One scheme's signers; the value of a pair in the APK Signing Block."""
    out = b""
    for s in signers:
        sdk = struct.pack("<II", 24, 0x7FFFFFFF) if v3 else b""
        signed = (_lp(_lp(struct.pack("<I", _RSA_SHA256) + _lp(digest))) + _lp(_lp(s.der)) + sdk + _lp(b""))
        assert isinstance(s.key, rsa.RSAPrivateKey)
        sig = s.key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
        public = s.key.public_key().public_bytes(serialization.Encoding.DER,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
        out += _lp(_lp(signed) + sdk + _lp(_lp(struct.pack("<I", _RSA_SHA256) + _lp(sig))) + _lp(public))
    return _lp(out)


def apk_signing_block(pairs: list[tuple[int, bytes]]) -> bytes:
    body = b"".join(struct.pack("<QI", len(v) + 4, i) + v for i, v in pairs)
    size = len(body) + 8 + 16  # excluding the leading size field
    return struct.pack("<Q", size) + body + struct.pack("<Q", size) + b"APK Sig Block 42"


def _eocd_offset(tail: bytes) -> int:
    pos = tail.rfind(b"PK\x05\x06")
    assert pos >= 0, "no EOCD"
    return pos


def insert_signing_block(path: Path, make_block) -> None:
    """Put the block between the entries and the central directory and move the EOCD's
    offset; `make_block(entries_digest_sections)` builds it from what it signs."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(max(0, size - 65_557))
        tail = fh.read()
        eocd = _eocd_offset(tail)
        (cd_offset,) = struct.unpack_from("<I", tail, eocd + 16)
        fh.seek(cd_offset)
        cd_and_eocd = fh.read()
        block = make_block(path, cd_offset, cd_and_eocd)
        at = len(cd_and_eocd) - (len(tail) - eocd)
        patched = cd_and_eocd[:at + 16] + struct.pack("<I", cd_offset + len(block)) + cd_and_eocd[at + 20:]
        fh.seek(cd_offset)
        fh.truncate()
        fh.write(block + patched)


def _digest_maker(signers_v2: list[Signer], signers_v3: list[Signer], real_digest: bool):
    def make(path: Path, cd_offset: int, cd_and_eocd: bytes) -> bytes:
        if real_digest:
            with open(path, "rb") as fh:
                entries = fh.read(cd_offset)
            eocd = _eocd_offset(cd_and_eocd)
            cd = cd_and_eocd[:eocd]
            # the EOCD is digested with its CD offset pointing at the signing block's start
            eocd_bytes = cd_and_eocd[eocd:eocd + 16] + struct.pack("<I", cd_offset) + cd_and_eocd[eocd + 20:]
            digest = _chunked_digest([entries, cd, eocd_bytes])
        else:  # the 2 GB case: the reader never checks digests, and hashing 2 GB here is slow
            digest = bytes(32)
        pairs = []
        if signers_v2:
            pairs.append((V2_ID, signing_block(signers_v2, digest)))
        if signers_v3:
            pairs.append((V3_ID, signing_block(signers_v3, digest, v3=True)))
        return apk_signing_block(pairs)
    return make


# ---- whole files ----------------------------------------------------------------------------

def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def make_apk(path: Path, package: str = "com.example.demo", *, version: str = "1.2.3", label: str = "示例应用",
             v1: Signer | None = None, v2: Signer | None = None, v3: Signer | None = None,
             manifest: bytes | None = None, big_member: int = 0) -> Path:
    """An APK signed with the schemes given (none: unsigned). `big_member`: a stored
    assets/big.bin of that many zero bytes first, written sparse (the disk holds almost
    nothing), for the 2 GB case."""
    members = {"AndroidManifest.xml": manifest if manifest is not None else axml(package, version, label),
               "classes.dex": b"dex\n035\0" + bytes(200), "res/drawable-xhdpi-v4/icon.png": b"\x89PNG" + bytes(64)}
    if v1:
        members |= v1_files(members, v1)
    with _SparseFile(path) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
        if big_member:
            info = zipfile.ZipInfo("assets/big.bin", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type, info.file_size = zipfile.ZIP_STORED, big_member
            with zf.open(info, "w") as out:
                for i in range(0, big_member, len(_ZEROS)):
                    out.write(_ZEROS if big_member - i >= len(_ZEROS) else bytes(big_member - i))
        for name, data in members.items():
            zf.writestr(name, data)
    if v2 or v3:
        insert_signing_block(path, _digest_maker([v2] if v2 else [], [v3] if v3 else [], real_digest=not big_member))
    return path


_ZEROS = bytes(1 << 20)


class _SparseFile(io.FileIO):
    """Writes the shared 1 MB block of zeros as a hole (a seek), so a 2 GB test file costs
    the disk almost nothing."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "w+")

    def write(self, data) -> int:  # type: ignore[override]
        if data is _ZEROS:
            self.seek(len(data), os.SEEK_CUR)
            return len(data)
        return super().write(data)


def make_aab(path: Path, package: str, version: str, signer: Signer | None) -> Path:
    members = {"base/manifest/AndroidManifest.xml": proto_manifest(package, version),
               "base/dex/classes.dex": b"dex\n035\0" + bytes(100), "BundleConfig.pb": b"\x0a\x00"}
    if signer:
        members |= v1_files(members, signer, alias="UPLOAD")
    return write_zip(path, members)


def provisioning_profile(developers: list[Signer], apple: Signer, bundle_id: str) -> bytes:
    """What Xcode embeds: a CMS SignedData (signed by Apple, here a test CA) around a plist."""
    plist = plistlib.dumps({"AppIDName": "Demo", "Entitlements": {"application-identifier": f"TEAM123456.{bundle_id}"},
                            "DeveloperCertificates": [d.der for d in developers], "Name": "Demo Distribution",
                            "TeamIdentifier": ["TEAM123456"], "ExpirationDate": NOW.replace(tzinfo=None)})
    return (pkcs7.PKCS7SignatureBuilder().set_data(plist).add_signer(apple.cert, apple.key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))


def make_ipa(path: Path, bundle_id: str, *, name: str = "示例", version: str = "2.0", developers: list[Signer],
             apple: Signer, binary_plist: bool = True, profile: bytes | None = None) -> Path:
    info = {"CFBundleIdentifier": bundle_id, "CFBundleDisplayName": name, "CFBundleName": "Demo",
            "CFBundleShortVersionString": version, "CFBundleVersion": "45"}
    fmt = plistlib.FMT_BINARY if binary_plist else plistlib.FMT_XML
    members = {"Payload/Demo.app/Info.plist": plistlib.dumps(info, fmt=fmt),
               "Payload/Demo.app/Demo": b"\xcf\xfa\xed\xfe" + bytes(100),
               "Payload/Demo.app/embedded.mobileprovision":
                   profile if profile is not None else provisioning_profile(developers, apple, bundle_id)}
    return write_zip(path, members)


def make_hap(path: Path, bundle: str, version: str) -> Path:
    import json

    module = {"app": {"bundleName": bundle, "versionName": version, "versionCode": 1000000, "label": "$string:app"},
              "module": {"name": "entry", "type": "entry"}}
    return write_zip(path, {"module.json": json.dumps(module).encode(), "ets/modules.abc": bytes(50)})


def make_jks(path: Path, signer: Signer, password: str, alias: str = "release") -> Path:
    import jks

    key_der = signer.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
    entry = jks.PrivateKeyEntry.new(alias, [signer.der], key_der, "rsa_raw")
    jks.KeyStore.new("jks", [entry]).save(str(path), password)
    return path


def make_p12(path: Path, signer: Signer, password: str, alias: str = "release") -> Path:
    assert isinstance(signer.key, rsa.RSAPrivateKey)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        alias.encode(), signer.key, signer.cert, None, serialization.BestAvailableEncryption(password.encode())))
    return path
