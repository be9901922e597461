"""A shot longer than one model window, generated window after window.

Each window may begin with `keep` frames it is given (the end of the window before, or of
the shot before) and makes `new` frames after them; its length is rounded up to what the
model can make (frame_step * k + 1), and the frames past `keep + new` are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.render.diffusion.wan_model import window_length

CONTEXT_FRAMES = 5  # given frames a window continues from: two latent frames of Wan's VAE


@dataclass(frozen=True)
class Window:
    start: int  # the shot's model frame its first new frame is
    keep: int  # given frames before the new ones (mask 0: kept, not generated)
    new: int
    length: int  # frames asked of the model: keep + new, rounded up to frame_step * k + 1


def plan_windows(total: int, *, window: int, frame_step: int, context: int,
                 first_context: int = 0) -> list[Window]:
    """Windows that make the shot's `total` model frames in order.

    The first window continues from `first_context` given frames (0: it starts afresh);
    each later one from the last `context` frames of the one before (0: windows are made
    independently and joined as they are).
    """
    if total < 1:
        raise ValueError(f"a shot needs at least one model frame, got total={total}")
    longest = (window - 1) // frame_step * frame_step + 1  # the window as the model makes it
    if not 0 <= context < longest or not 0 <= first_context < longest:
        raise ValueError(f"context frames ({context}, {first_context}) must be fewer than "
                         f"the {longest} frames a window of {window} makes")
    windows: list[Window] = []
    start, keep = 0, first_context
    while start < total:
        new = min(total - start, longest - keep)
        windows.append(Window(start=start, keep=keep, new=new,
                              length=window_length(keep + new, frame_step)))
        start += new
        keep = min(context, first_context + start)
    return windows
