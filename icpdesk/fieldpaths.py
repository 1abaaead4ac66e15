"""Dotted field paths with list indexes (contract §2): `websites[0].leader.phone1`.

Rules name where they run with patterns (`websites[*].name`, `*.leader.phone1`); this module
turns pydantic locations into paths, expands patterns over a filing, and matches a concrete
path against a pattern (for the live check of one field).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@lru_cache(maxsize=4096)  # the same few patterns and paths, every validation
def _tokens(path: str) -> tuple[str | int, ...]:
    toks: list[str | int] = []
    for piece in path.split("."):
        name, *idx = piece.split("[")
        if name:
            toks.append(name)
        toks += ["*" if i == "*]" else int(i.rstrip("]")) for i in idx]
    return tuple(toks)


def get(obj: Any, path: str) -> Any:
    for tok in _tokens(path):
        if obj is None:
            return None
        if isinstance(tok, int):
            obj = obj[tok] if isinstance(obj, list) and tok < len(obj) else None
        else:
            obj = getattr(obj, "for_" if tok == "for" else tok, None)
    return obj


def expand(root: BaseModel, pattern: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete path, value) the pattern reaches; absent objects are skipped.

    A leading `*.leader` stands for every leader entry: the principal's and each site's
    or APP's own (a null site leader is the principal leader and is checked there).
    """
    if pattern.startswith("*.leader"):
        rest = pattern[len("*.leader"):]
        for prefix in ("principal.leader", "websites[*].leader", "apps[*].leader"):
            yield from expand(root, prefix + rest)
        return
    yield from _walk(root, _tokens(pattern), "")


def _walk(obj: Any, toks: tuple[str | int, ...], at: str) -> Iterator[tuple[str, Any]]:
    """Level by level rather than recursively: a keystroke's validation walks every rule's
    pattern, and generator recursion was a third of its time."""
    level = [(at, obj)]
    last = len(toks) - 1
    for n, tok in enumerate(toks):
        reached: list[tuple[str, Any]] = []
        for where, node in level:
            if tok == "*":
                if isinstance(node, list):
                    reached += [(f"{where}[{i}]", item) for i, item in enumerate(node)]
            elif node is None:
                continue
            elif isinstance(tok, int):
                if isinstance(node, list) and tok < len(node):
                    reached.append((f"{where}[{tok}]", node[tok]))
            else:
                child = getattr(node, "for_" if tok == "for" else tok, None)
                if child is not None or n == last:  # an absent leaf is a value (None), not a miss
                    reached.append((f"{where}.{tok}" if where else tok, child))
        level = reached
    return iter(level)


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    body = re.escape(pattern).replace(r"\[\*\]", r"\[\d+\]")
    if pattern.startswith("*.leader"):
        body = r"(?:principal|websites\[\d+\]|apps\[\d+\])" + body[len(re.escape("*")):]
    return re.compile(body + r"\Z")


def matches(path: str, pattern: str) -> bool:
    return _regex(pattern).match(path) is not None


def owner(path: str) -> str:
    """The service or section a path belongs to: `websites[0]` for `websites[0].leader.email`."""
    m = re.match(r"(websites\[\d+\]|apps\[\d+\]|materials\[\d+\]|principal|websites|apps)", path)
    return m.group(1) if m else path.split(".")[0]


def _unwrap(tp: Any) -> Any:
    """`X | None` → X."""
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) in (Union, UnionType) and len(args) == 1:
        return args[0]
    return tp


def known_pattern(pattern: str, root: type[BaseModel] | None = None) -> bool:
    """Whether a rule's path pattern names fields of the filing model (`*` only on lists).

    `filing` (the whole order) and a leading `*.leader` (every leader entry) are allowed."""
    if root is None:
        from .model import Filing

        root = Filing
    if pattern == "filing":
        return True
    if pattern.startswith("*.leader"):
        rest = pattern[len("*.leader"):]
        return all(known_pattern(p + rest, root)
                   for p in ("principal.leader", "websites[*].leader", "apps[*].leader"))
    try:
        toks = _tokens(pattern)
    except ValueError:
        return False
    tp: Any = root
    for tok in toks:
        tp = _unwrap(tp)
        if isinstance(tok, int) or tok == "*":
            if get_origin(tp) is not list:
                return False
            tp = get_args(tp)[0]
            continue
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
            return False
        name = "for_" if tok == "for" else tok
        field = tp.model_fields.get(name)
        if field is None:
            return False
        tp = field.annotation
    return True
