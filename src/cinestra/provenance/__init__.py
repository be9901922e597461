"""Provenance: invisible watermarks in picture and sound, a moving visible mark, signed C2PA
manifests, and `verify` to read them back. See docs/provenance.md."""

from cinestra.provenance.audio import AudioResult, detect_audio, mark_audio
from cinestra.provenance.keys import KeysMissing, SigningKeys, init_keys, load_signing_keys
from cinestra.provenance.manifest import (
    CameoIngredient,
    Manifest,
    ManifestReading,
    SigningFailed,
    read_manifest,
    sign_mp4,
)
from cinestra.provenance.payload import Payload, new_video_id, payload_for
from cinestra.provenance.verify import VerifyReport, verify
from cinestra.provenance.video import FrameMarker, WatermarkResult, detect_video

__all__ = [
    "AudioResult", "CameoIngredient", "FrameMarker", "KeysMissing", "Manifest",
    "ManifestReading", "Payload", "SigningFailed", "SigningKeys", "VerifyReport",
    "WatermarkResult", "detect_audio", "detect_video", "init_keys", "load_signing_keys",
    "mark_audio", "new_video_id", "payload_for", "read_manifest", "sign_mp4", "verify",
]
