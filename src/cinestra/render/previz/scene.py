"""Per-timeline preparation: model matrices for every frame, materials, the sun's shadow frustum
and the wet mirror plane. Pure numpy; nothing here touches OpenGL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cinestra.render.previz.batches import INSTANCE_FLOATS, MeshBatch, instance_rows
from cinestra.render.previz.camera import Matrix, pose_matrix, quat_matrix
from cinestra.render.previz.lighting import Lighting
from cinestra.render.previz.visemes import mouth_scales
from cinestra.world.timeline import Body, Pose, Timeline, Vec3

logger = logging.getLogger(__name__)

# material -> (specular strength, Blinn-Phong shininess)
GLOSSY = {
    "glass": (1.0, 110.0), "metal": (1.0, 70.0), "ceramic": (0.7, 90.0), "plastic": (0.5, 48.0),
}
MATTE = {
    "rubber": (0.10, 10.0), "wood": (0.14, 14.0), "stone": (0.08, 10.0), "concrete": (0.05, 8.0),
    "cardboard": (0.04, 6.0), "grass": (0.03, 6.0), "asphalt": (0.06, 8.0),
}
DEFAULT_MATERIAL = (0.12, 16.0)
WET = (0.35, 300.0)

GROUND_RADIUS = 15.0  # static bodies larger than this (metres) only receive shadows
ROOM_SHELL = 1.5  # metres: indoors, static bodies with a half extent this long cast no shadow
SHADOW_SOFTNESS = {False: 0.015, True: 0.025}  # PCF tap distance in metres, outdoors / indoors
PCF_TEXELS = 1.5  # PCF tap distance in texels: further apart, the penumbra shows bands
_UNIT_CORNERS = np.array([[x, y, z, 1.0] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)])


@dataclass(frozen=True)
class ShadowFrustum:
    """An orthographic light view-projection fitted around some shadow casters."""

    view_proj: Matrix
    extent_m: float  # width (and height) of the map's footprint
    depth_m: float  # depth range


@dataclass(frozen=True)
class Scene:
    batches: list[MeshBatch]  # one per mesh shape, every body drawn instanced
    subjects: list[str]  # legend of the ID pass: body extra.z == i + 1 is subjects[i]
    static_shadow: ShadowFrustum  # static casters: rendered once per timeline
    moving_shadow: ShadowFrustum | None  # moving casters over the whole shot: every frame
    # Or, when every caster fits the static map at its finest texels, the moving ones share
    # it: each frame this texel rectangle (x, y, width, height) of it is drawn again, static
    # and moving casters, and the scene shader looks one map up instead of two.
    moving_region: tuple[int, int, int, int] | None
    shadow_softness_m: float  # PCF tap distance
    mirror_z: float | None  # height of the wet reflective floor, if any
    focus: Vec3  # centre of the action: the moving bodies' path, else the props


def _scale(body: Body) -> Vec3:
    x, y, z = (max(abs(value), 1e-4) for value in body.size)
    return (x, y, 1.0) if body.shape == "plane" else (x, y, z)


def _poses(body: Body, timeline: Timeline) -> list[Pose]:
    if body.static:
        return [body.pose]
    try:
        poses = timeline.track(body.id).poses
    except KeyError:
        logger.warning("body %r moves but has no track: it stays at its pose", body.id)
        return [body.pose]
    if len(poses) != timeline.frame_count:
        raise ValueError(
            f"track for body {body.id!r} has {len(poses)} poses, timeline.frame_count is "
            f"{timeline.frame_count}"
        )
    return poses


def _size_factors(body: Body, timeline: Timeline) -> NDArray[np.float64] | None:
    """(frames, 3) factors on the body's size: its Track.scales and, for a mouth, the visemes."""
    factors: NDArray[np.float64] | None = None
    if not body.static:
        try:
            scales = timeline.track(body.id).scales
        except KeyError:
            scales = None
        if scales is not None:
            if len(scales) != timeline.frame_count:
                raise ValueError(
                    f"track for body {body.id!r} has {len(scales)} scales, "
                    f"timeline.frame_count is {timeline.frame_count}"
                )
            factors = np.asarray(scales, dtype=np.float64)
    if body.kind == "mouth" and body.subject is not None:
        mouth = mouth_scales(timeline, speaker=body.subject)
        factors = mouth if factors is None else factors * mouth
    return factors


def _models(body: Body, timeline: Timeline) -> NDArray[np.float64]:
    """(n, 4, 4) model matrices: one per frame for a moving or resized body, else one."""
    scale = np.asarray(_scale(body))
    poses = _poses(body, timeline)
    factors = _size_factors(body, timeline)
    if factors is not None and len(poses) == 1:
        poses = poses * timeline.frame_count
    models = np.stack([pose_matrix(pose, (1.0, 1.0, 1.0)) for pose in poses])
    if factors is None:
        models[:, :3, :3] *= scale
    else:
        models[:, :3, :3] *= (scale * factors)[:, None, :]
    return models


