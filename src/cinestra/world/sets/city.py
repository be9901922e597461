"""Cities: buildings with window grids in each city's look, streets, rooftops and landmarks.

A city look (the Storyboard `city`) changes the buildings: Paris is cream Haussmann stone
under grey zinc mansards with chimney pots and the Eiffel Tower far off; Tokyo is dense
towers with pink and cyan neon and the red-white Tokyo Tower; New York is brick with
wooden water towers and tall art-deco towers; anywhere else gets a generic skyline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cinestra.world.sets.dressing import lamp_post
from cinestra.world.sets.kit import Kit, segment, shade
from cinestra.world.timeline import Vec3

LOOKS = ("paris", "tokyo", "new_york", "generic")
STOREY = 3.2  # metres per floor
NEON: tuple[Vec3, ...] = ((1.0, 0.15, 0.55), (0.1, 0.85, 1.0), (1.0, 0.3, 0.8), (0.3, 1.0, 0.9))
STREET_LEVEL_ROOF = 24.0  # a rooftop stands this high above its street


@dataclass(frozen=True)
class Block:
    """One building: its footprint centre, size and the height of its foot."""

    x: float
    y: float
    width: float
    depth: float
    height: float
    base_z: float = 0.0
    detailed: bool = True  # near buildings get window columns; far ones only floor bands


def city_look(city: str | None) -> str:
    return city if city in LOOKS else "generic"


def _facade_color(kit: Kit, look: str) -> Vec3:
    if look == "paris":
        return shade((0.86, 0.78, 0.62), kit.uniform(0.92, 1.05))
    if look == "new_york":
        brick = [(0.48, 0.20, 0.12), (0.40, 0.24, 0.16), (0.55, 0.30, 0.18), (0.62, 0.55, 0.45)]
        return brick[int(kit.rng.integers(len(brick)))]
    if look == "tokyo":
        return shade((0.62, 0.64, 0.66), kit.uniform(0.7, 1.25))
    return shade((0.60, 0.57, 0.52), kit.uniform(0.6, 1.2))


def building(kit: Kit, block: Block, look: str) -> None:
    """A building in `look` whose front (the side facing -y) shows a grid of windows."""
    color = _facade_color(kit, look)
    top = block.base_z + block.height
    centre = (block.x, block.y, block.base_z + block.height / 2)
    kit.box("building", centre, (block.width / 2, block.depth / 2, block.height / 2),
            material="stone" if look == "paris" else "concrete", color=color)
    _windows(kit, block, color, look)
    roof = (block.x, block.y, top)
    if look == "paris":
        _mansard(kit, block, roof)
    elif look == "new_york" and block.height < 45 and kit.uniform(0, 1) < (
            0.7 if block.detailed else 0.3):
        water_tower(kit, block.x + kit.uniform(-0.25, 0.25) * block.width,
                    block.y + block.depth * 0.15, top)
    elif look == "new_york":
        # art-deco setbacks and a spire
        kit.box("building", (block.x, block.y, top + 4.0),
                (block.width * 0.35, block.depth * 0.35, 4.0), material="stone", color=color)
        kit.cone("spire", (block.x, block.y, top + 8.0), radius=block.width * 0.18,
                 height=block.height * 0.25, material="metal", color=(0.75, 0.74, 0.70))
    elif look == "tokyo":
        _neon(kit, block)


def _windows(kit: Kit, block: Block, color: Vec3, look: str) -> None:
    """Floor bands of glass on the front, split into windows by pilasters when detailed."""
    front = block.y - block.depth / 2
    glow = kit.night
    floors = max(1, int(block.height / STOREY))
    # tall towers, and far buildings, show every few floors: fewer bodies, same look
    step = 1 if floors <= 10 else floors // 8 + 1
    if not block.detailed:
        step = max(2, floors // 4)
    glass = (1.0, 0.82, 0.5) if glow else (0.16, 0.2, 0.26)
    for floor in range(1 if block.detailed else 0, floors, step):
        z = block.base_z + (floor + 0.55) * STOREY
        lit = glow and kit.uniform(0, 1) < 0.7
        kit.box("window", (block.x, front - 0.03, z), (block.width * 0.44, 0.03, 0.75),
                material="glass", color=glass if lit or not glow else (0.08, 0.09, 0.12),
                emissive=1.5 if lit else 0.0)
        if look == "paris" and floor in (2, 5) and block.detailed:  # wrought-iron balconies
            kit.box("balcony", (block.x, front - 0.25, z - 0.55), (block.width * 0.45, 0.25, 0.04),
                    material="metal", color=(0.08, 0.08, 0.09))
    if not block.detailed:
        return
    columns = max(2, int(block.width / (2.8 if look == "paris" else 2.2)))
    for column in range(columns + 1):
        x = block.x - block.width * 0.44 + column * block.width * 0.88 / columns
        kit.box("pilaster", (x, front - 0.05, block.base_z + block.height / 2),
                (0.18, 0.05, block.height / 2), material="stone", color=color)


def _mansard(kit: Kit, block: Block, roof: Vec3) -> None:
    zinc = (0.40, 0.44, 0.50)
    kit.box("roof", (roof[0], roof[1], roof[2] + 1.2), (block.width / 2 - 0.4,
            block.depth / 2 - 0.4, 1.2), material="metal", color=zinc)
    kit.box("roof", (roof[0], roof[1], roof[2] + 2.6), (block.width / 2 - 1.2,
            block.depth / 2 - 1.2, 0.3), material="metal", color=shade(zinc, 0.8))
    for offset in (-0.3, 0.3) if block.detailed else (0.3,):
        stack = (roof[0] + offset * block.width, roof[1] + 0.3 * block.depth, roof[2] + 2.4)
        kit.box("chimney", (stack[0], stack[1], stack[2] + 0.8), (0.4, 0.25, 0.8),
                material="stone", color=(0.62, 0.42, 0.32))
        for pot in (-0.15, 0.15) if block.detailed else ():
            kit.post("chimney", (stack[0] + pot, stack[1], stack[2] + 1.6), radius=0.08,
                     height=0.5, material="ceramic", color=(0.72, 0.38, 0.22))


def _neon(kit: Kit, block: Block) -> None:
    """Vertical and horizontal neon signs on a Tokyo facade."""
    front = block.y - block.depth / 2
    for index in range(2 if block.detailed else 1):
        color = NEON[int(kit.rng.integers(len(NEON)))]
        x = block.x + (index - 0.5) * block.width * 0.6
        # high on the facade, where a rooftop looks across at it
        z = block.base_z + block.height - kit.uniform(3.0, min(12.0, block.height * 0.6))
        if index == 0:
            half = (0.35, 0.12, kit.uniform(1.5, 3.0))
        else:
            half = (kit.uniform(1.2, 2.2), 0.12, 0.45)
        kit.box("neon_sign", (x, front - 0.4, z), (half[0] * 1.5, half[1], half[2] * 1.5),
                material="glass", color=color,
                emissive=3.0 if kit.night else 1.2)


def water_tower(kit: Kit, x: float, y: float, roof_z: float) -> None:
    """A wooden water tank on steel legs with a conical hat (New York roofs)."""
    for dx, dy in ((-0.9, -0.9), (0.9, -0.9), (-0.9, 0.9), (0.9, 0.9)):
        kit.post("water_tower", (x + dx, y + dy, roof_z), radius=0.08, height=2.2,
                 material="metal", color=(0.15, 0.15, 0.15))
    kit.post("water_tower", (x, y, roof_z + 2.2), radius=1.4, height=2.8, material="wood",
             color=(0.42, 0.28, 0.17))
    kit.cone("water_tower", (x, y, roof_z + 5.0), radius=1.55, height=1.3, material="wood",
             color=(0.30, 0.20, 0.13))


def lattice_tower(kit: Kit, x: float, y: float, *, base_z: float, height: float,
                  colors: tuple[Vec3, Vec3]) -> None:
    """An Eiffel-like tower: four splayed legs, two platforms, a tapering top, a mast.

    `colors` alternate up the sections (Tokyo Tower's red and white; Eiffel's one bronze).
    """
    levels = [(0.0, 0.26), (0.28, 0.11), (0.55, 0.05), (0.9, 0.012)]  # (height, half width)
    for index, ((z0, w0), (z1, w1)) in enumerate(itertools.pairwise(levels)):
        color = colors[index % 2]
        for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
            start = (x + sx * w0 * height, y + sy * w0 * height, base_z + z0 * height)
            end = (x + sx * w1 * height, y + sy * w1 * height, base_z + z1 * height)
            segment(kit, "landmark", start, end, thickness=height * 0.012, material="metal",
                    color=color)
        if index < 2:
            kit.box("landmark", (x, y, base_z + z1 * height),
                    (w1 * height * 1.15, w1 * height * 1.15, height * 0.012), material="metal",
                    color=colors[(index + 1) % 2])
    segment(kit, "landmark", (x, y, base_z + 0.9 * height), (x, y, base_z + height),
            thickness=height * 0.004, material="metal", color=colors[1])
    if colors[0] == colors[1]:  # Eiffel: the arch between the legs
        kit.box("landmark", (x, y, base_z + 0.1 * height), (0.2 * height, 0.2 * height,
                height * 0.01), material="metal", color=colors[0])


def landmark(kit: Kit, look: str, *, ground_z: float) -> None:
    """The city's far-off silhouette, up the back of the set and to one side."""
    if look == "paris":
        lattice_tower(kit, -45.0, 130.0, base_z=ground_z, height=110.0,
                      colors=((0.36, 0.27, 0.19), (0.36, 0.27, 0.19)))
    elif look == "tokyo":
        lattice_tower(kit, -30.0, 115.0, base_z=ground_z, height=105.0,
                      colors=((0.95, 0.28, 0.08), (0.95, 0.93, 0.90)))


