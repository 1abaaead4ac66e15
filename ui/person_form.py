"""The fields of one person (a leader), under a path prefix that can change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from icpdesk.catalogues import Catalogues

from .fields import Form, code_combo
from .i18n import QT_TRANSLATE_NOOP, translate

# (field, its catalogue of codes, its hint); the labels are the fields catalogue's ("*.leader.…")
PERSON_FIELDS = [
    ("name", None, ""),
    ("cert_type", "cert_types", ""),
    ("cert_number", None, QT_TRANSLATE_NOOP("PersonForm", "照证件填写，18位身份证号末位 X 大写")),
    ("cert_expiry", None, QT_TRANSLATE_NOOP("PersonForm", "YYYY-MM-DD 或 长期")),
    ("phone1", None, QT_TRANSLATE_NOOP("PersonForm", "工信部短信验证码发到这个号码")),
    ("phone2", None, QT_TRANSLATE_NOOP("PersonForm", "单位：另一个手机或办公电话")),
    ("emergency_phone", None, QT_TRANSLATE_NOOP("PersonForm", "与负责人手机不同")),
    ("office_phone", None, QT_TRANSLATE_NOOP("PersonForm", "带区号，如 0571-88888888")),
    ("email", None, ""),
]


class PersonForm(Form):
    def __init__(self, catalogues: Catalogues, on_edit: Callable[..., None], parent: QWidget | None = None,
                 prefix: str = "principal.leader") -> None:
        super().__init__(catalogues, parent)
        self.keys: list[str] = []
        person_certs = [e.code for e in catalogues["cert_types"].entries if e.get("holder") == "person"]
        for key, catalogue, hint in PERSON_FIELDS:
            editor = code_combo(catalogues[catalogue], person_certs, empty=None) if catalogue else QLineEdit()
            self.add(f"{prefix}.{key}", editor, on_edit, translate("PersonForm", hint) if hint else "")
            self.keys.append(key)
        self.set_prefix(prefix)

    def set_prefix(self, prefix: str) -> None:
        for key, row in zip(self.keys, self.rows, strict=True):
            row.path = f"{prefix}.{key}"
