"""The fields of one person (a leader), under a path prefix that can change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from icpdesk.catalogues import Catalogues

from .fields import Form, code_combo

PERSON_FIELDS = [
    ("name", "姓名", None, ""),
    ("cert_type", "证件类型", "cert_types", ""),
    ("cert_number", "证件号码", None, "照证件填写，18位身份证号末位 X 大写"),
    ("cert_expiry", "证件有效期至", None, "YYYY-MM-DD 或 长期"),
    ("phone1", "联系方式1（手机）", None, "工信部短信验证码发到这个号码"),
    ("phone2", "联系方式2", None, "单位：另一个手机或办公电话"),
    ("emergency_phone", "应急联系电话", None, "与负责人手机不同"),
    ("office_phone", "办公室电话", None, "带区号，如 0571-88888888"),
    ("email", "电子邮件", None, ""),
]


class PersonForm(Form):
    def __init__(self, catalogues: Catalogues, on_edit: Callable[..., None], parent: QWidget | None = None,
                 prefix: str = "principal.leader") -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        person_certs = [e.code for e in catalogues["cert_types"].entries if e.get("holder") == "person"]
        for key, label, catalogue, hint in PERSON_FIELDS:
            editor = code_combo(catalogues[catalogue], person_certs, empty=None) if catalogue else QLineEdit()
            self.add(f"{prefix}.{key}", label, editor, on_edit, hint)
            self.keys.append(key)
        self.set_prefix(prefix)

    def set_prefix(self, prefix: str) -> None:
        for key, row in zip(self.keys, self.rows, strict=True):
            row.path = f"{prefix}.{key}"
