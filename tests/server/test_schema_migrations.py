"""The Alembic migrations build exactly the tables the models describe; expired videos
are purged with their blobs; open sign-up works when the operator allows it."""

from __future__ import annotations

import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import select

from cinestra.request import check_request
from cinestra.server.accounts import add_user
from cinestra.server.api.app import create_app
from cinestra.server.db.models import Base, Video
from cinestra.server.db.session import make_engine, migrate, open_database
from cinestra.server.storage import open_blob_store
from cinestra.server.videos import create_video, purge_expired
from tests.utils.server import PROMPT, server_settings


def test_migrations_match_the_models(tmp_path: Path) -> None:
    engine = make_engine(server_settings(tmp_path))
    try:
        migrate(engine)
        migrate(engine)  # a second run is a no-op
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()


def test_expired_videos_are_purged_with_their_blobs(tmp_path: Path) -> None:
    settings = server_settings(tmp_path)
    store = open_blob_store(settings)
    source = tmp_path / "file"
    source.write_bytes(b"mp4")
    with open_database(settings) as sessions, sessions.begin() as session:
        owner = add_user(session=session, name="ana")
        request = check_request(prompt=PROMPT, size="360x640")
        old, fresh = (create_video(session=session, owner=owner, request=request,
                                   model="sora-2") for _ in range(2))
        old.expires_at, fresh.expires_at = time.time() - 1, time.time() + 3600
        for video in (old, fresh):
            store.put_file(f"videos/{video.id}/video.mp4", source)
        session.flush()
        assert purge_expired(session=session, store=store) == 1
        assert list(session.scalars(select(Video.id))) == [fresh.id]
    assert store.keys("videos/") == [f"videos/{fresh.id}/video.mp4"]


def test_open_sign_up_issues_a_session(tmp_path: Path) -> None:
    client = TestClient(create_app(server_settings(tmp_path, allow_signup=True)))
    form = client.get("/signup")
    csrf = form.text.split("name='csrf_token' value='")[1].split("'")[0]
    short = client.post("/signup", data={"name": "zoe", "password": "short",
                                         "csrf_token": csrf})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    csrf = short.text.split("name='csrf_token' value='")[1].split("'")[0]
    made = client.post("/signup", data={"name": "zoe", "password": "a long passphrase",
                                        "csrf_token": csrf})
    assert made.status_code == 200 and "Account zoe" in made.text
    assert "cinestra_session" in client.cookies
