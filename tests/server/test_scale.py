"""Scale: PostgreSQL + Redis + S3-compatible storage, two `cinestra worker` processes,
10 jobs created through the API: every job completes, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from cinestra.media import read_mp4
from cinestra.server.api.app import create_app
from cinestra.server.db.models import Video
from cinestra.server.db.session import open_database
from cinestra.server.storage import open_blob_store
from tests.utils.server import PROMPT, make_user, s3_endpoint, server_env, server_settings, wait_for
from tests.utils.services import missing_services, postgres_server, redis_server

pytestmark = [pytest.mark.scale, pytest.mark.slow]
JOBS = 10


@pytest.fixture(autouse=True)
def _services_installed() -> None:
    missing = missing_services()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must have {', '.join(missing)}: `make deps` installs them")
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (`make deps` installs them as root)")


def test_two_workers_complete_ten_jobs_once(tmp_path: Path) -> None:
    with postgres_server() as database, redis_server() as broker, s3_endpoint() as blobs:
        shared = {"database_url": database, "broker_url": broker, "blob_url": blobs,
                  "job_backend": "celery", "s3_access_key_id": "test",
                  "s3_secret_access_key": "test"}
        settings = server_settings(tmp_path / "api", **shared)
        key = make_user(settings, "alice")
        logs = [tmp_path / f"worker{number}.log" for number in (1, 2)]
        workers = []
        for number, log in enumerate(logs, 1):  # as on two machines: own data dirs
            env = server_env(tmp_path / f"worker{number}", **shared)
            with log.open("wb") as sink:
                workers.append(subprocess.Popen(
                    [sys.executable, "-m", "cinestra", "-v", "worker"], env=env,
                    stdout=sink, stderr=subprocess.STDOUT))
        try:
            wait_for(lambda: all(" ready." in log.read_text() for log in logs),
                     timeout_s=120, what="both workers to be ready")
            with TestClient(create_app(settings)) as client:
                headers = {"Authorization": f"Bearer {key}"}
                ids = []
                for number in range(JOBS):
                    response = client.post("/v1/videos", headers=headers, json={
                        "prompt": PROMPT, "size": "360x640", "seconds": "4", "seed": number})
                    assert response.status_code == 200, response.text
                    ids.append(response.json()["id"])

                def all_done() -> bool:
                    statuses = [client.get(f"/v1/videos/{video_id}", headers=headers).json()[
                        "status"] for video_id in ids]
                    assert "failed" not in statuses, statuses
                    return statuses == ["completed"] * JOBS

                wait_for(all_done, timeout_s=420, what="10 jobs to complete", every_s=1)
                download = client.get(f"/v1/videos/{ids[-1]}/content", headers=headers)
                assert download.status_code == 200
                (tmp_path / "last.mp4").write_bytes(download.content)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(60)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()

        assert read_mp4(tmp_path / "last.mp4").frames.shape[0] == 4 * 24
        with open_database(settings) as sessions, sessions() as session:
            rows = list(session.scalars(select(Video).where(Video.id.in_(ids))))
        assert sorted((row.status, row.attempts) for row in rows) == [("completed", 1)] * JOBS
        texts = [log.read_text() for log in logs]
        for video_id in ids:
            assert sum(text.count(f"job {video_id}: completed") for text in texts) == 1
        assert all("completed" in text for text in texts), "one worker did every job"
        store = open_blob_store(settings)
        assert store.keys("tmp/") == []
        assert len(store.keys("videos/")) == 3 * JOBS
