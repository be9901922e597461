"""WanEngine: Wan 2.x text to video, or Wan VACE guided by the simulation, from local weights.

    with open_engine("wan", width=1280, height=720, settings=settings) as engine:
        shot = engine.render_shot(ShotInput(shot=plan_shot, timeline=timeline, seed=0))
        for frame in shot.frames:  # (720, 1280, 3) uint8, exactly timeline.frame_count
            ...

Per shot:
1. the prompt is the shot's description and its look (`shot_prompt`);
2. the model draws at its own size and rate (`wan_model`: ~832x480 at 16 fps for 1.3B,
   1280x704 at 24 fps for 5B), window after window when the shot is longer than one
   (`windows`);
3. with VACE weights each window is conditioned (`control`): on the simulation's depth,
   rendered by previz at the model's size (`neural_control="depth"`), so the picture follows
   the simulated motion and camera; on the last frames of the window before, so motion
   goes on across windows; on the previous shot's last frames when this shot continues it
   (`continuity`); on the shot's reference images (cameos);
4. frames are cropped to the clip's aspect, resized to its size and resampled to the
   Timeline's frame rate (`picture_fit`): exactly `timeline.frame_count` of them.
"""

from __future__ import annotations

import gc
import logging
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from types import TracebackType
from typing import Any, Self

import numpy as np
import torch
from numpy.typing import NDArray
from PIL import Image

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.render.diffusion.continuity import continues
from cinestra.render.diffusion.control import depth_control, window_video
from cinestra.render.diffusion.picture_fit import context_indices, fit_frame, model_indices
from cinestra.render.diffusion.shot_prompt import negative_prompt, shot_prompt
from cinestra.render.diffusion.speed import check_device, load_dtypes, prepare_pipeline
from cinestra.render.diffusion.wan_model import WanProfile, generation_size, wan_profile
from cinestra.render.diffusion.weights import WeightsFolder
from cinestra.render.diffusion.windows import CONTEXT_FRAMES, Window, plan_windows
from cinestra.render.engines import Frame, RenderedShot, ShotInput
from cinestra.world import Timeline

logger = logging.getLogger(__name__)

DEFAULT_STEPS = 50  # diffusers' Wan default, used when neural_steps is 0
DEFAULT_GUIDANCE = 5.0
MIN_WINDOW = 9  # frames: the 5 a window continues from, and 4 new ones (Wan's 4k + 1)


