"""The result of reading an app's file, and the errors that say why one could not be read."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IcpdeskError


class AppFileError(IcpdeskError):
    """The file is unreadable, corrupt or hostile (exit 2); the message names the file."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path is not None else message)


class WrongPassword(AppFileError):
    pass


class MissingLibrary(AppFileError):
    def __init__(self, library: str) -> None:
        super().__init__(f"缺少 {library} / {library} is not installed: pip install 'icpdesk[app]'")


@dataclass
class CertInfo:
    """One certificate in the filing's form: fingerprints as keytool prints them (upper-case
    hex with colons; the rules take them with or without colons), the public key as the
    RSA modulus in hex (Kingsoft's and Aliyun's guides: "公钥 (Modulus)", "模数(公钥)"), else
    the key's DER in base64; and the whole key's DER in hex, the form some Tencent filers used."""

    md5: str
    sha1: str
    sha256: str
    public_key: str
    subject: str
    not_before: str
    not_after: str
    public_key_der: str = ""  # the SubjectPublicKeyInfo DER in hex (`openssl pkey -pubin -outform DER | xxd -p`)
    source: str = ""  # v1, v2, v3, profile, keystore alias, file

    def expired(self, today: dt.date) -> bool:
        return dt.date.fromisoformat(self.not_after[:10]) < today


@dataclass
class AppInfo:
    file: str
    kind: str  # apk, aab, ipa, hap, jks, pkcs12, certificate
    package_name: str | None = None
    bundle_id: str | None = None
    name: str | None = None
    version: str | None = None
    certificates: list[CertInfo] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # read fine, but the filing cannot use it as is (exit 1)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a problem

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
