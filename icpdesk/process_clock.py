"""How long ago the OS started this process (interpreter start-up included), on each platform:
Linux from /proc, Windows from GetProcessTimes, macOS from sysctl(KERN_PROC_PID). Anywhere
else, or when the OS does not answer, None: the caller reports the age as unknown."""

from __future__ import annotations

import os
import sys
import time


def process_age() -> float | None:
    try:
        if sys.platform == "linux":
            return _linux()
        if sys.platform == "win32":
            return _windows()
        if sys.platform == "darwin":
            return _macos()
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return None


def _linux() -> float | None:
    if sys.platform != "linux":  # (each helper says its platform: the type checker reads it too)
        return None
    with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    with open("/proc/uptime", encoding="ascii") as fh:
        uptime = float(fh.read().split()[0])
    return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))


def _windows() -> float | None:
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(created), ctypes.byref(exited),
                                    ctypes.byref(kernel), ctypes.byref(user)):
        return None
    now = wintypes.FILETIME()
    kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

    def ticks(ft: wintypes.FILETIME) -> int:  # 100 ns units
        return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

    return max(0.0, (ticks(now) - ticks(created)) / 1e7)


def _macos() -> float | None:
    if sys.platform != "darwin":
        return None
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    # struct kinfo_proc begins with struct extern_proc, whose first member is the union holding
    # p_starttime (struct timeval: a 64-bit tv_sec, a 32-bit tv_usec, padded); 648 bytes in all
    buf = ctypes.create_string_buffer(1024)
    size = ctypes.c_size_t(len(buf))
    mib = (ctypes.c_int * 4)(1, 14, 1, os.getpid())  # CTL_KERN, KERN_PROC, KERN_PROC_PID, pid
    if libc.sysctl(mib, 4, buf, ctypes.byref(size), None, ctypes.c_size_t(0)) != 0 or size.value < 16:
        return None
    sec = int.from_bytes(buf.raw[0:8], sys.byteorder, signed=True)
    usec = int.from_bytes(buf.raw[8:12], sys.byteorder, signed=True)
    return max(0.0, time.time() - (sec + usec / 1e6))
