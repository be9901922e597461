"""The picture payload's convolutional code: exact round trip and real error correction."""

from __future__ import annotations

import numpy as np

from cinestra.provenance import coding


def test_round_trip_and_length() -> None:
    rng = np.random.default_rng(1)
    bits = rng.integers(0, 2, 60)
    coded = coding.encode(bits)
    assert len(coded) == coding.coded_length(60) == 198
    assert np.array_equal(coding.decode(coded * 2 - 1), bits)


def test_corrects_what_reading_bit_by_bit_cannot() -> None:
    """At a noise level where one coded bit in seven reads wrong, every 60-bit payload of a
    hundred still decodes exactly."""
    rng = np.random.default_rng(2)
    wrong_symbols, failures = 0, 0
    for _ in range(100):
        bits = rng.integers(0, 2, 60)
        soft = coding.encode(bits) * 2 - 1 + rng.normal(0.0, 0.9, 198)
        wrong_symbols += int(np.sum((soft > 0) != (coding.encode(bits) > 0.5)))
        failures += not np.array_equal(coding.decode(soft), bits)
    assert wrong_symbols / (100 * 198) > 0.12
    assert failures <= 2
