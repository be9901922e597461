"""Video ids, payloads and the false-positive threshold, checked on random payloads."""

from __future__ import annotations

import re

import numpy as np

from cinestra.provenance import payload as pl
from cinestra.provenance.video import CODED, decide

CHECKS = 10_000


def test_new_video_id_format_and_payload() -> None:
    video_id = pl.new_video_id()
    assert re.fullmatch(r"video_[0-9a-f]{32}", video_id)
    payload = pl.payload_for(video_id)
    assert payload.matches(video_id)
    assert video_id.removeprefix("video_")[:7] == payload.hex[:7]
    words = payload.words() * 2 - 1
    assert pl.decode_words(words[0] - words[1], words[2] - words[3]) == (payload, 0)


def test_false_positive_bound_is_below_one_in_ten_thousand() -> None:
    assert pl.false_positive_bound() < 1e-4
    assert pl.match_false_positive() < 1e-4


def test_plain_words_are_never_valid() -> None:
    for value in (0.0, 1.0):
        soft = np.full(32, value * 2 - 1)
        assert pl.decode_words(soft, soft) is None
        assert pl.decode_words(soft, -soft) is None


def test_blind_threshold_on_random_payload_checks() -> None:
    """10,000 random picture payload attempts and 10,000 unmarked clips' worth of audio
    soft bits: the blind tests almost never fire."""
    rng = np.random.default_rng(6)
    picture = sum(decide(rng.normal(size=CODED)).found for _ in range(CHECKS))
    # The picture bound is 2**-30 per attempt (MAX_DECODES per clip); the audio one is
    # 6.9e-6 per clip (0.07 expected in 10,000).
    assert picture == 0
    audio = sum(pl.decode_words(rng.normal(size=32), rng.normal(size=32)) is not None
                for _ in range(CHECKS))
    assert audio <= 1


def test_known_id_threshold_on_random_payloads() -> None:
    """A clip's bits against 10,000 random video ids: >= 46 of 60 matching is rare.

    The ids come from the seeded generator, not `new_video_id`: with 0.21 hits expected,
    fresh random ids made this test fail about once in 50 runs (it did, in CI)."""
    rng = np.random.default_rng(7)
    soft_a, soft_b = rng.normal(size=32), rng.normal(size=32)
    ids = (pl.ID_PREFIX + rng.bytes(16).hex() for _ in range(CHECKS))
    hits = sum(pl.matching_bits(soft_a, soft_b, pl.payload_for(video_id)) >= pl.MATCH_BITS
               for video_id in ids)
    assert hits <= 1
