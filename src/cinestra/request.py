"""What a caller asks for, checked at the door before any compute."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from cinestra.errors import InvalidRequest

SIZES: dict[str, tuple[int, int]] = {
    "1280x720": (1280, 720),
    "720x1280": (720, 1280),
    "1920x1080": (1920, 1080),
    "1080x1920": (1080, 1920),
    "960x960": (960, 960),
    "640x360": (640, 360),
    "360x640": (360, 640),
}
FPS_CHOICES = (24, 30)
MIN_SECONDS, MAX_SECONDS = 4, 60
MAX_PROMPT_CHARS = 4000


class VideoRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: str
    seconds: Fraction
    size: str
    fps: int
    seed: int
    style: str | None = None  # a catalog look for every shot, over what the prompt says
    engine: str = "previz"  # a name of cinestra.render.engines.ENGINES

    @property
    def width(self) -> int:
        return SIZES[self.size][0]

    @property
    def height(self) -> int:
        return SIZES[self.size][1]


def check_request(*, prompt: str, seconds: float | str | Fraction = 4, size: str = "1280x720",
                  fps: int = 24, seed: int = 0, style: str | None = None,
                  engine: str = "previz") -> VideoRequest:
    """Validate every field; the error names the field and quotes the value received."""
    if not prompt or not prompt.strip():
        raise InvalidRequest("prompt: must not be empty")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise InvalidRequest(f"prompt: {len(prompt)} characters, at most {MAX_PROMPT_CHARS}")
    try:
        exact_seconds = Fraction(str(seconds))
    except (ValueError, ZeroDivisionError):
        raise InvalidRequest(f"seconds: not a number: {seconds!r}") from None
    if not MIN_SECONDS <= exact_seconds <= MAX_SECONDS:
        raise InvalidRequest(
            f"seconds: must be between {MIN_SECONDS} and {MAX_SECONDS}, got {seconds!r}")
    if size not in SIZES:
        raise InvalidRequest(f"size: unknown size {size!r}; choose one of {', '.join(SIZES)}")
    if fps not in FPS_CHOICES:
        raise InvalidRequest(f"fps: must be 24 or 30, got {fps!r}")
    if not 0 <= seed < 2**32:
        raise InvalidRequest(f"seed: must be in [0, 2**32), got {seed!r}")
    if style is not None:
        from cinestra.plan.catalog import load_catalog  # the planner's vocabulary of looks

        looks = load_catalog().styles
        if style not in looks:
            raise InvalidRequest(f"style: unknown style {style!r}; choose one of "
                                 f"{', '.join(sorted(looks))}")
    from cinestra.render.engines import check_engine  # the render stage's engine names

    return VideoRequest(prompt=prompt.strip(), seconds=exact_seconds, size=size, fps=fps,
                        seed=seed, style=style, engine=check_engine(engine))


def check_output(path: Path) -> Path:
    """The output must be a new or replaceable file in an existing, writable directory."""
    path = path.expanduser()
    if path.suffix.lower() != ".mp4":
        raise InvalidRequest(f"output: must end in .mp4, got {str(path)!r}")
    if path.is_dir():
        raise InvalidRequest(f"output: {str(path)!r} is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidRequest(f"output: directory {str(parent)!r} does not exist")
    try:  # a real write, since permission bits say nothing to root or on read-only mounts
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".cinestra-probe-"):
            pass
    except OSError as error:
        raise InvalidRequest(
            f"output: directory {str(parent)!r} is not writable ({error.strerror})") from None
    return path
