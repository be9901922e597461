"""What a shot size shows of each subject, and how much of the frame it fills.

A box array is ``(frames, 2, 3)``: per frame the low and high corners in world metres.
People (and anything upright with a head) are framed as a cinematographer frames a body:
full = head to toe, medium = waist up, medium close-up = chest up, close-up = head and
shoulders, extreme close-up = the face. Props and lying animals are framed by their size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Boxes = NDArray[np.float64]  # (frames, 2, 3)

SHOT_SIZES = ("extreme_wide", "wide", "full", "medium", "medium_close_up", "close_up",
              "extreme_close_up")
# Shot sizes that frame the main (first) subject alone, or its head.
CLOSE_SIZES = ("close_up", "extreme_close_up")
# Share of the frame height the framed part fills: for a figure (top to bottom of the part)
# and for an object (its whole height, or a detail of it in an extreme close-up).
FIGURE_FILL = {"extreme_wide": 0.12, "wide": 0.3, "full": 0.8, "medium": 0.85,
               "medium_close_up": 0.85, "close_up": 0.9, "extreme_close_up": 0.9}
OBJECT_FILL = {"extreme_wide": 0.08, "wide": 0.25, "full": 0.7, "medium": 0.5,
               "medium_close_up": 0.62, "close_up": 0.8, "extreme_close_up": 0.9}
# Share of a standing figure's height, from the top, that each size shows.
FIGURE_SHARE = {"medium": 0.52, "medium_close_up": 0.34}
HEAD_SHARE = 0.15  # a head is about a seventh of a standing figure
MIN_HALF = 0.02  # m: even a pea is framed as if 4 cm across


@dataclass(frozen=True)
class Subject:
    """One named subject as the camera sees it."""

    boxes: Boxes  # whole body, per frame
    head: Boxes | None  # its head per frame, when it has one
    upright: bool  # stands on its feet (a person, a penguin): framed top-down


def describe(boxes: Boxes, head: Boxes | None, *, figure: bool = True) -> Subject:
    """Decide how a subject is framed from its box (and head, when known); `figure` False
    frames it as an object whatever its shape (a box around a whole action)."""
    extent = np.median(boxes[:, 1] - boxes[:, 0], axis=0)
    height, across = float(extent[2]), float(max(extent[0], extent[1]))
    upright = figure and height >= 0.5 and height >= 0.9 * across
    if head is None and upright:
        head = _top_head(boxes)
    return Subject(boxes=boxes, head=head, upright=upright)


def _top_head(boxes: Boxes) -> Boxes:
    """A standing figure's head: the top ~15% of its box, narrower than the shoulders."""
    height = boxes[:, 1, 2] - boxes[:, 0, 2]
    center = boxes.mean(axis=1)
    half = np.minimum((boxes[:, 1] - boxes[:, 0]) / 2, (0.07 * height)[:, None])
    head = np.stack([center - half, center + half], axis=1)
    head[:, 0, 2] = boxes[:, 1, 2] - HEAD_SHARE * height
    head[:, 1, 2] = boxes[:, 1, 2]
    return head


def shown_part(subject: Subject, shot_size: str) -> Boxes:
    """The part of `subject` a shot of `shot_size` must show, per frame."""
    boxes = subject.boxes
    if shot_size in ("extreme_wide", "wide", "full"):
        return boxes
    if subject.head is not None and shot_size in CLOSE_SIZES:
        head = subject.head
        center, half = head.mean(axis=1), (head[:, 1] - head[:, 0]) / 2
        if shot_size == "close_up":  # head and shoulders
            low = center - half * np.array([1.5, 1.5, 1.0])
            low[:, 2] -= 1.6 * half[:, 2]
            high = center + half * np.array([1.5, 1.5, 1.15])
        else:  # the eyes and the mouth
            low = center - half * np.array([0.75, 0.75, 0.75])
            high = center + half * np.array([0.75, 0.75, 0.45])
        return np.stack([low, high], axis=1)
    if subject.upright and shot_size in FIGURE_SHARE:
        part = boxes.copy()
        height = boxes[:, 1, 2] - boxes[:, 0, 2]
        part[:, 0, 2] = boxes[:, 1, 2] - FIGURE_SHARE[shot_size] * height
        return part
    if shot_size == "extreme_close_up":  # a detail: the middle of the object's top half
        center, half = boxes.mean(axis=1), (boxes[:, 1] - boxes[:, 0]) / 2
        center[:, 2] += 0.25 * half[:, 2]
        return np.stack([center - 0.4 * half, center + 0.4 * half], axis=1)
    return boxes


def fill(subject: Subject, shot_size: str) -> float:
    figure = subject.head is not None or subject.upright
    return (FIGURE_FILL if figure else OBJECT_FILL)[shot_size]


def framed_parts(subjects: Mapping[str, Subject], shot_size: str) -> list[Boxes]:
    """The boxes a shot must keep in frame: every subject's shown part or, in a close shot,
    the main subject's part and whatever sits on it (a cat on the head)."""
    parts = {name: _padded(shown_part(subject, shot_size)) for name, subject in subjects.items()}
    if shot_size not in CLOSE_SIZES or len(parts) < 2:
        return list(parts.values())
    main_name = next(iter(parts))
    main = parts[main_name]
    kept = [main]
    if shot_size == "close_up":
        reach = 0.5 * (main[:, 1] - main[:, 0]).max(axis=1, keepdims=True)
        for name, subject in subjects.items():
            other = subject.boxes
            touching = np.all((other[:, 0] <= main[:, 1] + reach)
                              & (other[:, 1] >= main[:, 0] - reach), axis=1)
            small = np.ptp(other, axis=1).max() <= 2.5 * np.ptp(main, axis=1).max()
            if name != main_name and bool(touching.all()) and small:
                kept.append(_padded(other))
    return kept


def union(parts: list[Boxes]) -> Boxes:
    """Per-frame box around all `parts`."""
    stack = np.stack(parts)
    return np.stack([stack[:, :, 0].min(axis=0), stack[:, :, 1].max(axis=0)], axis=1)


def eye_height(subject: Subject) -> float:
    """Height (world z) of the subject's eyes, averaged over the shot."""
    if subject.head is not None:
        head = subject.head
        return float(np.mean(head[:, 0, 2] + 0.6 * (head[:, 1, 2] - head[:, 0, 2])))
    boxes = subject.boxes
    return float(np.mean(boxes[:, 0, 2] + 0.75 * (boxes[:, 1, 2] - boxes[:, 0, 2])))


def _padded(boxes: Boxes) -> Boxes:
    center, half = boxes.mean(axis=1), (boxes[:, 1] - boxes[:, 0]) / 2
    half = np.maximum(half, MIN_HALF)
    return np.stack([center - half, center + half], axis=1)
