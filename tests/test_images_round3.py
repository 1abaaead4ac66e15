"""Issue 28 items 6 and 7: PNGs whose data stream is broken or whose end is cut are damaged,
from a fresh check and from the cache; fix-image goes on past a file it cannot fix."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image

from icpdesk.demo import sheet
from icpdesk.images.batch import check_many
from icpdesk.images.check import check_image
from icpdesk.images.verdicts import VerdictCache

CORPUS = Path("/work/shared/corpus/pillow-test-images")


def _png() -> bytes:
    buf = io.BytesIO()
    sheet(800, 600).save(buf, "PNG")
    return buf.getvalue()


def _with_broken_stream(data: bytes) -> bytes:
    """The first IDAT's zlib data spoiled, its CRC made right again (so only a decode sees it)."""
    i = 8
    while i < len(data):
        (n,) = struct.unpack(">I", data[i:i + 4])
        if data[i + 4:i + 8] == b"IDAT":
            body = bytearray(data[i + 8:i + 8 + n])
            for k in range(n // 2, min(n, n // 2 + 64)):
                body[k] ^= 0x5A
            crc = struct.pack(">I", zlib.crc32(b"IDAT" + bytes(body)))
            return data[:i + 8] + bytes(body) + crc + data[i + 12 + n:]
        i += 12 + n
    raise AssertionError("no IDAT")


@pytest.fixture()
def broken(tmp_path: Path) -> list[Path]:
    data = _png()
    files = {"broken_stream.png": _with_broken_stream(data), "cut_end.png": data[:-6]}
    out = []
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
        out.append(tmp_path / name)
    for name in ("broken_data_stream.png", "truncated_end_chunk.png"):  # Pillow's own, when present
        if (CORPUS / name).is_file():
            (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
            out.append(tmp_path / name)
    return out


def test_a_png_that_fails_the_full_decode_is_damaged(broken):
    for p in broken:
        rules = [f.rule for f in check_image(p).findings]
        assert "image.damaged" in rules, (p.name, rules)
    good = broken[0].with_name("good.png")
    good.write_bytes(_png())
    assert "image.damaged" not in [f.rule for f in check_image(good).findings]


def test_the_damaged_png_verdict_holds_from_the_cache_and_with_previews(broken, tmp_path):
    cache = VerdictCache("t", tmp_path / "cache")
    first = list(check_many(broken, cache=cache, jobs=1, thumbnail=320))
    again = list(check_many(broken, cache=VerdictCache("t", tmp_path / "cache"), jobs=1, thumbnail=320))
    for a, b in zip(first, again, strict=True):
        assert "image.damaged" in [f.rule for f in a.findings]
        assert [f.rule for f in a.findings] == [f.rule for f in b.findings]
        assert not a.ok and not b.ok


def test_fix_image_goes_on_past_a_file_it_cannot_fix(tmp_path, capsys):
    wide = tmp_path / "wide.png"
    Image.new("RGB", (100000, 1), (200, 30, 30)).save(wide)
    good = tmp_path / "good.png"
    sheet(900, 700).save(good)
    bad = tmp_path / "broken.png"
    bad.write_bytes(_with_broken_stream(_png()))
    code, out, _err = run_cli(["fix-image", str(wide), str(bad), str(good), "-o", str(tmp_path / "out"),
                              "--lang", "en"], capsys)
    assert code == 1
    assert "wide.png" in out and "65500" in out
    assert "broken.png" in out
    assert (tmp_path / "out" / "good.jpg").is_file()  # the file after the failures was fixed
    assert "3 files: 1 fixed, 2 not" in out
    assert not (tmp_path / "out" / "wide.jpg").exists()


def test_fix_image_of_one_file_it_cannot_fix_is_a_clean_exit(tmp_path, capsys):
    wide = tmp_path / "wide.png"
    Image.new("RGB", (100000, 1), (200, 30, 30)).save(wide)
    code, out, err = run_cli(["fix-image", str(wide), "-o", str(tmp_path / "w.jpg")], capsys)
    assert code == 1
    assert "65500" in err + out
    assert not (tmp_path / "w.jpg").exists()


def test_an_export_in_a_new_process_after_validate_decodes_nothing(tmp_path, monkeypatch, capsys):
    """Issue 32 item 5: validate's decode makes the summaries' previews and the cache keeps them
    on disk beside the verdicts, readable by the user only; a new process (a new cache object,
    nothing in memory) exports without decoding a scan, and the package is the same as a cold one."""
    import datetime as dt
    import stat

    from conftest import TODAY
    from packages import filing_on_disk

    import icpdesk.images.batch as batch
    import icpdesk.images.verdicts as verdicts
    from icpdesk.engine import Validator
    from icpdesk.package.export import export_package

    now = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    src = filing_on_disk(tmp_path)
    monkeypatch.setenv("ICPDESK_CACHE", str(tmp_path / "cold-cache"))
    monkeypatch.setattr(verdicts, "_shared", None)
    cold = export_package(src, tmp_path / "cold.zip", validator=Validator(today=TODAY), now=now).path
    monkeypatch.setenv("ICPDESK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(verdicts, "_shared", None)
    run_cli(["validate", str(src), "--today", TODAY.isoformat()], capsys)
    shots = list((tmp_path / "cache").rglob("*-320.jpg"))
    assert shots and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in shots)
    monkeypatch.setattr(verdicts, "_shared", None)  # a new process: an empty memory

    def decode(paths, *_a, **_k):
        if paths:
            raise AssertionError("decoded although validated before")
        return iter(())

    monkeypatch.setattr(batch, "_check_all", decode)
    monkeypatch.setattr(batch, "preview", decode)
    warm = export_package(src, tmp_path / "warm.zip", validator=Validator(today=TODAY), now=now).path
    assert warm.read_bytes() == cold.read_bytes()


def test_a_preview_file_that_is_not_a_jpeg_is_ignored(tmp_path):
    cache = VerdictCache("v", tmp_path)
    key = "ab" + "0" * 62
    cache.keep_preview(key, 320, b"\xff\xd8\xff" + bytes(100))
    assert VerdictCache("v", tmp_path).preview(key, 320) == b"\xff\xd8\xff" + bytes(100)
    (tmp_path / "ab" / f"{key}-320.jpg").write_bytes(b"<html>not a preview</html>")
    assert VerdictCache("v", tmp_path).preview(key, 320) is None
