"""sound.sound_clip: a clip's shots voiced and mixed on threads, then mastered, with the
same result as one thread."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from cinestra.plan import make_storyboard
from cinestra.sound import clip, sound_clip
from cinestra.world import Timeline, simulate

PROMPT = ('Shot 1 (3s): in a jazz club, a woman says "Where were you?" Jazz music. '
          "Shot 2 (2s): a red ball bounces on a wooden floor. "
          'Shot 3 (3s): the man replies "At the station."')


@pytest.fixture(scope="module")
def shots() -> list[Timeline]:
    board = make_storyboard(PROMPT, seconds=Fraction(8), seed=0)
    music = [cue for shot in board.shots for cue in shot.cues if cue.kind == "music"]
    return [simulate(shot, fps=24, aspect=Fraction(16, 9), seed=0, language=board.language,
                     clip_music=music) for shot in board.shots]


def test_threads_change_nothing_heard(shots: list[Timeline],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[tuple[int, int]] = []
    threaded = sound_clip(shots, on_shot=lambda done, total: reported.append((done, total)))
    monkeypatch.setattr(clip, "SHOT_THREADS", 1)
    alone = sound_clip(shots)
    assert np.array_equal(threaded.soundtrack.samples, alone.soundtrack.samples)
    assert threaded.visemes == alone.visemes
    assert reported == [(1, 3), (2, 3), (3, 3)]
    seconds = len(threaded.soundtrack.samples) / 48_000
    assert seconds == pytest.approx(float(sum(shot.duration for shot in shots)), abs=1e-3)
    # The lines' shots have mouth shapes; the ball's shot has none.
    assert [bool(visemes) for visemes in threaded.visemes] == [True, False, True]


def test_an_empty_clip_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one shot"):
        sound_clip([])
