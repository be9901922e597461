"""Jobs run by `run_job` itself: a full disk leaves no half-file and no lost job (retried,
then failed), a delete cancels a running job, a duplicate delivery runs nothing."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from cinestra.config import Settings
from cinestra.request import check_request
from cinestra.server.accounts import add_user
from cinestra.server.db.models import Video
from cinestra.server.db.session import open_database
from cinestra.server.jobs.runner import JobContext, Outcome, claim, run_job
from cinestra.server.storage import LocalBlobStore
from cinestra.server.videos import create_video
from tests.server.conftest import Api
from tests.utils.server import PROMPT, server_settings, wait_for

pytestmark = pytest.mark.slow


class FullDisk(LocalBlobStore):
    """A local store whose disk fills up: uploads number `failing` raise ENOSPC."""

    def __init__(self, root: Path, failing: set[int] | None) -> None:
        super().__init__(root)
        self.failing, self.puts = failing, 0

    def put_file(self, key: str, path: Path) -> None:
        self.puts += 1
        if self.failing is None or self.puts in self.failing:
            target = self._path(key)  # a real full disk leaves the start of the file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes()[:1000])
            raise OSError(errno.ENOSPC, "No space left on device")
        super().put_file(key, path)


def queued_video(settings: Settings) -> str:
    with open_database(settings) as sessions, sessions.begin() as session:
        user = add_user(session=session, name="alice")
        request = check_request(prompt=PROMPT, size="360x640", seconds=4)
        return create_video(session=session, owner=user, request=request, model="sora-2").id


def row(settings: Settings, video_id: str) -> Video | None:
    with open_database(settings) as sessions, sessions() as session:
        return session.scalar(select(Video).where(Video.id == video_id))


def test_full_disk_then_retry_publishes_once(tmp_path: Path) -> None:
    settings = server_settings(tmp_path / "data", job_max_attempts=2)
    video_id = queued_video(settings)
    store = FullDisk(tmp_path / "blobs", failing={2})  # the thumbnail upload of attempt 1
    dispatched: list[str] = []
    with open_database(settings) as sessions:
        context = JobContext(settings=settings, sessions=sessions, store=store,
                             dispatch=dispatched.append)
        assert run_job(context, video_id) is Outcome.REQUEUED
        assert dispatched == [video_id] and store.keys("") == []  # no half-file anywhere
        assert run_job(context, video_id) is Outcome.COMPLETED
        assert run_job(context, video_id) is Outcome.SKIPPED  # a duplicate delivery
    done = row(settings, video_id)
    assert done is not None and (done.status, done.attempts) == ("completed", 2)
    assert store.keys("") == [f"videos/{video_id}/{name}" for name in (
        "spritesheet.jpg", "thumbnail.webp", "video.mp4")]


def test_full_disk_every_time_fails_the_job_cleanly(tmp_path: Path) -> None:
    settings = server_settings(tmp_path / "data", job_max_attempts=1)
    video_id = queued_video(settings)
    store = FullDisk(tmp_path / "blobs", failing=None)
    with open_database(settings) as sessions:
        context = JobContext(settings=settings, sessions=sessions, store=store,
                             dispatch=lambda _: None)
        assert run_job(context, video_id) is Outcome.FAILED
    failed = row(settings, video_id)
    assert failed is not None and (failed.status, failed.error_code) == ("failed", "storage_full")
    assert store.keys("") == [] and not list((settings.data_dir / "work").iterdir())


def test_delete_cancels_a_running_job(api: Api) -> None:
    video_id = api.client.post("/v1/videos", headers=api.alice,
                               json={"prompt": PROMPT, "size": "360x640"}).json()["id"]
    outcome: list[Outcome] = []
    worker = threading.Thread(target=lambda: outcome.append(run_job(api.components.jobs,
                                                                    video_id)))
    worker.start()

    def rendering() -> bool:
        video = api.client.get(f"/v1/videos/{video_id}", headers=api.alice).json()
        return bool(video["status"] == "in_progress" and video["progress"] >= 30)

    wait_for(rendering, timeout_s=120, what="the job to render")
    started = time.monotonic()
    assert api.client.delete(f"/v1/videos/{video_id}", headers=api.alice).status_code == 200
    worker.join(60)
    assert outcome == [Outcome.LOST] and time.monotonic() - started < 5  # stopped, not done
    assert api.components.store.keys("") == []
    assert claim(api.components.sessions, video_id) is None
