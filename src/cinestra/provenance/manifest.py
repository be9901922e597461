"""C2PA manifests: `sign_mp4` embeds a signed manifest, `read_manifest` validates one.

The manifest says what made the video: a ``c2pa.created`` action with digitalSourceType
``trainedAlgorithmicMedia`` and the software agent (name, version, engine); a
``c2pa.soft-binding`` assertion naming the invisible watermark and its payload; a
``org.cinestra.generation`` assertion with the video id and the SHA-256 of the prompt (never
the prompt itself); a ``parentOf`` ingredient for a remix and a ``componentOf`` ingredient
per cameo with its consent record id. No timestamp authority is used (offline) and no
thumbnail is embedded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import c2pa  # type: ignore[import-untyped]

from cinestra import __version__
from cinestra.errors import CinestraError, InvalidRequest, OutputError
from cinestra.provenance.keys import SigningKeys
from cinestra.provenance.payload import payload_for

TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
SOFT_BINDING_ALG = "org.cinestra.tiled-luma.v1"
GENERATION_LABEL = "org.cinestra.generation"
MIME = "video/mp4"


class SigningFailed(CinestraError, RuntimeError):
    """The C2PA library refused to sign (bad key/chain, unsupported file)."""


@dataclass(frozen=True)
class CameoIngredient:
    cameo_id: str
    consent_record_id: str
    title: str = ""


@dataclass(frozen=True)
class Manifest:
    """What a Cinestra video's C2PA manifest records."""

    video_id: str
    prompt: str
    engine: str
    software_version: str = __version__
    remix_parent: Path | str | None = None  # a signed parent file, or its video id
    cameos: list[CameoIngredient] = field(default_factory=list)
    title: str = ""


@dataclass(frozen=True)
class ManifestReading:
    """A validated manifest: state Trusted / Valid / Invalid / Absent and failure codes."""

    state: str
    reasons: list[str]
    video_id: str | None = None
    engine: str | None = None
    software: str | None = None
    signer: str | None = None
    ingredients: list[str] = field(default_factory=list)


def prompt_hash(prompt: str) -> str:
    return hashlib.sha256(prompt.encode("utf-8")).hexdigest()


def manifest_definition(manifest: Manifest) -> dict[str, Any]:
    """The manifest definition the C2PA builder takes."""
    payload = payload_for(manifest.video_id)
    agent = {"name": "cinestra", "version": manifest.software_version,
             "engine": manifest.engine}
    ingredients: list[dict[str, Any]] = []
    if isinstance(manifest.remix_parent, str):
        ingredients.append({"title": manifest.remix_parent, "format": MIME,
                            "relationship": "parentOf",
                            "instance_id": f"cinestra:{manifest.remix_parent}"})
    for cameo in manifest.cameos:
        ingredients.append({"title": cameo.title or f"cameo {cameo.cameo_id}",
                            "format": "application/octet-stream",
                            "relationship": "componentOf",
                            "instance_id": f"cinestra:cameo:{cameo.cameo_id}",
                            "metadata": {"org.cinestra.consent_record":
                                         cameo.consent_record_id}})
    return {
        "claim_generator_info": [{"name": "cinestra", "version": manifest.software_version}],
        "title": manifest.title or f"{manifest.video_id}.mp4",
        "format": MIME,
        "assertions": [
            {"label": "c2pa.actions.v2", "data": {"actions": [{
                "action": "c2pa.created", "digitalSourceType": TRAINED,
                "softwareAgent": agent}]}},
            {"label": "c2pa.soft-binding", "data": {
                "alg": SOFT_BINDING_ALG,
                "blocks": [{"scope": {}, "value": base64.b64encode(
                    payload.tag.to_bytes(4, "big")).decode("ascii")}]}},
            {"label": GENERATION_LABEL, "data": {
                "video_id": manifest.video_id, "prompt_sha256": prompt_hash(manifest.prompt),
                "engine": manifest.engine, "watermark_payload": payload.hex}},
        ],
        "ingredients": ingredients,
    }


