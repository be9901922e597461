"""The `ltx2` engine: LTX-2 draws each shot's picture and makes its sound together.

    with LTX2Engine(folder, width=1280, height=720, settings=settings) as engine:
        shot = engine.render_shot(ShotInput(shot=plan_shot, timeline=timeline, seed=0))
        frames, sound = list(shot.frames), shot.sound  # sound: (n, 2) float32 at 48 kHz

The model reads the shot's words (`ltx2_prompt`): what happens, the look, the camera,
the lines and sounds to hear. It draws at a size on its 32-pixel grid near the clip's
aspect and at a frame rate it knows, in windows of `step * k + 1` frames; we scale and
crop to the clip's size, pick each clip frame at its instant, and bring the sound to
48 kHz stereo of exactly the shot's length. The simulation sets the shot's timing only:
its motion does not steer the picture (LTX-2 takes no control video).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

import numpy as np
import torch

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable
from cinestra.plan.storyboard import Shot
from cinestra.render.diffusion.ltx2_prompt import NEGATIVE_PROMPT, shot_prompt
from cinestra.render.diffusion.ltx2_windows import (
    Window,
    condition_frames,
    join_windows,
    plan_windows,
)
from cinestra.render.diffusion.picture_fit import (
    Frame,
    fit_frame,
    frames_needed,
    generation_size,
    retimed,
    to_uint8,
)
from cinestra.render.diffusion.speed import check_device, load_dtypes, prepare_pipeline
from cinestra.render.diffusion.waveform import Audio, fitted, to_clip_rate
from cinestra.render.diffusion.weights import WeightsFolder
from cinestra.render.engines import RenderedShot, ShotInput
from cinestra.sound.soundtrack import SAMPLE_RATE

FRAME_RATES = (24, 25, 30, 48, 50)  # the rates LTX-2 is trained at
DEFAULT_PIXELS = 768 * 512  # the single-stage size of LTX-2's examples
SIZE_MULTIPLE = 32  # LTX2Pipeline refuses other sides
WINDOW_FRAMES = 257  # the longest window drawn at once (~10 s at 24 fps)
DEFAULT_STEPS = 30
DEFAULT_GUIDANCE = 3.0  # video; the audio keeps the pipeline's own 7.0
# Spatio-temporal guidance perturbs one block: the 29th in LTX-2.0, the 28th in LTX-2.3
# and later, whose blocks modulate the prompt's cross-attention (`cross_attn_mod`).
STG_BLOCK = {False: 29, True: 28}


def frame_rate_for(fps: int) -> int:
    """The trained frame rate nearest to the clip's `fps` (the lower one on a tie)."""

    def distance(rate: int) -> tuple[int, int]:
        return abs(rate - fps), rate

    return min(FRAME_RATES, key=distance)


def shot_seed(seed: int, shot: Shot) -> int:
    """A seed of its own for each shot of a request, so shots do not start from one noise."""
    return int(np.random.SeedSequence([seed, shot.index]).generate_state(1)[0])


def continues(before: Shot | None, shot: Shot) -> bool:
    """Whether `shot` carries on `before` in the same place and framing (no real cut), so
    its first frame may be the last one of `before`."""
    return before is not None and (
        before.setting.place == shot.setting.place
        and before.setting.time_of_day == shot.setting.time_of_day
        and before.camera.shot_size == shot.camera.shot_size
        and before.camera.angle == shot.camera.angle)


