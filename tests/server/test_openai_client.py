"""End to end with the official `openai` package against a live `cinestra serve`:
create → poll → download video, thumbnail and spritesheet → remix → list → delete; and a
blocked prompt comes back as OpenAI's `moderation_blocked` error."""

from __future__ import annotations

import io
import time
from pathlib import Path

import openai
import pytest
from openai import OpenAI
from PIL import Image

from cinestra.media import read_mp4
from tests.utils.server import (
    BLOCKED_PROMPT,
    PROMPT,
    live_server,
    make_user,
    server_env,
    server_settings,
)

# The client marks its Sora methods deprecated (OpenAI's service closes); the API stays.
pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:The Sora API:DeprecationWarning")]


def poll(client: OpenAI, video_id: str, timeout_s: float = 180) -> openai.types.Video:
    deadline = time.monotonic() + timeout_s
    seen = []
    while time.monotonic() < deadline:
        video = client.videos.retrieve(video_id)
        seen.append(video.progress)
        if video.status in ("completed", "failed"):
            assert seen == sorted(seen), f"progress went backwards: {seen}"
            return video
        time.sleep(0.5)
    raise AssertionError(f"{video_id} still {video.status} after {timeout_s} s")


def test_openai_client_round_trip(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    key = make_user(server_settings(data_dir), "alice")
    with live_server(server_env(data_dir, workers="1"), tmp_path / "server.log") as server:
        client = OpenAI(base_url=f"{server.base_url}/v1", api_key=key, max_retries=0)

        video = client.videos.create(prompt=PROMPT, seconds="4",
                                     size="360x640")  # type: ignore[arg-type]
        assert video.object == "video" and video.status in ("queued", "in_progress")
        assert (video.prompt, video.seconds, video.size) == (PROMPT, "4", "360x640")
        done = poll(client, video.id)
        assert done.status == "completed", done.error
        assert done.progress == 100 and done.completed_at and done.expires_at
        assert done.expires_at > done.completed_at >= done.created_at

        mp4 = tmp_path / "video.mp4"
        client.videos.download_content(video.id, variant="video").write_to_file(mp4)
        clip = read_mp4(mp4)
        assert clip.frames.shape == (96, 640, 360, 3) and clip.audio_codec == "aac"
        thumbnail = Image.open(io.BytesIO(
            client.videos.download_content(video.id, variant="thumbnail").read()))
        assert thumbnail.format == "WEBP" and thumbnail.size == (360, 640)
        sheet = Image.open(io.BytesIO(
            client.videos.download_content(video.id, variant="spritesheet").read()))
        assert sheet.format == "JPEG" and sheet.size == (5 * 160, 4 * round(160 * 640 / 360))

        remix = client.videos.remix(video.id, prompt="a blue ball bouncing on a wet floor")
        assert remix.remixed_from_video_id == video.id and remix.size == "360x640"
        assert client.videos.poll(remix.id).status == "completed"  # the client's own helper

        listed = client.videos.list(order="desc", limit=10)
        assert [item.id for item in listed.data] == [remix.id, video.id]
        assert listed.has_more is False and listed.last_id == video.id
        first_page = client.videos.list(order="asc", limit=1)
        assert [item.id for item in first_page.data] == [video.id] and first_page.has_more
        assert [item.id for item in client.videos.list(order="asc", limit=1,
                                                        after=video.id).data] == [remix.id]

        deleted = client.videos.delete(video.id)
        assert (deleted.id, deleted.deleted, deleted.object) == (video.id, True,
                                                                 "video.deleted")
        with pytest.raises(openai.NotFoundError):
            client.videos.retrieve(video.id)
        assert [item.id for item in client.videos.list().data] == [remix.id]
        assert not list((data_dir / "blobs" / "videos").glob(f"{video.id}*"))

        with pytest.raises(openai.BadRequestError) as refused:
            client.videos.create(prompt=BLOCKED_PROMPT)
        assert refused.value.code == "moderation_blocked"
        assert refused.value.body["type"] == "invalid_request_error"  # type: ignore[index]

        with pytest.raises(openai.BadRequestError) as bad_size:
            client.videos.create(prompt=PROMPT, size="1024x1792")
        assert bad_size.value.code == "invalid_value" and bad_size.value.param == "size"
        with pytest.raises(openai.AuthenticationError):
            OpenAI(base_url=f"{server.base_url}/v1", api_key="sk-cin-wrong",
                   max_retries=0).videos.list()
