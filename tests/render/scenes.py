"""Small Timelines for the renderer's tests and its visual check: one builder, many knobs."""

from __future__ import annotations

import math
from fractions import Fraction

from cinestra.world.timeline import (
    Body,
    CameraKey,
    Cloth,
    Environment,
    Light,
    Particles,
    Pose,
    Shape,
    Timeline,
    Track,
    Vec3,
    Viseme,
)

CAMERA = CameraKey(position=(0.0, -4.0, 1.5), target=(0.0, 0.0, 0.5), fov_deg=40.0)


def body(
    body_id: str, shape: Shape, *, pos: Vec3, size: Vec3, color: Vec3 = (0.7, 0.7, 0.7),
    subject: str | None = None, emissive: float = 0.0, kind: str | None = None,
    material: str = "plastic", static: bool = True,
) -> Body:
    return Body(
        id=body_id, kind=kind or body_id, shape=shape, size=size, color=color,
        material=material, mass=0.0 if static else 1.0, static=static, pose=Pose(pos=pos),
        subject=subject, emissive=emissive, animated=not static,
    )


def floor(*, color: Vec3 = (0.5, 0.5, 0.5), half: float = 6.0) -> Body:
    return body("floor", "plane", pos=(0.0, 0.0, 0.0), size=(half, half, 0.0), color=color,
                material="concrete")


def timeline(
    bodies: list[Body], *, frames: int = 1, look: str = "natural", time_of_day: str = "noon",
    indoor: bool = False, camera: CameraKey = CAMERA, tracks: list[Track] | None = None,
    particles: list[Particles] | None = None, cloths: list[Cloth] | None = None,
    lights: list[Light] | None = None, visemes: list[Viseme] | None = None, haze: float = 0.0,
    fps: int = 12,
) -> Timeline:
    return Timeline(
        shot_index=0, fps=fps, frame_count=frames, duration=Fraction(frames, fps),
        time_scale=Fraction(1),
        environment=Environment(place="park", time_of_day=time_of_day, indoor=indoor, wet=False,
                                look=look, haze=haze),
        bodies=bodies, tracks=tracks or [], camera=[camera] * frames, impacts=[],
        particles=particles or [], cloths=cloths or [], lights=lights or [],
        visemes=visemes or [],
    )


def sheet(*, centre: Vec3, width: float, height: float, rows: int = 8, columns: int = 10,
          frames: int = 1, wave: float = 0.0, subject: str | None = None) -> Cloth:
    """A hanging sheet facing -y, its top edge at centre + height / 2, rippling by `wave` m."""
    grids = []
    for frame in range(frames):
        grid: list[Vec3] = []
        for row in range(rows):
            for column in range(columns):
                x = centre[0] + (column / (columns - 1) - 0.5) * width
                z = centre[2] + (0.5 - row / (rows - 1)) * height
                y = centre[1] + wave * (row / (rows - 1)) * math.sin(3.0 * x + frame * 0.8)
                grid.append((x, y, z))
        grids.append(grid)
    return Cloth(id="sheet", kind="curtain", subject=subject, rows=rows, columns=columns,
                 color=(0.75, 0.15, 0.2), material="fabric", frames=grids)


def rain(*, count: int = 1500) -> Particles:
    return Particles(id="rain", kind="rain", origin=(0.0, 0.0, 2.5), half=(3.0, 3.0, 2.5),
                     count=count, velocity=(0.0, 0.0, -8.0), spread=0.3, lifetime=0.6,
                     size=0.006, color=(0.7, 0.75, 0.8), opacity=0.8, seed=1)


def steam(*, origin: Vec3 = (0.8, 0.0, 0.6), count: int = 150) -> Particles:
    return Particles(id="steam", kind="steam", origin=origin, half=(0.08, 0.08, 0.02),
                     count=count, velocity=(0.0, 0.0, 0.35), spread=0.08, lifetime=2.5,
                     size=0.05, growth=0.08, color=(0.9, 0.9, 0.92), opacity=0.35, seed=2)
