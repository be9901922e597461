"""Depth from the ID pass (`PrevizEngine.render_depth`): how far each pixel is, in metres.

The ID pass draws every body with the depth test; its depth buffer, read back and
linearised, is the simulated scene's depth map: what depth-guided neural engines (Wan VACE)
take as control video, so their picture follows the simulated motion and camera.
"""

from __future__ import annotations

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.render.previz.camera import FAR, NEAR


def linear_depth(window: NDArray[np.float32]) -> NDArray[np.float32]:
    """Window-space depth (0 at the near plane, 1 at the far one, as the perspective
    projection of `camera.projection_matrix` writes it) as metres along the view axis;
    inf where nothing was drawn (the cleared value 1: sky, empty space)."""
    ndc = 2.0 * window.astype(np.float64) - 1.0
    metres = 2.0 * FAR * NEAR / (FAR + NEAR - ndc * (FAR - NEAR))
    metres[window >= 1.0] = np.inf
    return metres.astype(np.float32)


def read_depth(fbo: moderngl.Framebuffer, *, width: int, height: int) -> NDArray[np.float32]:
    """The (height, width) depth of what `fbo` holds, in metres, row 0 on top (the
    framebuffer's context must be current)."""
    raw = fbo.read(attachment=-1, components=1, dtype="f4")
    window = np.frombuffer(raw, dtype=np.float32).reshape(height, width)[::-1]
    return np.ascontiguousarray(linear_depth(window))
