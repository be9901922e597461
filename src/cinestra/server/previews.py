"""The still images the Videos API serves beside the MP4: a thumbnail (WebP, one frame
from the middle) and a spritesheet (JPEG, a grid of frames spread over the clip).

Frames are decoded in one pass and only the chosen ones are kept, so a long clip costs
no more memory than a few frames.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from cinestra.media.decode import open_media

SPRITE_COLUMNS, SPRITE_ROWS = 5, 4
SPRITE_WIDTH = 160  # pixels per cell


def _pick_frames(path: Path, count: int) -> list[Image.Image]:
    """`count` frames evenly spread over the clip (fewer when it is shorter)."""
    with open_media(path) as container:
        stream = container.streams.video[0]
        total = stream.frames or 0
        if total <= 0:  # no frame count in the header: decode once to count
            total = sum(1 for _ in container.decode(stream))
            container.seek(0)
        wanted = sorted({round(i * (total - 1) / max(count - 1, 1)) for i in range(count)})
        picked: list[Image.Image] = []
        for index, frame in enumerate(container.decode(stream)):
            if index in wanted:
                picked.append(Image.fromarray(frame.to_ndarray(format="rgb24")))
                if len(picked) == len(wanted):
                    break
    return picked


def write_thumbnail(video: Path, output: Path) -> Path:
    frames = _pick_frames(video, 3)
    frames[len(frames) // 2].save(output, format="WEBP", quality=85)
    return output


def write_spritesheet(video: Path, output: Path) -> Path:
    frames = _pick_frames(video, SPRITE_COLUMNS * SPRITE_ROWS)
    width = SPRITE_WIDTH
    height = round(width * frames[0].height / frames[0].width)
    sheet = Image.new("RGB", (width * SPRITE_COLUMNS, height * SPRITE_ROWS))
    for index, frame in enumerate(frames):
        cell = frame.resize((width, height), Image.Resampling.BILINEAR)
        sheet.paste(cell, ((index % SPRITE_COLUMNS) * width, (index // SPRITE_COLUMNS) * height))
    sheet.save(output, format="JPEG", quality=85)
    return output