def sign_mp4(source: Path, dest: Path, *, manifest: Manifest, signer: SigningKeys) -> None:
    """Write `source` with a signed C2PA manifest to `dest` (atomically; may equal source)."""
    definition = manifest_definition(manifest)
    settings = c2pa.Settings.from_dict({"builder": {"thumbnail": {"enabled": False}}})
    handle, temp_name = _temp_next_to(dest)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w+b") as out, open(source, "rb") as src, \
                c2pa.Context(settings) as context, \
                c2pa.Builder(json.dumps(definition), context) as builder:
            if isinstance(manifest.remix_parent, Path):
                with open(manifest.remix_parent, "rb") as parent:
                    builder.add_ingredient({"title": manifest.remix_parent.name,
                                            "relationship": "parentOf"}, MIME, parent)
            info = c2pa.C2paSignerInfo(signer.alg.encode(), signer.cert_chain,
                                       signer.private_key, None)
            with c2pa.Signer.from_info(info) as c2pa_signer:
                builder.sign(c2pa_signer, MIME, src, out)
        temp.chmod(0o644)
        os.replace(temp, dest)
    except c2pa.C2paError as error:
        temp.unlink(missing_ok=True)
        raise SigningFailed(f"C2PA signing of {source} failed: {error}") from error
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {dest}: {error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_manifest(path: Path, *, trust_anchors: bytes = b"") -> ManifestReading:
    """Validate the manifest of `path`; Trusted needs its chain to end at `trust_anchors`."""
    config: dict[str, Any] = {"verify": {"verify_trust": True}}
    if trust_anchors:
        config["trust"] = {"trust_anchors": trust_anchors.decode("ascii")}
    try:
        with open(path, "rb") as stream, \
                c2pa.Context(c2pa.Settings.from_dict(config)) as context, \
                c2pa.Reader(MIME, stream, None, context) as reader:
            state = reader.get_validation_state() or "Invalid"
            results = reader.get_validation_results() or {}
            active = reader.get_active_manifest() or {}
    except OSError as error:
        raise InvalidRequest(f"cannot read {path}: {error}") from error
    except c2pa.C2paError as error:
        if "ManifestNotFound" in str(error) or "JUMBF" in str(error):
            return ManifestReading(state="Absent", reasons=[])
        return ManifestReading(state="Invalid", reasons=[f"unreadable manifest: {error}"])
    failures = results.get("activeManifest", {}).get("failure", [])
    reasons = [f"{item.get('code')}: {item.get('explanation', '')}" for item in failures
               if not (state == "Valid" and item.get("code") == "signingCredential.untrusted")]
    if state == "Valid":
        reasons.append("signingCredential.untrusted: the signer is not in the trust anchors")
    return _reading(state=state, reasons=reasons, active=active)


def _reading(*, state: str, reasons: list[str], active: dict[str, Any]) -> ManifestReading:
    generation: dict[str, Any] = {}
    software = None
    for assertion in active.get("assertions", []):
        if assertion.get("label") == GENERATION_LABEL:
            generation = assertion.get("data", {})
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            for action in assertion.get("data", {}).get("actions", []):
                agent = action.get("softwareAgent") or {}
                if isinstance(agent, dict):
                    software = f"{agent.get('name')} {agent.get('version')}"
    signature = active.get("signature_info", {})
    return ManifestReading(
        state=state, reasons=reasons, video_id=generation.get("video_id"),
        engine=generation.get("engine"), software=software,
        signer=signature.get("common_name") or signature.get("issuer"),
        ingredients=[f"{item.get('relationship')}: {item.get('title')}"
                     for item in active.get("ingredients", [])])


def _temp_next_to(dest: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as error:
        raise OutputError(f"cannot write {dest}: {error}") from error
