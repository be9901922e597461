"""Shot transitions on streamed frames."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from cinestra.render.compose import compose

FPS = 24
SIZE = (18, 32)


def flat(value: int, count: int) -> Iterator[np.ndarray]:
    for _ in range(count):
        yield np.full((*SIZE, 3), value, dtype=np.uint8)


def textured(count: int, seed: int) -> Iterator[np.ndarray]:
    """Frames of crossed stripes: a(y) + b(x), so blur along x cannot touch d/dy."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        rows = rng.uniform(0, 120, SIZE[0])[:, None]
        columns = rng.uniform(0, 120, SIZE[1])[None, :]
        picture = np.rint(rows + columns).astype(np.uint8)
        yield np.repeat(picture[:, :, None], 3, axis=2)


@pytest.mark.parametrize("transition", ["cut", "crossfade", "whip_pan"])
@pytest.mark.parametrize("lengths", [(30, 30, 30), (1, 2, 40), (12, 3, 1)])
def test_frame_count_is_the_sum_of_the_shots(transition: str, lengths: tuple[int, ...]) -> None:
    shots = [(flat(40 * index, count), transition) for index, count in enumerate(lengths)]
    frames = list(compose(shots, fps=FPS))
    assert len(frames) == sum(lengths)
    assert all(frame.shape == (*SIZE, 3) and frame.dtype == np.uint8 for frame in frames)


def test_cut_is_the_frames_unchanged() -> None:
    originals = list(textured(10, 1)) + list(textured(7, 2))
    out = list(compose([(iter(originals[:10]), "cut"), (iter(originals[10:]), "cut")],
                       fps=FPS))
    assert all(np.array_equal(a, b) for a, b in zip(out, originals, strict=True))


def test_crossfade_moves_monotonically_from_one_shot_to_the_next() -> None:
    out = np.array([float(frame.mean()) for frame in
                    compose([(flat(20, 24), "cut"), (flat(220, 24), "crossfade")], fps=FPS)])
    changing = np.flatnonzero((out > 20) & (out < 220))
    assert len(changing) >= 10  # ~0.5 s at 24 fps
    assert changing[0] < 24 <= changing[-1]  # both sides of the cut
    assert np.all(np.diff(out) >= 0)
    assert out[0] == 20 and out[-1] == 220


def test_whip_pan_blurs_sideways_around_the_cut() -> None:
    before, after = list(textured(10, 3)), list(textured(10, 4))
    out = list(compose([(iter(before), "cut"), (iter(after), "whip_pan")], fps=FPS))
    originals = before + after

    def energy(frame: np.ndarray, axis: int) -> float:
        return float(np.mean(np.abs(np.diff(frame[:, :, 0].astype(float), axis=axis))))

    for index in (8, 9, 10, 11):  # two frames each side of the cut
        horizontal = energy(out[index], 1) / energy(originals[index], 1)
        vertical = energy(out[index], 0) / energy(originals[index], 0)
        assert horizontal < 0.6 and vertical > 0.9, (index, horizontal, vertical)
    assert np.array_equal(out[0], originals[0]) and np.array_equal(out[-1], originals[-1])


def test_unknown_transition_is_refused() -> None:
    with pytest.raises(ValueError, match="transition"):
        list(compose([(flat(0, 2), "cut"), (flat(9, 2), "dissolve")], fps=FPS))
