"""The Soundtrack contract: 48 kHz stereo float audio for one shot or one whole clip."""

from __future__ import annotations

import base64
from fractions import Fraction
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, field_serializer, field_validator

SAMPLE_RATE = 48_000


class Soundtrack(BaseModel):
    """`samples`: float32 array, shape (n, 2), in [-1, 1]; sample ``k`` plays at ``k / 48000`` s.

    In JSON the samples travel as base64 of little-endian float32, interleaved L/R.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    sample_rate: int = SAMPLE_RATE
    samples: np.ndarray

    @field_validator("sample_rate")
    @classmethod
    def _only_48k(cls, value: int) -> int:
        if value != SAMPLE_RATE:
            raise ValueError(f"sample_rate must be {SAMPLE_RATE}, got {value!r}")
        return value

    @field_validator("samples", mode="before")
    @classmethod
    def _to_array(cls, value: Any) -> np.ndarray:
        if isinstance(value, str):
            flat = np.frombuffer(base64.b64decode(value), dtype="<f4")
            value = flat.reshape(-1, 2)
        array = np.ascontiguousarray(value, dtype=np.float32)
        if array.ndim != 2 or array.shape[1] != 2:
            raise ValueError(f"samples must have shape (n, 2), got {array.shape!r}")
        return array

    @field_serializer("samples")
    def _to_base64(self, samples: np.ndarray) -> str:
        return base64.b64encode(samples.astype("<f4").tobytes()).decode("ascii")

    @property
    def duration(self) -> Fraction:
        return Fraction(len(self.samples), self.sample_rate)

    @classmethod
    def silence(cls, duration: Fraction) -> Soundtrack:
        return cls(samples=np.zeros((sample_index(duration), 2), dtype=np.float32))

    @classmethod
    def concat(cls, parts: list[Soundtrack]) -> Soundtrack:
        return cls(samples=np.concatenate([part.samples for part in parts], axis=0))


def sample_index(time: Fraction) -> int:
    """The sample that plays at exact `time` (rounded to the nearest sample)."""
    return round(time * SAMPLE_RATE)
