"""The APK Signing Block (v2 / v3 schemes, https://source.android.com/docs/security/features/apksigning/v2):
found just before the central directory, so only that block is read, however large the APK.

androguard reads the whole APK into memory (APK.__init__ keeps the raw bytes) and apksigtool is
AGPL; the block is a documented list of length-prefixed fields, so this module walks it with
bounds on every length and hands each certificate to cryptography."""

from __future__ import annotations

import struct
from pathlib import Path

from .model import AppFileError

MAGIC = b"APK Sig Block 42"
V2_ID = 0x7109871A
V3_ID = 0xF05368C0
V31_ID = 0x1B93AD61
MAX_BLOCK = 32 * 1024 * 1024  # real blocks are a few KB (padded to 4 KB); a hostile size must not be read


class _Damaged(Exception):
    pass


def read_pairs(path: Path, cd_offset: int) -> dict[int, bytes] | None:
    """The block's ID → value pairs, or None when the APK has no signing block."""
    try:
        with open(path, "rb") as fh:
            if cd_offset < 32:
                return None
            fh.seek(cd_offset - 24)
            footer = fh.read(24)
            if footer[8:] != MAGIC:
                return None
            size = int.from_bytes(footer[:8], "little")
            if not 32 <= size <= MAX_BLOCK or size + 8 > cd_offset:
                raise AppFileError(f"APK 签名块损坏 / damaged APK signing block (size {size})", path)
            fh.seek(cd_offset - size - 8)
            block = fh.read(size + 8)
    except OSError as e:
        raise AppFileError(f"无法读取 / cannot read: {e.strerror or e}", path) from None
    if int.from_bytes(block[:8], "little") != size:
        raise AppFileError("APK 签名块损坏 / damaged APK signing block (sizes differ)", path)
    pairs: dict[int, bytes] = {}
    body, pos = block[8:-24], 0
    try:
        while pos < len(body):
            if pos + 12 > len(body):
                raise _Damaged
            length, ident = struct.unpack_from("<QI", body, pos)
            if length < 4 or pos + 8 + length > len(body):
                raise _Damaged
            pairs.setdefault(ident, body[pos + 12:pos + 8 + length])
            pos += 8 + length
    except _Damaged:
        raise AppFileError("APK 签名块损坏 / damaged APK signing block (pair lengths)", path) from None
    return pairs


def _fields(data: bytes) -> list[bytes]:
    """A sequence of uint32-length-prefixed fields."""
    out, pos = [], 0
    while pos < len(data):
        if pos + 4 > len(data):
            raise _Damaged
        (n,) = struct.unpack_from("<I", data, pos)
        if pos + 4 + n > len(data):
            raise _Damaged
        out.append(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    return out


def _one(data: bytes) -> tuple[bytes, bytes]:
    if len(data) < 4:
        raise _Damaged
    (n,) = struct.unpack_from("<I", data, 0)
    if 4 + n > len(data):
        raise _Damaged
    return data[4:4 + n], data[4 + n:]


def scheme_certificates(value: bytes, path: Path, scheme: str) -> list[bytes]:
    """The DER certificates of every signer in a v2 / v3 block (signer → signed data →
    digests, certificates, …); the first of each signer's list is its signing certificate."""
    try:
        signers, _ = _one(value)
        certs: list[bytes] = []
        for signer in _fields(signers):
            signed_data, _ = _one(signer)
            _digests, rest = _one(signed_data)
            cert_list, _ = _one(rest)
            certs += _fields(cert_list)
        return certs
    except _Damaged:
        raise AppFileError(f"APK 签名块损坏 / damaged APK signing block ({scheme})", path) from None
