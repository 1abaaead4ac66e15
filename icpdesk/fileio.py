"""Reading and writing filing files (`*.icpdesk.yaml`, or the same as JSON).

Every way a file can be unreadable ends in an InputError that names the file, the line and
the field; a save writes the whole file or nothing, mode 0600 (icpdesk/atomic.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import yamlio
from .atomic import atomic_write
from .bounded import read_bytes
from .errors import InputError
from .fieldpaths import dotted
from .model import Filing

_HINTS = {
    "string_type": "（证件号、电话等请加引号，例如 \"0571-88888888\"，否则会被当作数字、丢失前导零）"
                   " / quote numbers such as IDs and phones",
    "extra_forbidden": "（检查拼写）",
}


def is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def read_text(path: Path, limit: int = yamlio.MAX_BYTES) -> str:
    data = read_bytes(path, limit)  # only a regular file, never past the limit (a pipe, /dev/zero)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        raise InputError("这是 zip 文件（资料包？），不是备案文件：用“导入资料包”或 icpdesk verify / import 打开 / "
                         "a zip file (a package?), not a filing: open it with import or verify", file=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"不是 UTF-8 文本 / not UTF-8 text (byte {e.start})", file=str(path)) from None


def parse_filing(text: str, *, name: str = "<filing>", as_json: bool = False) -> Filing:
    try:
        data: Any = yamlio.load_json(text) if as_json else yamlio.load(text)
    except json.JSONDecodeError as e:
        raise InputError(f"JSON 格式错误 / malformed JSON: {e.msg}", file=name, line=e.lineno) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(f"YAML 格式错误 / malformed YAML: {e.problem or e}", file=name,
                         line=line) from None
    except yaml.YAMLError as e:
        raise InputError(f"YAML 格式错误 / malformed YAML: {e}", file=name) from None
    except RecursionError:
        raise InputError("嵌套过深 / nested too deeply", file=name) from None
    except ValueError as e:  # a number of absurd length in JSON
        raise InputError(f"JSON 格式错误 / malformed JSON: {e}", file=name) from None
    bad = yamlio.bad_text(data)
    if bad is not None:
        raise InputError("含有无效字符（孤立的代理码位，无法保存为 UTF-8）/ invalid text (a lone surrogate, "
                         "which cannot be written as UTF-8)", file=name, field=dotted(bad) or None) from None
    if not isinstance(data, dict):
        raise InputError("文件顶层必须是一个映射（format, principal, websites …）/ "
                         "the top level must be a mapping", file=name, line=1)
    try:
        filing = Filing.model_validate(data)
    except ValidationError as e:
        raise _input_error(e, text, name, as_json) from None
    filing._cleaned = tuple(_cleaned(data, filing.model_dump(mode="json", by_alias=True)))
    return filing


def _cleaned(raw: Any, stored: Any, at: tuple[Any, ...] = ()) -> list[str]:
    """Paths where the model's cleaning changed the text read (full-width digits, a BOM…)."""
    if isinstance(raw, str):
        return [dotted(at)] if isinstance(stored, str) and raw != stored else []
    if isinstance(raw, dict) and isinstance(stored, dict):
        return [p for k, v in raw.items() if k in stored for p in _cleaned(v, stored[k], (*at, k))]
    if isinstance(raw, list) and isinstance(stored, list):
        if raw and all(isinstance(v, str) for v in raw) and raw != stored:
            return [dotted(at)]  # a list of domains is one field
        return [p for i, (v, s) in enumerate(zip(raw, stored, strict=False)) for p in _cleaned(v, s, (*at, i))]
    return []


# pydantic's messages are English; a Chinese sentence for the kinds a hand-edited file runs into
_TYPE_ZH = {
    "string_type": "应为文本", "dict_type": "应为一组字段（映射）", "model_type": "应为一组字段（映射）",
    "model_attributes_type": "应为一组字段（映射）", "list_type": "应为列表", "int_type": "应为整数",
    "int_parsing": "应为整数", "float_parsing": "应为数字", "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false", "missing": "缺少这个字段", "extra_forbidden": "不认识的字段",
    "date_type": "应为日期（YYYY-MM-DD）", "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）", "string_too_long": "文本过长",
    "too_long": "条目过多", "literal_error": "应为以下之一：{expected}", "enum": "应为以下之一：{expected}",
}


def error_text(error: Any) -> str:
    """One pydantic error as "中文 / English" (our own validators' messages are bilingual already)."""
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    zh = _TYPE_ZH.get(error["type"])
    if zh is None:
        return str(error["msg"])
    return f"{zh.format(**(error.get('ctx') or {}))} / {error['msg']}"


def _input_error(err: ValidationError, text: str, name: str, as_json: bool) -> InputError:
    errors = err.errors(include_url=False)
    first = errors[0]
    try:
        root = yamlio.compose(text)  # JSON is YAML too, so this gives JSON lines as well
    except Exception:
        root = None
    loc = tuple(first["loc"])
    line = yamlio.line_of(root, loc) if root is not None else None
    hint = _HINTS.get(first["type"], "")
    if first["type"] == "string_type" and not isinstance(first.get("input"), int | float):
        hint = ""  # the quoting hint only where a number really was given unquoted
    msg = error_text(first) + hint
    if len(errors) > 1:
        more = "; ".join(f"{dotted(tuple(x['loc']))}: {error_text(x)}" for x in errors[1:4])
        msg += f" (另有 {len(errors) - 1} 处 / {len(errors) - 1} more: {more})"
    return InputError(msg, file=name, line=line, field=dotted(loc) or None)


def load_filing(path: str | os.PathLike[str]) -> Filing:
    p = Path(path)
    return parse_filing(read_text(p), name=str(p), as_json=is_json(p))


def dump_filing(filing: Filing, *, as_json: bool = False) -> str:
    data = filing.model_dump(mode="json", by_alias=True)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yamlio.dump(data)


def save_filing(filing: Filing, path: str | os.PathLike[str]) -> None:
    p = Path(path)
    atomic_write(p, dump_filing(filing, as_json=is_json(p)).encode("utf-8"))
