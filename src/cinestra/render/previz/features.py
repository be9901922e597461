"""What a timeline needs from the scene shader, as `#define`s (see `shaders.SCENE_FS`).

llvmpipe runs every branch of a shader for every pixel, so a smoky club with no wet floor
would still pay for the wet albedo, the mirror lookup and the lamp pool. Each timeline gets
the variant that has only what it shows; the picture is the same as with every branch in.
"""

from __future__ import annotations

import numpy as np

from cinestra.render.previz.batches import BOARDS_COLUMN, REFLECT_COLUMN, WETNESS_COLUMN
from cinestra.render.previz.lighting import Lighting
from cinestra.render.previz.scene import Scene
from cinestra.world.timeline import Timeline


def _any_row(scene: Scene, column: int) -> bool:
    """Whether some body, static or moving, has a non-zero value in `column`."""
    return any(
        bool(np.any(batch.static[:, column] != 0.0) or np.any(batch.moving[..., column] != 0.0))
        for batch in scene.batches
    )


def scene_defines(scene: Scene, *, timeline: Timeline, lighting: Lighting,
                  lights: int) -> tuple[str, ...]:
    """The scene shader's defines for `timeline`, drawn with `lights` point lights."""
    defines = [f"LIGHTS {lights}"]
    if lights > 0 and timeline.environment.haze > 0.0:
        defines.append("HAZE")
    if lighting.lamp_reach_m > 0.0:
        defines.append("LAMP")
    if scene.moving_shadow is not None:
        defines.append("MOVING_MAP")
    if _any_row(scene, WETNESS_COLUMN):
        defines.append("WET")
    if scene.mirror_z is not None and _any_row(scene, REFLECT_COLUMN):
        defines.append("REFLECT")
    if _any_row(scene, BOARDS_COLUMN):
        defines.append("BOARDS")
    return tuple(defines)
