"""A labelled set of generated document pictures (issue 32): the demo's ID cards, licences and
domain certificates drawn flat, then photographed: placed with perspective on textured
backgrounds, small in the frame, cut off, at a steep slant, defocused, under glare, as a
black-and-white copy on tinted paper; and the clean cases every check must leave alone: flat
scans, sharp photos, curtain photos with a plain background. Fixed seeds; JPEG at phone-like
qualities with sensor noise.

    case(label, i, long_side) -> (Image, kind, the findings it must raise)
"""

from __future__ import annotations

import io
import random
from functools import cache

import cv2
import numpy as np
from PIL import Image

from icpdesk import sample_documents as sd

# label → the finding the picture must raise (None: no document finding at all)
LABELS: dict[str, str | None] = {
    "scan": None, "photo": None, "curtain": None,
    "small": "image.document.small_in_frame", "cut_off": "image.document.cut_off",
    "skewed": "image.document.skewed", "defocus": "image.legibility.blurred",
    "glare": "image.legibility.glare", "photocopy": "image.colour.copy",
}
# the findings judged by the set (other findings, such as resolution, are not its business)
JUDGED = frozenset(v for v in LABELS.values() if v)
KINDS = ["leader_id_front", "leader_id_back", "principal_cert", "domain_cert"]


@cache
def flat(kind: str) -> np.ndarray:
    """The document drawn flat, no noise, no tilt (RGB array)."""
    draw = {"leader_id_front": sd.id_front, "leader_id_back": sd.id_back, "principal_cert": sd.licence,
            "domain_cert": sd.domain_cert}[kind]
    buf = io.BytesIO()
    draw(buf, angle=0, blur=0, quality=95)  # type: ignore[arg-type]
    buf.seek(0)
    img = np.array(Image.open(buf).convert("RGB"))
    # what the demo's cards leave out and real ones have: the holder's photo, the national emblem
    if kind == "leader_id_front":
        cv2.rectangle(img, (1190, 150), (1600, 660), (236, 238, 242), -1)
        cv2.ellipse(img, (1395, 640), (190, 150), 0, 180, 360, (40, 50, 90), -1)
        cv2.ellipse(img, (1395, 380), (95, 125), 0, 0, 360, (222, 184, 160), -1)
        cv2.ellipse(img, (1395, 300), (100, 60), 0, 180, 360, (30, 25, 25), -1)
    elif kind == "leader_id_back":
        cv2.circle(img, (260, 300), 150, (200, 30, 30), -1)
        cv2.circle(img, (260, 300), 110, (230, 190, 60), 12)
        for k in range(5):
            cv2.circle(img, (200 + k * 30, 240 + (k % 2) * 20), 10, (240, 200, 50), -1)
    return img


def background(w: int, h: int, rnd: random.Random) -> np.ndarray:
    """A desk, a cloth or a wall: wood grain, woven noise or plain with shading."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    style = rnd.choice(["wood", "cloth", "plain", "dark"])
    base = np.array(rnd.choice([(150, 110, 70), (90, 90, 95), (180, 170, 150), (60, 70, 60), (120, 60, 50)]),
                    np.float32)
    if style == "wood":
        f = rnd.uniform(0.02, 0.06)
        v = 18 * np.sin(f * x + 6 * np.sin(0.01 * y + rnd.uniform(0, 6))) + rnd.uniform(-6, 6)
    elif style == "cloth":
        rs = np.random.default_rng(rnd.randrange(1 << 30))
        v = cv2.GaussianBlur(rs.normal(0, 22, (h, w)).astype(np.float32), (0, 0), 1.2)
    elif style == "dark":
        base = base * 0.4
        v = 8 * np.sin(0.004 * x)
    else:
        v = 25 * (x / w - 0.5) + 10 * (y / h)
    out = base[None, None, :] + v[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def _place(doc: np.ndarray, w: int, h: int, rnd: random.Random, *, cover: float, jitter: float,
           shift: tuple[float, float] = (0, 0), slant: float = 0.0) -> np.ndarray:
    """The flat document warped into a w×h photo: covering about `cover` of it, corners moved
    by up to `jitter` of its size, shifted by `shift` of the picture, one side shortened by `slant`."""
    dh, dw = doc.shape[:2]
    scale = (cover * w * h / (dw * dh)) ** 0.5
    cw, ch = dw * scale, dh * scale
    cx, cy = w / 2 + shift[0] * w, h / 2 + shift[1] * h
    dst = np.array([[cx - cw / 2, cy - ch / 2], [cx + cw / 2, cy - ch / 2], [cx + cw / 2, cy + ch / 2],
                    [cx - cw / 2, cy + ch / 2]], np.float32)
    dst += np.array([[rnd.uniform(-jitter, jitter) * cw, rnd.uniform(-jitter, jitter) * ch] for _ in range(4)],
                    np.float32)
    if slant:
        side = rnd.randrange(4)  # the far side: top, right, bottom or left, shortened around its middle
        a, b = side, (side + 1) % 4
        mid = (dst[a] + dst[b]) / 2
        dst[a] = mid + (dst[a] - mid) * (1 - slant)
        dst[b] = mid + (dst[b] - mid) * (1 - slant)
    src = np.array([[0, 0], [dw, 0], [dw, dh], [0, dh]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    bg = background(w, h, rnd)
    exposure = rnd.uniform(0.8, 0.94)  # a phone exposes paper below white
    warped = cv2.warpPerspective((doc * exposure).astype(np.uint8), m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((dh, dw), 255, np.uint8), m, (w, h), flags=cv2.INTER_AREA)
    alpha = (mask.astype(np.float32) / 255)[..., None]
    return (warped * alpha + bg * (1 - alpha)).astype(np.uint8)


def _phone(img: np.ndarray, rnd: random.Random, noise: float = 5.0) -> np.ndarray:
    """Sensor noise and a touch of lens softness, as a phone's JPEG has."""
    rs = np.random.default_rng(rnd.randrange(1 << 30))
    out = cv2.GaussianBlur(img, (0, 0), 0.6).astype(np.float32) + rs.normal(0, noise, img.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def _glare(img: np.ndarray, rnd: random.Random, around: tuple[float, float]) -> np.ndarray:
    h, w = img.shape[:2]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = rnd.uniform(0.07, 0.12) * max(w, h)
    cx, cy = around[0] * w + rnd.uniform(-0.05, 0.05) * w, around[1] * h + rnd.uniform(-0.05, 0.05) * h
    light = 420 * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))
    return np.clip(img.astype(np.float32) + light[..., None], 0, 255).astype(np.uint8)


