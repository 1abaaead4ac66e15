"""The document inside a picture (OpenCV): where it is, whether it is whole, small or seen at a
slant; and the measures that need to know where it is: focus on the sharpness of the strongest
edges, glare over the paper, a black-and-white copy saved in colour.

Everything runs on the reduced copy the checks already decoded (a few hundred pixels a side);
cv2 is imported here only, and this module only inside the check workers and fix-image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

cv2.setNumThreads(1)  # the checks run one worker per core already


@dataclass
class Found:
    """A document outline in the picture's (reduced) pixels, corners clockwise from top left."""

    corners: np.ndarray  # float32 (4, 2)
    size: tuple[int, int]  # the picture the corners are in (width, height)
    area: float  # share of the picture the document covers, 0–1
    support: float  # share of its outline that lies on a real edge, 0–1
    cut: list[str] = field(default_factory=list)  # sides of the picture it runs off: top, right…
    aspects: tuple[float, ...] = ()  # its long side over its short side: through the perspective, and plainly
    slant: float = 0.0  # perspective: the longer of two opposite sides over the shorter, the worse pair

    @property
    def confident(self) -> bool:
        return not self.cut and self.support >= 0.55

    def scaled(self, factor: float) -> np.ndarray:
        return (self.corners * factor).astype(np.float32)

    def rescaled(self, factor: float) -> Found:
        """The same outline in a picture `factor` times as large."""
        size = (round(self.size[0] * factor), round(self.size[1] * factor))
        return Found(self.scaled(factor), size, self.area, self.support, self.cut, self.aspects, self.slant)


def reduced(rgb: np.ndarray, side: int) -> np.ndarray:
    """A copy no longer than `side` (outlines, glare and tint need no more)."""
    h, w = rgb.shape[:2]
    if max(h, w) <= side:
        return rgb
    f = side / max(h, w)
    return cv2.resize(rgb, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)


def as_array(im: Any) -> np.ndarray:
    """An RGB Pillow image as a uint8 array (no copy when Pillow allows)."""
    return np.asarray(im.convert("RGB") if im.mode != "RGB" else im)


def _order(pts: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(-1, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def _sides(c: np.ndarray) -> list[float]:
    return [float(np.linalg.norm(c[(i + 1) % 4] - c[i])) for i in range(4)]  # top, right, bottom, left


def _support(near: np.ndarray, poly: np.ndarray, on_border: np.ndarray) -> float:
    """Share of the outline's pixels (leaving out stretches on the picture's border) near an edge."""
    line = np.zeros_like(near)
    cv2.polylines(line, [poly.astype(np.int32)], True, 255, 1)
    line[on_border] = 0
    total = int(np.count_nonzero(line))
    if not total:
        return 0.0
    return float(np.count_nonzero(line & near)) / total


def _edge_map(rgb: np.ndarray) -> np.ndarray:
    """Outlines, not texture: each colour channel smoothed hard, then Canny with thresholds from
    the picture's own gradients (a light card on a light desk differs in colour, not brightness),
    closed so a document's border is one line."""
    small = max(rgb.shape[:2]) <= 320  # the checks' quarter-size copy: less smoothing, smaller kernels
    k = 3 if small else 5
    edges: Any = np.zeros(rgb.shape[:2], np.uint8)
    for c in range(3):
        g = cv2.GaussianBlur(cv2.medianBlur(np.ascontiguousarray(rgb[..., c]), k), (0, 0), 0.9 if small else 1.6)
        gx, gy = cv2.Sobel(g, cv2.CV_16S, 1, 0), cv2.Sobel(g, cv2.CV_16S, 0, 1)
        mag = cv2.add(cv2.convertScaleAbs(gx), cv2.convertScaleAbs(gy))  # |gx| + |gy|, saturating
        hi = max(float(np.percentile(mag[::2, ::2], 92)) * 0.8, 40.0)  # L1 reads ~1.25× the L2 norm
        edges = cv2.bitwise_or(edges, cv2.Canny(g, hi * 0.4, hi))
    return cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))


