"""Bad input: unknown fields are ignored, bad values are answered 400 naming the field,
and an oversized or non-video `input_reference` is refused by its declared type and size
before the server reads it whole."""

from __future__ import annotations

import asyncio
import base64
import io
import json
from typing import Any

import pytest
from fastapi import FastAPI
from PIL import Image

from tests.server.conftest import Api
from tests.utils.server import PROMPT

SMALL = {"prompt": PROMPT, "size": "360x640"}
CHUNK = 64 * 1024


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_unknown_fields_are_ignored(api: Api) -> None:
    response = api.client.post("/v1/videos", headers=api.alice,
                               json={**SMALL, "quality": "ultra", "nested": {"a": [1]}})
    assert response.status_code == 200 and "quality" not in response.json()
    form = api.client.post("/v1/videos", headers=api.alice,
                           data={**SMALL, "mystery": "yes"})
    assert form.status_code == 200 and form.json()["size"] == "360x640"


@pytest.mark.parametrize(("fields", "param"), [
    ({"size": "1024x1792"}, "size"), ({"size": 7}, "size"), ({"seconds": "2"}, "seconds"),
    ({"seconds": "many"}, "seconds"), ({"model": "sora-9"}, "model"), ({"fps": 60}, "fps"),
    ({"seed": -1}, "seed"), ({"seed": "abc"}, "seed"), ({"prompt": "   "}, "prompt"),
    ({"prompt": None}, "prompt"), ({"engine": "diffusion"}, "engine"),
    ({"model": "cinestra-ltx2"}, "model"), ({"model": "cinestra-wan", "engine": "wan"}, "model"),
    ({"style": "baroque-ish"}, "style"), ({"style": 3}, "style"),
    ({"input_reference": {"image_url": "https://example.com/a.png"}}, "input_reference"),
    ({"input_reference": "not an object"}, "input_reference"),
])
def test_bad_values_name_their_field(api: Api, fields: dict[str, Any], param: str) -> None:
    response = api.client.post("/v1/videos", headers=api.alice, json={**SMALL, **fields})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["param"] == param and error["type"] == "invalid_request_error"
    assert error["message"].startswith(param)