def city_row(kit: Kit, look: str, *, y: float, x_range: tuple[float, float], base_z: float,
             heights: tuple[float, float], detailed: bool, depth: float = 10.0) -> None:
    """A continuous row of buildings whose fronts line up along `y`."""
    x = x_range[0]
    while x < x_range[1]:
        width = kit.uniform(6.0, 11.0) if look != "paris" else kit.uniform(9.0, 13.0)
        height = kit.uniform(*heights)
        building(kit, Block(x + width / 2, y + depth / 2, width, depth, height, base_z, detailed),
                 look)
        x += width + (kit.uniform(0.0, 2.0) if look in ("tokyo", "generic") else 0.0)


def street(kit: Kit, *, look: str, radius: float, ground: str) -> None:
    """A road along x through the stage, a zebra crossing on it, kerbed sidewalks, lamps and a
    row of buildings behind the far sidewalk (and their ends on both sides)."""
    road_half = max(4.0, radius + 1.0)
    kit.ground("road", (60.0, 60.0), material=ground, color=(0.09, 0.09, 0.1), name="ground")
    for x in range(-36, 37, 6):
        if abs(x) > 3:  # the centre line breaks for the crossing
            kit.slab("lane_marking", (float(x), 0.0, 0.004), (1.4, 0.07, 0.004), material="paint",
                     color=(0.9, 0.85, 0.6))
    for stripe in range(-int(road_half / 0.9), int(road_half / 0.9) + 1):
        kit.slab("crossing", (0.0, stripe * 0.9, 0.005), (1.8, 0.25, 0.005), material="paint",
                 color=(0.92, 0.92, 0.9))
    for side in (-1.0, 1.0):
        kit.slab("sidewalk", (0.0, side * (road_half + 2.0), 0.08), (60.0, 2.0, 0.08),
                 material="concrete", color=(0.5, 0.49, 0.47))
        kit.slab("kerb", (0.0, side * (road_half + 0.06), 0.1), (60.0, 0.08, 0.1),
                 material="stone", color=(0.62, 0.62, 0.6))
    for x in range(-20, 21, 10):
        lamp_post(kit, float(x) + 5.0, road_half + 0.6, z=0.16)
    city_row(kit, look, y=road_half + 4.0, x_range=(-36.0, 36.0), base_z=0.0,
             heights=(16.0, 22.0) if look == "paris" else (10.0, 40.0), detailed=True)
    landmark(kit, look, ground_z=0.0)


