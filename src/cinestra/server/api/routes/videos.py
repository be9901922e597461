"""/v1/videos, compatible with OpenAI's Videos API. Handlers stay thin: they validate,
write the job row, hand the id to the workers and answer; no media work happens here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import ValidationError

from cinestra.errors import InvalidRequest
from cinestra.provenance import new_video_id
from cinestra.render.engines import check_engine, engine_problem
from cinestra.request import check_request
from cinestra.safety import load_policy, screen_prompt
from cinestra.server.api.deps import Components, ComponentsDep, CurrentUser, SessionDep
from cinestra.server.api.errors import ApiError
from cinestra.server.api.schemas import (
    ErrorBody,
    VideoCreate,
    VideoDeleted,
    VideoPublic,
    VideoRemix,
    VideosPublic,
)
from cinestra.server.api.uploads import CreateBody, discard, read_create_body
from cinestra.server.db.models import COMPLETED, Organisation, User, Video
from cinestra.server.limits import quota_left
from cinestra.server.storage import BlobMissing
from cinestra.server.videos import (
    DEFAULT_MODEL,
    MODELS,
    VARIANTS,
    create_video,
    delete_video,
    get_owned,
    input_key,
    list_page,
    published_key,
)

router = APIRouter(prefix="/v1/videos", tags=["videos"])
DEFAULT_SIZE = "720x1280"
POLL_AFTER_MS = "1000"  # the openai client's poll helper reads this header

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in (
        (400, "Bad value; `param` names the field"), (401, "Missing or wrong API key"),
        (403, "Not allowed"), (404, "No such video for this key"), (409, "Not ready"),
        (413, "Upload too large"), (415, "Unsupported upload type"),
        (429, "Rate limit or quota reached"))}
_CREATE_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": VideoCreate.model_json_schema()},
    "multipart/form-data": {"schema": {
        "type": "object", "required": ["prompt"],
        "properties": {**{name: {"type": "string"} for name in (
            "prompt", "model", "seconds", "size", "engine", "fps", "seed", "style")},
            "input_reference": {"type": "string", "format": "binary"}}}}}}}


def _not_found(video_id: str) -> ApiError:
    return ApiError(404, f"No video found with id {video_id!r}.", param="video_id",
                    code="video_not_found")


def _owned(session: SessionDep, user: User, video_id: str) -> Video:
    video = get_owned(session=session, owner=user, video_id=video_id)
    if video is None:
        raise _not_found(video_id)
    return video


def _check_fields(fields: dict[str, Any]) -> VideoCreate:
    try:
        return VideoCreate.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        param = ".".join(str(part) for part in first["loc"]) or None
        raise ApiError(400, f"{param}: {first['msg']}", param=param,
                       code="invalid_value") from None


def _screen(components: Components, session: SessionDep, user: User, prompt: str) -> None:
    """Refuse a blocked prompt at the door (the worker screens again, frames included)."""
    organisation = (session.get(Organisation, user.organisation_id)
                    if user.organisation_id is not None else None)
    verdict = screen_prompt(prompt, policy=load_policy(components.settings.safety_policy),
                            organisation=organisation.policy if organisation else None)
    if verdict.decision == "block":
        raise ApiError(400, verdict.reason, code="moderation_blocked")


def _queue(components: Components, user_id: int, body: CreateBody, *,
           remixed_from: str | None = None) -> VideoPublic:
    """Validate everything, then store the reference, write the row and dispatch."""
    fields = dict(body.fields)
    if isinstance(fields.pop("input_reference", None), str):
        raise ApiError(400, "input_reference: upload a file (multipart) or give a data: URL",
                       param="input_reference", code="invalid_value")
    create = _check_fields(fields)
    model = create.model or DEFAULT_MODEL
    if model not in MODELS:
        raise ApiError(400, f"model: unknown model {model!r}; choose one of {', '.join(MODELS)}",
                       param="model", code="invalid_value")
    if create.engine is not None and create.engine != MODELS[model]:
        raise ApiError(400, f"engine: {create.engine!r} is not the engine of model {model!r} "
                            f"({MODELS[model]})", param="engine", code="invalid_value")
    problem = engine_problem(check_engine(MODELS[model]), components.settings)
    if problem is not None:  # said now, not as a failed job later
        raise ApiError(400, f"model: {model!r} is not available on this server: {problem}",
                       param="model", code="model_not_available")
    request = check_request(prompt=create.prompt, seconds=create.seconds or "4",
                            size=create.size or DEFAULT_SIZE, fps=create.fps or 24,
                            seed=create.seed or 0, style=create.style, engine=MODELS[model])
    if create.cameo_ids:
        raise ApiError(403, "cameo_ids: no cameo on this server has granted you its use",
                       param="cameo_ids", code="cameo_permission_denied")
    with components.sessions() as session:
        user = session.get(User, user_id)
        assert user is not None, "the authenticated user exists"
        _screen(components, session, user, request.prompt)
        spent = quota_left(session=session, user=user, settings=components.settings)
        if spent:
            raise ApiError(429, spent, type="insufficient_quota", code="insufficient_quota")
        video_id = new_video_id()
        reference = None
        if body.reference is not None:
            reference = input_key(video_id, body.reference_suffix)
            components.store.put_file(reference, body.reference)
        video = create_video(session=session, owner=user, request=request, model=model,
                             video_id=video_id, remixed_from=remixed_from,
                             input_reference_key=reference)
        public = VideoPublic.of(video)
        session.commit()
    components.jobs.dispatch(video_id)
    return public


@router.post("", response_model=VideoPublic, responses=_ERRORS, openapi_extra=_CREATE_BODY,
             summary="Create a video")
async def create(request: Request, user: CurrentUser, components: ComponentsDep) -> VideoPublic:
    body = await read_create_body(request,
                                  max_upload_bytes=components.settings.max_upload_bytes)
    try:
        return await run_in_threadpool(_queue, components, user.id, body)
    finally:
        discard(body)


@router.get("", response_model=VideosPublic, responses=_ERRORS, summary="List videos")
def list_videos(
    session: SessionDep, user: CurrentUser,
    after: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    order: Annotated[Literal["asc", "desc"], Query()] = "desc",
) -> VideosPublic:
    videos, has_more = list_page(session=session, owner=user, after=after, limit=limit,
                                 order=order)
    data = [VideoPublic.of(video) for video in videos]
    return VideosPublic(data=data, first_id=data[0].id if data else None,
                        last_id=data[-1].id if data else None, has_more=has_more)


@router.get("/{video_id}", response_model=VideoPublic, responses=_ERRORS,
            summary="Retrieve a video")
def retrieve(video_id: str, session: SessionDep, user: CurrentUser,
             response: Response) -> VideoPublic:
    video = _owned(session, user, video_id)
    response.headers["openai-poll-after-ms"] = POLL_AFTER_MS
    return VideoPublic.of(video)


@router.delete("/{video_id}", response_model=VideoDeleted, responses=_ERRORS,
               summary="Delete a video (a running job is cancelled)")
def delete(video_id: str, session: SessionDep, user: CurrentUser,
           components: ComponentsDep) -> VideoDeleted:
    video = _owned(session, user, video_id)
    delete_video(session=session, store=components.store, video=video)
    session.commit()
    return VideoDeleted(id=video_id)


@router.get("/{video_id}/content", responses={
    **_ERRORS, 200: {"content": {kind: {} for _, kind in VARIANTS.values()},
                     "description": "The MP4, or a still image"}},
    response_class=Response, summary="Download the video, its thumbnail or spritesheet")
def content(video_id: str, session: SessionDep, user: CurrentUser, components: ComponentsDep,
            variant: Annotated[Literal["video", "thumbnail", "spritesheet"],
                               Query()] = "video") -> Response:
    video = _owned(session, user, video_id)
    if video.status != COMPLETED:
        raise ApiError(409, f"Video {video_id!r} is {video.status}; its content is not ready.",
                       param="video_id", code="video_not_ready")
    key, media_type = published_key(video_id, variant), VARIANTS[variant][1]
    local: Path | None = components.store.local_path(key)
    if local is not None:
        if not local.is_file():
            raise ApiError(404, f"The {variant} of {video_id!r} has expired or been removed.",
                           param="variant", code="content_not_found")
        return FileResponse(local, media_type=media_type)
    try:
        size = components.store.size(key)
    except BlobMissing:
        raise ApiError(404, f"The {variant} of {video_id!r} has expired or been removed.",
                       param="variant", code="content_not_found") from None
    return StreamingResponse(components.store.read(key), media_type=media_type,
                             headers={"Content-Length": str(size)})


@router.post("/{video_id}/remix", response_model=VideoPublic, responses=_ERRORS,
             summary="Remix a completed video with a new prompt")
async def remix(video_id: str, body: VideoRemix, user: CurrentUser,
                components: ComponentsDep) -> VideoPublic:
    def source_fields() -> dict[str, Any]:
        with components.sessions() as session:
            source = _owned(session, user, video_id)
            if source.status != COMPLETED:
                raise ApiError(409, f"Video {video_id!r} is {source.status}; only a completed "
                               "video can be remixed.", param="video_id", code="video_not_ready")
            return {"prompt": body.prompt, "model": source.model, "seconds": source.seconds,
                    "size": source.size, "fps": source.fps, "seed": source.seed,
                    "style": source.style}

    fields = await run_in_threadpool(source_fields)
    try:
        return await run_in_threadpool(_queue, components, user.id, CreateBody(fields=fields),
                                       remixed_from=video_id)
    except InvalidRequest as error:  # the new prompt is the only field the client chose
        raise ApiError(400, str(error), param="prompt", code="invalid_value") from None
