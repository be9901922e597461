"""Render every seed prompt and write a contact sheet (6 frames) per prompt to docs/gallery/.

Each clip goes through `cinestra.pipeline.generate` on the default engine, exactly as a user
gets it (watermarks included); six frames spread over the clip are decoded from the MP4 and
laid out 3 x 2 with the prompt written above. A prompt asking for the user's own cameo is
rendered without it ("(with my cameo)" is dropped): cameos are a later issue.

    .venv/bin/python -m bench.gallery [--seconds 6] [--size 640x360] [--only 3]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from cinestra.media import read_mp4
from cinestra.pipeline import generate
from cinestra.render.previz import PrevizEngine
from cinestra.request import check_request

SEED_PROMPTS = Path(__file__).resolve().parents[2] / "shared" / "prompts" / "seed-prompts.tsv"
OUT = Path(__file__).resolve().parents[1] / "docs" / "gallery"
FRAMES = 6
COLUMNS = 3
THUMB = (426, 240)
CAPTION = 44  # pixels of text band above the frames
CAPTION_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CAMEO = re.compile(r"\s*\((with my cameo|avec mon cam[ée]o)\)\s*", re.IGNORECASE)


def seed_prompts(path: Path = SEED_PROMPTS) -> list[tuple[str, str]]:
    """(language, prompt) rows of the seed prompt file, cameo requests removed."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, prompt = line.split("\t", 1)
        rows.append((language, CAMEO.sub(" ", prompt).strip()))
    return rows


def contact_sheet(frames: list[np.ndarray], caption: str) -> Image.Image:
    rows = -(-len(frames) // COLUMNS)
    sheet = Image.new("RGB", (THUMB[0] * COLUMNS, CAPTION + THUMB[1] * rows), "white")
    for index, frame in enumerate(frames):
        thumb = Image.fromarray(frame).resize(THUMB, Image.Resampling.LANCZOS)
        sheet.paste(thumb, ((index % COLUMNS) * THUMB[0], CAPTION + (index // COLUMNS) * THUMB[1]))
    draw = ImageDraw.Draw(sheet)
    try:  # Debian's DejaVu has every accent of a French prompt; Pillow's own font has not
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(CAPTION_FONT, 18)
    except OSError:
        font = ImageFont.load_default(size=18)
    draw.text((10, 10), caption, fill="black", font=font)
    return sheet


def slug(index: int, language: str, prompt: str) -> str:
    plain = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:48].rstrip("-")
    return f"{index:02d}-{language}-{words}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--only", type=int, nargs="*", help="row numbers (1-based) to render")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = seed_prompts()
    print(f"{'#':>2} {'lang':4} {'seconds':>7}  warnings  prompt")
    with tempfile.TemporaryDirectory() as folder:
        for number, (language, prompt) in enumerate(rows, start=1):
            if args.only and number not in args.only:
                continue
            request = check_request(prompt=prompt, seconds=args.seconds, size=args.size)
            started = time.perf_counter()
            video = Path(folder) / f"{number}.mp4"
            with PrevizEngine(width=request.width, height=request.height) as engine:
                result = generate(request, output=video, engine=engine)
            clip = read_mp4(video)
            picks = np.linspace(0, len(clip.frames) - 1, FRAMES).round().astype(int)
            sheet = contact_sheet([clip.frames[i] for i in picks], f"[{language}] {prompt}")
            sheet.save(args.out / f"{slug(number, language, prompt)}.png", optimize=True)
            elapsed = time.perf_counter() - started
            print(f"{number:>2} {language:4} {elapsed:7.1f}  {len(result.warnings):>8}  {prompt}")
            for warning in result.warnings:
                print(f"{'':17}- {warning}")


if __name__ == "__main__":
    main()