class WanEngine:
    """Draws shots with a WanPipeline or WanVACEPipeline loaded from `folder`.

    Args:
        folder: checked weights (`weights.weights_folder`), a WanPipeline or WanVACEPipeline.
        width, height: the clip's frame size.
        settings: `neural_device`, `neural_dtype`, `neural_steps`, `neural_guidance_scale`,
            `neural_control` and the speed and offload options (`speed.prepare_pipeline`).
        window_frames: frames per generation; None: what the model was trained for (81 for
            Wan 2.1). Shorter windows cost less memory and let tests make several per shot.
    """

    name = "wan"
    makes_sound = False

    def __init__(self, folder: WeightsFolder, *, width: int, height: int, settings: Settings,
                 window_frames: int | None = None) -> None:
        if folder.pipeline not in ("WanPipeline", "WanVACEPipeline"):
            raise EngineUnavailable(f"engine wan: {folder.path} holds a {folder.pipeline}; "
                                    "it runs WanPipeline or WanVACEPipeline")
        for field, value in (("width", width), ("height", height)):
            if not isinstance(value, int) or value < 1:
                raise InvalidRequest(f"{field}: must be a positive int, got {value!r}")
        if settings.neural_steps < 0:
            raise InvalidRequest(f"neural_steps: 0 (the default) or more, got "
                                 f"{settings.neural_steps!r}")
        if settings.neural_guidance_scale < 0:
            raise InvalidRequest(f"neural_guidance_scale: 0 (the default) or more, got "
                                 f"{settings.neural_guidance_scale!r}")
        try:
            import ftfy  # noqa: F401  (diffusers' Wan pipelines clean prompts with it)
        except ImportError:
            raise EngineUnavailable("engine wan needs ftfy, which diffusers' Wan pipelines "
                                    "clean prompts with: pip install 'cinestra[neural]'") from None
        if window_frames is not None and window_frames < MIN_WINDOW:
            raise InvalidRequest(f"window_frames: {MIN_WINDOW} or more, got {window_frames!r}")
        self.folder = folder
        self.width, self.height = width, height
        self.settings = settings
        self.vace = folder.pipeline == "WanVACEPipeline"
        self.guided = self.vace and settings.neural_control == "depth"
        self.window_frames = window_frames
        self.notes: list[str] = []  # what loading chose (device, dtype, offload...)
        self._pipe: Any = None
        self._profile: WanProfile | None = None
        self._size = (0, 0)  # the model's width and height
        self._stack = ExitStack()
        self._depth: Any = None  # a PrevizEngine at the model's size, when guided
        self._last: Timeline | None = None  # the shot drawn before, for continuity

    # -- lifetime -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        from diffusers import WanPipeline, WanVACEPipeline

        check_device(self.settings)  # before reading gigabytes for a device that is absent
        pipeline_class: Any = WanVACEPipeline if self.vace else WanPipeline
        dtypes = load_dtypes(self.settings, self.folder.pipeline)  # the VAE stays float32
        try:
            self._pipe = pipeline_class.from_pretrained(str(self.folder.path),
                                                        local_files_only=True, dtype=dtypes)
        except (OSError, ValueError) as error:  # unreadable or mismatched files
            raise EngineUnavailable(f"engine wan: cannot load the weights in "
                                    f"{self.folder.path}: {error}") from error
        try:
            self._prepare()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _prepare(self) -> None:
        """Place the loaded pipeline, read its profile, open previz for the depth."""
        self.notes = prepare_pipeline(self._pipe, self.settings)
        for note in self.notes:
            logger.info("wan: %s", note)
        self._pipe.set_progress_bar_config(disable=True)
        self._profile = wan_profile(self._pipe)
        self._size = generation_size(self._profile, width=self.width, height=self.height)
        if self.guided:
            from cinestra.render.previz import PrevizEngine

            model_width, model_height = self._size
            self._depth = self._stack.enter_context(
                PrevizEngine(width=model_width, height=model_height))

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stack.close()
        self._depth = None
        if self._pipe is not None:
            self._pipe.remove_all_hooks()  # offload hooks hold the models otherwise
        self._pipe = None
        self._last = None
        gc.collect()
        if torch.device(self.settings.neural_device).type == "cuda" and \
                torch.cuda.is_available():
            torch.cuda.empty_cache()

    # -- drawing --------------------------------------------------------------------------

    def render_shot(self, shot: ShotInput) -> RenderedShot:
        """The shot's frames, made window by window as they are read."""
        if self._pipe is None or self._profile is None:
            raise RuntimeError("WanEngine.render_shot needs an open engine: "
                               "`with open_engine('wan', ...)`")
        continuing = bool(shot.previous) and continues(self._last, shot.timeline)
        self._last = shot.timeline
        notes = self._shot_notes(shot, continuing=continuing)
        return RenderedShot(frames=self._frames(shot, continuing=continuing, notes=notes),
                            notes=notes)

    def _shot_notes(self, shot: ShotInput, *, continuing: bool) -> list[str]:
        assert self._profile is not None, "notes are made in an open engine"
        timeline, (model_width, model_height) = shot.timeline, self._size
        notes = [note for note in self.notes if "refused" in note]
        notes.append(f"wan ({self._profile.name}) draws at {model_width}x{model_height} and "
                     f"{self._profile.fps} fps; frames are cropped to {self.width}x{self.height} "
                     f"and resampled to {timeline.fps} fps")
        if self.settings.neural_control == "depth" and not self.vace:
            notes.append("wan: text-to-video weights do not follow the simulation (physics "
                         "guidance needs WanVACEPipeline weights)")
        if continuing and not self.vace:
            notes.append(f"wan: shot {timeline.shot_index + 1} continues the shot before but "
                         "starts afresh: text-to-video weights cannot start from its last frames")
        if shot.references and not self.vace:
            notes.append("wan: reference images are left out (they need WanVACEPipeline "
                         "weights)")
        return notes

    def _frames(self, shot: ShotInput, *, continuing: bool, notes: list[str]) -> Iterator[Frame]:
        assert self._profile is not None, "frames are drawn in an open engine"
        profile, timeline = self._profile, shot.timeline
        model_width, model_height = self._size
        # 1. Which model frame each of the shot's frames shows, and the windows making them
        wanted = model_indices(timeline.frame_count, fps=timeline.fps, model_fps=profile.fps)
        total = wanted[-1] + 1
        recent: deque[NDArray[np.uint8]] = deque(maxlen=CONTEXT_FRAMES)  # given frames
        if continuing and self.vace:
            offsets = context_indices(len(shot.previous), CONTEXT_FRAMES, fps=timeline.fps,
                                      model_fps=profile.fps)
            recent.extend(fit_frame(shot.previous[-back], width=model_width,
                                    height=model_height) for back in offsets)
        windows = plan_windows(total, window=self.window_frames or profile.window,
                               frame_step=profile.frame_step,
                               context=CONTEXT_FRAMES if self.vace else 0,
                               first_context=len(recent))
        if len(windows) > 1 and not self.vace:
            notes.append(f"wan: shot {timeline.shot_index + 1} is {len(windows)} windows joined "
                         "without conditioning (text-to-video weights cannot continue a "
                         "window; VACE weights can)")
        # 2. What the model follows: the simulation's depth, the shot's reference images
        control = self._depth_control(timeline, total) if self.guided else None
        references = [Image.fromarray(image) for image in shot.references] if self.vace else []
        prompt, negative = shot_prompt(shot.shot), negative_prompt(shot.shot)
        generator = torch.Generator(self.settings.neural_device)
        generator.manual_seed(shot.seed * 1009 + timeline.shot_index)
        # 3. Window after window, each shot frame as soon as its model frame is made
        shown = 0
        for window in windows:
            conditions = window_video(window, context=recent, control=control,
                                      width=model_width, height=model_height)
            made = self._generate(window, prompt=prompt, negative=negative,
                                  conditions=conditions, references=references,
                                  generator=generator)
            new = made[window.keep:window.keep + window.new]
            for offset, frame in enumerate(new):
                while shown < len(wanted) and wanted[shown] == window.start + offset:
                    yield fit_frame(frame, width=self.width, height=self.height)
                    shown += 1
            recent.extend(new)

    def _depth_control(self, timeline: Timeline, total: int) -> list[NDArray[np.uint8]]:
        """Control frames for the shot's `total` model frames: the Timeline frame shown at
        each one's time, as depth drawn by previz at the model's size."""
        assert self._profile is not None and self._depth is not None, "guided, open engine"
        fps, model_fps = timeline.fps, self._profile.fps
        shown = [min(timeline.frame_count - 1, index)
                 for index in model_indices(total, fps=model_fps, model_fps=fps)]
        needed = set(shown)
        depths = (depth for index, depth in enumerate(self._depth.render_depth(timeline))
                  if index in needed)
        levels = dict(zip(sorted(needed), depth_control(depths), strict=True))
        return [levels[index] for index in shown]

    def _generate(self, window: Window, *, prompt: str, negative: str,
                  conditions: tuple[list[Image.Image], list[Image.Image]] | None,
                  references: list[Image.Image], generator: torch.Generator
                  ) -> NDArray[np.uint8]:
        """One window's (length, h, w, 3) uint8 frames at the model's size."""
        model_width, model_height = self._size
        arguments: dict[str, Any] = {
            "prompt": prompt, "negative_prompt": negative, "width": model_width,
            "height": model_height, "num_frames": window.length,
            "num_inference_steps": self.settings.neural_steps or DEFAULT_STEPS,
            "guidance_scale": self.settings.neural_guidance_scale or DEFAULT_GUIDANCE,
            "generator": generator, "output_type": "np",
        }
        if self.vace:
            video, mask = conditions if conditions is not None else (None, None)
            arguments |= {"video": video, "mask": mask, "reference_images": references or None}
        frames: NDArray[np.float32] = self._pipe(**arguments).frames[0]  # floats in [0, 1]
        return np.round(np.clip(frames, 0.0, 1.0) * 255.0).astype(np.uint8)