def test_a_neural_model_without_weights_is_refused_at_the_door(api: Api) -> None:
    response = api.client.post("/v1/videos", headers=api.alice,
                               json={**SMALL, "model": "cinestra-wan"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "model_not_available" and "CINESTRA_WAN_WEIGHTS" in error["message"]
    assert api.client.get("/v1/videos", headers=api.alice).json()["data"] == []


def test_style_is_kept_with_the_job_and_shown(api: Api) -> None:
    created = api.client.post("/v1/videos", headers=api.alice, json={**SMALL, "style": "noir"})
    assert created.status_code == 200, created.text
    assert created.json()["style"] == "noir"
    form = api.client.post("/v1/videos", headers=api.alice, data={**SMALL, "style": "anime"})
    assert form.status_code == 200 and form.json()["style"] == "anime"
    plain = api.client.post("/v1/videos", headers=api.alice, json=SMALL)
    assert plain.json()["style"] is None


def test_missing_prompt_and_bad_bodies(api: Api) -> None:
    missing = api.client.post("/v1/videos", headers=api.alice, json={"size": "360x640"})
    assert (missing.status_code, missing.json()["error"]["param"]) == (400, "prompt")
    for content in (b"{not json", b"[1, 2]"):
        response = api.client.post("/v1/videos", headers={
            **api.alice, "Content-Type": "application/json"}, content=content)
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_json"
    xml = api.client.post("/v1/videos", headers={**api.alice, "Content-Type": "text/xml"},
                          content=b"<video/>")
    assert xml.status_code == 415


@pytest.mark.parametrize(("query", "param"), [
    ("limit=0", "limit"), ("limit=1000", "limit"), ("limit=ten", "limit"),
    ("order=sideways", "order")])
def test_bad_list_parameters(api: Api, query: str, param: str) -> None:
    response = api.client.get(f"/v1/videos?{query}", headers=api.alice)
    assert (response.status_code, response.json()["error"]["param"]) == (400, param)


def test_bad_variant_and_not_ready(api: Api) -> None:
    video_id = api.client.post("/v1/videos", headers=api.alice, json=SMALL).json()["id"]
    gif = api.client.get(f"/v1/videos/{video_id}/content?variant=gif", headers=api.alice)
    assert (gif.status_code, gif.json()["error"]["param"]) == (400, "variant")
    early = api.client.get(f"/v1/videos/{video_id}/content", headers=api.alice)
    assert (early.status_code, early.json()["error"]["code"]) == (409, "video_not_ready")
    remix = api.client.post(f"/v1/videos/{video_id}/remix", headers=api.alice,
                            json={"prompt": PROMPT})
    assert remix.status_code == 409


def test_a_real_image_reference_is_stored(api: Api) -> None:
    response = api.client.post("/v1/videos", headers=api.alice, data=SMALL,
                               files={"input_reference": ("ref.png", png_bytes(), "image/png")})
    assert response.status_code == 200, response.text
    video_id = response.json()["id"]
    assert api.components.store.keys(f"inputs/{video_id}/") == [
        f"inputs/{video_id}/reference.png"]
    inline = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    as_json = api.client.post("/v1/videos", headers=api.alice,
                              json={**SMALL, "input_reference": {"image_url": inline}})
    assert as_json.status_code == 200, as_json.text


def test_a_file_that_lies_about_its_type_is_refused(api: Api) -> None:
    response = api.client.post("/v1/videos", headers=api.alice, data=SMALL, files={
        "input_reference": ("clip.mp4", b"#!/bin/sh\necho not a video\n" * 10, "video/mp4")})
    assert response.status_code == 400
    assert response.json()["error"] | {"message": ""} == {
        "message": "", "type": "invalid_request_error", "param": "input_reference",
        "code": "invalid_file"}
    assert api.components.store.keys("inputs/") == []


# Direct ASGI calls, to count how much of the body the server asked for.

def multipart(file_type: str, file_size: int, boundary: str = "b0undary") -> list[bytes]:
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\n{PROMPT}"
            f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"input_reference\"; "
            f"filename=\"big\"\r\nContent-Type: {file_type}\r\n\r\n").encode()
    body = head + b"\0" * file_size + f"\r\n--{boundary}--\r\n".encode()
    return [body[start:start + CHUNK] for start in range(0, len(body), CHUNK)]


def call(app: FastAPI, key_headers: dict[str, str], chunks: list[bytes], *,
         content_length: bool) -> tuple[int, dict[str, Any], int]:
    """POST the chunks to /v1/videos; returns (status, JSON body, chunks the app read)."""
    consumed = 0

    async def receive() -> dict[str, Any]:
        nonlocal consumed
        if consumed < len(chunks):
            consumed += 1
            return {"type": "http.request", "body": chunks[consumed - 1],
                    "more_body": consumed < len(chunks)}
        return {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-type", b"multipart/form-data; boundary=b0undary"),
               (b"authorization", key_headers["Authorization"].encode())]
    if content_length:
        headers.append((b"content-length", str(sum(map(len, chunks))).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/v1/videos",
             "raw_path": b"/v1/videos", "query_string": b"", "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    body = b"".join(message.get("body", b"") for message in sent[1:])
    return sent[0]["status"], json.loads(body), consumed


def test_uploads_are_refused_before_being_read_whole(api: Api) -> None:
    app: FastAPI = api.client.app  # type: ignore[assignment]
    limit = api.components.settings.max_upload_bytes
    # Declared type: refused as soon as the part's headers arrive.
    chunks = multipart("text/plain", 4 * 1024 * 1024)
    status, body, read = call(app, api.alice, chunks, content_length=False)
    assert (status, body["error"]["code"], body["error"]["param"]) == (
        415, "unsupported_file", "input_reference")
    assert read <= 2 < len(chunks)
    # Declared size: refused from Content-Length, before any byte of the body.
    chunks = multipart("video/mp4", limit + 3 * 1024 * 1024)
    status, body, read = call(app, api.alice, chunks, content_length=True)
    assert (status, body["error"]["code"], read) == (413, "file_too_large", 0)
    # No Content-Length (chunked): refused as soon as the file passes the limit.
    status, body, read = call(app, api.alice, chunks, content_length=False)
    assert (status, body["error"]["code"]) == (413, "file_too_large")
    assert read <= limit // CHUNK + 2 < len(chunks)
    assert api.components.store.keys("inputs/") == []
