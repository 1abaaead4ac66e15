"""How wqy-microhei-gbk.ttf was made: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei,
Apache-2.0) cut down to the characters of GBK plus Latin, punctuation and the few symbols
the summaries use. Run once by a developer; the output is committed.

    apt-get install fonts-wqy-microhei && python3 resources/fonts/make_subset.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
TARGET = Path(__file__).with_name("wqy-microhei-gbk.ttf")


def characters() -> set[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    for cp in range(0x2000, 0x10000):
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        chars.add(cp)
    chars |= {ord(c) for c in "✓✗×·•…—–©®™→←↑↓①②③④⑤"}
    return chars


def main() -> None:
    font = TTCollection(str(SOURCE)).fonts[0]
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=characters())
    sub.subset(font)
    font.save(str(TARGET))
    print(TARGET, TARGET.stat().st_size)


if __name__ == "__main__":
    main()
