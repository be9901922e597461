"""A posed rig as Timeline bodies: one animated Body and one Track per part."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cinestra.world.assets.rig import Motion, Rig, joint_frames, matrix_quats, part_frames
from cinestra.world.timeline import Body, Pose, Track

POSITION_DIGITS = 5  # 10 µm: tracks stay small in JSON, far below what a pixel shows
QUAT_DIGITS = 6


def rig_bodies(rig: Rig, motion: Motion, placement: NDArray[np.float64], *, subject: str
               ) -> tuple[list[Body], list[Track]]:
    """Bodies (ids ``{subject}:{part}``) and their per-frame Tracks for `rig` doing `motion`
    under `placement` ((n, 4, 4) world frames of the rig's origin)."""
    return posed_bodies(rig, joint_frames(rig, motion, placement), subject=subject)


def posed_bodies(rig: Rig, joints: dict[str, NDArray[np.float64]], *, subject: str
                 ) -> tuple[list[Body], list[Track]]:
    """The same, from joint frames already computed (`rig.joint_frames`)."""
    bodies: list[Body] = []
    tracks: list[Track] = []
    seen: dict[str, int] = {}
    for part, frames in part_frames(rig, joints):
        count = seen.get(part.name, 0)
        seen[part.name] = count + 1
        name = part.name if count == 0 else f"{part.name}.{count}"
        body_id = f"{subject}:{name}"
        positions = np.round(frames[:, :3, 3], POSITION_DIGITS)
        quats = np.round(matrix_quats(frames), QUAT_DIGITS)
        poses = [Pose(pos=(float(p[0]), float(p[1]), float(p[2])),
                      quat=(float(q[0]), float(q[1]), float(q[2]), float(q[3])))
                 for p, q in zip(positions, quats, strict=True)]
        bodies.append(Body(
            id=body_id, kind=part.name, shape=part.shape, size=part.size, color=part.color,
            material=part.material, mass=0.0, static=False, pose=poses[0], subject=subject,
            animated=True, emissive=part.emissive,
        ))
        tracks.append(Track(body=body_id, poses=poses))
    return bodies, tracks
