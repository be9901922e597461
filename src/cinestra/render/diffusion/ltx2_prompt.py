"""The words LTX-2 reads for one shot: what is seen, how it is filmed, and what is heard.

LTX-2 makes the sound from the prompt, so the plan's cues go in too: each line of dialogue
in quotes after who says it, the music, the sound effects. Catalog names are plain
English ("close_up" reads "close up"); the shot's own description stays in the prompt's
language.
"""

from __future__ import annotations

from cinestra.plan.storyboard import Cue, Shot

NEGATIVE_PROMPT = "worst quality, inconsistent motion, blurry, jittery, distorted, watermark"


def _words(name: str) -> str:
    return name.replace("_", " ")


def _sentence(text: str) -> str:
    """`text` as a sentence: capitalised, ending in a full stop unless it has its own."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\"" else text + "."


def _speaker(shot: Shot, cue: Cue) -> str:
    for subject in shot.subjects:
        if subject.id == cue.speaker:
            return subject.words
    return "someone"


def _look(shot: Shot) -> str:
    parts = [f"{_words(shot.style.look)} look"]
    if shot.style.lighting:
        parts.append(", ".join(_words(light) for light in shot.style.lighting) + " lighting")
    setting = shot.setting
    when = f"{_words(setting.time_of_day)}"
    if setting.weather is not None:
        when += f", {_words(setting.weather)}"
    parts.append(when)
    return _sentence(", ".join(parts))


def _camera(shot: Shot) -> str:
    camera = shot.camera
    parts = [f"{_words(camera.shot_size)} shot", f"{_words(camera.angle)} angle"]
    parts.append("static camera" if camera.move == "static" else
                 f"camera move: {_words(camera.move)}")
    if camera.lens is not None:
        parts.append(f"{_words(camera.lens)} lens")
    if camera.focus is not None:
        parts.append(f"{_words(camera.focus)} focus")
    return _sentence(", ".join(parts))


def _sound(shot: Shot) -> list[str]:
    sentences = [_sentence(f'{_speaker(shot, cue)} says: "{cue.text.strip()}"')
                 for cue in shot.cues if cue.kind == "dialogue"]
    music = [_words(cue.text) for cue in shot.cues if cue.kind == "music"]
    if music:
        sentences.append(_sentence(", ".join(music) + " music"))
    effects = [_words(cue.text) for cue in shot.cues if cue.kind == "sfx"]
    if effects:
        sentences.append(_sentence("sound of " + ", ".join(effects)))
    return sentences


def shot_prompt(shot: Shot) -> str:
    """One paragraph: the description, then look, camera and sound."""
    sentences = [_sentence(shot.description), _look(shot), _camera(shot), *_sound(shot)]
    return " ".join(sentence for sentence in sentences if sentence)
