"""kill -9 `cinestra serve` in the middle of a job; after a restart the job completes
exactly once, its MP4 is whole and nothing half-written is left or published."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from cinestra.media import read_mp4
from cinestra.server.db.models import Video
from cinestra.server.db.session import open_database
from tests.utils.server import PROMPT, live_server, make_user, server_env, server_settings, wait_for

pytestmark = pytest.mark.slow


def test_kill_9_during_a_job_then_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    settings = server_settings(data_dir)
    key = make_user(settings, "alice")
    headers = {"Authorization": f"Bearer {key}"}
    env = server_env(data_dir, workers="1")
    log = tmp_path / "server.log"

    with live_server(env, log) as server:
        created = httpx.post(f"{server.base_url}/v1/videos", headers=headers, timeout=30,
                             json={"prompt": PROMPT, "size": "360x640", "seconds": "4"})
        assert created.status_code == 200, created.text
        video_id = created.json()["id"]

        def rendering() -> dict[str, object] | None:
            video = httpx.get(f"{server.base_url}/v1/videos/{video_id}", headers=headers,
                              timeout=10).json()
            assert video["status"] != "completed", "finished before the kill"
            return video if video["status"] == "in_progress" and video["progress"] >= 30 else None

        wait_for(rendering, timeout_s=120, what="the job to be rendering", every_s=0.1)
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()

    with open_database(settings) as sessions, sessions() as session:
        row = session.scalar(select(Video).where(Video.id == video_id))
        assert row is not None and (row.status, row.attempts) == ("in_progress", 1)
    assert not (data_dir / "blobs" / "videos" / video_id).exists()

    with live_server(env, log) as server:
        def finished() -> dict[str, object] | None:
            video = httpx.get(f"{server.base_url}/v1/videos/{video_id}", headers=headers,
                              timeout=10).json()
            return video if video["status"] in ("completed", "failed") else None

        video = wait_for(finished, timeout_s=180, what="the job to finish after restart")
        assert video["status"] == "completed", video
        download = httpx.get(f"{server.base_url}/v1/videos/{video_id}/content",
                             headers=headers, timeout=30)
        assert download.status_code == 200
        mp4 = tmp_path / "out.mp4"
        mp4.write_bytes(download.content)

    clip = read_mp4(mp4)  # decodes to the end: every frame and the whole soundtrack
    assert clip.frames.shape[0] == 4 * 24 and clip.audio.shape[0] >= 4 * 48000 * 0.99
    with open_database(settings) as sessions, sessions() as session:
        row = session.scalar(select(Video).where(Video.id == video_id))
        assert row is not None and (row.status, row.attempts) == ("completed", 2)
    text = log.read_text()
    assert text.count(f"job {video_id}: completed") == 1, "completed more than once"
    assert "re-queued 1 job(s) left in progress" in text
    blobs = data_dir / "blobs"
    published = sorted(str(path.relative_to(blobs)) for path in blobs.rglob("*")
                       if path.is_file())
    assert published == [f"videos/{video_id}/spritesheet.jpg",
                         f"videos/{video_id}/thumbnail.webp", f"videos/{video_id}/video.mp4"]
    assert not [path for path in (data_dir / "work").rglob("*") if path.is_file()]
