"""An in-process app (no worker pool) with two users, for the API tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from cinestra.server.api.app import create_app
from cinestra.server.api.deps import Components
from cinestra.server.db.models import Video
from tests.utils.server import make_user, server_settings


@dataclass
class Api:
    client: TestClient
    components: Components
    alice: dict[str, str]  # request headers with each user's key
    bob: dict[str, str]

    def finish(self, video_id: str) -> None:
        """Mark a job completed with small stand-in files, as a worker would publish them
        (for tests of who may see what, where the pixels do not matter)."""
        for name in ("video.mp4", "thumbnail.webp", "spritesheet.jpg"):
            source = self.components.settings.data_dir / name
            source.write_bytes(b"content of " + name.encode())
            self.components.store.put_file(f"videos/{video_id}/{name}", source)
        with self.components.sessions.begin() as session:
            session.execute(update(Video).where(Video.id == video_id).values(
                status="completed", progress=100, completed_at=time.time(),
                expires_at=time.time() + 3600))


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    settings = server_settings(tmp_path / "data")
    alice, bob = make_user(settings, "alice"), make_user(settings, "bob")
    app = create_app(settings)
    with TestClient(app) as client:
        yield Api(client=client, components=app.state.components,
                  alice={"Authorization": f"Bearer {alice}"},
                  bob={"Authorization": f"Bearer {bob}"})
