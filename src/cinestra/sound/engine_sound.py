"""Sound from an engine that makes it (LTX-2 generates audio with its video), combined with
ours: keep the engine's ("engine"), replace it with ours ("ours"), or lay ours over it
("mix": the model's ambience and voices under our foley, dialogue and score)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from cinestra.sound.mastering import master
from cinestra.sound.soundtrack import Soundtrack

EngineSoundMode = Literal["engine", "ours", "mix"]
MIX_ENGINE_GAIN = 10 ** (-6 / 20)  # the model's audio sits 6 dB under ours in a mix


def _fitted(samples: NDArray[np.float32] | None, length: int) -> NDArray[np.float32]:
    """A shot's engine audio cut or padded with silence to exactly `length` samples."""
    out = np.zeros((length, 2), dtype=np.float32)
    if samples is not None and len(samples):
        audio = np.asarray(samples, dtype=np.float32)
        if audio.ndim != 2 or audio.shape[1] != 2:
            raise ValueError(f"engine sound must be (n, 2) float32, got shape {audio.shape}")
        count = min(length, len(audio))
        out[:count] = audio[:count]
    return out


def with_engine_sound(ours: Soundtrack, engine: Sequence[NDArray[np.float32] | None],
                      shot_samples: Sequence[int], *, mode: EngineSoundMode) -> Soundtrack:
    """The clip's soundtrack from our mastered `ours` and the engine's per-shot audio.

    `shot_samples` is each shot's length in samples (their sum is `ours`' length): the
    engine's audio of a shot is fitted to it so sound stays on the picture's frames. A shot
    the engine left silent (None) stays silent in "engine" mode.
    """
    if len(engine) != len(shot_samples):
        raise ValueError(f"{len(engine)} engine sounds for {len(shot_samples)} shots")
    if sum(shot_samples) != len(ours.samples):
        raise ValueError(f"shots span {sum(shot_samples)} samples, the soundtrack "
                         f"{len(ours.samples)}")
    if mode == "ours":
        return ours
    theirs = np.concatenate([_fitted(audio, length)
                             for audio, length in zip(engine, shot_samples, strict=True)])
    if mode == "engine":
        return master(Soundtrack(samples=theirs))
    if mode == "mix":
        return master(Soundtrack(samples=ours.samples + MIX_ENGINE_GAIN * theirs))
    raise ValueError(f"engine sound mode: expected engine, ours or mix, got {mode!r}")
