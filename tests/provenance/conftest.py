"""One real generated clip, marked and signed once for the whole provenance test module."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from cinestra.config import Settings
from cinestra.media import read_mp4, write_mp4
from cinestra.provenance import (
    CameoIngredient,
    FrameMarker,
    Manifest,
    init_keys,
    load_signing_keys,
    mark_audio,
    payload_for,
    sign_mp4,
)
from cinestra.sound import Soundtrack
from tests.utils.clips import render_unmarked

PROMPT = "a red ball bouncing on a wooden floor, slow dolly in"
# A fixed id keeps CI reproducible; bench/watermark.py measures detection over random ids.
VIDEO_ID = "video_" + hashlib.sha256(b"cinestra provenance tests").hexdigest()[:32]


@dataclass(frozen=True)
class Clips:
    settings: Settings
    video_id: str
    plain: Path  # straight from the pipeline, never marked
    marked: Path  # watermarked, not signed
    signed: Path  # watermarked and signed


def make_marked(source: Path, dest: Path, *, video_id: str) -> Path:
    clip = read_mp4(source)
    height, width = clip.frames.shape[1:3]
    fps = int(clip.fps)
    payload = payload_for(video_id)
    with FrameMarker(payload, width=width, height=height, fps=fps, handle="tester",
                     visible=True) as marker:
        frames = [marker.mark(frame, index) for index, frame in enumerate(clip.frames)]
    sound = mark_audio(Soundtrack(samples=clip.audio), payload)
    return write_mp4(dest, frames=frames, fps=fps, width=width, height=height, soundtrack=sound)


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Clips:
    root = tmp_path_factory.mktemp("provenance")
    settings = Settings(data_dir=root / "data")
    init_keys(root / "data" / "keys")
    plain = render_unmarked(PROMPT, root / "plain.mp4")
    video_id = VIDEO_ID
    marked = make_marked(plain, root / "marked.mp4", video_id=video_id)
    signed = root / "signed.mp4"
    manifest = Manifest(video_id=video_id, prompt=PROMPT, engine="previz",
                        cameos=[CameoIngredient(cameo_id="cameo_1",
                                                consent_record_id="consent_42")])
    sign_mp4(marked, signed, manifest=manifest, signer=load_signing_keys(settings))
    return Clips(settings=settings, video_id=video_id, plain=plain, marked=marked,
                 signed=signed)