def _mirror_height(body: Body) -> tuple[float, float] | None:
    """(top surface height, area) of a static, horizontal, flat wet body; None otherwise."""
    if not body.wet or not body.static or body.shape not in ("plane", "box"):
        return None
    axis_z = quat_matrix(body.pose.quat)[:, 2]
    if abs(axis_z[2]) < 0.999:
        return None
    top = body.pose.pos[2] + (body.size[2] if body.shape == "box" else 0.0)
    return (top, 4.0 * body.size[0] * body.size[1])


def _mirror_z(bodies: list[Body]) -> float | None:
    candidates = [m for m in (_mirror_height(body) for body in bodies) if m is not None]
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: candidate[1])[0]


def _material(body: Body, *, mirror_z: float | None) -> tuple[float, float, float, float]:
    if body.wet:
        height = _mirror_height(body)
        on_mirror = height is not None and mirror_z is not None and abs(height[0] - mirror_z) < 0.01
        return (WET[0], WET[1], 1.0, 1.0 if on_mirror else 0.0)
    specular, shininess = GLOSSY.get(body.material, MATTE.get(body.material, DEFAULT_MATERIAL))
    return (specular, shininess, 0.0, 0.0)


def _corners(models: NDArray[np.float64]) -> NDArray[np.float64]:
    """World corners of the unit cube under every model matrix: (n * 8, 3)."""
    corners: NDArray[np.float64] = np.einsum("nij,kj->nki", models, _UNIT_CORNERS)
    return corners[..., :3].reshape(-1, 3)


def _light_view(direction: Vec3) -> Matrix:
    forward = -np.asarray(direction, dtype=np.float64)
    up = np.array([0.0, 0.0, 1.0]) if abs(forward[2]) < 0.999 else np.array([0.0, 1.0, 0.0])
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    true_up = np.cross(right, forward)
    view = np.eye(4)
    view[0, :3], view[1, :3], view[2, :3] = right, true_up, -forward
    return view


def _shadow_frustum(
    points: NDArray[np.float64], direction: Vec3, *, min_extent: float
) -> ShadowFrustum:
    """Orthographic light view-projection fitted around the casters' corners.

    The footprint is at least `min_extent` wide, so that soft PCF taps stay a texel or two
    apart; a tighter fit would only sharpen the shadow into visible bands.
    """
    view = _light_view(direction)
    if len(points) == 0:
        points = np.zeros((1, 3))
    local = points @ view[:3, :3].T + view[:3, 3]
    low, high = local.min(axis=0), local.max(axis=0)
    margin = np.maximum((high - low) * 0.05, 0.05)
    low, high = low - margin, high + margin
    extent = max(float(high[0] - low[0]), float(high[1] - low[1]), min_extent)
    depth = float(high[2] - low[2])
    centre = (low + high) / 2.0
    projection = np.eye(4)
    projection[0, 0] = projection[1, 1] = 2.0 / extent
    projection[0, 3], projection[1, 3] = -2.0 * centre[0] / extent, -2.0 * centre[1] / extent
    # The light looks down -z: near is the highest local z, far the lowest.
    projection[2, 2] = -2.0 / depth
    projection[2, 3] = (high[2] + low[2]) / depth
    return ShadowFrustum(view_proj=projection @ view, extent_m=extent, depth_m=depth)


def prepare_scene(
    timeline: Timeline, lighting: Lighting, *, static_map: int, moving_map: int
) -> Scene:
    """Everything the GL passes need from a timeline, computed once before the first frame.

    `static_map` and `moving_map` are the shadow maps' sizes in texels.
    """
    if len(timeline.camera) != timeline.frame_count:
        raise ValueError(
            f"timeline.camera has {len(timeline.camera)} keys, timeline.frame_count is "
            f"{timeline.frame_count}"
        )
    mirror_z = _mirror_z(timeline.bodies)
    camera_top = max(key.position[2] for key in timeline.camera) if timeline.camera else 0.0
    world = [(body, _models(body, timeline)) for body in timeline.bodies]
    moving_top = max(
        (float(_corners(models)[:, 2].max()) for body, models in world if len(models) > 1),
        default=-np.inf,
    )

    subjects = subject_legend(timeline)
    static_points: list[NDArray[np.float64]] = []
    moving_points: list[NDArray[np.float64]] = []
    rows: list[tuple[Body, NDArray[np.float64], bool]] = []
    for body, models in world:
        corners = _corners(models)
        radius = float(np.linalg.norm(corners[:8] - models[0, :3, 3], axis=1).max())
        is_ground = body.static and radius > GROUND_RADIUS
        # Indoors the key light sits inside the room: the room's shell (floor, walls, and a
        # ceiling above the camera and every moving body) would otherwise shade the whole room.
        is_shell = timeline.environment.indoor and body.static and (
            max(_scale(body)) >= ROOM_SHELL
            or float(corners[:, 2].min()) > max(camera_top, moving_top)
        )
        # Light sources (bulbs, flames, neon) cast no shadow of their own.
        casts = not (is_ground or is_shell) and body.emissive <= 0.0
        if casts:
            (moving_points if len(models) > 1 else static_points).append(corners)
        rows.append((body, models, casts))
    for cloth in timeline.cloths:
        moving_points.append(np.asarray(cloth.frames, dtype=np.float64).reshape(-1, 3))
    batches = _batches(rows, timeline=timeline, mirror_z=mirror_z, subjects=subjects)
    direction = lighting.sun_direction
    softness = SHADOW_SOFTNESS[timeline.environment.indoor]
    static_extent = static_map * softness / PCF_TEXELS
    static_shadow = _shadow_frustum(_stack(static_points), direction, min_extent=static_extent)
    moving_shadow = moving_region = None
    if moving_points:
        shared = _shadow_frustum(_stack(static_points + moving_points), direction,
                                 min_extent=static_extent)
        if shared.extent_m <= static_extent * (1.0 + 1e-9):
            # The moving map would have these very texels (half the map over half the width).
            static_shadow = shared
            moving_region = _texel_region(_stack(moving_points), shared, size=static_map)
        else:
            moving_shadow = _shadow_frustum(
                _stack(moving_points), direction, min_extent=moving_map * softness / PCF_TEXELS
            )
    focus_points = moving_points or static_points or [np.zeros((1, 3))]
    low, high = np.vstack(focus_points).min(axis=0), np.vstack(focus_points).max(axis=0)
    focus = (low + high) / 2.0
    return Scene(
        batches=batches,
        subjects=subjects,
        static_shadow=static_shadow,
        moving_shadow=moving_shadow,
        moving_region=moving_region,
        shadow_softness_m=softness,
        mirror_z=mirror_z,
        focus=(float(focus[0]), float(focus[1]), float(low[2])),
    )


