"""Blob stores (local files and S3-compatible) behave alike; previews are real images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from cinestra.server.previews import write_spritesheet, write_thumbnail
from cinestra.server.storage import BlobMissing, BlobStore, open_blob_store
from tests.utils.clips import render_unmarked
from tests.utils.server import s3_endpoint, server_settings


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    if request.param == "local":
        yield open_blob_store(server_settings(tmp_path))
        return
    with s3_endpoint() as url:
        yield open_blob_store(server_settings(tmp_path, blob_url=url, s3_access_key_id="test",
                                              s3_secret_access_key="test"))


def test_stores_stage_publish_read_and_delete(store: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "clip.bin"
    source.write_bytes(b"x" * 3_000_000)
    store.put_file("tmp/video_a/1/video.mp4", source)
    with pytest.raises(BlobMissing):
        store.size("videos/video_a/video.mp4")  # nothing under the final key before publish
    store.publish("tmp/video_a/1/video.mp4", "videos/video_a/video.mp4")
    assert store.keys("tmp/") == [] and store.keys("videos/") == ["videos/video_a/video.mp4"]
    assert store.size("videos/video_a/video.mp4") == 3_000_000
    assert b"".join(store.read("videos/video_a/video.mp4")) == source.read_bytes()
    store.delete_prefix("videos/video_a/")
    assert store.keys("") == []
    with pytest.raises(BlobMissing):
        b"".join(store.read("videos/video_a/video.mp4"))
    with pytest.raises(ValueError, match="relative path"):
        store.put_file("../outside", source)


def test_thumbnail_and_spritesheet(tmp_path: Path) -> None:
    clip = render_unmarked("a red ball bouncing on a wet floor", tmp_path / "clip.mp4",
                           width=320, height=180, seconds=4)
    thumbnail = Image.open(write_thumbnail(clip, tmp_path / "thumb.webp"))
    assert thumbnail.format == "WEBP" and thumbnail.size == (320, 180)
    sheet = Image.open(write_spritesheet(clip, tmp_path / "sheet.jpg"))
    assert sheet.format == "JPEG" and sheet.size == (5 * 160, 4 * 90)
    cells = [sheet.crop((x * 160, y * 90, x * 160 + 160, y * 90 + 90)).tobytes()
             for y in range(4) for x in range(5)]
    assert len(set(cells)) > 10  # frames from across the clip, not one frame repeated