def find_document(rgb: np.ndarray, aspect: float | None = None) -> Found | None:
    """The largest convex four-sided outline (or one cut by the picture's border) that covers
    at least 3 % of the picture; None when there is none (a flat scan: the page is the picture)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    h, w = grey.shape
    if min(h, w) < 32:
        return None
    edges = _edge_map(rgb)
    framed = edges.copy()
    framed[0, :] = framed[-1, :] = framed[:, 0] = framed[:, -1] = 255  # closes an outline cut by the border
    contours, _ = cv2.findContours(framed, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    border = np.zeros_like(edges, dtype=bool)
    border[:3, :] = border[-3:, :] = border[:, :3] = border[:, -3:] = True
    best: Found | None = None
    whole = float(w * h)
    k = 3 if max(h, w) <= 320 else 5
    near = cv2.dilate(edges, np.ones((k, k), np.uint8))
    for cnt in sorted(contours, key=cv2.contourArea, reverse=True)[:30]:
        hull = cv2.convexHull(cnt)
        area = cv2.contourArea(hull) / whole
        if area < 0.03:
            break
        if area > 0.96:  # the picture's own frame
            continue
        peri = cv2.arcLength(hull, True)
        poly = cv2.approxPolyDP(hull, 0.02 * peri, True).reshape(-1, 2)
        if not 4 <= len(poly) <= 6:
            continue
        cut = _cut_sides(poly, w, h)
        if len(poly) != 4 and not cut:
            continue
        if cv2.contourArea(cnt) < 0.85 * cv2.contourArea(hull):  # not a filled shape: texture, text
            continue
        corners = _order(cv2.boxPoints(cv2.minAreaRect(poly)) if len(poly) != 4 else poly)
        support = _support(near, poly, border)
        found = Found(corners, (w, h), area, support, cut)
        sides = _sides(corners)
        ratio = true_aspect(corners, (w, h)) if len(poly) == 4 else 0.0
        plain = (sides[0] + sides[2]) / max(1.0, sides[1] + sides[3])
        # the camera model's estimate, and the side lengths' (a near-frontal view leaves the
        # focal length ill-determined, the side lengths are then the better guess)
        found.aspects = tuple(max(r, 1 / r) for r in (ratio, plain) if r > 0)
        found.slant = max(max(sides[0], sides[2]) / max(1.0, min(sides[0], sides[2])),
                          max(sides[1], sides[3]) / max(1.0, min(sides[1], sides[3])))
        if support < 0.4 or min(_angles(corners)) < 40:
            continue
        if best is None or found.area > best.area:
            best = found
    return best


def true_aspect(c: np.ndarray, size: tuple[int, int]) -> float:
    """The rectangle's real width over height seen through a pinhole camera (Zhang and He,
    "Whiteboard scanning and image enhancement", 2007): the focal length from the two vanishing
    points, the principal point at the picture's centre; the side-length ratio when the view is
    too close to frontal to tell the focal length."""
    u0, v0 = size[0] / 2, size[1] / 2
    tl, tr, br, bl = (np.array([p[0] - u0, p[1] - v0, 1.0]) for p in c.astype(np.float64))
    m1, m2, m3, m4 = tl, tr, bl, br
    d2, d3 = np.dot(np.cross(m2, m4), m3), np.dot(np.cross(m3, m4), m2)
    if abs(d2) < 1e-9 or abs(d3) < 1e-9:  # three corners in a line: no rectangle
        return 0.0
    k2 = np.dot(np.cross(m1, m4), m3) / d2
    k3 = np.dot(np.cross(m1, m4), m2) / d3
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    denom = n2[2] * n3[2]
    f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / denom if abs(denom) > 1e-9 else -1.0
    if not np.isfinite(f2) or f2 <= (0.3 * max(size)) ** 2 or f2 > (20 * max(size)) ** 2:
        num, den = n2[0] ** 2 + n2[1] ** 2, n3[0] ** 2 + n3[1] ** 2
    else:
        num = (n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2
        den = (n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2
    return float(np.sqrt(num / den)) if den > 0 else 0.0


def _angles(c: np.ndarray) -> list[float]:
    out = []
    for i in range(4):
        a, b = c[i - 1] - c[i], c[(i + 1) % 4] - c[i]
        cos = float(np.dot(a, b) / max(1e-6, np.linalg.norm(a) * np.linalg.norm(b)))
        out.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    return out


def _cut_sides(poly: np.ndarray, w: int, h: int, margin: int = 3) -> list[str]:
    """The sides of the picture along which the outline runs (two of its points on that side)."""
    sides = {"top": poly[:, 1] <= margin, "bottom": poly[:, 1] >= h - 1 - margin,
             "left": poly[:, 0] <= margin, "right": poly[:, 0] >= w - 1 - margin}
    return [name for name, on in sides.items() if int(np.count_nonzero(on)) >= 2]


def where_slanted(c: np.ndarray) -> tuple[str, str]:
    """Which side of the document is farther from the camera (it looks shorter)."""
    top, right, bottom, left = _sides(c)
    pairs = [(max(top, bottom) / max(1.0, min(top, bottom)), "上边" if top < bottom else "下边",
              "the top edge" if top < bottom else "the bottom edge"),
             (max(left, right) / max(1.0, min(left, right)), "左边" if left < right else "右边",
              "the left edge" if left < right else "the right edge")]
    _, zh, en = max(pairs)
    return zh, en


SIDE_ZH = {"top": "上", "bottom": "下", "left": "左", "right": "右"}


# --- focus, glare, photocopy -------------------------------------------------------------------

def sharpness(grey: np.ndarray, mask: np.ndarray | None = None) -> float:
    """How steep the strongest edges are for their contrast: at each pixel with a strong local
    contrast (max − min over 5×5 ≥ 48), the gradient over that contrast; the 90th percentile of
    those. A sharp edge climbs its whole contrast in about a pixel (≈ 0.5 and more), a defocused
    one spreads it (≈ 0.2). Plain areas have no strong contrast and do not count, so a sharp
    photo with a plain background stays sharp. 0 when there is no strong edge at all."""
    k = np.ones((5, 5), np.uint8)
    contrast = cv2.subtract(cv2.dilate(grey, k), cv2.erode(grey, k))
    strong = contrast >= 48
    if mask is not None:
        strong &= mask
    if int(np.count_nonzero(strong)) < 50:
        return 0.0
    gx, gy = cv2.Sobel(grey, cv2.CV_16S, 1, 0, ksize=3), cv2.Sobel(grey, cv2.CV_16S, 0, 1, ksize=3)
    grad = np.hypot(gx[strong].astype(np.float32), gy[strong].astype(np.float32)) / 4.0  # Sobel's weights sum to 4
    ratio = grad / contrast[strong]
    return float(np.percentile(ratio, 90))


def document_mask(found: Found | None, shape: tuple[int, int], shrink: float = 0.04) -> np.ndarray | None:
    """The document's pixels (a little inside its outline, off its border), or None when not found."""
    if found is None or found.cut:
        return None
    c = found.corners
    centre = c.mean(axis=0)
    inner = centre + (c - centre) * (1 - shrink)
    mask = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(mask, inner.astype(np.int32), 1)
    return mask.astype(bool)


