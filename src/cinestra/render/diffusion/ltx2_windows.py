"""A shot longer than one model window, drawn as windows one after another.

Each window after the first starts from the last frames of the one before (LTX-2's
video conditioning pins them), so its first `condition` frames repeat what was already
drawn and only the rest is new. A shot that continues the previous shot starts the same
way, from that shot's last frame. The model's frame counts follow its latent grid: a
window has `step * k + 1` frames (`step` is the VAE's time compression, 8 for LTX-2).

Sound is not conditioned: each window makes its own, and the repeated stretch becomes a
short crossfade from the window before to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from cinestra.render.diffusion.picture_fit import Frame
from cinestra.render.diffusion.waveform import Audio, crossfaded


@dataclass(frozen=True)
class Window:
    frames: int  # frames the model draws: step * k + 1
    condition: int  # leading frames pinned to frames drawn before (0: none)
    new: int  # frames after those that the shot keeps


def on_grid(frames: int, step: int) -> int:
    """The smallest `step * k + 1` at or above `frames`."""
    return -(-(frames - 1) // step) * step + 1


def condition_frames(available: int, step: int) -> int:
    """How many of `available` frames the model can be conditioned on (`step * k + 1`)."""
    return 0 if available <= 0 else (available - 1) // step * step + 1


def plan_windows(needed: int, *, longest: int, step: int, first_condition: int = 0) -> list[Window]:
    """Windows that draw `needed` new frames, none longer than `longest` frames; the
    first starts from `first_condition` frames drawn before, the others from `step + 1`
    frames (two latent frames) of the window before."""
    if needed <= 0:
        raise ValueError(f"needed: must be positive, got {needed}")
    longest = condition_frames(longest, step)
    overlap = step + 1
    if longest <= overlap or first_condition >= longest:
        raise ValueError(f"window of {longest} frames cannot follow "
                         f"{max(overlap, first_condition)} conditioning frames (step {step})")
    windows: list[Window] = []
    remaining, condition = needed, first_condition
    while remaining > 0:
        frames = min(on_grid(condition + remaining, step), longest)
        new = min(remaining, frames - condition)
        windows.append(Window(frames=frames, condition=condition, new=new))
        remaining -= new
        condition = overlap
    return windows


def samples_for(frames: int, *, rate: int, sample_rate: int) -> int:
    """Audio samples lasting as long as `frames` frames at `rate` fps."""
    return round(Fraction(frames * sample_rate, rate))


def join_windows(drawn: list[tuple[Window, list[Frame], Audio]], *, rate: int,
                 sample_rate: int) -> tuple[list[Frame], Audio]:
    """The shot's frames and sound from each window's (plan, frames, sound): the repeated
    frames are dropped, the repeated sound crossfaded into the window before."""
    frames: list[Frame] = []
    sound = np.zeros((0, 2), dtype=np.float32)
    for index, (window, pictures, audio) in enumerate(drawn):
        frames += pictures[window.condition:window.condition + window.new]
        head = samples_for(window.condition, rate=rate, sample_rate=sample_rate)
        end = samples_for(window.condition + window.new, rate=rate, sample_rate=sample_rate)
        # The first window's pinned frames belong to the shot before: so does their sound.
        sound = audio[head:end] if index == 0 else crossfaded(sound, audio[:end], head)
    return frames, sound
