"""Reading the body of POST /v1/videos: JSON, or multipart/form-data streamed part by part.

An `input_reference` upload is refused by its declared type as soon as its part headers
arrive, and by its size as soon as it grows past the limit (or at once, from the request's
Content-Length), so an oversized or non-video file is never read whole. What is kept is
checked again by its first bytes (a ".mp4" that is really text is refused).
"""

from __future__ import annotations

import base64
import binascii
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl

from fastapi import Request
from python_multipart.multipart import MultipartParser, parse_options_header

from cinestra.server.api.errors import ApiError

# Declared type → file suffix. Images and videos both guide generation, as in OpenAI's API.
REFERENCE_TYPES = {"video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm",
                   "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
MAX_FIELD_BYTES = 64 * 1024  # prompt and the other text fields
MAX_FIELDS = 32
PARAM = "input_reference"


@dataclass
class CreateBody:
    fields: dict[str, Any] = field(default_factory=dict)
    reference: Path | None = None  # a temporary file; the caller stores then removes it
    reference_suffix: str = ""


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"{PARAM}: larger than {limit} bytes", param=PARAM,
                    code="file_too_large")


def sniff(head: bytes) -> str | None:
    """The suffix of what `head` (the first bytes of a file) really is, if it is allowed."""
    if head[4:8] == b"ftyp":
        return ".mov" if head[8:10] == b"qt" else ".mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return ".webm"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return None


def _check_content(path: Path, declared: str) -> None:
    with path.open("rb") as handle:
        real = sniff(handle.read(16))
    if real is None or (real in (".mp4", ".mov")) != (declared in (".mp4", ".mov")) or (
            real not in (".mp4", ".mov") and real != declared):
        raise ApiError(400, f"{PARAM}: the file's content is not the {declared} it claims to be",
                       param=PARAM, code="invalid_file")


class _Parts:
    """python-multipart callbacks collecting text fields and at most one reference file."""

    def __init__(self, body: CreateBody, limit: int) -> None:
        self.body, self.limit = body, limit
        self.headers: dict[str, str] = {}
        self.header_field = b""
        self.header_value = b""
        self.name = ""
        self.text: bytearray | None = None
        self.file: IO[bytes] | None = None
        self.file_bytes = 0

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_field.decode("latin-1").lower()] = self.header_value.decode(
            "latin-1")
        self.header_field = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get("content-disposition", ""))
        self.name = options.get(b"name", b"").decode("utf-8", "replace")
        self.text, self.file = None, None
        if b"filename" not in options:
            if len(self.body.fields) >= MAX_FIELDS:
                raise ApiError(400, "too many form fields", code="invalid_value")
            self.text = bytearray()
            return
        if self.name != PARAM:
            return  # an unknown file field: ignored, like unknown fields, and not stored
        declared = self.headers.get("content-type", "").split(";")[0].strip().lower()
        if declared not in REFERENCE_TYPES:
            raise ApiError(415, f"{PARAM}: type {declared or 'missing'!r} is not accepted; use "
                           + ", ".join(REFERENCE_TYPES), param=PARAM, code="unsupported_file")
        if self.body.reference is not None:
            raise ApiError(400, f"{PARAM}: only one file", param=PARAM, code="invalid_value")
        self.body.reference_suffix = REFERENCE_TYPES[declared]
        # Closed in on_part_end (or close() on an error): it outlives this callback.
        self.file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="cinestra-upload-", delete=False)
        self.body.reference = Path(self.file.name)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.text is not None:
            self.text += data[start:end]
            if len(self.text) > MAX_FIELD_BYTES:
                raise ApiError(400, f"{self.name}: longer than {MAX_FIELD_BYTES} bytes",
                               param=self.name or None, code="invalid_value")
        elif self.file is not None:
            self.file_bytes += end - start
            if self.file_bytes > self.limit:
                raise _too_large(self.limit)
            self.file.write(data[start:end])

    def on_part_end(self) -> None:
        if self.text is not None:
            self.body.fields[self.name] = self.text.decode("utf-8", "replace")
        if self.file is not None:
            self.file.close()
        self.headers, self.text, self.file = {}, None, None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body larger than {limit} bytes", code="body_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def _data_url(reference: dict[str, str], body: CreateBody, limit: int) -> None:
    """A JSON `input_reference`: only an inline data: URL (the server fetches nothing)."""
    url = reference.get("image_url", "")
    if not url.startswith("data:") or "," not in url:
        raise ApiError(400, f"{PARAM}: give a data: URL in image_url, or upload the file "
                       "as multipart/form-data (file ids and remote URLs are not fetched)",
                       param=PARAM, code="invalid_value")
    header, payload = url[5:].split(",", 1)
    declared = header.split(";")[0].lower()
    if declared not in REFERENCE_TYPES:
        raise ApiError(415, f"{PARAM}: type {declared!r} is not accepted", param=PARAM,
                       code="unsupported_file")
    if len(payload) * 3 // 4 > limit:
        raise _too_large(limit)
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, f"{PARAM}: the data URL is not valid base64", param=PARAM,
                       code="invalid_value") from None
    with tempfile.NamedTemporaryFile(prefix="cinestra-upload-", delete=False) as handle:
        handle.write(data)
    body.reference, body.reference_suffix = Path(handle.name), REFERENCE_TYPES[declared]


