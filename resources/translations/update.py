"""Bring icpdesk_en.ts up to date with the strings in ui/ (Qt's lupdate, from the PySide6 wheel):

    python resources/translations/update.py          # new strings appear as unfinished
    python resources/translations/update.py --check  # exit 1 if the .ts lags the code (the tests do this)

Then translate the unfinished entries (Qt Linguist, or any editor). The source strings are Chinese
(zh_CN); the .qm files are compiled from the .ts at first use (ui/i18n.py), never committed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent.parent / "ui"
LANGUAGES = ("en",)


def lupdate() -> str:
    import PySide6

    exe = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    found = str(exe) if exe.is_file() else shutil.which("pyside6-lupdate")
    if not found:
        raise SystemExit("lupdate not found (it comes with PySide6)")
    return found


def update(ts: Path) -> None:
    sources = sorted(str(p) for p in UI.glob("*.py"))
    subprocess.run([lupdate(), *sources, "-source-language", "zh_CN", "-target-language", ts.stem.split("_", 1)[1],
                    "-locations", "none", "-no-obsolete", "-silent", "-ts", str(ts)], check=True)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for lang in LANGUAGES:
        ts = HERE / f"icpdesk_{lang}.ts"
        if check:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / ts.name
                shutil.copy(ts, copy)
                update(copy)
                if copy.read_bytes() != ts.read_bytes():
                    stale.append(ts.name)
        else:
            update(ts)
    if stale:
        print("out of date with ui/: " + ", ".join(stale) + " (run resources/translations/update.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
