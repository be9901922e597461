"""Open-air sets: park, beach, forest, snowfield, desert, savanna and the Moon.

The stage (around the origin, `radius` metres) stays clear; dressing goes behind (+y) and to
the sides, thinning out towards the camera's side (-y).
"""

from __future__ import annotations

import math

from cinestra.world.sets.dressing import (
    SNOW_WHITE,
    acacia_tree,
    bench,
    broadleaf_tree,
    cactus,
    lamp_post,
    palm_tree,
    pine_tree,
    rock,
)
from cinestra.world.sets.kit import Kit, shade, square_ring, yaw
from cinestra.world.timeline import Vec3


def _around(kit: Kit, *, radius: float, far: float, front: float = 0.15,
            ) -> tuple[float, float]:
    """A point between the squares of half side `radius` and `far` around the origin, behind
    or beside the stage (angles from -front x pi to (1 + front) x pi, from +x through +y)."""
    angle = kit.uniform(-front * math.pi, (1.0 + front) * math.pi)
    return square_ring(angle, kit.uniform(radius, far))


def park(kit: Kit, *, radius: float, ground: str) -> None:
    """A lawn crossed by gravel paths, trees, benches facing the path, lamp posts."""
    kit.ground("lawn", (60.0, 60.0), material=ground, color=(0.16, 0.36, 0.08), name="ground")
    path_y = radius + 2.0
    gravel = (0.62, 0.55, 0.42)
    kit.slab("path", (0.0, path_y, 0.01), (60.0, 1.2, 0.01), material="gravel", color=gravel)
    kit.slab("path", (radius + 3.0, 0.0, 0.012), (1.2, 60.0, 0.012), material="gravel",
             color=gravel)
    for x in (-9.0, -3.0, 9.0):
        bench(kit, x, path_y + 1.8, angle=0.0)
    for x in (-6.0, 6.0, 12.0):
        lamp_post(kit, x, path_y + 1.5)
    for _ in range(16):
        x, y = _around(kit, radius=radius + 5.0, far=radius + 24.0)
        broadleaf_tree(kit, x, y, scale=kit.uniform(0.9, 1.3))
    for _ in range(6):  # low hedges and bushes at the edges of the lawn
        x, y = _around(kit, radius=radius + 3.5, far=radius + 9.0)
        kit.ball("bush", (x, y, 0.3), (0.9, 0.7, 0.6), material="leaves",
                 color=(0.12, 0.33, 0.08))


def beach(kit: Kit, *, radius: float, ground: str) -> None:
    """Sand running down to the sea at the back, palms and umbrellas at the sides."""
    kit.ground("sand", (80.0, 80.0), material=ground, color=(0.70, 0.57, 0.36), name="ground")
    shore = radius + 4.0
    kit.slab("wet_sand", (0.0, shore + 1.0, 0.004), (80.0, 1.2, 0.004), material="sand",
             color=(0.62, 0.52, 0.36), wet=True)
    kit.add("sea", "plane", (90.0, 60.0, 0.0), (0.0, shore + 62.0, 0.03), material="water",
            color=(0.05, 0.28, 0.42), wet=True)
    for index in range(4):  # breaking waves: long white foam lines
        y = shore + 2.5 + index * 3.0
        kit.add("foam", "box", (80.0, 0.25, 0.02), (0.0, y, 0.05), material="water",
                color=(0.9, 0.93, 0.95))
    for side in (-1.0, 1.0):
        for index in range(2):
            x = side * (radius + 3.0 + index * 5.0 + kit.uniform(0, 2))
            palm_tree(kit, x, kit.uniform(-1.0, radius + 1.0))
    stripes: tuple[Vec3, Vec3] = ((0.9, 0.15, 0.1), (0.95, 0.95, 0.9))
    for index, x in enumerate((-radius - 6.0, radius + 8.0, -radius - 11.0)):
        y = kit.uniform(0.0, radius)
        kit.post("umbrella", (x, y, 0.0), radius=0.03, height=2.2, material="metal",
                 color=(0.8, 0.8, 0.8))
        kit.cone("umbrella", (x, y, 1.9), radius=1.2, height=0.45, material="fabric",
                 color=stripes[index % 2])
        kit.slab("towel", (x + 1.0, y - 1.0, 0.01), (0.45, 0.9, 0.01), material="fabric",
                 color=stripes[(index + 1) % 2])


def forest(kit: Kit, *, radius: float, ground: str, jungle: bool = False) -> None:
    """A clearing in dense woods: a ring of trunks and crowns, undergrowth, fallen logs."""
    floor = (0.20, 0.15, 0.08) if not jungle else (0.14, 0.16, 0.06)
    kit.ground("forest_floor", (60.0, 60.0), material=ground, color=floor, name="ground")
    for _ in range(34):
        x, y = _around(kit, radius=radius + 4.5, far=radius + 20.0, front=0.3)
        if jungle or kit.uniform(0, 1) < 0.6:
            broadleaf_tree(kit, x, y, scale=kit.uniform(1.2, 1.8))
        else:
            pine_tree(kit, x, y, scale=kit.uniform(1.3, 1.8))
    for _ in range(10):
        x, y = _around(kit, radius=radius + 1.0, far=radius + 6.0, front=0.3)
        size = kit.uniform(0.5, 0.9)
        kit.ball("undergrowth", (x, y, size * 0.5), (size, size, size * 0.7), material="leaves",
                 color=(0.09, 0.26, 0.06) if not jungle else (0.12, 0.38, 0.08))
    x, y = _around(kit, radius=radius + 2.0, far=radius + 3.5)
    kit.add("log", "cylinder", (0.22, 0.22, 1.6), (x, y, 0.22), material="wood",
            color=(0.28, 0.18, 0.1), quat=(math.cos(math.pi / 4), 0.0, math.sin(math.pi / 4), 0.0))


