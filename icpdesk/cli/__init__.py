"""The command line (contract §3). Exit codes: 0 clean, 1 errors found, 2 unreadable input or a
wrong call. Bad input never ends in a traceback. One module per command group, each registering
its parser (`register`) and running its commands; this module only dispatches."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .. import __version__
from ..errors import IcpdeskError, InputError
from . import appinfo, images, packages, planning, validate, workspace
from .base import _gui, _kind_help, _out, _Parser, _rules_option, take_rules_option, terminal_safe


def build_parser(kinds_in_help: bool = True) -> argparse.ArgumentParser:
    """`kinds_in_help`: list the material kinds in --kind's help (it reads a catalogue: only
    when help is asked for)."""
    kind_help = _kind_help() if kinds_in_help else "资料类型 / material kind"
    p = _Parser(prog="icpdesk", description="ICP备案助手：离线检查备案信息和材料 / "
                "prepare China ICP filings offline", formatter_class=argparse.RawDescriptionHelpFormatter,
                usage="icpdesk [FILE | --demo | --workspace DIR]\n       icpdesk COMMAND [options]",
                epilog="桌面程序 / the desktop app:\n"
                "  icpdesk                      打开工作区 / open the workspace window\n"
                "  icpdesk FILE.icpdesk.yaml    打开（复制进工作区）这个备案 / open that filing (copied in)\n"
                "  icpdesk PACKAGE.zip          打开资料包：审阅或导入 / open a package: review or import\n"
                "  icpdesk --demo               用示例备案试用 / try it with a demo filing\n"
                "  icpdesk --workspace DIR      用另一个工作区 / use another workspace folder\n"
                "  icpdesk --lang en|zh         这次用的界面语言 / the window's language this time\n"
                "每个命令的选项 / options of a command: icpdesk COMMAND --help")
    p.add_argument("--version", action="version", version=f"icpdesk {__version__}")
    _rules_option(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="icpdesk")
    validate.register(sub, kind_help)
    planning.register(sub, kind_help)
    images.register(sub, kind_help)
    packages.register(sub, kind_help)
    appinfo.register(sub, kind_help)
    workspace.register(sub, kind_help)
    return p


COMMANDS = {"validate": validate.cmd_validate, "plan": planning.cmd_plan, "filing-type": planning.cmd_filing_type,
            "rules": planning.cmd_rules, "check-image": images.cmd_check_image, "fix-image": images.cmd_fix_image,
            "export": packages.cmd_export, "verify": packages.cmd_verify, "review": packages.cmd_review,
            "import": packages.cmd_import, "workspace": workspace.cmd_workspace, "app-info": appinfo.cmd_app_info}


GUI_FLAGS = ("--smoke", "--demo", "--workspace", "--review", "--lang")
WITHOUT_RULES = {"app-info"}  # reads packages and certificates only: no 0.3 s of rule loading


OPENABLE = (".yaml", ".yml", ".json", ".zip")


def _names_a_file(arg: str) -> bool:
    """An existing path, or one named like a filing or a package (the window says it is missing)."""
    return os.path.lexists(arg) or arg.lower().endswith(OPENABLE)


def _load_rules() -> None:
    """The rulebook, made as what it is: kept for the process's life (icpdesk/long_lived.py)."""
    from ..long_lived import long_lived

    with long_lived():
        from ..shipped import default_rulebook  # the imports too: most of the objects

        default_rulebook()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = take_rules_option(argv)
    except InputError as e:
        print(f"icpdesk: {e}", file=sys.stderr)
        return 2
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and not _names_a_file(argv[0]):
        import difflib

        close = difflib.get_close_matches(argv[0], list(COMMANDS), n=1)
        print(f"icpdesk: 没有这个命令，也没有这个文件 / no such command or file: {terminal_safe(argv[0])!r}"
              + (f"；是不是 / did you mean: icpdesk {close[0]}" if close else "")
              + "\n  命令 / commands: " + ", ".join(COMMANDS), file=sys.stderr)
        return 2
    if not argv or argv[0] in GUI_FLAGS or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _gui(argv)  # `icpdesk`, `icpdesk FILE.icpdesk.yaml` or `icpdesk PACKAGE.zip` opens the app
    args = build_parser(kinds_in_help=any(a in ("-h", "--help") for a in argv)).parse_args(argv)
    if args.command is None:
        return _gui([])
    if args.command in ("verify", "review", "import", "workspace"):  # the commands that unpack
        from ..scratch import sweep

        sweep()  # scans a killed icpdesk left in its private temporary folders
    try:
        if args.command not in WITHOUT_RULES:
            _load_rules()  # a broken rules folder is refused here, before any work
        return COMMANDS[args.command](args)
    except IcpdeskError as e:  # unreadable input (2), refused packages (2), unfixable scans (1)
        print(f"icpdesk: {terminal_safe(str(e))}", file=sys.stderr)
        if getattr(args, "json", False):  # a script reading stdout learns it too
            _out(json.dumps({"ok": False, "error": str(e), "exit_code": e.exit_code}, ensure_ascii=False) + "\n")
        return e.exit_code
    except BrokenPipeError:
        return 0
    except OSError as e:  # a full disk, a read-only folder: one line; what was there stays intact
        where = f" ({e.filename})" if e.filename else ""
        print(f"icpdesk: 无法写入 / cannot write{where}: {e.strerror or e}；原有文件未改动 / "
              "existing files are unchanged", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
