"""Render engines: Timeline -> frames. `previz` (moderngl over EGL) is the default engine."""

from cinestra.render.previz import PrevizEngine

__all__ = ["PrevizEngine"]
