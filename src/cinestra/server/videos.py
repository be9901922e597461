"""Video rows: create, find (always through the owner), list a page, delete, expire.

Every lookup takes the owner: another user's video is "not found", never "forbidden",
so ids cannot be probed.
"""

from __future__ import annotations

import time

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cinestra.provenance import new_video_id
from cinestra.request import VideoRequest
from cinestra.server.db.models import User, Video
from cinestra.server.storage import BlobStore

# Model names accepted by POST /v1/videos and the engine each runs. OpenAI's names map to
# the default engine so that unchanged Sora clients work.
DEFAULT_MODEL = "cinestra-previz"
MODELS = {DEFAULT_MODEL: "previz", "sora-2": "previz", "sora-2-pro": "previz",
          "cinestra-wan": "wan", "cinestra-ltx2": "ltx2"}
VARIANTS = {"video": ("video.mp4", "video/mp4"),
            "thumbnail": ("thumbnail.webp", "image/webp"),
            "spritesheet": ("spritesheet.jpg", "image/jpeg")}


def published_key(video_id: str, variant: str) -> str:
    return f"videos/{video_id}/{VARIANTS[variant][0]}"


def temp_prefix(video_id: str) -> str:
    """Where the attempts of a job write before publishing (never served)."""
    return f"tmp/{video_id}/"


def input_key(video_id: str, suffix: str) -> str:
    return f"inputs/{video_id}/reference{suffix}"


def seconds_text(request: VideoRequest) -> str:
    return str(request.seconds.numerator) if request.seconds.denominator == 1 else str(
        float(request.seconds))


def create_video(*, session: Session, owner: User, request: VideoRequest, model: str,
                 video_id: str | None = None, remixed_from: str | None = None,
                 input_reference_key: str | None = None) -> Video:
    video = Video(id=video_id or new_video_id(), owner_id=owner.id, status="queued", progress=0,
                  prompt=request.prompt, model=model, seconds=seconds_text(request),
                  size=request.size, fps=request.fps, seed=request.seed, style=request.style,
                  remixed_from_video_id=remixed_from, input_reference_key=input_reference_key,
                  attempts=0, created_at=time.time())
    session.add(video)
    session.flush()
    return video


def get_owned(*, session: Session, owner: User, video_id: str) -> Video | None:
    return session.scalar(select(Video).where(Video.id == video_id, Video.owner_id == owner.id))


def list_page(*, session: Session, owner: User, after: str | None, limit: int,
              order: str) -> tuple[list[Video], bool]:
    """One page of `owner`'s videos, newest first for "desc"; and whether more follow."""
    query = select(Video).where(Video.owner_id == owner.id)
    if after is not None:
        cursor = session.scalar(select(Video.seq).where(Video.id == after,
                                                        Video.owner_id == owner.id))
        if cursor is None:
            return [], False
        query = query.where(Video.seq < cursor if order == "desc" else Video.seq > cursor)
    query = query.order_by(Video.seq.desc() if order == "desc" else Video.seq.asc())
    rows = list(session.scalars(query.limit(limit + 1)))
    return rows[:limit], len(rows) > limit


def delete_video(*, session: Session, store: BlobStore, video: Video) -> None:
    """Remove the row (a running job notices and stops) and every blob of the video."""
    session.delete(video)
    session.flush()
    remove_blobs(store, video.id)


def remove_blobs(store: BlobStore, video_id: str) -> None:
    for prefix in (f"videos/{video_id}/", temp_prefix(video_id), f"inputs/{video_id}/"):
        store.delete_prefix(prefix)


def created_since(*, session: Session, owner_ids: list[int], since: float) -> int:
    return session.scalar(select(func.count()).select_from(Video).where(
        Video.owner_id.in_(owner_ids), Video.created_at >= since)) or 0


def purge_expired(*, session: Session, store: BlobStore, now: float | None = None) -> int:
    """Delete videos whose downloads expired (rows and blobs); returns how many."""
    now = time.time() if now is None else now
    expired = list(session.scalars(select(Video.id).where(Video.expires_at < now)))
    for video_id in expired:
        remove_blobs(store, video_id)
    if expired:
        session.execute(delete(Video).where(Video.id.in_(expired)))
    return len(expired)
