"""Whether a material's file can go into a package, judged as `validate` judges it: a path is
given, it stays inside the filing's folder (links followed), and it is a regular file with
something in it. `plan` ticks a material only when this says nothing (issue 28 item 4)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .bounded import kind_of


def file_problem(base: Path, material_path: str) -> tuple[str, str] | None:
    """(中文, English) of what is wrong with the material's file, or None."""
    if not material_path.strip():
        return "没有填写文件路径", "no file path given"
    try:
        root = base.resolve()
        target = (root / material_path).resolve()
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return "无法读取（链接循环？）", "cannot be read (a link loop?)"
    if not target.is_relative_to(root):
        return "不在备案文件所在的文件夹里", "not inside the filing file's folder"
    try:
        st = os.stat(target)
    except OSError:
        return "找不到文件", "the file is not there"
    if not stat.S_ISREG(st.st_mode):
        zh, _, en = kind_of(st.st_mode).partition(" / ")
        return zh, en
    if st.st_size == 0:
        return "文件是空的", "the file is empty"
    return None