def glare(rgb: np.ndarray, mask: np.ndarray | None) -> tuple[float, tuple[float, float]] | None:
    """The largest blown-out patch on paper that is otherwise not white: its share of the
    document and its centre (0–1 of the picture). None when the paper itself is white."""
    low = cv2.blur(cv2.min(cv2.min(rgb[..., 0], rgb[..., 1]), rgb[..., 2]), (3, 3))  # all channels near 255: light
    region = mask if mask is not None else np.ones(low.shape, bool)
    paper = float(np.percentile(low[region], 30))
    if paper >= 246:  # white paper: a highlight on it hides nothing that was not white already
        return None
    blown = ((low >= 250) & region).astype(np.uint8)
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(blown, connectivity=8)
    if n <= 1:
        return 0.0, (0.0, 0.0)
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    spot = (labels == i).astype(np.uint8)
    ring = (cv2.dilate(spot, np.ones((7, 7), np.uint8)) > 0) & (spot == 0) & region
    if ring.any() and float(np.median(low[ring])) < 150:
        return 0.0, (0.0, 0.0)  # a white thing with a hard dark edge (a sheet on a dark desk): no halo, no glare
    share = float(stats[i, cv2.CC_STAT_AREA]) / max(1, int(np.count_nonzero(region)))
    h, w = low.shape
    return share, (float(centroids[i][0]) / w, float(centroids[i][1]) / h)


def colour_spread(rgb: np.ndarray, mask: np.ndarray | None) -> float:
    """How much colour there is beyond one tint: the 99.5th percentile of each pixel's distance
    from the picture's median chromaticity (0–255 scale), over pixels that are not near-black.
    A black-and-white copy printed or scanned on tinted paper is one tint: close to 0."""
    px = rgb[mask] if mask is not None else rgb.reshape(-1, 3)
    px = px[:: max(1, len(px) // 5000)].astype(np.float32)  # 5,000 pixels tell the tints apart
    s = px.sum(axis=1)
    keep = s > 120
    if int(np.count_nonzero(keep)) < 100:
        return 0.0
    chroma = px[keep] / s[keep, None]
    dist = np.abs(chroma - np.median(chroma, axis=0)).sum(axis=1) * 255
    return float(np.percentile(dist, 99.5))


def where_in_picture(x: float, y: float) -> tuple[str, str]:
    col = 0 if x < 1 / 3 else (2 if x > 2 / 3 else 1)
    row = 0 if y < 1 / 3 else (2 if y > 2 / 3 else 1)
    zh = [["左上", "上方", "右上"], ["左侧", "中部", "右侧"], ["左下", "下方", "右下"]][row][col]
    en = [["in the top left corner", "at the top", "in the top right corner"],
          ["on the left", "in the middle", "on the right"],
          ["in the bottom left corner", "at the bottom", "in the bottom right corner"]][row][col]
    return zh, en
