"""pipeline.generate: stages chained, progress reported, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cinestra.config import Settings
from cinestra.errors import InvalidRequest
from cinestra.media import read_mp4
from cinestra.pipeline import Interrupted, generate
from cinestra.provenance import payload_for, verify
from cinestra.request import check_request
from cinestra.safety import ModerationBlocked
from cinestra.safety.models import ReviewItem
from cinestra.safety.review import default_url, open_review_db


def test_multi_shot_clip_has_every_frame_and_reports_progress(tmp_path: Path) -> None:
    request = check_request(prompt="Shot 1: a red ball on a table. Cut to: the ball falls, "
                                   "close-up", seconds=4, size="640x360", fps=30, style="cinematic")
    seen: dict[str, tuple[int, int]] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        seen[stage] = (done, total)

    result = generate(request, output=tmp_path / "two.mp4", on_progress=on_progress)
    assert [t.frame_count for t in result.timelines] == [60, 60]
    # The caller's style reaches every shot, down to the world the renderer draws
    assert [shot.style.look for shot in result.storyboard.shots] == ["cinematic", "cinematic"]
    assert [t.environment.look for t in result.timelines] == ["cinematic", "cinematic"]
    assert seen == {"screen": (1, 1), "plan": (1, 1), "world": (2, 2), "sound": (2, 2),
                    "render": (120, 120), "publish": (2, 2)}
    assert len(result.soundtrack.samples) == 4 * 48_000
    decoded = read_mp4(result.path)
    assert decoded.frames.shape[0] == 120
    assert set(result.stage_seconds) == {"screen", "plan", "world", "sound", "render",
                                         "watermark", "encode", "publish"}


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


def _review_items(settings: Settings) -> list[ReviewItem]:
    with open_review_db(default_url(settings)) as db, Session(db) as session:
        return list(session.scalars(select(ReviewItem)))


def test_published_video_is_signed_and_watermarked_with_its_id(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    request = check_request(prompt="a red ball bouncing on a wooden floor", seconds=4,
                            size="640x360")
    (tmp_path / "out").mkdir()
    result = generate(request, output=tmp_path / "out" / "ball.mp4", settings=settings,
                      handle="ana")
    # Local keys were made on first use, private ones readable by their owner only.
    assert (tmp_path / "data" / "keys").is_dir()
    report = verify(result.path, settings=settings)
    assert report.c2pa.state == "Trusted" and report.c2pa.video_id == result.video_id
    assert report.watermark.found and report.watermark.payload == payload_for(result.video_id)
    assert report.audio_watermark is not None and report.audio_watermark.found
    assert [v.decision for v in result.verdicts] == ["allow", "allow"]
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["ball.mp4"]


def test_blocked_prompt_stops_before_any_compute(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    request = check_request(prompt="Emmanuel Macron bouncing a ball", seconds=4,
                            size="640x360")
    stages: list[str] = []
    with pytest.raises(ModerationBlocked, match="likeness") as refused:
        generate(request, output=tmp_path / "x.mp4", settings=settings,
                 on_progress=lambda stage, done, total: stages.append(stage))
    assert refused.value.verdict.decision == "block" and refused.value.review_id is None
    assert set(stages) == {"screen"}
    assert not (tmp_path / "x.mp4").exists()


def test_held_prompt_is_queued_for_a_human(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    request = check_request(prompt="Abraham Lincoln kicks a ball on a floor", seconds=4,
                            size="640x360")
    with pytest.raises(ModerationBlocked, match="review item") as held:
        generate(request, output=tmp_path / "x.mp4", settings=settings)
    items = _review_items(settings)
    assert [(i.id, i.subject_kind, i.state) for i in items] == [
        (held.value.review_id, "prompt", "pending")]
    assert items[0].text == request.prompt
    assert not (tmp_path / "x.mp4").exists()


def test_frames_held_by_the_output_screen_are_not_published(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("nsfw_review = 0.0\nnsfw_block = 1.0\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", safety_policy=policy)
    request = check_request(prompt="a ball bounces", seconds=4, size="640x360")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ModerationBlocked, match="sampled frame") as held:
        generate(request, output=out / "x.mp4", settings=settings)
    assert held.value.verdict.decision == "review"
    assert [i.subject_kind for i in _review_items(settings)] == ["frames"]
    assert list(out.iterdir()) == []


def test_dialogue_is_voiced_and_its_visemes_reach_the_timeline(tmp_path: Path) -> None:
    request = check_request(prompt='a woman in a kitchen says "The coffee is still hot."',
                            seconds=4, size="640x360", fps=24)
    result = generate(request, output=tmp_path / "line.mp4")
    timeline = result.timelines[0]
    [line] = timeline.dialogue
    assert line.speaker == "woman_1" and line.gender == "female"
    assert timeline.visemes and timeline.visemes[0].start == line.start
    assert all(line.start <= v.start < v.end <= timeline.duration for v in timeline.visemes)
    assert not any("voiced" in warning for warning in result.warnings)
