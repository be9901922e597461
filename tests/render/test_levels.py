"""Levels of detail: round bodies take the coarsest mesh whose silhouette stays close enough."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cinestra.render.previz.batches import instance_rows
from cinestra.render.previz.meshes import MESH_LEVELS, detail_levels, level_radius_px


def _rows(scales: list[tuple[float, float, float]]) -> np.ndarray:
    """Instance rows of bodies at the origin, scaled along x, y and z."""
    models = np.stack([np.diag([*scale, 1.0]) for scale in scales])[None]
    return instance_rows(models, np.zeros((len(scales), 11)))[0]


def test_a_regular_polygon_strays_the_tolerance_at_its_level_radius() -> None:
    radius = level_radius_px(20, tolerance_px=0.5)
    assert radius * (1.0 - math.cos(math.pi / 20)) == pytest.approx(0.5)
    assert level_radius_px(48, tolerance_px=0.5) > level_radius_px(32, tolerance_px=0.5) > radius


def test_spheres_get_finer_meshes_as_they_grow_on_screen() -> None:
    rows = _rows([(0.1, 0.1, 0.1)] * 3)
    # Seen from their near sides at 1000 px focal length: 2.5 px, 60 px and 200 px radius.
    distance = np.array([40.1, 1.77, 0.6])
    levels = dict(detail_levels(rows, distance, mesh="sphere", focal_px=1000.0,
                                tolerance_px=0.5))
    assert list(levels) == [name for name, _ in MESH_LEVELS["sphere"]]
    assert [len(levels[name]) for name in levels] == [1, 1, 1]


def test_a_cylinder_is_judged_by_its_round_section_not_its_length() -> None:
    # A pole 2 m long and 4 cm thick, its centre 2 m away: its near end is 1 m away, where
    # its section is 20 px in radius at 1000 px focal length (its length would say 500).
    rows = _rows([(0.02, 0.02, 1.0)])
    levels = dict(detail_levels(rows, np.array([2.0]), mesh="cylinder", focal_px=1000.0,
                                tolerance_px=0.5))
    assert [len(levels[name]) for name in levels] == [0, 1, 0]  # 24 sides