def rooftop(kit: Kit, *, look: str, radius: float) -> None:
    """A flat roof at z = 0 with a parapet and roof furniture, the city around and below it."""
    half = radius + 3.0
    roof_color = (0.42, 0.44, 0.47) if look != "paris" else (0.5, 0.5, 0.52)
    kit.ground("roof", (half, half), material="concrete", color=roof_color, name="ground")
    kit.box("building", (0.0, 0.0, -STREET_LEVEL_ROOF / 2 - 0.02),
            (half, half, STREET_LEVEL_ROOF / 2), material="concrete",
            color=shade(_facade_color(kit, look), 0.85))
    for sx, sy, hx, hy in ((0.0, half, half, 0.12), (-half, 0.0, 0.12, half),
                           (half, 0.0, 0.12, half)):
        kit.box("parapet", (sx, sy, 0.5), (hx, hy, 0.5), material="concrete",
                color=shade(roof_color, 1.2))
    # roof furniture in the back corners, outside the stage
    corner = radius + 1.6
    kit.box("ac_unit", (-corner, corner, 0.55), (0.9, 0.6, 0.55), material="metal",
            color=(0.7, 0.7, 0.72))
    kit.post("ac_unit", (-corner, corner - 0.6, 0.9), radius=0.45, height=0.2, material="metal",
             color=(0.2, 0.2, 0.2))
    if look == "new_york":
        water_tower(kit, corner, corner, 0.0)
    else:
        kit.box("chimney", (corner, corner, 1.0), (0.5, 0.5, 1.0), material="stone",
                color=(0.55, 0.35, 0.28))
        kit.post("vent", (radius + 2.2, -radius + 1.0, 0.0), radius=0.2, height=1.2,
                 material="metal", color=(0.6, 0.6, 0.62))
    ground_z = -STREET_LEVEL_ROOF
    kit.ground("street_below", (160.0, 160.0), material="asphalt", color=(0.12, 0.12, 0.13),
               z=ground_z, wet=False)
    heights = {"paris": (21.0, 27.0), "tokyo": (24.0, 55.0), "new_york": (22.0, 80.0)}
    low, high = heights.get(look, (18.0, 50.0))
    # rings of the skyline: near blocks beside the roof, then the city behind
    city_row(kit, look, y=half + 8.0, x_range=(-26.0, 26.0), base_z=ground_z,
             heights=(low, high), detailed=True)
    city_row(kit, look, y=half + 40.0, x_range=(-45.0, 45.0), base_z=ground_z,
             heights=(low, high * 1.2), detailed=False)
    for side in (-1.0, 1.0):
        for index in range(2):
            y = -4.0 + index * 12.0
            width = kit.uniform(8.0, 11.0)
            height = kit.uniform(low, high)
            x = side * (half + 8.0 + width / 2)
            building(kit, Block(x, y, width, 10.0, height, ground_z, False), look)
    landmark(kit, look, ground_z=ground_z)
