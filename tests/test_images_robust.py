"""Hostile and odd files: every Pillow mode, truncated and corrupted variants, Pillow's own
test images. Every file gets a verdict, no exception escapes, each within a time bound."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from imagegen import png_bomb, sheet
from PIL import Image

from icpdesk.images.batch import check_many, expand_paths
from icpdesk.images.check import check_image

MODES = ["1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr", "LAB", "HSV",
         "I", "I;16", "I;16B", "I;16L", "F"]
SAVE_AS = {"PNG": ".png", "TIFF": ".tif", "JPEG": ".jpg", "GIF": ".gif", "BMP": ".bmp", "WEBP": ".webp"}
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pillow-test-images"


@pytest.fixture(scope="module")
def odd(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("odd")
    base = sheet(320, 240)
    rnd = random.Random(7)
    for mode in MODES:
        try:
            im = base.convert(mode) if mode not in ("I;16", "I;16B", "I;16L") else base.convert("L").convert(mode)
        except (ValueError, OSError):
            im = Image.new(mode, (320, 240))
        for fmt, ext in SAVE_AS.items():
            p = d / f"{mode.replace(';', '_')}_{fmt}{ext}"
            try:
                im.save(p, fmt)
            except (OSError, ValueError, KeyError, TypeError):
                continue
            data = p.read_bytes()
            (d / f"{p.stem}_cut{ext}").write_bytes(data[: max(1, len(data) * 2 // 3)])
            flipped = bytearray(data)
            for _ in range(8):
                i = rnd.randrange(min(len(flipped), 64), len(flipped)) if len(flipped) > 64 else 0
                flipped[i] ^= 0xFF
            (d / f"{p.stem}_flip{ext}").write_bytes(bytes(flipped))
    png_bomb(d / "bomb.png")
    (d / "zero.jpg").write_bytes(b"")
    return d


def _verdicts(paths, **kw):
    started = time.monotonic()
    reports = list(check_many(paths, **kw))
    return reports, time.monotonic() - started


def test_every_odd_file_gets_a_verdict(odd):
    paths = expand_paths([odd])
    assert len(paths) > 150
    reports, seconds = _verdicts(paths, jobs=2)
    assert [r.path for r in reports] == [str(p) for p in paths]
    for r in reports:
        assert r.findings or r.ok  # a verdict either way
        assert all(f.rule.startswith("image.") for f in r.findings)
    assert not [r.path for r in reports if any(f.rule in ("image.check.timeout", "image.check.crashed")
                                               for f in r.findings)]
    assert seconds < 120


def test_in_process_check_never_raises(odd):
    for p in sorted(odd.iterdir()):
        started = time.monotonic()
        check_image(p)
        assert time.monotonic() - started < 10, p


def test_hang_and_memory_limits(tmp_path):
    big = tmp_path / "big.png"
    sheet(5000, 5000).save(big)
    [r] = list(check_many([big], timeout=0.01))
    assert r.findings[0].rule == "image.check.timeout"
    [r] = list(check_many([big], memory_mb=160))
    assert not r.ok and r.findings[0].rule in ("image.damaged", "image.check.crashed")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not beside the repository")
def test_pillow_test_images(tmp_path):
    paths = expand_paths([CORPUS])
    assert len(paths) > 1000
    reports, seconds = _verdicts(paths)
    assert len(reports) == len(paths)
    timeouts = [r.path for r in reports if any(f.rule == "image.check.timeout" for f in r.findings)]
    assert len(timeouts) <= 3, timeouts
    by_name = {os.path.basename(r.path): {f.rule for f in r.findings} for r in reports}
    assert "image.damaged" in by_name["truncated_jpeg.jpg"]
    assert "image.format.unreadable" in by_name["decompression_bomb.ico"]
    assert by_name["hopper_orientation_6.jpg"] >= {"image.orientation.sideways"}
    assert seconds < 300
