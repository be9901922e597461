"""Sound stage: Timeline → Soundtrack (48 kHz stereo), foley placed from the event track."""

from cinestra.sound.mixer import mix
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack, sample_index

__all__ = ["SAMPLE_RATE", "Soundtrack", "mix", "sample_index"]
