"""Before Qt starts on an X display: the system libraries its xcb plugin needs. Without one,
Qt aborts the process (rc 134) with a paragraph about plugins; icpdesk names the package instead.
No Qt here: it runs before the first Qt import that could abort."""

from __future__ import annotations

import os
import sys

# soname → Debian/Ubuntu package (ldd of PySide6's libqxcb.so and libQt6XcbQpa.so, Qt 6.x)
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def uses_xcb() -> bool:
    """Whether Qt will pick its X11 plugin: asked for, or a Linux X session that is not Wayland."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return sys.platform.startswith("linux") and bool(os.environ.get("DISPLAY")) \
        and not os.environ.get("WAYLAND_DISPLAY")


def missing_xcb_packages() -> list[str]:
    import ctypes  # only on X11: offscreen, Wayland, Windows and macOS never need it

    missing = []
    for soname, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def xcb_hint() -> str | None:
    """One line naming what to install, or None when nothing is missing (or xcb is not used)."""
    if not uses_xcb():
        return None
    missing = missing_xcb_packages()
    if not missing:
        return None
    names = " ".join(missing)
    # i18n: stderr, before Qt (and its translator) can start
    return (f"icpdesk: 桌面显示缺少系统库 / the X11 display needs system libraries that are missing: {names}\n"
            f"  安装 / install: sudo apt-get install {names}   "
            "（或用命令行 / or use the command line: icpdesk validate FILE）")
