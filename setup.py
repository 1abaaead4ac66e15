"""The build compiles the Qt Linguist sources (resources/translations/*.ts) to .qm with Qt's
lrelease from the PySide6 wheel (a build requirement, pyproject.toml): into the wheel beside
each .ts, or into the source tree for an editable install. Everything else is pyproject.toml.
Without lrelease the build still succeeds and the app compiles the .qm on first use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
TRANSLATIONS = HERE / "resources" / "translations"
INSTALLED = Path("icpdesk", "_data", "resources", "translations")  # package-dir in pyproject.toml


def _lrelease() -> str | None:
    try:
        import PySide6
    except ImportError:
        return shutil.which("pyside6-lrelease")
    exe = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return str(exe) if exe.is_file() else shutil.which("pyside6-lrelease")


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        tool = _lrelease()
        if tool is None:
            self.announce("lrelease not found: the app compiles its translations on first use", level=3)
            return
        target = TRANSLATIONS if self.editable_mode else Path(self.build_lib) / INSTALLED
        target.mkdir(parents=True, exist_ok=True)
        for ts in sorted(TRANSLATIONS.glob("*.ts")):
            subprocess.run([tool, "-silent", str(ts), "-qm", str(target / f"{ts.stem}.qm")], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
