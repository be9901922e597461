"""pipeline.generate: stages chained, progress reported, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from cinestra.errors import InvalidRequest
from cinestra.media import read_mp4
from cinestra.pipeline import Interrupted, generate
from cinestra.request import check_request


def test_multi_shot_clip_has_every_frame_and_reports_progress(tmp_path: Path) -> None:
    request = check_request(prompt="Shot 1: a red ball on a table. Cut to: the ball falls, "
                                   "close-up", seconds=4, size="640x360", fps=30)
    seen: dict[str, tuple[int, int]] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        seen[stage] = (done, total)

    result = generate(request, output=tmp_path / "two.mp4", on_progress=on_progress)
    assert [t.frame_count for t in result.timelines] == [60, 60]
    assert seen == {"plan": (1, 1), "world": (2, 2), "sound": (2, 2), "render": (120, 120)}
    assert len(result.soundtrack.samples) == 4 * 48_000
    decoded = read_mp4(result.path)
    assert decoded.frames.shape[0] == 120
    assert set(result.stage_seconds) == {"plan", "world", "sound", "render", "encode"}


def test_interrupted_render_publishes_nothing(tmp_path: Path) -> None:
    request = check_request(prompt="a ball bounces", seconds=4, size="640x360")
    calls = {"n": 0}

    def stop_after_some_frames() -> bool:
        calls["n"] += 1
        return calls["n"] > 30

    with pytest.raises(Interrupted):
        generate(request, output=tmp_path / "x.mp4", should_stop=stop_after_some_frames)
    assert list(tmp_path.iterdir()) == []


def test_output_is_checked_before_any_compute(tmp_path: Path) -> None:
    request = check_request(prompt="a ball bounces", seconds=4, size="640x360")
    progress: list[str] = []
    with pytest.raises(InvalidRequest, match="output"):
        generate(request, output=tmp_path / "video.mov",
                 on_progress=lambda stage, done, total: progress.append(stage))
    assert progress == []


def test_existing_file_is_replaced_only_when_the_new_one_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"previous video")
    request = check_request(prompt="a ball bounces", seconds=4, size="640x360")
    with pytest.raises(Interrupted):
        generate(request, output=target, should_stop=iter([False] * 40 + [True] * 999).__next__)
    assert target.read_bytes() == b"previous video"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.mp4"]
