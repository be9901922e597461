"""Contact sheet of one asset family: every kind rendered by the previz engine in a grid.

    python -m bench.object_sheet --family vehicle --out /tmp/objects/vehicle.png

Each kind gets its own small shot (a floor, the rig's animated parts, a three-quarter
camera framed on its size), rendered a few frames into its family's typical verb; the
last frame goes into the grid with the kind's name under it. Rigs larger than the
renderer's far plane allows are shown shrunk (the shape is what is judged here).
"""

from __future__ import annotations

import argparse
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from scipy.spatial.transform import Rotation

from cinestra.render.previz import PrevizEngine
from cinestra.render.previz.meshes import MESH_BUILDERS
from cinestra.world.assets import FAMILY_MODULES, Clock, Look, family_module
from cinestra.world.assets.bodies import rig_bodies
from cinestra.world.assets.rig import Rig
from cinestra.world.assets.solids import posed_bounds, scaled
from cinestra.world.timeline import Body, CameraKey, Environment, Pose, Timeline, Track

FAMILY_VERB = {"vehicle": "drive", "instrument": "play", "prop": None, "food": None,
               "furniture": "cook", "building": None, "landmark": None, "plant": None}
LARGEST_SHOWN = 25.0  # metres: bigger rigs are shrunk to stay inside the far plane
FRAMES = 4
FPS = 24


def family_kinds(family: str) -> list[str]:
    """The catalog kinds of one family (prop, food and furniture share a module)."""
    module = family_module(family)
    names = getattr(module, "FAMILY_KINDS", {}).get(family)
    return sorted(names if names is not None else module.KINDS)


CONE_STEPS = 3


def drawable(bodies: list[Body], tracks: list[Track]) -> tuple[list[Body], list[Track]]:
    """Until the renderer knows cones, draw each as a stack of narrowing cylinders."""
    if "cone" in MESH_BUILDERS:
        return bodies, tracks
    poses = {track.body: track.poses for track in tracks}
    out_bodies: list[Body] = []
    out_tracks: list[Track] = []
    for body in bodies:
        if body.shape != "cone":
            out_bodies.append(body)
            out_tracks.append(Track(body=body.id, poses=poses[body.id]))
            continue
        rx, ry, half = body.size
        for step in range(CONE_STEPS):
            centre = -1.0 + (2 * step + 1) / CONE_STEPS  # unit cone: radius (1 - z) / 2
            share = (1.0 - centre) / 2
            piece = body.model_copy(update={
                "id": f"{body.id}#{step}", "shape": "cylinder",
                "size": (rx * share, ry * share, half / CONE_STEPS)})
            moved = [Pose(pos=tuple(np.asarray(pose.pos) + Rotation.from_quat(
                [pose.quat[1], pose.quat[2], pose.quat[3], pose.quat[0]]).apply(
                    [0.0, 0.0, centre * half])), quat=pose.quat) for pose in poses[body.id]]
            out_bodies.append(piece.model_copy(update={"pose": moved[0]}))
            out_tracks.append(Track(body=piece.id, poses=moved))
    return out_bodies, out_tracks


def shot_of(rig: Rig, verb: str | None, family: str) -> Timeline:
    module = family_module(family)
    clock = Clock(frame_count=FRAMES, fps=FPS)
    motion = module.animate(rig, verb, clock)
    place = np.tile(np.eye(4), (FRAMES, 1, 1))
    low, _ = posed_bounds(rig, motion)
    place[:, 2, 3] = max(0.0, -float(low[2]))  # held instruments: lift the grip origin
    bodies, tracks = rig_bodies(rig, motion, place, subject=f"{rig.kind}_1")
    bodies, tracks = drawable(bodies, tracks)
    extent = max(rig.length, rig.width, rig.height, 0.05)
    floor = Body(id="floor", kind="floor", shape="plane", size=(extent * 4, extent * 4, 0.0),
                 color=(0.45, 0.45, 0.42), material="concrete", mass=0.0, static=True,
                 pose=Pose(pos=(0.0, 0.0, 0.0)))
    centre = (0.0, 0.0, rig.height * 0.5)
    distance = extent * 1.9 + 0.1
    direction = np.array([0.75, -1.0, 0.45])
    direction = direction / np.linalg.norm(direction) * distance
    camera = CameraKey(position=(float(direction[0]), float(direction[1]),
                                 float(direction[2] + centre[2])),
                       target=centre, fov_deg=38.0)
    return Timeline(
        shot_index=0, fps=FPS, frame_count=FRAMES, duration=Fraction(FRAMES, FPS),
        time_scale=Fraction(1),
        environment=Environment(place="park", time_of_day="afternoon", indoor=False,
                                wet=False, look="natural"),
        bodies=[floor, *bodies], tracks=tracks,
        camera=[camera] * FRAMES, impacts=[])


def render_sheet(family: str, out: Path, *, cell: tuple[int, int] = (256, 192)) -> None:
    kinds = family_kinds(family)
    module = family_module(family)
    columns = min(6, len(kinds))
    rows = math.ceil(len(kinds) / columns)
    label = 16
    sheet = Image.new("RGB", (columns * cell[0], rows * (cell[1] + label)), (20, 20, 20))
    draw = ImageDraw.Draw(sheet)
    with PrevizEngine(width=cell[0], height=cell[1]) as engine:
        for index, kind in enumerate(kinds):
            rig = module.build(kind, Look())
            largest = max(rig.length, rig.width, rig.height)
            if largest > LARGEST_SHOWN:
                rig = scaled(rig, LARGEST_SHOWN / largest)
            frames = list(engine.render(shot_of(rig, FAMILY_VERB.get(family), family)))
            x, y = (index % columns) * cell[0], (index // columns) * (cell[1] + label)
            sheet.paste(Image.fromarray(frames[-1]), (x, y))
            draw.text((x + 4, y + cell[1] + 2), kind, fill=(230, 230, 230))
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", required=True, choices=sorted(FAMILY_MODULES))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    render_sheet(args.family, args.out)


if __name__ == "__main__":
    main()
