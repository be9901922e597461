"""Shapes of /v1/videos, as OpenAI's Videos API defines them, plus Cinestra's extras.

Input, storage and output shapes differ on purpose: `VideoCreate` (what a client may send;
unknown fields are ignored), the `Video` table row, `VideoPublic` (what is shown).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cinestra.server.db.models import Video

Status = Literal["queued", "in_progress", "completed", "failed"]


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class VideoCreate(BaseModel):
    """POST /v1/videos, as JSON or multipart/form-data (then `input_reference` may be a file)."""

    model_config = ConfigDict(extra="ignore")

    prompt: str = Field(description="What to film, in English or French.")
    model: str | None = Field(None, description="cinestra-previz (sora-2 and sora-2-pro are "
                                                "accepted as its aliases).")
    seconds: str | None = Field(None, description="Clip length, 4 to 60 (default 4).")
    size: str | None = Field(None, description="WIDTHxHEIGHT, one of the supported sizes "
                                               "(default 720x1280).")
    input_reference: dict[str, str] | None = Field(
        None, description="A reference image or video: a multipart file upload, or "
                          '{"image_url": "data:image/png;base64,..."} in JSON.')
    # Cinestra's extras
    engine: str | None = Field(None, description="Rendering engine (default previz).")
    fps: int | None = Field(None, description="24 or 30 (default 24).")
    seed: int | None = Field(None, description="Same prompt and seed, same video.")
    style: str | None = Field(None, description="A look for every shot (cinematic, noir, "
                                                "cartoon, anime, vintage...), over the prompt's.")
    cameo_ids: list[str] | None = Field(None, description="Cameos to appear (consent needed).")


class VideoRemix(BaseModel):
    model_config = ConfigDict(extra="ignore")

    prompt: str


class VideoError(BaseModel):
    code: str
    message: str


class VideoPublic(BaseModel):
    id: str
    object: Literal["video"] = "video"
    model: str
    status: Status
    progress: int
    created_at: int
    completed_at: int | None = None
    expires_at: int | None = None
    prompt: str | None = None
    seconds: str
    size: str
    remixed_from_video_id: str | None = None
    error: VideoError | None = None
    style: str | None = None  # Cinestra's extra: the look the caller chose, if any

    @classmethod
    def of(cls, video: Video) -> VideoPublic:
        error = (VideoError(code=video.error_code, message=video.error_message or "")
                 if video.error_code else None)
        return cls(id=video.id, model=video.model, status=video.status,
                   progress=video.progress, created_at=int(video.created_at),
                   completed_at=int(video.completed_at) if video.completed_at else None,
                   expires_at=int(video.expires_at) if video.expires_at else None,
                   prompt=video.prompt, seconds=video.seconds, size=video.size,
                   remixed_from_video_id=video.remixed_from_video_id, error=error,
                   style=video.style)


class VideosPublic(BaseModel):
    object: Literal["list"] = "list"
    data: list[VideoPublic]
    first_id: str | None = None
    last_id: str | None = None
    has_more: bool


class VideoDeleted(BaseModel):
    id: str
    object: Literal["video.deleted"] = "video.deleted"
    deleted: bool = True
