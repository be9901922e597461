"""Neural engines: diffusers pipelines run from local weights (`pip install cinestra[neural]`).

`wan` runs Wan 2.x text-to-video, or VACE guided by the previz simulation (its depth as
control video) when the weights are a WanVACEPipeline; `ltx2` runs LTX-2, which makes the
shot's sound together with its picture. Weights come from the folders the settings name
(`CINESTRA_WAN_WEIGHTS`, `CINESTRA_LTX2_WEIGHTS`) and are checked by `weights` before
torch is even imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable

if TYPE_CHECKING:
    from cinestra.render.engines import RenderEngine


def open_neural_engine(name: str, *, width: int, height: int,
                       settings: Settings) -> RenderEngine:
    """A new, not yet entered neural engine; EngineUnavailable without torch or diffusers."""
    try:
        import diffusers  # noqa: F401  (present: the engines' imports below can work)
        import torch  # noqa: F401
    except ImportError as error:
        raise EngineUnavailable(f"engine {name} needs the neural extra: pip install "
                                f"'cinestra[neural]' ({error})") from None
    from cinestra.render.diffusion.weights import weights_folder

    folder = weights_folder(name, settings)
    if name == "wan":
        from cinestra.render.diffusion.wan import WanEngine

        return WanEngine(folder, width=width, height=height, settings=settings)
    if name == "ltx2":
        from cinestra.render.diffusion.ltx2 import LTX2Engine

        return LTX2Engine(folder, width=width, height=height, settings=settings)
    raise EngineUnavailable(f"engine {name}: not a neural engine")
