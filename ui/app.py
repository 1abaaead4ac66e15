"""Start the desktop app: the main window on the workspace (a filing file, the demo, or the
smoke timing)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from icpdesk.errors import IcpdeskError

from .i18n import translate


class _OnFirstPaint(QObject):
    """Calls `then` once, at the first paint of the widgets it watches (`defer`: in the event
    loop right after it, for work that must not run inside a paint); `fire` calls it anyway."""

    def __init__(self, then, *, defer: bool = False) -> None:
        super().__init__()
        self.then, self.defer, self.fired = then, defer, False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.fired:
            if self.defer:
                QTimer.singleShot(0, self.fire)
            else:
                self.fire()
        return False

    def fire(self) -> None:
        if not self.fired:
            self.fired = True
            self.then()


def _print_first_paint(after_imports: float) -> None:
    """--smoke: the shell's first paint from the process's first statement (every import
    included), as the OS counts the process's age (interpreter start-up too), and after imports."""
    import icpdesk

    now = time.perf_counter()
    age = icpdesk.process_age()
    _say(f"first paint: {(now - icpdesk.STARTED) * 1000:.1f} ms since the process's first statement"
         + (f" ({age * 1000:.0f} ms since the process started)" if age is not None else "")
         + f"; {(now - after_imports) * 1000:.1f} ms after the imports")


def _print_ready_and_quit() -> None:
    """--smoke: the main window's first paint (ready to use), then quit."""
    import icpdesk

    QTimer.singleShot(0, QApplication.quit)  # first: whatever happens to the print, the smoke run ends
    _say(f"window ready: {(time.perf_counter() - icpdesk.STARTED) * 1000:.1f} ms since the process's "
         "first statement (rules, workspace and main window loaded)")


def _say(line: str) -> None:
    """A line on stdout that may be a closed pipe (`icpdesk --smoke | head -1`): an exception
    inside Qt's event filter would be swallowed and the window never quit."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor a complaint at exit


def ensure_chinese_font(app: QApplication) -> None:
    """Machines without a Chinese font get the bundled one (the same the PDF embeds)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    from icpdesk.paths import resources_dir

    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei-gbk.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSizeF(app.font().pointSizeF())
        app.setFont(font)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("icpdesk", appauthor=False)) / "demo"


