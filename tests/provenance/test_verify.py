"""Round trip on a real generated clip: sign + watermark, then read everything back."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest
from typer.testing import CliRunner

from cinestra.cli import app
from cinestra.provenance import payload_for, read_manifest, verify
from cinestra.provenance.keys import trust_anchors
from tests.provenance.conftest import Clips


def remux_without_metadata(source: Path, dest: Path) -> None:
    """Copy the audio and video packets into a fresh MP4 (the C2PA box is not copied)."""
    with av.open(str(source)) as inp, av.open(str(dest), "w", format="mp4") as out:
        streams = {s.index: out.add_stream_from_template(s) for s in inp.streams
                   if s.type in ("video", "audio")}
        for packet in inp.demux(list(inp.streams)):
            if packet.dts is None or packet.stream.index not in streams:
                continue
            packet.stream = streams[packet.stream.index]
            out.mux(packet)


def test_round_trip_is_trusted_and_carries_the_video_id(clips: Clips) -> None:
    report = verify(clips.signed, settings=clips.settings)
    assert report.c2pa.state == "Trusted", report.c2pa.reasons
    assert report.c2pa.video_id == clips.video_id
    assert report.watermark.found and report.watermark.payload == payload_for(clips.video_id)
    assert report.audio_watermark is not None and report.audio_watermark.found
    assert report.audio_watermark.payload == payload_for(clips.video_id)
    assert report.to_json()["verdict"].startswith("made by Cinestra")


def test_manifest_records_creation_and_cameo(clips: Clips) -> None:
    reading = read_manifest(clips.signed, trust_anchors=trust_anchors(clips.settings))
    assert reading.software is not None and reading.software.startswith("cinestra")
    assert reading.engine == "previz"
    assert any(item.startswith("componentOf") for item in reading.ingredients)


def test_untrusted_anchor_gives_valid(clips: Clips) -> None:
    reading = read_manifest(clips.signed, trust_anchors=b"")
    assert reading.state == "Valid"


def test_one_flipped_byte_is_invalid_with_hash_mismatch(clips: Clips, tmp_path: Path) -> None:
    data = bytearray(clips.signed.read_bytes())
    data[data.find(b"mdat") + 4000] ^= 0xFF
    tampered = tmp_path / "tampered.mp4"
    tampered.write_bytes(bytes(data))
    reading = read_manifest(tampered, trust_anchors=trust_anchors(clips.settings))
    assert reading.state == "Invalid"
    assert any("assertion.bmffHash.mismatch" in reason for reason in reading.reasons)


def test_stripped_metadata_keeps_the_watermark(clips: Clips, tmp_path: Path) -> None:
    stripped = tmp_path / "stripped.mp4"
    remux_without_metadata(clips.signed, stripped)
    report = verify(stripped, settings=clips.settings)
    assert report.c2pa.state == "Absent"
    assert report.watermark.found and report.watermark.payload == payload_for(clips.video_id)


def test_unmarked_video_has_nothing(clips: Clips) -> None:
    report = verify(clips.plain, settings=clips.settings)
    assert report.c2pa.state == "Absent"
    assert not report.watermark.found and report.watermark.payload is None
    assert report.audio_watermark is not None and not report.audio_watermark.found
    assert report.verdict.startswith("no provenance found")


@pytest.mark.slow
def test_cli_verify_json(clips: Clips) -> None:
    env = {"CINESTRA_DATA_DIR": str(clips.settings.data_dir)}
    result = CliRunner().invoke(app, ["verify", str(clips.signed), "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"c2pa", "watermark", "audio_watermark", "verdict"}
    assert data["c2pa"]["state"] == "Trusted"
    assert data["watermark"]["found"] is True
    assert data["watermark"]["payload"] == payload_for(clips.video_id).hex
    assert {"found", "payload", "confidence", "bit_accuracy"} <= set(data["watermark"])