def _texel_region(points: NDArray[np.float64], frustum: ShadowFrustum, *,
                  size: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the texels of a `size` map over `frustum` that `points` cover,
    two texels wider on every side (rasterisation rounds outwards)."""
    light = points @ frustum.view_proj[:2, :3].T + frustum.view_proj[:2, 3]  # orthographic
    low = np.clip(np.floor((light.min(axis=0) + 1.0) * 0.5 * size) - 2, 0, size).astype(int)
    high = np.clip(np.ceil((light.max(axis=0) + 1.0) * 0.5 * size) + 2, 0, size).astype(int)
    return int(low[0]), int(low[1]), int(high[0] - low[0]), int(high[1] - low[1])


def subject_legend(timeline: Timeline) -> list[str]:
    """Distinct subjects of the bodies and cloths, in timeline order: the ID pass's legend."""
    names = [body.subject for body in timeline.bodies] + [c.subject for c in timeline.cloths]
    return list(dict.fromkeys(name for name in names if name is not None))


def _batches(
    rows: list[tuple[Body, NDArray[np.float64], bool]], *, timeline: Timeline,
    mirror_z: float | None, subjects: list[str],
) -> list[MeshBatch]:
    """Instance rows grouped by mesh: static ones once, moving ones per frame."""
    batches: list[MeshBatch] = []
    for shape in ("sphere", "box", "cylinder", "plane", "cone"):
        static = [(b, m, c) for b, m, c in rows if b.shape == shape and len(m) == 1]
        moving = [(b, m, c) for b, m, c in rows if b.shape == shape and len(m) > 1]
        if not static and not moving:
            continue
        static_rows = _rows(static, mirror_z=mirror_z, subjects=subjects, frames=1)
        moving_rows = _rows(moving, mirror_z=mirror_z, subjects=subjects,
                            frames=timeline.frame_count)
        batches.append(MeshBatch(
            mesh=shape,
            static=static_rows[0],
            static_casts=np.array([c for _, _, c in static], dtype=bool),
            moving=moving_rows,
            moving_casts=np.array([c for _, _, c in moving], dtype=bool),
        ))
    return batches


def _rows(
    group: list[tuple[Body, NDArray[np.float64], bool]], *, mirror_z: float | None,
    subjects: list[str], frames: int,
) -> NDArray[np.float32]:
    """(frames, bodies, INSTANCE_FLOATS) instance rows of a group of bodies."""
    if not group:
        return np.zeros((frames, 0, INSTANCE_FLOATS), dtype=np.float32)
    models = np.stack([m for _, m, _ in group], axis=1)  # (frames, bodies, 4, 4)
    looks = np.array([
        (*body.color, *_material(body, mirror_z=mirror_z),
         1.0 if body.material == "wood" and body.shape in ("plane", "box") else 0.0,
         body.emissive,
         float(subjects.index(body.subject) + 1) if body.subject is not None else 0.0,
         0.0)
        for body, _, _ in group
    ])
    return instance_rows(models, looks)


def _column_major(matrices: NDArray[np.float64], size: int) -> NDArray[np.float32]:
    """(n, k, k) matrices as (n, k * k) float32 rows in the column-major order GLSL reads."""
    return np.ascontiguousarray(matrices.transpose(0, 2, 1).reshape(-1, size), dtype=np.float32)


def _stack(points: list[NDArray[np.float64]]) -> NDArray[np.float64]:
    return np.vstack(points) if points else np.zeros((0, 3))
