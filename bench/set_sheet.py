"""Contact sheet of every set: one wide frame per set at noon, sunset and night.

    python -m bench.set_sheet --out /tmp/sets/

Writes one PNG per set (three times of day side by side) and `sheet.png` with all of them,
and prints one line with the time taken. Frames are small (320x180 by default): this is a
look at the layouts, not a final render.
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from cinestra.plan.storyboard import Setting
from cinestra.render.previz import PrevizEngine, meshes
from cinestra.world.sets import Set, build_set
from cinestra.world.timeline import CameraKey, Environment, Timeline

# (label, place, city, weather): one line of the sheet each
SETS: list[tuple[str, str, str | None, str | None]] = [
    ("street", "street", None, None), ("street paris", "street", "paris", None),
    ("rooftop paris", "rooftop", "paris", None), ("rooftop tokyo", "rooftop", "tokyo", None),
    ("rooftop new york", "rooftop", "new_york", None),
    ("rooftop london", "rooftop", "london", None),
    ("park", "park", None, "rain"), ("beach", "beach", None, None),
    ("forest", "forest", None, None), ("jungle", "jungle", None, None),
    ("snowfield", "snowfield", None, "snow"), ("mountain", "mountain", None, None),
    ("desert", "desert", None, None), ("savanna", "savanna", None, None),
    ("moon", "moon", None, None), ("room", "room", None, None),
    ("kitchen", "kitchen", None, "steam"), ("jazz club", "jazz_club", None, "smoke"),
    ("cafe", "cafe", None, None), ("library", "library", None, None),
    ("classroom", "classroom", None, None), ("gym", "gym", None, None),
    ("ice rink", "ice_rink", None, None), ("swimming pool", "swimming_pool", None, None),
    ("cave", "cave", None, None), ("floor", "floor", None, None), ("table", "table", None, None),
]
TIMES = ("noon", "sunset", "night")


def _cone() -> meshes.Mesh:
    """The Timeline's unit cone, for a renderer that does not draw cones yet (preview only)."""
    segments = 24
    angle = np.linspace(0.0, 2 * math.pi, segments, endpoint=False)
    ring = np.stack([np.cos(angle), np.sin(angle), -np.ones(segments)], axis=-1)
    slope = np.stack([np.cos(angle), np.sin(angle), np.full(segments, 0.5)], axis=-1)
    slope /= np.linalg.norm(slope, axis=-1, keepdims=True)
    apex = np.tile([0.0, 0.0, 1.0], (segments, 1))
    following = (np.arange(segments) + 1) % segments
    side = np.stack([np.arange(segments), following, segments + np.arange(segments)], axis=-1)
    base_centre = 2 * segments + segments
    base = np.stack([np.full(segments, base_centre), 2 * segments + following,
                     2 * segments + np.arange(segments)], axis=-1)
    positions = np.vstack([ring, apex, ring, [[0.0, 0.0, -1.0]]])
    normals = np.vstack([slope, slope, np.tile([0.0, 0.0, -1.0], (segments + 1, 1))])
    return meshes._mesh(positions=positions, normals=normals, indices=np.vstack([side, base]))


def _camera(built: Set, radius: float) -> CameraKey:
    """A wide shot from the open -y side, a little above eye height."""
    z = built.support_z
    if built.indoor:
        back = -(radius + 2.5)
        return CameraKey(position=(0.0, back, z + 2.0), target=(0.0, radius, z + 1.1),
                         fov_deg=62.0)
    if built.name == "rooftop":
        return CameraKey(position=(0.0, -(radius + 8.0), 5.0), target=(0.0, 12.0, 2.0),
                         fov_deg=55.0)
    return CameraKey(position=(0.0, -(radius + 9.0), 3.2), target=(0.0, radius + 4.0, 1.8),
                     fov_deg=55.0)


def render_set(engine: PrevizEngine, built: Set, *, setting: Setting,
               radius: float) -> NDArray[np.uint8]:
    environment = Environment(
        place=built.name, time_of_day=setting.time_of_day, indoor=built.indoor,
        wet=any(body.wet for body in built.bodies[:1]), look="natural", setting=setting.place,
        weather=setting.weather, haze=built.haze, city=setting.city,
    )
    timeline = Timeline(
        shot_index=0, fps=24, frame_count=1, duration=Fraction(1, 24), time_scale=Fraction(1),
        environment=environment, bodies=built.bodies, tracks=[], lights=built.lights,
        camera=[_camera(built, radius)], impacts=[],
    )
    return next(iter(engine.render(timeline)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/sets"))
    parser.add_argument("--width", type=int, default=320)
    parser.add_argument("--height", type=int, default=180)
    parser.add_argument("--only", default="", help="comma-separated labels to render")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    meshes.MESH_BUILDERS.setdefault("cone", _cone)
    chosen = [row for row in SETS if not args.only or row[0] in args.only.split(",")]
    radius = 3.0
    started = time.perf_counter()
    rows = []
    with PrevizEngine(width=args.width, height=args.height, shadow_size=1024) as engine:
        for label, place, city, weather in chosen:
            tiles = []
            for time_of_day in TIMES:
                setting = Setting(place=place, city=city, time_of_day=time_of_day,
                                  weather=weather, indoor=False)
                built = build_set(setting, seed=args.seed, stage_radius=radius)
                frame = render_set(engine, built, setting=setting, radius=radius)
                tiles.append(frame)
            row = Image.fromarray(np.hstack(tiles))
            ImageDraw.Draw(row).text((4, 4), f"{label} ({built.name}, {len(built.bodies)} "
                                     f"bodies)", fill=(255, 255, 0))
            row.save(args.out / f"{label.replace(' ', '_')}.png")
            rows.append(row)
    sheet = Image.new("RGB", (rows[0].width, sum(row.height for row in rows)))
    for index, row in enumerate(rows):
        sheet.paste(row, (0, index * rows[0].height))
    sheet.save(args.out / "sheet.png")
    elapsed = time.perf_counter() - started
    print(f"set_sheet: {len(rows)} sets x {len(TIMES)} times in {elapsed:.1f} s "
          f"-> {args.out / 'sheet.png'}")


if __name__ == "__main__":
    main()
