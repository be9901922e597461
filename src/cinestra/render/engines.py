"""What every render engine offers the pipeline, and how one is opened by name.

An engine draws one shot at a time from a `ShotInput` (the plan's shot, the simulated
Timeline, the seed, the previous shot's last frames, reference images) and returns a
`RenderedShot`: its frames, lazily, and the shot's sound when the engine makes sound too
(LTX-2 generates audio and video together; previz and Wan do not).

    with open_engine("previz", width=1280, height=720, settings=settings) as engine:
        shot = engine.render_shot(ShotInput(shot=plan_shot, timeline=timeline, seed=0))
        for frame in shot.frames:  # (720, 1280, 3) uint8 sRGB, row 0 on top
            ...

Neural engines live in `cinestra.render.diffusion` and import torch only when opened, so
the default engine never pays for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Protocol, Self, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.plan.storyboard import Shot
from cinestra.world import Timeline

EngineName = Literal["previz", "wan", "ltx2"]
ENGINES: tuple[EngineName, ...] = ("previz", "wan", "ltx2")
# The one engine that runs without weights, on any machine.
DEFAULT_ENGINE: EngineName = "previz"

Frame = NDArray[np.uint8]


@dataclass(frozen=True)
class ShotInput:
    """Everything an engine may use to draw one shot.

    `timeline` is what the previz engine draws and what physics-guided neural engines turn
    into control video (depth, layout); `shot.description` and the shot's words (style,
    camera, lighting) are what text-conditioned engines read. `previous` holds the last
    frames of the shot before (oldest first), so a shot can continue the picture of the
    one before; `references` are RGB images of who or what must appear (cameos, the API's
    input_reference).
    """

    shot: Shot
    timeline: Timeline
    seed: int
    previous: tuple[Frame, ...] = ()
    references: tuple[Frame, ...] = ()


@dataclass
class RenderedShot:
    """One shot's `frames` (exactly `timeline.frame_count`, at the engine's size) and, from
    engines that make sound, its `sound`: float32 (n, 2) at 48 kHz, the shot's length."""

    frames: Iterator[Frame]
    sound: NDArray[np.float32] | None = None
    notes: list[str] = field(default_factory=list)  # what the engine approximated


@runtime_checkable
class RenderEngine(Protocol):
    """An open engine: entered once, then asked for any number of shots in clip order."""

    name: str
    width: int
    height: int
    makes_sound: bool  # RenderedShot.sound is set

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None: ...

    def render_shot(self, shot: ShotInput) -> RenderedShot: ...


def check_engine(name: str) -> EngineName:
    """`name` as an engine name, or InvalidRequest listing the engines."""
    for engine in ENGINES:
        if name == engine:
            return engine
    raise InvalidRequest(f"engine: unknown engine {name!r}; choose one of {', '.join(ENGINES)}")


def engine_problem(name: EngineName, settings: Settings) -> str | None:
    """Why `name` cannot run with `settings` (weights not configured or incomplete), or None.

    Cheap: it reads the weights directory's listing and configs, never the weights, so the
    server can refuse a request at the door instead of failing its job later.
    """
    if name == "previz":
        return None
    from cinestra.render.diffusion.weights import weights_problem

    return weights_problem(name, settings)


def open_engine(name: EngineName, *, width: int, height: int, settings: Settings) -> RenderEngine:
    """A new, not yet entered engine; EngineUnavailable (naming what is missing) when the
    engine's weights or libraries are absent. Nothing is ever downloaded."""
    problem = engine_problem(name, settings)
    if problem is not None:
        raise EngineUnavailable(problem)
    if name == "previz":
        from cinestra.render.previz import PrevizEngine

        return PrevizEngine(width=width, height=height)
    from cinestra.render.diffusion import open_neural_engine

    return open_neural_engine(name, width=width, height=height, settings=settings)
