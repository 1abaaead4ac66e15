"""The window's language. The source strings in ui/ are Chinese (`self.tr("下一步")`,
`translate("ctx", …)`); resources/translations/icpdesk_en.ts is their English, compiled to .qm by
Qt's lrelease (shipped with PySide6) on first use, into the cache folder under the .ts's hash.
Qt's own strings (file dialogs, message box buttons) come from its qtbase translations.

Chosen by `--lang`, else the preferences (QSettings "language"), else the system locale
(Chinese for zh_*, English otherwise). The core's texts (rule messages, catalogue labels) follow
through `core_lang()`: "zh" or "en"."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

SOURCE = "zh_CN"  # the language of the strings in the code
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # i18n: each in its own language, for the switch
PSEUDO_ENV = "ICPDESK_PSEUDO_TS"  # tests: a pseudo-translation .ts to load instead of English

translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks `text` for translation in `context` where it is defined; translate() it where shown."""
    return text

__all__ = ["LANGUAGES", "QT_TRANSLATE_NOOP", "core_lang", "current", "install", "translate"]

_state: dict[str, object] = {"language": SOURCE, "translators": []}


def current() -> str:
    return str(_state["language"])


def core_lang() -> str:
    """The core's language code for the window's language (rule messages, labels, plans)."""
    return "zh" if current().startswith("zh") else "en"


def normalise(value: str | None) -> str | None:
    """'zh', 'zh_CN', 'zh-Hans', 'en', 'en_US' → a language of LANGUAGES; None if unknown."""
    if not value:
        return None
    v = value.replace("-", "_").lower()
    if v.startswith("zh"):
        return "zh_CN"
    if v.startswith("en"):
        return "en"
    return None


def choose(cli: str | None, settings: QSettings | None = None) -> str:
    """--lang, else the remembered choice, else the system's locale."""
    for candidate in (cli, str((settings or QSettings("icpdesk", "icpdesk")).value("language", "") or "")):
        chosen = normalise(candidate)
        if chosen:
            return chosen
    return system_language()


def system_language() -> str:
    """The system's first user-interface language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Unix)."""
    system = QLocale.system()
    first = (system.uiLanguages() or [system.name()])[0]
    return "zh_CN" if first.lower().startswith("zh") else "en"


def ts_path(language: str) -> Path:
    from icpdesk.paths import resources_dir

    return resources_dir() / "translations" / f"icpdesk_{language}.ts"


def lrelease() -> str | None:
    """Qt's lrelease: the one in the PySide6 wheel, else pyside6-lrelease on the PATH."""
    import shutil

    import PySide6

    exe = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return str(exe) if exe.is_file() else shutil.which("pyside6-lrelease")


def compiled(ts: Path) -> Path | None:
    """The .qm of a .ts: beside it when a build put it there, else compiled into the cache
    folder under the hash of the .ts (so an edited .ts is compiled again, a stale .qm never used)."""
    beside = ts.with_suffix(".qm")
    if beside.is_file() and beside.stat().st_mtime >= ts.stat().st_mtime:
        return beside
    import hashlib  # here, and subprocess below: not on the way to the first paint
    import subprocess

    from icpdesk.paths import cache_folder

    data = ts.read_bytes()
    folder = cache_folder()
    if folder is None:  # ICPDESK_CACHE=off: a private temporary folder
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="icpdesk-qm-"))
    target = folder / "translations" / f"{ts.stem}-{hashlib.sha256(data).hexdigest()[:16]}.qm"
    if target.is_file() and target.stat().st_size > 0:
        return target
    tool = lrelease()
    if tool is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(partial)], check=True, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.replace(partial, target)
    except (OSError, subprocess.SubprocessError):
        partial.unlink(missing_ok=True)
        return None
    return target


def install(language: str) -> bool:
    """Make `language` the window's language (again); False if its translation could not load
    (the window then stays in the source language, Chinese)."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in list(_state["translators"]):  # type: ignore[call-overload]
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    ok = True
    ts = Path(os.environ[PSEUDO_ENV]) if os.environ.get(PSEUDO_ENV) else ts_path(language)
    if language != SOURCE or os.environ.get(PSEUDO_ENV):
        qm = compiled(ts) if ts.is_file() else None
        own = QTranslator(app)
        ok = qm is not None and own.load(str(qm))
        if ok:
            translators.append(own)
    qt = QTranslator(app)  # Qt's own dialogs and buttons
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for t in translators:
        app.installTranslator(t)
    _state["translators"] = translators
    _state["language"] = language if ok else SOURCE
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if core_lang() == "zh" else QLocale.Language.English,
                               QLocale.Country.China if core_lang() == "zh" else QLocale.Country.UnitedStates))
    return ok
