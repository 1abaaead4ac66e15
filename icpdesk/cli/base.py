"""The command line's shared pieces: the parser and its common options, terminal-safe output,
the progress line, the filing files a command is given."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from ..errors import InputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too, but says it our way
        self.print_usage(sys.stderr)
        print(f"icpdesk: {message}", file=sys.stderr)
        raise SystemExit(2)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _common(p: argparse.ArgumentParser, *, lang: bool = True, today: bool = False) -> argparse.ArgumentParser:
    """The options every subcommand shares: --json (contract §3), --lang, and a hidden --today
    that pins "now" for reproducible ages and expiry dates."""
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _rules_option(p)
    if lang:
        p.add_argument("--lang", choices=["zh", "en"], default="zh")
    if today:
        p.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    return p


def _rules_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="用另一个规则目录 / run with another rules folder "
                   "(default: $ICPDESK_RULES, else the shipped rules)")


def take_rules_option(argv: list[str]) -> list[str]:
    """`--rules DIR` anywhere on the line (the app's too): it becomes ICPDESK_RULES, which the
    rulebook and the image workers read. Returns the remaining arguments."""
    from ..paths import RULES_ENV  # light: the app's first paint must not wait for the rules

    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--rules" or arg.startswith("--rules="):
            value = arg.partition("=")[2] if "=" in arg else next(it, "")
            if not value:
                raise InputError("--rules 需要一个目录 / --rules needs a folder")
            os.environ[RULES_ENV] = value
        else:
            out.append(arg)
    return out


def _kind_help() -> str:
    """The material kinds, read from the catalogue (a broken one only shortens the help)."""
    from ..paths import rules_folder

    try:
        from ..rules_cache import load_trusted

        data = load_trusted((rules_folder() / "catalogues" / "material_kinds.yaml").read_text("utf-8"))
        codes = ", ".join(e["code"] for e in data["entries"])
    except Exception:  # the help must not fail; the command reports a broken catalogue itself
        codes = "see rules/catalogues/material_kinds.yaml"
    return f"资料类型 / material kind: {codes}"


def _workspace_option(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--workspace", default=None, metavar="DIR",
                   help="工作区目录（默认：用户数据目录）/ workspace folder (default: the user's data folder)")
    return p


# Control characters (ESC, BEL, C1) and bidi overrides from a hostile file must not reach the
# terminal: they are shown as \\uXXXX, which is also how JSON escapes them, so JSON stays valid.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _out(text: str) -> None:
    sys.stdout.write(terminal_safe(text))
    sys.stdout.flush()


class _Progress:
    """A one-line counter on stderr when it is a terminal (never in JSON or a pipe)."""

    def __init__(self, args: argparse.Namespace, label: str) -> None:
        self.on = sys.stderr.isatty() and not getattr(args, "json", False)
        self.label, self.shown = label, False

    def __call__(self, done: int, total: int, _what: str = "") -> None:
        if self.on:
            width = 24
            bar = "#" * (width * done // max(total, 1))
            sys.stderr.write(f"\r{self.label} [{bar:<{width}}] {done}/{total}")
            sys.stderr.flush()
            self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


FILING_SUFFIXES = (".icpdesk.yaml", ".icpdesk.yml", ".icpdesk.json")


def expand_filings(names: list[str]) -> list[Path]:
    """Files as given; folders walked for *.icpdesk.yaml / .json (hidden entries skipped)."""
    from ..images.walk import expand_paths  # the same walk as check-image's (hidden entries skipped)

    out: list[Path] = []
    for name in names:
        p = Path(name)
        if p.is_dir():
            found = [q for q in expand_paths([p]) if q.name.lower().endswith(FILING_SUFFIXES) and q.is_file()]
            if not found:
                raise InputError("文件夹里没有备案文件（*.icpdesk.yaml）/ no filing files in this folder", file=name)
            out += found
        else:
            out.append(p)
    return out


def _folder_of(path: Path) -> Path:
    """The filing's folder (material paths are relative to it); for a link loop the folder as
    named: reading the file then says what is wrong, in one line."""
    try:
        return path.resolve().parent
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.absolute().parent


def _counts(findings) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}


def _check_code(catalogue: str, code: str | None, what: str) -> None:
    from ..shipped import default_rulebook

    codes = default_rulebook().catalogues[catalogue]
    if code is not None and code not in codes:
        raise InputError(f"{what} {code!r}; choose from {', '.join(codes.codes)}")


def _check_kind(kind: str | None) -> None:
    _check_code("material_kinds", kind, "未知的资料类型 / unknown material kind")


def _check_provider(provider: str | None) -> None:
    _check_code("providers", provider, "未知的接入商 / unknown access provider")


def _check_exist(names: list[str]) -> None:
    """A name that is nothing at all is a wrong call (exit 2); pipes and broken links get verdicts."""
    missing = [n for n in names if not os.path.lexists(n)]
    if missing:
        raise InputError("文件不存在 / no such file: " + ", ".join(missing[:5]))


def _gui(argv: list[str]) -> int:
    try:
        from icpdesk_ui.app import run
    except ImportError as e:
        print(f"icpdesk: the desktop app is not available ({e}); use the command line: "
              "icpdesk validate FILE", file=sys.stderr)
        return 2
    return run(argv)