def snowfield(kit: Kit, *, radius: float, ground: str, mountain: bool = False,
              snowy: bool = True) -> None:
    """White ground, snowy pines, banks of snow and far peaks; without snow (a mountain in
    summer) an alpine meadow under the same snow-capped peaks."""
    color = SNOW_WHITE if snowy else (0.22, 0.40, 0.12)
    kit.ground("snow" if snowy else "meadow", (80.0, 80.0), material=ground, color=color,
               name="ground")
    for _ in range(18):
        x, y = _around(kit, radius=radius + 4.0, far=radius + 26.0)
        pine_tree(kit, x, y, scale=kit.uniform(1.0, 1.6), snowy=snowy)
    for _ in range(7 if snowy else 0):
        x, y = _around(kit, radius=radius + 4.0, far=radius + 12.0)
        kit.ball("snow_bank", (x, y, 0.0), (kit.uniform(1.5, 3.0), kit.uniform(1.0, 2.0), 0.7),
                 material="snow", color=(0.88, 0.91, 0.97))
    peaks = 5 if mountain else 3
    for index in range(peaks):
        x = -80.0 + index * 160.0 / max(peaks - 1, 1) + kit.uniform(-10, 10)
        height = kit.uniform(35.0, 60.0)
        kit.cone("mountain", (x, 140.0, -2.0), radius=kit.uniform(35.0, 50.0), height=height,
                 material="stone", color=(0.45, 0.47, 0.52))
        kit.cone("mountain", (x, 140.0 - 4.0, height * 0.6 - 2.0), radius=height * 0.5,
                 height=height * 0.4 + 0.5, material="snow", color=SNOW_WHITE)


def desert(kit: Kit, *, radius: float, ground: str) -> None:
    """Golden sand, big flattened dunes behind, saguaros and rocks."""
    sand = (0.74, 0.50, 0.27)
    kit.ground("sand", (90.0, 90.0), material=ground, color=sand, name="ground")
    for index in range(7):
        x = -60.0 + index * 20.0 + kit.uniform(-5, 5)
        y = radius + kit.uniform(24.0, 50.0)
        kit.add("dune", "sphere", (kit.uniform(14, 24), kit.uniform(7, 12), kit.uniform(3, 7)),
                (x, y, 0.0), material="sand", color=shade(sand, kit.uniform(0.85, 1.08)),
                quat=yaw(kit.uniform(-0.4, 0.4)))
    for _ in range(7):
        x, y = _around(kit, radius=radius + 3.0, far=radius + 14.0)
        cactus(kit, x, y, scale=kit.uniform(0.8, 1.2))
    for _ in range(6):
        x, y = _around(kit, radius=radius + 2.0, far=radius + 12.0, front=0.3)
        rock(kit, x, y, size=kit.uniform(0.4, 1.2), color=(0.55, 0.38, 0.26))


def savanna(kit: Kit, *, radius: float, ground: str) -> None:
    """Golden grass plain, flat-crowned acacias, tufts and a far rock outcrop."""
    grass = (0.70, 0.56, 0.22)
    kit.ground("grass", (90.0, 90.0), material=ground, color=grass, name="ground")
    for _ in range(8):
        x, y = _around(kit, radius=radius + 6.0, far=radius + 40.0)
        acacia_tree(kit, x, y, scale=kit.uniform(1.0, 1.5))
    for _ in range(22):
        x, y = _around(kit, radius=radius + 1.0, far=radius + 16.0, front=0.35)
        kit.cone("grass_tuft", (x, y, 0.0), radius=kit.uniform(0.3, 0.6),
                 height=kit.uniform(0.4, 0.8), material="grass",
                 color=shade(grass, kit.uniform(0.75, 1.1)))
    for index in range(3):
        rock(kit, 25.0 + index * 4.0, 60.0 + index * 2.0, size=kit.uniform(3.0, 6.0),
             color=(0.5, 0.4, 0.3))


def moon(kit: Kit, *, radius: float) -> None:
    """Grey regolith pocked with craters (rims and pits), boulders, the Earth in the black sky."""
    regolith = (0.42, 0.42, 0.41)
    kit.ground("regolith", (90.0, 90.0), material="regolith", color=regolith, name="ground")
    for _ in range(12):
        size = kit.uniform(1.5, 6.0)
        x, y = _around(kit, radius=radius + size + 1.0, far=radius + size + 40.0, front=0.35)
        kit.add("crater", "cylinder", (size, size, 0.12), (x, y, 0.0), material="regolith",
                color=shade(regolith, 1.25))
        kit.add("crater", "cylinder", (size * 0.8, size * 0.8, 0.02), (x, y, 0.12),
                material="regolith", color=shade(regolith, 0.55))
    for _ in range(8):
        x, y = _around(kit, radius=radius + 2.0, far=radius + 20.0, front=0.3)
        rock(kit, x, y, size=kit.uniform(0.3, 1.4), color=(0.5, 0.5, 0.49))
    kit.ball("earth", (-40.0, 170.0, 55.0), (9.0, 9.0, 9.0), material="planet",
             color=(0.15, 0.35, 0.85), emissive=1.2)
    kit.ball("earth", (-40.0, 168.0, 57.0), (6.0, 2.0, 3.0), material="planet",
             color=(0.9, 0.92, 0.95), emissive=1.2)
