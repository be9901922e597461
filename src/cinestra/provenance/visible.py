"""The visible watermark: a small Cinestra logo and the creator's handle that moves.

The badge (a play triangle in a ring, "Cinestra" and ``@handle``, white on a translucent
dark pill) is drawn once with Pillow and DejaVu Sans Bold, its height ~5.5% of the frame's
short side (40 px at 720p, legible on a phone). It glides between six anchors along the
frame's edges: `DWELL` seconds still, `GLIDE` seconds moving, so no spot (a face, a
caption) is covered for more than ~3 s in a row.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from cinestra.errors import EngineUnavailable

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
HEIGHT_SHARE = 0.055
MARGIN_SHARE = 0.04
DWELL, GLIDE = 2.0, 1.0
# Anchor points as fractions of the free area (0 = left/top, 1 = right/bottom).
ANCHORS = ((1.0, 1.0), (0.0, 0.0), (1.0, 0.35), (0.0, 1.0), (1.0, 0.0), (0.0, 0.6))


@lru_cache(maxsize=8)
def badge(handle: str, short_side: int) -> np.ndarray:
    """RGBA uint8 badge for `handle` sized for a frame whose short side is `short_side`."""
    if not FONT.exists():
        raise EngineUnavailable(f"{FONT} is missing: install Debian's fonts-dejavu-core")
    height = max(16, round(short_side * HEIGHT_SHARE))
    font = ImageFont.truetype(str(FONT), size=max(9, round(height * 0.42)))
    text = "Cinestra" + (f"  @{handle.lstrip('@')}" if handle else "")
    pad = height // 4
    text_width = round(font.getlength(text))
    width = height + pad + text_width + 2 * pad
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=height // 2,
                           fill=(0, 0, 0, 110))
    # Logo: a ring with a play triangle.
    ring = (pad, pad, height - pad, height - pad)
    draw.ellipse(ring, outline=(255, 255, 255, 235), width=max(2, height // 16))
    cx, cy, r = height / 2, height / 2, (height - 2 * pad) / 2
    draw.polygon([(cx - r * 0.35, cy - r * 0.5), (cx - r * 0.35, cy + r * 0.5),
                  (cx + r * 0.55, cy)], fill=(255, 255, 255, 235))
    draw.text((height + pad // 2, height / 2), text, font=font, fill=(255, 255, 255, 235),
              anchor="lm", stroke_width=1, stroke_fill=(0, 0, 0, 160))
    return np.asarray(image)


def position(*, time: float, frame_size: tuple[int, int],
             badge_size: tuple[int, int]) -> tuple[int, int]:
    """Top-left corner (x, y) of the badge at `time` seconds; frame/badge sizes are (w, h)."""
    width, height = frame_size
    margin = round(min(width, height) * MARGIN_SHARE)
    free_x = max(0, width - badge_size[0] - 2 * margin)
    free_y = max(0, height - badge_size[1] - 2 * margin)
    period = DWELL + GLIDE
    step, phase = divmod(time, period)
    start = ANCHORS[int(step) % len(ANCHORS)]
    end = ANCHORS[(int(step) + 1) % len(ANCHORS)]
    # Smoothstep glide after the dwell.
    t = max(0.0, (phase - DWELL) / GLIDE)
    t = t * t * (3 - 2 * t)
    fx = start[0] + (end[0] - start[0]) * t
    fy = start[1] + (end[1] - start[1]) * t
    return margin + round(fx * free_x), margin + round(fy * free_y)


def stamp(frame: np.ndarray, *, handle: str, time: float, in_place: bool = False) -> np.ndarray:
    """`frame` (RGB uint8, H x W x 3) with the badge alpha-blended at its place for `time`;
    `in_place` draws on `frame` itself instead of a copy (a frame the caller owns)."""
    height, width = frame.shape[:2]
    mark = badge(handle, min(width, height))
    bh, bw = mark.shape[:2]
    x, y = position(time=time, frame_size=(width, height), badge_size=(bw, bh))
    bw, bh = min(bw, width - x), min(bh, height - y)
    out = frame if in_place else frame.copy()
    region = out[y:y + bh, x:x + bw].astype(np.float32)
    alpha = mark[:bh, :bw, 3:4].astype(np.float32) / 255.0
    blended = region * (1.0 - alpha) + mark[:bh, :bw, :3].astype(np.float32) * alpha
    out[y:y + bh, x:x + bw] = np.clip(blended + 0.5, 0, 255).astype(np.uint8)
    return out
