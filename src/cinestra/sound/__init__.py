"""Sound stage: Timeline → Soundtrack (48 kHz stereo): foley, voices, ambience and score,
all placed from the Timeline's exact times; `master` levels the whole clip;
`sound_clip` does all of it for a clip's shots."""

from cinestra.sound.clip import ClipSound, sound_clip
from cinestra.sound.engine_sound import EngineSoundMode, with_engine_sound
from cinestra.sound.mastering import master
from cinestra.sound.mixer import mix
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack, sample_index
from cinestra.sound.speech import Speech, speak

__all__ = ["SAMPLE_RATE", "ClipSound", "EngineSoundMode", "Soundtrack", "Speech", "master", "mix",
           "sample_index", "sound_clip", "speak", "with_engine_sound"]
