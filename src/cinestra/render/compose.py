"""Shot transitions on streamed frames: cut, crossfade and whip pan.

The clip is never held in memory: each shot's frames arrive from an iterator and leave one
by one; only the few frames before a transition wait in a short queue. The number of frames
out is exactly the number in (sound is placed by frame), so a transition never drops or
adds a frame: it repaints the frames on each side of the cut.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain

import numpy as np
from numpy.typing import NDArray

Frame = NDArray[np.uint8]  # (height, width, 3)

CROSSFADE_SECONDS = 0.5  # the whole blend, half on each side of the cut
WHIP_FRAMES = 4  # frames smeared on each side of a whip-pan cut
WHIP_SMEAR = 0.12  # share of the frame width the smear spans next to the cut
TRANSITIONS = ("cut", "crossfade", "whip_pan")


def compose(shots: Iterable[tuple[Iterator[Frame], str]], *, fps: int) -> Iterator[Frame]:
    """Chain the shots' frames, painting each shot's transition over its cut.

    Each item is a shot's frame iterator and the transition into that shot (the first
    shot's is ignored). A crossfade blends over `CROSSFADE_SECONDS`: the last frames of the
    outgoing shot fade towards the first frame of the next, then the next shot's first
    frames fade in over the last frame of the outgoing one. A whip pan smears the frames
    beside the cut sideways, most at the cut.
    """
    if fps < 1:
        raise ValueError(f"fps: expected a positive rate, got {fps}")
    half = max(1, round(CROSSFADE_SECONDS * fps / 2))
    queue = iter(shots)
    current = next(queue, None)
    last: Frame | None = None  # the previous shot's last frame, for a fade in
    incoming = "cut"
    while current is not None:
        frames, _ = current
        following = next(queue, None)
        outgoing = _checked(following[1]) if following is not None else "cut"
        tail_length = {"cut": 0, "crossfade": half, "whip_pan": WHIP_FRAMES}[outgoing]
        tail: deque[Frame] = deque()
        for index, frame in enumerate(frames):
            tail.append(_entering(frame, index, incoming, last, half))
            if len(tail) > tail_length:
                yield tail.popleft()
        if following is not None:
            next_frames, _ = following
            first = next(next_frames, None)
            if first is not None:
                following = (chain([first], next_frames), following[1])
            yield from _leaving(list(tail), outgoing, first, half)
            if tail:
                last = tail[-1]
            incoming = outgoing
        else:
            yield from tail
        current = following


def _checked(transition: str) -> str:
    if transition not in TRANSITIONS:
        raise ValueError(f"transition: expected one of {TRANSITIONS}, got {transition!r}")
    return transition


def _entering(frame: Frame, index: int, incoming: str, last: Frame | None, half: int) -> Frame:
    """A frame at `index` of a shot coming in on `incoming`."""
    if incoming == "crossfade" and last is not None and index < half:
        weight = (half + index + 0.5) / (2 * half)
        return _blend(last, frame, weight)
    if incoming == "whip_pan" and index < WHIP_FRAMES:
        return smear(frame, strength=(WHIP_FRAMES - index) / WHIP_FRAMES)
    return frame


def _leaving(tail: list[Frame], outgoing: str, first: Frame | None, half: int
             ) -> Iterator[Frame]:
    """The last frames of a shot going out on `outgoing` (the closest to the cut last)."""
    for position, frame in enumerate(tail):
        from_cut = len(tail) - position  # 1 for the last frame
        if outgoing == "crossfade" and first is not None:
            yield _blend(frame, first, (half - from_cut + 0.5) / (2 * half))
        elif outgoing == "whip_pan":
            yield smear(frame, strength=(WHIP_FRAMES + 1 - from_cut) / WHIP_FRAMES)
        else:
            yield frame


def _blend(before: Frame, after: Frame, weight: float) -> Frame:
    if before.shape != after.shape:
        raise ValueError(f"frames: shots differ in size, {before.shape} and {after.shape}")
    mixed = before.astype(np.float32) * (1.0 - weight) + after.astype(np.float32) * weight
    return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)


def smear(frame: Frame, *, strength: float) -> Frame:
    """Sideways motion blur: each pixel averages a horizontal run of the frame, up to
    `WHIP_SMEAR` of its width at full strength."""
    width = frame.shape[1]
    length = round(WHIP_SMEAR * width * strength) | 1  # odd: centred on the pixel
    if length < 3:
        return frame
    reach = length // 2
    padded = np.pad(frame.astype(np.float32), ((0, 0), (reach + 1, reach), (0, 0)), mode="edge")
    summed = np.cumsum(padded, axis=1)
    blurred = (summed[:, length:] - summed[:, :-length]) / length
    return np.asarray(np.clip(np.rint(blurred), 0, 255), dtype=np.uint8)
