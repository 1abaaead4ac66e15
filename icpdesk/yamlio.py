"""Safe YAML reading with positions, and writing that keeps Chinese readable.

PyYAML's safe loader still accepts aliases (a "billion laughs" file expands without bound)
and silently keeps the last of two equal keys; a filing needs neither, so both are refused.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml

MAX_BYTES = 5 * 1024 * 1024  # a filing is a few KB; anything this large is not one
MAX_INT_DIGITS = 100  # no field of a filing or a package holds a longer number


# A mixin: at run time it must not bring in the pure-Python SafeLoader, or the libyaml loader
# below would parse with Python after all; for the type checker it is a SafeLoader.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = object


class _NoDuplicates(_Base):
    """Refuses a mapping that repeats a key (YAML itself would keep the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool | None):
                raise yaml.constructor.ConstructorError(
                    None, None, "键必须是文字 / a mapping key must be plain text, not a list or mapping",
                    key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_NoDuplicates, yaml.SafeLoader):
    """For files from users: no aliases, no duplicate keys, no integers of absurd length."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(str(node.value)) > MAX_INT_DIGITS:  # int() of 5,000 digits raises ValueError
            raise yaml.constructor.ConstructorError(
                None, None, f"数字过长（{len(str(node.value))} 位）/ a number of absurd length", node.start_mark)
        return int(super().construct_yaml_int(node))

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in this file", event.start_mark)
        return super().compose_node(parent, index)


# The shipped rules are trusted and many: libyaml parses them in a fraction of the time
# (start-up), still refusing duplicate keys; without libyaml the strict loader serves.
_RulesLoader: type[Any] = type("_RulesLoader", (_NoDuplicates, getattr(yaml, "CSafeLoader", _StrictLoader)), {})

# Dates and times stay strings: "2030-01-01" in a filing is text the rules parse and judge,
# and a YAML timestamp would turn an impossible date into a loader crash. (A new dict per
# class: editing the inherited one would change PyYAML's SafeLoader for everybody.)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)

_loader: type[Any]
for _loader in (_StrictLoader, _RulesLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(text: str) -> Any:
    return yaml.load(text, Loader=_StrictLoader)


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_INT_DIGITS:
        raise ValueError(f"数字过长（{len(digits)} 位）/ a number of absurd length")
    return int(digits)


def load_json(text: str) -> Any:
    """JSON from outside (a filing, a package's manifest): integers of bounded length."""
    return json.loads(text, parse_int=_bounded_int)


def bad_text(data: Any, at: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The location of the first string that is no valid Unicode text (a lone surrogate such as
    "\\uD800", which cannot be written as UTF-8), or None."""
    stack: list[tuple[tuple[Any, ...], Any]] = [(at, data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return loc
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and bad_text(k) is not None:
                    return (*loc, k)
                stack.append(((*loc, k), v))
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
    return None


def canonical_digest(data: dict[str, Any]) -> str:
    """SHA-256 of a JSON document without its own "digest" key, in a canonical form (sorted
    keys, no spaces): the manifest's and a review's. It shows an edit that did not recompute it;
    it is no signature (anyone can recompute it)."""
    import hashlib

    body = {k: v for k, v in data.items() if k != "digest"}
    canon = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_StrictLoader)


def line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the value at `loc` (a pydantic error location) in a composed tree."""
    node, line = root, None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if key.value == str(part):
                    nxt, line = value, key.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items, as the contract writes them


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=120)


RULES_LOADER = _RulesLoader  # the project's own rules files (icpdesk/rules_cache.py parses with it)
