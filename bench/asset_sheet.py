"""Contact sheet of a creature family: every kind side by side, then strips of key cycles.

Renders with the real PrevizEngine (small tiles), so a person can check by eye that each
kind is recognisable and each cycle reads. Prints one line with the time it took.

    .venv/bin/python -m bench.asset_sheet --family biped --out /tmp/creatures/biped.png
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

from cinestra.render.previz import PrevizEngine
from cinestra.render.previz.meshes import MESH_BUILDERS
from cinestra.world.assets import Clock, Look, family_module
from cinestra.world.assets.bodies import rig_bodies
from cinestra.world.assets.rig import Rig, placement
from cinestra.world.timeline import Body, CameraKey, Environment, Pose, Timeline

STRIP_VERBS = {"biped": ("walk", "dance", "spin", "play", "wave", "jump"),
               "quadruped": ("walk", "run", "sit", "play", "eat", "jump"),
               "bird": ("walk", "fly", "peck", "dance", "swim", "perch"),
               "fish": ("swim", "idle", "eat", "jump", "dance", "sleep")}
STRIP_KIND = {"biped": "figure_skater", "quadruped": "elephant", "bird": "pigeon",
              "fish": "shark"}
FPS = 24


def drawable(bodies: list[Body]) -> list[Body]:
    """Cones as cylinders while the renderer has no cone mesh."""
    if "cone" in MESH_BUILDERS:
        return bodies
    thinner = {"shape": "cylinder"}
    return [body.model_copy(update={**thinner, "size": (0.6 * body.size[0], 0.6 * body.size[1],
                                                        body.size[2])})
            if body.shape == "cone" else body for body in bodies]


def scene(rig: Rig, verb: str | None, *, frames: int, seed: int, look: Look,
          speed: float) -> Timeline:
    module = family_module(rig.family)
    clock = Clock(frame_count=frames, fps=FPS, seed=seed)
    motion = module.animate(rig, verb, clock)
    positions = np.zeros((frames, 3))
    positions[:, 0] = speed * clock.times - speed * clock.times.mean()
    bodies, tracks = rig_bodies(rig, motion, placement(positions, np.zeros(frames)),
                                subject="it")
    size = max(rig.height, rig.length, 0.3)
    target = (0.0, 0.0, 0.45 * rig.height)
    distance = 0.62 * size / math.tan(math.radians(15))
    camera = CameraKey(position=(0.75 * distance, -0.65 * distance, 0.5 * rig.height +
                                 0.2 * distance), target=target, fov_deg=30.0)
    floor = Body(id="floor", kind="floor", shape="plane", size=(40.0, 40.0, 0.0),
                 color=(0.45, 0.45, 0.42), material="concrete", mass=0.0, static=True,
                 pose=Pose(pos=(0.0, 0.0, 0.0)))
    return Timeline(
        shot_index=0, fps=FPS, frame_count=frames, duration=Fraction(frames, FPS),
        time_scale=Fraction(1),
        environment=Environment(place="park", time_of_day="afternoon", indoor=False,
                                wet=False, look="natural"),
        bodies=[floor, *drawable(bodies)], tracks=tracks, camera=[camera] * frames,
        impacts=[],
    )


def label(tile: NDArray[np.uint8], text: str) -> NDArray[np.uint8]:
    image = Image.fromarray(tile)
    ImageDraw.Draw(image).text((4, 4), text, fill=(255, 255, 255))
    return np.asarray(image)


def grid(tiles: list[NDArray[np.uint8]], columns: int) -> NDArray[np.uint8]:
    height, width, _ = tiles[0].shape
    rows = math.ceil(len(tiles) / columns)
    sheet = np.zeros((rows * height, columns * width, 3), dtype=np.uint8)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        sheet[row * height:(row + 1) * height, column * width:(column + 1) * width] = tile
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--family", default="biped")
    parser.add_argument("--out", type=Path, default=Path("/tmp/creatures/sheet.png"))
    parser.add_argument("--kinds", default="", help="comma-separated; default: all")
    parser.add_argument("--look", default="", help="clothing for every kind (tuxedo...)")
    parser.add_argument("--tile", type=int, default=200)
    args = parser.parse_args()
    module = family_module(args.family)
    kinds = args.kinds.split(",") if args.kinds else sorted(module.KINDS)
    start = time.perf_counter()
    tiles = []
    with PrevizEngine(width=args.tile, height=args.tile * 5 // 4) as engine:
        for index, kind in enumerate(kinds):
            look = Look(seed=index, clothing=args.look or None)
            rig = module.build(kind, look)
            frame = next(iter(engine.render(scene(rig, None, frames=1, seed=index, look=look,
                                                   speed=0.0))))
            tiles.append(label(frame, f"{kind} {rig.height:.2f} m"))
        sheet = grid(tiles, columns=8)
        strips = []
        kind = STRIP_KIND[args.family]
        for seed, verb in enumerate(STRIP_VERBS[args.family]):
            look = Look(seed=seed)
            rig = module.build(kind, look)
            timeline = scene(rig, verb, frames=24, seed=seed, look=look, speed=0.0)
            frames = list(engine.render(timeline))
            strip = [label(frames[i], f"{verb} f{i}") for i in range(0, 24, 4)]
            strips.append(grid(strip, columns=6))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sheet).save(args.out)
    strip_path = args.out.with_name(args.out.stem + "_cycles.png")
    Image.fromarray(np.vstack(strips)).save(strip_path)
    seconds = time.perf_counter() - start
    print(f"{args.family}: {len(kinds)} kinds + {len(strips)} cycles in {seconds:.1f} s "
          f"-> {args.out}, {strip_path}")


if __name__ == "__main__":
    main()
