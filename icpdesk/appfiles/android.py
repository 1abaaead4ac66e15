"""The package name, label and version of an Android app: the APK's binary AndroidManifest
(AXML) through apkInspector's parser, the AAB's protobuf manifest (aapt2's XmlNode)."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from .model import AppFileError, AppInfo, MissingLibrary

_STRING, _REFERENCE = 3, 1


@contextlib.contextmanager
def _root_logging_quiet() -> Iterator[None]:
    """apkInspector calls logging.basicConfig() on import and logs damaged input through the
    root logger: both would put timestamped lines on stderr (and a handler on the root for
    good). Its lines are dropped; icpdesk's own logger has its own handler and level."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    guard = logging.NullHandler()
    root.addHandler(guard)  # a root with a handler makes basicConfig() do nothing
    root.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)


def read_manifest(info: AppInfo, data: bytes, path: Path) -> None:
    with _root_logging_quiet():
        try:
            from apkInspector.axml import ManifestStruct, XmlStartElement
        except ImportError:
            raise MissingLibrary("apkInspector") from None
        try:
            manifest = ManifestStruct.parse(io.BytesIO(data))
        except Exception:  # the library raises whatever the bytes lead it to: one line, exit 2
            raise AppFileError("AndroidManifest.xml 损坏 / damaged AndroidManifest.xml", path) from None
    try:
        strings = list(manifest.string_pool.string_list)
        elements = list(manifest.elements)
    except Exception:  # the library raises whatever the bytes lead it to: one line, exit 2
        raise AppFileError("AndroidManifest.xml 损坏 / damaged AndroidManifest.xml", path) from None

    def attrs(element) -> dict[str, str]:
        out: dict[str, str] = {}
        for a in element.attributes:
            name = strings[a.name_index] if 0 <= a.name_index < len(strings) else ""
            if a.typed_value_datatype == _STRING and 0 <= a.typed_value_data < len(strings):
                out[name] = strings[a.typed_value_data]
            elif a.typed_value_datatype == _REFERENCE:
                out[name] = f"@0x{a.typed_value_data:08x}"
            elif 0 <= a.raw_value_index < len(strings):
                out[name] = strings[a.raw_value_index]
            else:
                out[name] = str(a.typed_value_data)
        return out

    tags = {}
    for element in elements:
        if isinstance(element, XmlStartElement):
            tag = strings[element.attrext[1]] if 0 <= element.attrext[1] < len(strings) else ""
            if tag in ("manifest", "application") and tag not in tags:
                tags[tag] = attrs(element)
    if "manifest" not in tags or not tags["manifest"].get("package"):
        raise AppFileError("AndroidManifest.xml 损坏：没有 package / damaged AndroidManifest.xml: no package",
                           path)
    info.package_name = tags["manifest"]["package"][:300]
    info.version = (tags["manifest"].get("versionName") or "")[:100] or None
    label = tags.get("application", {}).get("label")
    if label and label.startswith("@0x"):
        info.notes.append(f"应用名称在资源文件中（{label}），请照应用商店页面填写 / the label is a resource "
                          f"({label}): copy the name from the store page")
    else:
        info.name = (label or "")[:300] or None


# aapt2's Resources.proto: XmlNode{element=1}, XmlElement{name=3, attribute=4},
# XmlAttribute{namespace_uri=1, name=2, value=3}
def _proto_fields(data: bytes) -> list[tuple[int, int, bytes | int]]:
    out: list[tuple[int, int, bytes | int]] = []
    pos = 0

    def varint() -> int:
        nonlocal pos
        shift = value = 0
        while True:
            if pos >= len(data) or shift > 63:
                raise ValueError("truncated varint")
            b = data[pos]
            pos += 1
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7

    while pos < len(data):
        key = varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            out.append((number, wire, varint()))
        elif wire == 2:
            n = varint()
            if pos + n > len(data):
                raise ValueError("truncated field")
            out.append((number, wire, data[pos:pos + n]))
            pos += n
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ValueError("unsupported wire type")
    return out


def read_proto_manifest(info: AppInfo, data: bytes, path: Path) -> None:
    try:
        element = next(v for n, w, v in _proto_fields(data) if n == 1 and w == 2 and isinstance(v, bytes))
        if not isinstance(element, bytes):
            raise ValueError("no element")
        attrs: dict[str, str] = {}
        for n, w, v in _proto_fields(element):
            if n == 4 and w == 2 and isinstance(v, bytes):
                a = {fn: fv for fn, fw, fv in _proto_fields(v) if fw == 2 and fn in (2, 3)}
                key, value = a.get(2), a.get(3)
                if isinstance(key, bytes) and isinstance(value, bytes):
                    attrs[key.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
    except (StopIteration, ValueError):
        raise AppFileError("AAB 的 AndroidManifest.xml 损坏 / damaged AndroidManifest.xml in the AAB", path) from None
    if not attrs.get("package"):
        raise AppFileError("AAB 的 AndroidManifest.xml 没有 package / no package in the AAB's manifest", path)
    info.package_name = attrs["package"][:300]
    info.version = attrs.get("versionName", "")[:100] or None
