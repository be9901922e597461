"""Previz: the default, offline render engine (moderngl over EGL; llvmpipe on CPU).

    with PrevizEngine(width=640, height=360) as engine:
        for frame in engine.render(timeline):  # (360, 640, 3) uint8 sRGB, row 0 on top
            ...

`project` maps a world point to pixel coordinates with the same camera maths.
"""

from cinestra.render.previz.camera import project
from cinestra.render.previz.engine import PrevizEngine

__all__ = ["PrevizEngine", "project"]
