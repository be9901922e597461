"""Video ids and the watermark payload they map to, with the false-positive arithmetic.

A video id is ``video_`` + 32 lowercase hex digits (128 random bits). The watermark carries
two 32-bit words, alternated in time:

- word A = marker ``01`` + the *tag*: the first 30 bits of the id's hex digits;
- word B = marker ``00`` + the *check*: 30 bits of CRC-32(``cinestra-wm1`` + tag);

each followed in time by its complement (markers ``10`` and ``11``), so that the reader can
subtract the two and cancel the bias the decoder has on a given picture content.

Both 30-bit fields are XORed with fixed masks so that the words a decoder reads on plain
content (all zeros, all ones) are never valid. A clip-level reading is *found* when the
decoded check is within `CHECK_DISTANCE` bits of the check recomputed from the decoded tag,
trying the hard tag and the tags with up to 2 of its 5 least reliable bits flipped
(`TAG_CANDIDATES` = 16). On an unmarked clip the decoded bits are arbitrary, so the one
attempt per clip (`MAX_ATTEMPTS`) passes with probability
``16 * sum(C(30, k), k <= 2) / 2**30`` = 6.9e-6, well below the 1e-4 target (so that
10,000 random checks in the tests hold it with a margin).
With a known id (server side) a looser test applies: >= `MATCH_BITS` of the 60 data bits
agree; P(Binomial(60, 1/2) >= 46) = 2.1e-5.
"""

from __future__ import annotations

import secrets
import zlib
from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np

from cinestra.errors import InvalidRequest

ID_PREFIX = "video_"
FIELD_BITS = 30
FIELD_MASK = (1 << FIELD_BITS) - 1
MASK_A = 0x2C5E_93A7 & FIELD_MASK
MASK_B = 0x1B3D_6E59 & FIELD_MASK
MARKER_A = (0, 1)
MARKER_B = (0, 0)
CHECK_DISTANCE = 2
WEAK_BITS, MAX_FLIPS = 5, 2
TAG_CANDIDATES = sum(comb(WEAK_BITS, k) for k in range(MAX_FLIPS + 1))  # 16
MAX_ATTEMPTS = 1
MATCH_BITS = 46


@dataclass(frozen=True)
class Payload:
    """What the watermark carries for one video: a 30-bit tag and its 30-bit check."""

    tag: int
    check: int

    @property
    def hex(self) -> str:
        """The tag as 8 hex digits (the id's first 30 bits, left-aligned)."""
        return f"{self.tag << 2:08x}"

    def words(self) -> np.ndarray:
        """(4, 32) float32 of 0/1 as the encoder takes them: A, not A, B, not B."""
        a = np.array([*MARKER_A, *_bits(self.tag ^ MASK_A)], dtype=np.float32)
        b = np.array([*MARKER_B, *_bits(self.check ^ MASK_B)], dtype=np.float32)
        return np.stack([a, 1.0 - a, b, 1.0 - b])

    def matches(self, video_id: str) -> bool:
        return payload_for(video_id) == self


def new_video_id() -> str:
    """A fresh id: ``video_`` + 32 hex digits."""
    return ID_PREFIX + secrets.token_hex(16)


def check_video_id(video_id: str) -> str:
    digits = video_id.removeprefix(ID_PREFIX)
    if not video_id.startswith(ID_PREFIX) or len(digits) != 32 or not _is_hex(digits):
        raise InvalidRequest(f"video_id must be 'video_' + 32 hex digits, got {video_id!r}")
    return video_id


def payload_for(video_id: str) -> Payload:
    """The payload of `video_id`: its first 30 bits and their CRC check."""
    digits = check_video_id(video_id).removeprefix(ID_PREFIX)
    tag = int(digits[:8], 16) >> 2
    return Payload(tag=tag, check=check_of(tag))


def check_of(tag: int) -> int:
    return zlib.crc32(b"cinestra-wm1" + tag.to_bytes(4, "big")) & FIELD_MASK


def decode_words(soft_a: np.ndarray, soft_b: np.ndarray) -> tuple[Payload, int] | None:
    """Blind decision from the clip-averaged soft bits of word A and word B (32 each,
    positive means bit 1). Returns the payload and the check distance, or None."""
    tag_soft = _unmask(soft_a[2:], MASK_A)
    check_soft = _unmask(soft_b[2:], MASK_B)
    hard_tag = _from_bits(tag_soft > 0)
    hard_check = _from_bits(check_soft > 0)
    weak = np.argsort(np.abs(tag_soft))[:WEAK_BITS]
    best: tuple[Payload, int] | None = None
    for flips in range(MAX_FLIPS + 1):
        for chosen in combinations(weak.tolist(), flips):
            tag = hard_tag
            for position in chosen:
                tag ^= 1 << (FIELD_BITS - 1 - position)
            distance = (check_of(tag) ^ hard_check).bit_count()
            if distance <= CHECK_DISTANCE and (best is None or distance < best[1]):
                best = (Payload(tag=tag, check=check_of(tag)), distance)
    return best


def payload_from_bits(bits: np.ndarray) -> Payload | None:
    """The payload whose 60 data bits (masked tag, masked check) are `bits`, when the check
    matches the tag exactly; None otherwise (chance for arbitrary bits: 2**-30)."""
    tag = _from_bits(np.asarray(bits[:FIELD_BITS]) > 0.5) ^ MASK_A
    check = _from_bits(np.asarray(bits[FIELD_BITS:]) > 0.5) ^ MASK_B
    return Payload(tag=tag, check=check) if check == check_of(tag) else None


def false_positive_bound() -> float:
    """Probability that one unmarked clip is reported as watermarked (all attempts)."""
    one = TAG_CANDIDATES * sum(comb(FIELD_BITS, k) for k in range(CHECK_DISTANCE + 1))
    return float(MAX_ATTEMPTS * one / 2**FIELD_BITS)


def match_false_positive() -> float:
    """P(>= MATCH_BITS of 60 random bits agree with a given payload)."""
    bits = 2 * FIELD_BITS
    return float(sum(comb(bits, k) for k in range(MATCH_BITS, bits + 1)) / 2**bits)


def matching_bits(soft_a: np.ndarray, soft_b: np.ndarray, payload: Payload) -> int:
    """How many of the 60 data bits read from a clip agree with `payload`."""
    words = payload.words()
    read = np.concatenate([soft_a[2:] > 0, soft_b[2:] > 0])
    want = np.concatenate([words[0, 2:] > 0.5, words[2, 2:] > 0.5])
    return int(np.sum(read == want))


def _bits(value: int) -> list[int]:
    return [(value >> (FIELD_BITS - 1 - i)) & 1 for i in range(FIELD_BITS)]


def _from_bits(bits: np.ndarray) -> int:
    value = 0
    for bit in bits.tolist():
        value = (value << 1) | int(bit)
    return value


def _unmask(soft: np.ndarray, mask: int) -> np.ndarray:
    signs = np.array([-1.0 if bit else 1.0 for bit in _bits(mask)], dtype=np.float32)
    return soft.astype(np.float32) * signs


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdef" for char in text)