class LTX2Engine:
    """LTX-2 from a local diffusers folder; entered once, then asked for shots in order."""

    name = "ltx2"
    makes_sound = True

    def __init__(self, folder: WeightsFolder, *, width: int, height: int, settings: Settings,
                 window_frames: int = WINDOW_FRAMES) -> None:
        if width <= 0 or height <= 0:
            raise ValueError(f"size: width and height must be positive, got {width}x{height}")
        self.folder = folder
        self.width = width
        self.height = height
        self.settings = settings
        self.window_frames = window_frames
        self._pipe: Any = None
        self._condition_pipe: Any = None
        self._setup_notes: list[str] = []
        self._last_shot: Shot | None = None

    # 1. Load and free

    def __enter__(self) -> Self:
        from diffusers import LTX2Pipeline

        check_device(self.settings)  # before reading gigabytes for a device that is absent
        try:
            dtypes = load_dtypes(self.settings, self.folder.pipeline)
            pipe = LTX2Pipeline.from_pretrained(self.folder.path, local_files_only=True,
                                                dtype=dtypes)
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise EngineUnavailable(f"engine ltx2: cannot load the weights in "
                                    f"{self.folder.path}: {error}") from error
        pipe.set_progress_bar_config(disable=True)  # stages never print
        self._setup_notes = prepare_pipeline(pipe, self.settings)
        self._pipe = pipe
        self._last_shot = None
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._pipe = self._condition_pipe = None
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    def _pipeline(self, conditioned: bool) -> Any:
        """LTX2Pipeline, or for a window that starts from frames drawn before, an
        LTX2ConditionPipeline sharing its components (no second copy of the weights)."""
        if self._pipe is None:
            raise RuntimeError("LTX2Engine used outside its `with` block")
        if not conditioned:
            return self._pipe
        if self._condition_pipe is None:
            from diffusers import LTX2ConditionPipeline

            # Built from the loaded modules as they are (from_pipe would cast them again),
            # so offload hooks and the speed settings carry over.
            self._condition_pipe = LTX2ConditionPipeline(**self._pipe.components)
            self._condition_pipe.set_progress_bar_config(disable=True)
        return self._condition_pipe

    # 2. Draw one shot

    def render_shot(self, shot: ShotInput) -> RenderedShot:
        pipe = self._pipeline(conditioned=False)
        timeline = shot.timeline
        rate = frame_rate_for(timeline.fps)
        multiple = math.lcm(SIZE_MULTIPLE, pipe.vae_spatial_compression_ratio)
        size = generation_size(self.width, self.height, multiple=multiple,
                               max_pixels=self.settings.neural_max_pixels or DEFAULT_PIXELS)
        step = pipe.vae_temporal_compression_ratio
        continuing = bool(shot.previous) and continues(self._last_shot, shot.shot)
        start = [shot.previous[-1]] if continuing else []
        windows = plan_windows(frames_needed(timeline.frame_count, fps=timeline.fps, rate=rate),
                               longest=self.window_frames, step=step,
                               first_condition=condition_frames(len(start), step))
        generator = torch.Generator(device="cpu").manual_seed(shot_seed(shot.seed, shot.shot))
        drawn: list[tuple[Window, list[Frame], Audio]] = []
        for window in windows:
            frames, audio = self.draw_window(shot.shot, window, start, size=size, rate=rate,
                                             generator=generator)
            drawn.append((window, frames, audio))
            start = frames[-(step + 1):]  # the next window continues from these
        frames, audio = join_windows(drawn, rate=rate, sample_rate=SAMPLE_RATE)
        self._last_shot = shot.shot
        frames = retimed(frames, timeline.frame_count, fps=timeline.fps, rate=rate)
        sound = fitted(audio, timeline.frame_count * SAMPLE_RATE // timeline.fps)
        return RenderedShot(frames=self._fitted_frames(frames), sound=sound,
                            notes=self._notes(shot, windows, size=size, rate=rate))

    def draw_window(self, shot: Shot, window: Window, start: list[Frame], *,
                    size: tuple[int, int], rate: int,
                    generator: torch.Generator) -> tuple[list[Frame], Audio]:
        """One window's frames (uint8 at `size`, all `window.frames` of them) and sound
        (48 kHz stereo), its first `window.condition` frames pinned to the end of `start`."""
        if len(start) < window.condition:
            raise ValueError(f"window pinned to {window.condition} frames, {len(start)} given")
        pipe = self._pipeline(conditioned=window.condition > 0)
        arguments = self._arguments(shot, window, size=size, rate=rate, generator=generator)
        if window.condition > 0:
            from diffusers.pipelines.ltx2 import LTX2VideoCondition

            pinned = np.stack(start[-window.condition:])
            arguments["conditions"] = [LTX2VideoCondition(frames=pinned, index=0, strength=1.0)]
        video, audio = pipe(**arguments)
        waveform = audio[0].float().cpu().numpy()
        return (list(to_uint8(np.asarray(video[0]))),
                to_clip_rate(waveform, int(pipe.vocoder.config.output_sampling_rate)))

    def _arguments(self, shot: Shot, window: Window, *, size: tuple[int, int], rate: int,
                   generator: torch.Generator) -> dict[str, Any]:
        settings = self.settings
        config = self._pipe.transformer.config
        modulated = bool(config.cross_attn_mod or config.audio_cross_attn_mod)
        arguments: dict[str, Any] = {
            "prompt": shot_prompt(shot), "negative_prompt": NEGATIVE_PROMPT,
            "width": size[0], "height": size[1], "num_frames": window.frames,
            "frame_rate": float(rate), "motion_speed": float(shot.style.speed),
            "num_inference_steps": settings.neural_steps or DEFAULT_STEPS,
            "guidance_scale": settings.neural_guidance_scale or DEFAULT_GUIDANCE,
            "use_cross_timestep": modulated, "generator": generator,
            "output_type": "np", "return_dict": False,
        }
        block = STG_BLOCK[modulated]
        if block >= config.num_layers:  # a smaller model than LTX-2's 48 blocks: no STG
            arguments.update(stg_scale=0.0, audio_stg_scale=0.0,
                             spatio_temporal_guidance_blocks=None)
        else:
            arguments["spatio_temporal_guidance_blocks"] = [block]
        if arguments["guidance_scale"] <= 1.0:  # guidance off (distilled weights): all of it
            arguments.update(audio_guidance_scale=1.0, stg_scale=0.0, audio_stg_scale=0.0,
                             modality_scale=1.0, audio_modality_scale=1.0)
        return arguments

    def _fitted_frames(self, frames: list[Frame]) -> Iterator[Frame]:
        for frame in frames:
            yield fit_frame(frame, width=self.width, height=self.height)

    def _notes(self, shot: ShotInput, windows: list[Window], *, size: tuple[int, int],
               rate: int) -> list[str]:
        number = shot.shot.index + 1
        notes = [*self._setup_notes,
                 "ltx2 draws picture and sound from the shot's words; the simulated motion "
                 "does not steer it",
                 f"ltx2 draws at {size[0]}x{size[1]}, {rate} fps, scaled to "
                 f"{self.width}x{self.height}, {shot.timeline.fps} fps"]
        if windows[0].condition:
            notes.append(f"shot {number} starts from the last frame of the shot before")
        if len(windows) > 1:
            notes.append(f"shot {number}: {len(windows)} windows of up to {windows[0].frames} "
                         "frames, each starting from the last frames of the one before; their "
                         "sound is crossfaded at the joins")
        if shot.references:
            notes.append(f"ltx2 takes no reference images: {len(shot.references)} left out")
        return notes
