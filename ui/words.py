"""Words the start shell and the main window's list share (the shell may import nothing heavier
than Qt): the workspace list's columns and a filing's status, translated when shown."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, translate

STATUS = {"draft": QT_TRANSLATE_NOOP("words", "草稿"), "ready": QT_TRANSLATE_NOOP("words", "可提交"),
          "exported": QT_TRANSLATE_NOOP("words", "已导出"), "returned": QT_TRANSLATE_NOOP("words", "已退回")}
NAME, DOMAINS, PROVINCE, TYPE, STATE, ERRORS, WARNINGS, UPDATED = (
    QT_TRANSLATE_NOOP("words", "主体名称"), QT_TRANSLATE_NOOP("words", "域名"), QT_TRANSLATE_NOOP("words", "省份"),
    QT_TRANSLATE_NOOP("words", "备案类型"), QT_TRANSLATE_NOOP("words", "状态"), QT_TRANSLATE_NOOP("words", "错误"),
    QT_TRANSLATE_NOOP("words", "警告"), QT_TRANSLATE_NOOP("words", "最后修改"))
LIST_COLUMNS = (NAME, DOMAINS, PROVINCE, TYPE, STATE, ERRORS, WARNINGS, UPDATED)


def status(code: str) -> str:
    return translate("words", STATUS[code]) if code in STATUS else code


def column(source: str) -> str:
    return translate("words", source)
