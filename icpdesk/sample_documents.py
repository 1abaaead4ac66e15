"""Made-up document scans for the demo, the OCR tests and the benchmark (issue 18): drawn text in
the shipped CJK font on an ID-card-shaped or licence-shaped background, rotated a few degrees,
slightly blurred and JPEG-compressed. Every person, company and number is made up; the
numbers pass their check digits (GB 11643, GB 32100) unless a test spoils one on purpose."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import ric, uscc

from .paths import resources_dir


def id_number(region: str = "330106", birth: str = "19900307", seq: str = "123") -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")  # stdnum's takes the number with a check digit


def credit_code(body: str = "91330106MA2B3C4D5") -> str:
    return body + uscc.calc_check_digit(body)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resources_dir() / "fonts" / "wqy-microhei-gbk.ttf"), size)


def _finish(im: Image.Image, path: Path, *, angle: float, blur: float, quality: int, seed: int) -> Path:
    """A phone photo's flaws (noise, a tilt, softness); angle 0 and blur 0: a clean flatbed scan."""
    if angle or blur:
        noise = Image.effect_noise(im.size, 6 + seed % 3).convert("RGB")  # sensor noise around 128
        im = ImageChops.add(im, noise, scale=1.0, offset=-128)
    if angle:
        im = im.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248))
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    im.save(path, "JPEG", quality=quality)
    return path


def _card(width: int = 1712, height: int = 1080, tint: tuple[int, int, int] = (226, 236, 244)) -> Image.Image:
    im = Image.new("RGB", (width, height), tint)
    d = ImageDraw.Draw(im)
    for i in range(0, width, 24):  # the guilloche-like background lines of a card
        d.line([(i, 0), (i + height // 3, height)], fill=(tint[0] - 8, tint[1] - 6, tint[2] - 3), width=2)
    d.rounded_rectangle([4, 4, width - 5, height - 5], radius=40, outline=(170, 185, 200), width=4)
    return im


def id_front(path: Path, *, name: str = "林晓航", sex: str = "男", nation: str = "汉", birth: str = "1990年3月7日",
             address: str = "浙江省杭州市西湖区文三路一百号示例小区3幢2单元501室", number: str | None = None,
             angle: float = 2.5, blur: float = 0.8, quality: int = 80, seed: int = 1) -> Path:
    im = _card()
    d = ImageDraw.Draw(im)
    label, value, big = _font(44), _font(52), _font(60)
    grey, ink = (70, 110, 150), (20, 20, 20)
    d.text((110, 110), "姓 名", font=label, fill=grey)
    d.text((290, 104), name, font=value, fill=ink)
    d.text((110, 220), "性 别", font=label, fill=grey)
    d.text((290, 214), sex, font=value, fill=ink)
    d.text((470, 220), "民 族", font=label, fill=grey)
    d.text((640, 214), nation, font=value, fill=ink)
    d.text((110, 330), "出 生", font=label, fill=grey)
    d.text((290, 324), birth, font=value, fill=ink)
    d.text((110, 440), "住 址", font=label, fill=grey)
    lines = [address[i:i + 13] for i in range(0, len(address), 13)]
    for i, part in enumerate(lines):
        d.text((290, 434 + i * 76), part, font=value, fill=ink)
    d.text((110, 860), "公民身份号码", font=label, fill=grey)
    d.text((560, 850), number or id_number(), font=big, fill=ink)
    d.rectangle([1190, 150, 1600, 660], fill=(200, 212, 222))  # the photo's place
    return _finish(im, path, angle=angle, blur=blur, quality=quality, seed=seed)


def id_back(path: Path, *, authority: str = "杭州市公安局西湖分局", period: str = "2015.03.01-2035.03.01",
            angle: float = -2.0, blur: float = 0.8, quality: int = 80, seed: int = 2) -> Path:
    im = _card()
    d = ImageDraw.Draw(im)
    # the national emblem at the top left, red and gold as on a real card (a card without any
    # colour of its own reads as a black-and-white copy to the scan checks)
    d.ellipse((150, 130, 430, 410), fill=(200, 40, 40))
    d.ellipse((215, 195, 365, 345), fill=(225, 190, 40))
    d.text((520, 180), "中华人民共和国", font=_font(84), fill=(30, 30, 30))
    d.text((600, 330), "居民身份证", font=_font(96), fill=(30, 30, 30))
    label, value = _font(44), _font(50)
    d.text((330, 720), "签发机关", font=label, fill=(40, 40, 40))
    d.text((560, 714), authority, font=value, fill=(20, 20, 20))
    d.text((330, 840), "有效期限", font=label, fill=(40, 40, 40))
    d.text((560, 834), period, font=value, fill=(20, 20, 20))
    return _finish(im, path, angle=angle, blur=blur, quality=quality, seed=seed)


def licence(path: Path, *, code: str | None = None, name: str = "杭州示例云计算有限公司", kind: str = "有限责任公司",
            rep: str = "周明远", address: str = "浙江省杭州市西湖区示例路88号2幢501室",
            period: str = "2019年05月20日至长期", angle: float = 1.5, blur: float = 0.7, quality: int = 82,
            seed: int = 3, width: int = 2480, height: int = 1754) -> Path:
    im = Image.new("RGB", (width, height), (246, 240, 226))
    d = ImageDraw.Draw(im)
    d.rectangle([40, 40, width - 41, height - 41], outline=(180, 60, 50), width=14)
    d.text((width // 2 - 330, 120), "营业执照", font=_font(150), fill=(170, 40, 40))
    label, value = _font(54), _font(58)
    d.text((200, 420), "统一社会信用代码", font=label, fill=(30, 30, 30))
    d.text((700, 414), code or credit_code(), font=value, fill=(20, 20, 20))
    rows = [("名　　称", name), ("类　　型", kind), ("法定代表人", rep), ("经营范围", "技术服务、软件开发"),
            ("住　　所", address), ("营业期限", period)]
    for i, (k, v) in enumerate(rows):
        d.text((200, 600 + i * 150), k, font=label, fill=(30, 30, 30))
        d.text((560, 594 + i * 150), v, font=value, fill=(20, 20, 20))
    return _finish(im, path, angle=angle, blur=blur, quality=quality, seed=seed)


def domain_cert(path: Path, *, domain: str = "example-shop.cn", holder: str = "杭州示例云计算有限公司",
                until: str = "2029年06月30日", angle: float = -1.5, blur: float = 0.6, quality: int = 82,
                seed: int = 4) -> Path:
    im = Image.new("RGB", (2000, 1400), (252, 250, 244))
    d = ImageDraw.Draw(im)
    d.rectangle([30, 30, 1969, 1369], outline=(40, 90, 160), width=10)
    d.text((640, 120), "域名注册证书", font=_font(110), fill=(30, 70, 140))
    label, value = _font(52), _font(56)
    rows = [("域名：", domain), ("域名持有者：", holder), ("注册日期：", "2019年06月30日"), ("到期日期：", until),
            ("注册商：", "示例网络科技有限公司")]
    for i, (k, v) in enumerate(rows):
        d.text((220, 420 + i * 150), k + v, font=label if i else value, fill=(20, 20, 20))
    return _finish(im, path, angle=angle, blur=blur, quality=quality, seed=seed)