async def read_create_body(request: Request, *, max_upload_bytes: int) -> CreateBody:
    """The fields of a create request and its reference file (type- and size-checked)."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    declared_length = int(request.headers.get("content-length") or 0)
    body = CreateBody()
    if content_type == b"multipart/form-data":
        if declared_length > max_upload_bytes + MAX_FIELDS * MAX_FIELD_BYTES:
            raise _too_large(max_upload_bytes)
        if b"boundary" not in options:
            raise ApiError(400, "multipart body without a boundary", code="invalid_value")
        parts = _Parts(body, max_upload_bytes)
        parser = MultipartParser(options[b"boundary"], {
            "on_header_field": parts.on_header_field, "on_header_value": parts.on_header_value,
            "on_header_end": parts.on_header_end,
            "on_headers_finished": parts.on_headers_finished,
            "on_part_data": parts.on_part_data, "on_part_end": parts.on_part_end})
        try:
            async for chunk in request.stream():
                parser.write(chunk)
            parser.finalize()
        except ApiError:
            parts.close()
            discard(body)
            raise
        except Exception as error:  # malformed multipart
            parts.close()
            discard(body)
            raise ApiError(400, f"malformed multipart body: {error}",
                           code="invalid_value") from None
    elif content_type in (b"application/json", b""):
        raw = await _read_limited(request, MAX_FIELDS * MAX_FIELD_BYTES)
        try:
            fields = json.loads(raw or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ApiError(400, "the body is not valid JSON", code="invalid_json") from None
        if not isinstance(fields, dict):
            raise ApiError(400, "the body must be a JSON object", code="invalid_json")
        body.fields = fields
        reference = fields.pop(PARAM, None)
        if reference is not None:
            if not isinstance(reference, dict):
                raise ApiError(400, f"{PARAM}: must be an object with image_url", param=PARAM,
                               code="invalid_value")
            _data_url(reference, body, max_upload_bytes)
    elif content_type == b"application/x-www-form-urlencoded":  # fields only, no file
        raw = await _read_limited(request, MAX_FIELDS * MAX_FIELD_BYTES)
        pairs = parse_qsl(raw.decode("utf-8", "replace"), max_num_fields=MAX_FIELDS)
        body.fields = dict(pairs)
    else:
        raise ApiError(415, "send application/json or multipart/form-data",
                       code="unsupported_media_type")
    if body.reference is not None:
        try:
            _check_content(body.reference, body.reference_suffix)
        except ApiError:
            discard(body)
            raise
    return body


def discard(body: CreateBody) -> None:
    if body.reference is not None:
        body.reference.unlink(missing_ok=True)
        body.reference = None