def option(argv: list[str], name: str) -> str | None:
    """`--name VALUE` or `--name=VALUE` from the arguments."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def files_in(argv: list[str]) -> list[str]:
    """The file arguments (not options, not an option's value)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--workspace", "--review", "--lang"):
            skip = True
        elif not arg.startswith("-"):
            out.append(arg)
    return out


def workspace_for(argv: list[str]):
    """--workspace DIR, else the preferences' folder, else the user's data folder; --demo has
    its own, made fresh with the demo filing."""
    from icpdesk.workspace import Workspace

    from .main_window import settings

    if "--demo" in argv:
        import shutil

        from icpdesk.demo import make_demo

        root = demo_folder() / "workspace"
        shutil.rmtree(root, ignore_errors=True)
        ws = Workspace(root).ensure()
        ws.add_file(make_demo(demo_folder()))
        return ws
    chosen = option(argv, "--workspace") or str(settings().value("workspace", "") or "") or None
    return Workspace(Path(chosen) if chosen else None)


def make_window(argv: list[str]):
    """The main window on the workspace, showing the file given (copied in) or the last filing."""
    from .main_window import MainWindow

    window = MainWindow(workspace_for(argv))
    files = files_in(argv)
    window.open_last()  # the work of last time is there, whatever the argument turns out to be
    for name in files:
        window.open_path(Path(name))
        if window.notice.error and not window.notice.isHidden():  # said in the window: on stderr too
            print(f"icpdesk: {window.notice.text()}", file=sys.stderr)
    return window


def run(argv: list[str], started: float | None = None) -> int:
    started = started or time.perf_counter()
    if not has_display():
        # no Qt application yet, so no translator: both languages, one line each (stderr)
        print("icpdesk: 没有图形界面（DISPLAY 未设置）。可以用命令行：icpdesk validate FILE，"  # i18n: stderr
              "或设置 QT_QPA_PLATFORM=offscreen。\n"
              "icpdesk: no display; use the command line (icpdesk validate FILE) "
              "or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 2
    from .display_check import xcb_hint

    hint = xcb_hint()
    if hint:  # Qt would abort (rc 134) with a paragraph about plugins
        print(hint, file=sys.stderr)
        return 2
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName("icpdesk")
    app.setApplicationName("icpdesk")
    from . import i18n
    from .style import icon

    # the language first: the shell is the first thing translated (--lang, the preferences, the system)
    i18n.install(i18n.choose(option(argv, "--lang")))
    app.setWindowIcon(icon("icpdesk"))
    ensure_chinese_font(app)
    smoke = "--smoke" in argv
    from icpdesk.scratch import sweep  # light: os and tempfile only

    sweep()  # what a killed icpdesk (review window, import) left unpacked under TMPDIR
    probe = _OnFirstPaint(lambda: _print_first_paint(started)) if smoke else None
    # The first paint: the shell (Qt and the standard library only); the rules, the models and
    # the main window follow in the event loop and take its place.
    from .shell import StartShell, workspace_root

    shell = StartShell(workspace_root(argv, option))
    if probe is not None:
        _watch(shell, probe)
    state: dict[str, object] = {}
    # the rest starts once the shell is on the screen (or after 300 ms, should no paint come)
    after = _OnFirstPaint(lambda: _finish(app, argv, shell, state, smoke), defer=True)
    _watch(shell, after)
    QTimer.singleShot(300, after.fire)
    shell.show()
    wake = _quit_on_sigterm(app)  # noqa: F841 (kept alive while the loop runs)
    code = app.exec()
    return int(state.get("code", code))  # type: ignore[call-overload]


def _watch(window: QObject, probe: QObject) -> None:
    """The window's own paint: a top-level window paints its background in the same pass as its
    children, before the frame goes to the screen. (Watching every child cost 40 ms before the
    first paint: each child's Python wrapper makes its class's enums.)"""
    window.installEventFilter(probe)


def _stop(app: QApplication, state: dict[str, object], code: int) -> None:
    state["code"] = code
    QTimer.singleShot(0, lambda: app.exit(code))


def _finish(app: QApplication, argv: list[str], shell, state: dict[str, object], smoke: bool) -> None:
    """Everything the first paint did not need: the rules (a broken folder stops here, exit 2),
    the workspace (a second instance stops here, exit 3) and the main window: made as what
    they are, kept for the process's life (icpdesk/long_lived.py)."""
    from icpdesk.logs import setup as setup_logs
    from icpdesk.long_lived import long_lived

    setup_logs()  # after the first paint: a file opened is not worth a frame's delay
    with long_lived():
        _open(app, argv, shell, state, smoke)


def _open(app: QApplication, argv: list[str], shell, state: dict[str, object], smoke: bool) -> None:
    from .notice import as_text  # after the first paint (it brings Qt's enums)

    try:
        from icpdesk.shipped import default_rulebook

        default_rulebook()
    except IcpdeskError as e:  # a broken --rules folder: say which file and rule, then stop
        print(f"icpdesk: {e}", file=sys.stderr)
        if not smoke and not os.environ.get("CI"):
            QMessageBox.critical(shell, translate("app", "规则文件有误"), as_text(str(e)))
        _stop(app, state, 2)
        return
    from icpdesk.workspace import WorkspaceLocked

    review = option(argv, "--review")
    try:
        if review:  # `icpdesk review --window PACKAGE.zip`: the review window alone, no workspace
            from .review_window import ReviewWindow

            window = ReviewWindow(Path(review))
        else:
            window = make_window(argv)
    except WorkspaceLocked as e:  # one writer per workspace: say so, and stop
        print(f"icpdesk: {e}", file=sys.stderr)
        if not smoke and not os.environ.get("CI"):
            QMessageBox.information(shell, translate("app", "工作区正在使用"), as_text(str(e)))
        _stop(app, state, 3)
        return
    except (OSError, IcpdeskError) as e:  # an unreadable or read-only workspace folder
        print(translate("app", "icpdesk: 无法打开工作区：{error}").format(error=e), file=sys.stderr)
        if not smoke and not os.environ.get("CI"):
            QMessageBox.critical(shell, translate("app", "无法打开工作区"), as_text(str(e)))
        _stop(app, state, 2)
        return
    if hasattr(window, "shutdown"):
        app.aboutToQuit.connect(window.shutdown)
    state["window"] = window  # kept alive with the loop
    window.setGeometry(shell.geometry())
    if smoke:
        ready = _OnFirstPaint(_print_ready_and_quit)
        state["ready"] = ready
        _watch(window, ready)
    window.show()
    shell.close()


def _quit_on_sigterm(app: QApplication) -> QTimer | None:
    """A logout or `kill` (SIGTERM) ends like 退出: the last edits saved, the session closed.
    Python sees a signal only when it runs, so a timer wakes it twice a second."""
    import signal

    if not hasattr(signal, "SIGTERM"):
        return None
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    timer = QTimer()
    timer.start(500)
    timer.timeout.connect(lambda: None)
    return timer
