"""Previz: the default, offline render engine (moderngl over EGL; llvmpipe on CPU).

    with PrevizEngine(width=640, height=360) as engine:
        for frame in engine.render(timeline):  # (360, 640, 3) uint8 sRGB, row 0 on top
            ...

    with PrevizEngine(width=320, height=180) as engine:
        for ids, legend in engine.render_ids(timeline):  # (180, 320) int32 subject indices
            shares = coverage(ids, legend)  # {"cat_1": 0.04, ...}

`project` maps a world point to pixel coordinates with the same camera maths; `LOOKS` are
the looks drawn with a treatment of their own (`grade_for` also takes their stand-ins).
"""

from cinestra.render.previz.camera import project
from cinestra.render.previz.engine import PrevizEngine
from cinestra.render.previz.grade import LOOKS, STAND_INS
from cinestra.render.previz.ids import coverage

__all__ = ["LOOKS", "STAND_INS", "PrevizEngine", "coverage", "project"]
