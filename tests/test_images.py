"""Image checks and fixes on a generated corpus: every `image.` rule fires where it should and
nowhere else, size and resolution boundaries, fixes that leave the original alone, and the
command line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from imagegen import blurred, exif_rotated, noisy_photo, padded_jpeg, png_bomb, save, sheet
from PIL import Image, ImageEnhance

from icpdesk.cli import main
from icpdesk.errors import InputError
from icpdesk.images.check import check_image
from icpdesk.images.fix import fix_image
from icpdesk.shipped import default_rulebook


def _anim(p: Path) -> Path:
    im = sheet(800, 600)
    im.save(p, save_all=True, append_images=[im.rotate(3)])
    return p


def _heic(p: Path) -> Path:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return save(sheet(1200, 900), p, "HEIF")


# name → (maker, kind, rule expected, or None for a clean file)
CORPUS = {
    "good.jpg": (lambda p: save(sheet(), p, "JPEG", quality=85), None, None),
    "good.png": (lambda p: save(sheet(1000, 700), p, "PNG"), None, None),
    "still.gif": (lambda p: save(sheet(900, 700).convert("P"), p, "GIF"), None, None),
    "curtain.jpg": (lambda p: save(sheet(800, 600), p, "JPEG"), "curtain_photo", None),
    "empty.jpg": (lambda p: p.write_bytes(b""), None, "image.file.empty"),
    "text.jpg": (lambda p: p.write_text("not an image at all", encoding="utf-8"), None, "image.format.unreadable"),
    "random.jpg": (lambda p: p.write_bytes(bytes(range(256)) * 8), None, "image.format.unreadable"),
    "photo.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n%fake"), None, "image.format.unreadable"),
    "png_named.jpg": (lambda p: save(sheet(), p, "PNG"), None, "image.format.name_mismatch"),
    "scan.bmp": (lambda p: save(sheet(800, 600), p, "BMP"), None, "image.format.not_accepted"),
    "scan.tif": (lambda p: save(sheet(800, 600), p, "TIFF"), None, "image.format.not_accepted"),
    "scan.webp": (lambda p: save(sheet(800, 600), p, "WEBP"), None, "image.format.not_accepted"),
    "phone.heic": (_heic, None, "image.format.not_accepted"),
    "png_curtain.jpg": (lambda p: save(sheet(800, 600), p, "PNG"), "curtain_photo", "image.format.not_accepted"),
    "big.jpg": (lambda p: save(noisy_photo(4000, 3000), p, "JPEG", quality=95), None, "image.size.too_large"),
    "bomb.png": (lambda p: png_bomb(p), None, "image.pixels.too_many"),
    "bomb100mp.png": (lambda p: png_bomb(p, 10000, 10000), None, "image.pixels.too_many"),
    "truncated.jpg": (lambda p: p.write_bytes(_jpeg_bytes()[: len(_jpeg_bytes()) // 2]), None, "image.damaged"),
    "anim.gif": (_anim, None, "image.animated"),
    "cmyk.jpg": (lambda p: save(sheet().convert("CMYK"), p, "JPEG"), None, "image.mode.cmyk"),
    "16bit.png": (lambda p: Image.new("I;16", (800, 600), 3000).save(p), None, "image.mode.high_bit_depth"),
    "palette.png": (lambda p: save(sheet().convert("P"), p, "PNG"), None, "image.mode.palette"),
    "rotated.jpg": (lambda p: exif_rotated(p), None, "image.orientation.sideways"),
    "tiny.jpg": (lambda p: save(sheet(250, 200), p, "JPEG"), None, "image.resolution.too_small"),
    "low.jpg": (lambda p: save(sheet(500, 380), p, "JPEG"), None, "image.resolution.low"),
    "curtain_big.jpg": (lambda p: save(sheet(1024, 768), p, "JPEG"), "curtain_photo", "image.curtain.dimensions"),
    "grey.jpg": (lambda p: save(sheet().convert("L"), p, "JPEG"), None, "image.colour.greyscale"),
    "grey_in_rgb.jpg": (lambda p: save(sheet().convert("L").convert("RGB"), p, "JPEG"), None, "image.colour.greyscale"),
    "blurred.jpg": (lambda p: save(blurred(sheet()), p, "JPEG"), None, "image.legibility.blurred"),
    "dark.jpg": (lambda p: save(ImageEnhance.Brightness(sheet()).enhance(0.15), p, "JPEG"), None,
                 "image.legibility.dark"),
    "washed.jpg": (lambda p: save(ImageEnhance.Contrast(ImageEnhance.Brightness(sheet()).enhance(1.6)).enhance(0.2),
                                  p, "JPEG"), None, "image.legibility.washed_out"),
}


def _jpeg_bytes() -> bytes:
    from imagegen import jpeg_bytes

    return jpeg_bytes(sheet(), quality=85)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("scans")
    for name, (make, _, _) in CORPUS.items():
        make(d / name)
    (d / "folder.jpg").mkdir()
    return d


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_file_gets_its_verdict(corpus, name):
    _, kind, rule = CORPUS[name]
    report = check_image(corpus / name, kind)
    rules = {f.rule for f in report.findings}
    if rule is None:
        assert rules == set(), [f.message for f in report.findings]
        assert report.ok and report.width and report.format
    else:
        assert rule in rules, rules
    for f in report.findings:
        assert f.rule.startswith("image.") and f.message and f.message_en and f.source
        assert "{" not in f.message + f.message_en


def test_every_image_rule_is_exercised():
    exercised = {r for _, _, r in CORPUS.values() if r} | {
        "image.file.unreadable", "image.size.ambiguous", "image.check.timeout", "image.check.crashed",
        # on generated document photos: tests/test_document_checks.py
        "image.document.small_in_frame", "image.document.cut_off", "image.document.skewed", "image.legibility.glare",
        "image.colour.copy"}
    assert exercised == set(default_rulebook().plan.image_rules)


def test_unreadable_paths(corpus, tmp_path):
    assert check_image(corpus / "folder.jpg").findings[0].rule == "image.file.unreadable"
    assert check_image(tmp_path / "missing.jpg").findings[0].rule == "image.file.unreadable"


@pytest.mark.parametrize("size,rule", [
    (4_000_000, None), (4_000_001, "image.size.ambiguous"),
    (4_194_304, "image.size.ambiguous"), (4_194_305, "image.size.too_large")])
def test_size_boundaries(tmp_path, size, rule):
    p = padded_jpeg(tmp_path / "padded.jpg", size)
    assert p.stat().st_size == size
    rules = {f.rule for f in check_image(p).findings}
    size_rules = rules & {"image.size.ambiguous", "image.size.too_large"}
    assert size_rules == ({rule} if rule else set())


@pytest.mark.parametrize("w,h,rule", [
    (600, 400, None), (400, 600, None), (599, 400, "image.resolution.low"), (600, 399, "image.resolution.low"),
    (400, 300, "image.resolution.low"), (399, 300, "image.resolution.too_small"),
    (300, 299, "image.resolution.too_small")])
def test_resolution_boundaries(tmp_path, w, h, rule):
    p = save(sheet(w, h), tmp_path / "r.png", "PNG")
    rules = {f.rule for f in check_image(p).findings} & {"image.resolution.low", "image.resolution.too_small"}
    assert rules == ({rule} if rule else set())


def test_resolution_counts_after_rotation(tmp_path):
    im = sheet(900, 500)  # stored landscape; EXIF says rotate 90°, so upright it is 500×900
    exif = Image.Exif()
    exif[0x0112] = 6
    p = save(im, tmp_path / "r.jpg", "JPEG", exif=exif)
    assert check_image(p).width == 900  # the file's own size is reported
    assert not {f.rule for f in check_image(p).findings} & {"image.resolution.low", "image.resolution.too_small"}


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("name,kind,expect", [
    ("phone.heic", None, "格式 HEIF → JPEG"), ("scan.bmp", None, "格式 BMP → JPEG"),
    ("scan.tif", None, "格式 TIFF → JPEG"), ("scan.webp", None, "格式 WEBP → JPEG"),
    ("cmyk.jpg", None, "CMYK 转为 RGB"), ("palette.png", None, "调色板图片转为 RGB"),
    ("rotated.jpg", None, "按 EXIF 方向转正"), ("anim.gif", None, "动图只保留第一帧"),
    ("big.jpg", None, "JPEG 质量"), ("good.jpg", "curtain_photo", "裁剪缩放"),
])
def test_fixes(corpus, tmp_path, name, kind, expect):
    src = corpus / name
    before = _sha(src)
    out = tmp_path / "fixed.jpg"
    report = fix_image(src, kind, out)
    assert _sha(src) == before  # the original is never modified
    assert any(expect in c for c in report.changes), report.changes
    assert report.after is not None and report.after.ok, [f.message for f in report.after.findings]
    with Image.open(out) as im:
        assert im.format == "JPEG" and im.mode == "RGB"
        if kind == "curtain_photo":
            assert im.size == (800, 600)
        assert 0x0112 not in im.getexif()


def test_fix_keeps_quality_as_high_as_fits(corpus, tmp_path):
    report = fix_image(corpus / "big.jpg", None, tmp_path / "f.jpg")
    size = (tmp_path / "f.jpg").stat().st_size
    assert size < 4_000_000 and report.quality and report.quality >= 70  # searched, not halved
    with Image.open(tmp_path / "f.jpg") as im:
        assert im.size == (4000, 3000)  # quality alone got it under; no needless scaling


def test_fix_rotation_swaps_dimensions(corpus, tmp_path):
    fix_image(corpus / "rotated.jpg", None, tmp_path / "f.jpg")
    with Image.open(tmp_path / "f.jpg") as im:
        assert im.size == (900, 1200)


def test_fix_16bit_to_8bit(corpus, tmp_path):
    report = fix_image(corpus / "16bit.png", None, tmp_path / "f.png")
    assert any("8 位" in c for c in report.changes)
    with Image.open(tmp_path / "f.png") as im:
        assert im.mode == "RGB"


@pytest.mark.parametrize("name", ["text.jpg", "truncated.jpg", "empty.jpg"])
def test_unfixable_input_writes_nothing(corpus, tmp_path, name):
    out = tmp_path / "f.jpg"
    with pytest.raises(InputError):
        fix_image(corpus / name, None, out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_fix_refuses_to_overwrite_the_original(corpus, tmp_path):
    src = tmp_path / "a.jpg"
    src.write_bytes((corpus / "good.jpg").read_bytes())
    with pytest.raises(InputError):
        fix_image(src, None, src)


def test_check_image_cli(corpus, capsys):
    code = main(["check-image", str(corpus / "good.jpg"), str(corpus / "grey.jpg"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and [d["ok"] for d in data] == [True, False]
    assert set(data[0]) >= {"path", "ok", "format", "width", "height", "bytes", "findings"}
    assert data[1]["findings"][0]["rule"] == "image.colour.greyscale"


def test_check_image_cli_walks_folders(corpus, capsys):
    code = main(["check-image", str(corpus), "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 1 and f"共 {len(CORPUS)} 个文件" in out  # the sub-folder named folder.jpg is no file


def test_check_image_cli_bad_calls(capsys, tmp_path):
    assert main(["check-image", str(tmp_path)]) == 2  # nothing to check
    assert main(["check-image", str(tmp_path), "--kind", "nonsense"]) == 2
    assert main(["fix-image", str(tmp_path / "x.jpg"), "-o", str(tmp_path / "y.jpg")]) == 2


def test_fix_image_cli(corpus, tmp_path, capsys):
    code = main(["fix-image", str(corpus / "phone.heic"), "-o", str(tmp_path / "p.jpg"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["ok"] and data["before"]["format"] == "HEIF"
    code = main(["fix-image", str(corpus / "grey.jpg"), "-o", str(tmp_path / "g.jpg")])
    assert code == 1  # written, but a greyscale scan stays greyscale
    assert "灰度" in capsys.readouterr().out


@pytest.mark.parametrize("keep", [0.3, 0.95])
def test_truncation_of_a_12_megapixel_jpeg_is_seen_at_the_reduced_decode_scale(tmp_path, keep):
    """The checks decode JPEG at 1/8 scale (a 480 px analysis copy of 4000×3000, issue 17): a file
    cut anywhere, even just before its end, is still reported as damaged at that scale."""
    from icpdesk.images.check import check_image
    from icpdesk.shipped import default_rulebook

    side = default_rulebook().plan.images.thresholds.analysis_side
    noise = Image.merge("RGB", [Image.effect_noise((4000, 3000), 40 + 10 * i) for i in range(3)])
    path = tmp_path / "whole.jpg"
    noise.save(path, "JPEG", quality=85)
    with Image.open(path) as im:
        im.draft("RGB", (side, side * 3 // 4))
        assert im.size == (500, 375)  # libjpeg's 1/8 DCT scaling: this is the scale checks decode at
    data = path.read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: int(len(data) * keep)])
    assert "image.damaged" in {f.rule for f in check_image(cut).findings}