def _curtain(w: int, h: int, rnd: random.Random) -> np.ndarray:
    """A person before a plain curtain: large plain areas, a few sharp outlines."""
    bg = np.array(rnd.choice([(235, 235, 238), (40, 90, 170), (210, 215, 225)]), np.uint8)
    img = np.empty((h, w, 3), np.uint8)
    img[:] = bg
    skin, shirt = (rnd.randint(190, 225), rnd.randint(150, 180), rnd.randint(130, 160)), rnd.choice(
        [(30, 30, 40), (200, 40, 40), (240, 240, 240), (60, 80, 120)])
    cv2.ellipse(img, (w // 2, int(h * 1.05)), (int(w * 0.32), int(h * 0.45)), 0, 0, 360, shirt, -1)
    cv2.ellipse(img, (w // 2, int(h * 0.42)), (int(w * 0.11), int(h * 0.2)), 0, 0, 360, skin, -1)
    cv2.ellipse(img, (w // 2, int(h * 0.3)), (int(w * 0.115), int(h * 0.1)), 0, 180, 360, (25, 20, 20), -1)
    for dx in (-1, 1):
        cv2.circle(img, (w // 2 + dx * int(w * 0.04), int(h * 0.4)), max(2, w // 160), (30, 25, 25), -1)
    return img


def case(label: str, i: int, long_side: int = 1200) -> tuple[Image.Image, str, str | None]:
    """The i-th picture of a label: (image, material kind, the finding it must raise)."""
    rnd = random.Random(f"{label}-{i}")
    kind = KINDS[i % len(KINDS)]
    w, h = long_side, long_side * 3 // 4
    doc = flat(kind)
    if label == "curtain":
        img = _phone(_curtain(w, h, rnd), rnd, 3)
        kind = "curtain_photo"
    elif label in ("scan", "photocopy"):
        dh, dw = doc.shape[:2]
        s = long_side / max(dh, dw)
        img = cv2.resize(doc, (round(dw * s), round(dh * s)), interpolation=cv2.INTER_AREA)
        if label == "photocopy":
            grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
            tint = np.array(rnd.choice([(250, 246, 232), (244, 246, 250), (255, 250, 240), (238, 240, 236)]),
                            np.float32)
            img = np.clip(grey[..., None] * tint[None, None, :], 0, 255).astype(np.uint8)
        img = _phone(img, rnd, 2.5)
    elif label == "photo":
        img = _phone(_place(doc, w, h, rnd, cover=rnd.uniform(0.4, 0.7), jitter=0.04), rnd)
    elif label == "small":
        img = _phone(_place(doc, w, h, rnd, cover=rnd.uniform(0.05, 0.12), jitter=0.04,
                            shift=(rnd.uniform(-0.2, 0.2), rnd.uniform(-0.2, 0.2))), rnd)
    elif label == "cut_off":
        dx, dy = rnd.choice([(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1)])
        img = _phone(_place(doc, w, h, rnd, cover=rnd.uniform(0.4, 0.6), jitter=0.03,
                            shift=(dx * rnd.uniform(0.28, 0.36), dy * rnd.uniform(0.28, 0.36))), rnd)
    elif label == "skewed":
        img = _phone(_place(doc, w, h, rnd, cover=rnd.uniform(0.35, 0.55), jitter=0.02,
                            slant=rnd.uniform(0.4, 0.55)), rnd)
    elif label == "defocus":
        base = case(rnd.choice(["scan", "photo"]), i, long_side)[0]
        sigma = rnd.uniform(1.3, 2.2) * long_side / 480  # at least 1.3 px at the checks' 480 px
        img = cv2.GaussianBlur(np.asarray(base), (0, 0), sigma)
    elif label == "glare":
        img = _place(doc, w, h, rnd, cover=rnd.uniform(0.45, 0.7), jitter=0.03)
        img = _phone(_glare(img, rnd, (rnd.uniform(0.35, 0.65), rnd.uniform(0.35, 0.65))), rnd)
    else:
        raise ValueError(label)
    return Image.fromarray(img), kind, LABELS[label]


def jpeg(im: Image.Image, i: int) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80 + (i * 7) % 16)
    return buf.getvalue()
