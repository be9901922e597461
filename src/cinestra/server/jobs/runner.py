"""Run one video job; the same code serves the in-process pool and Celery workers.

The job row is the truth. A worker first *claims* the row (queued → in_progress, one
conditional UPDATE that also bumps `attempts`), so a job delivered twice runs once. Every
later write checks that the row is still in_progress with this attempt number: a job that
was deleted (cancelled), or re-queued after this worker went silent, stops at the next
progress report and publishes nothing. Output goes to temporary keys, is published only
when all three files are there, and the row turns `completed` last; a crash anywhere
before that leaves a job that a later attempt redoes from the start.
"""

from __future__ import annotations

import errno
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.pipeline import Interrupted, generate
from cinestra.request import check_request
from cinestra.safety import ModerationBlocked
from cinestra.server.db.models import COMPLETED, FAILED, IN_PROGRESS, QUEUED, User, Video
from cinestra.server.previews import write_spritesheet, write_thumbnail
from cinestra.server.storage import BlobStore
from cinestra.server.videos import MODELS, VARIANTS, published_key, remove_blobs, temp_prefix

logger = logging.getLogger(__name__)

# Share of the progress bar per pipeline stage (start, end), in percent.
STAGE_SPAN = {"screen": (0, 2), "plan": (2, 5), "world": (5, 15), "sound": (15, 25),
              "render": (25, 90), "publish": (90, 96)}
REPORT_EVERY_S = 0.5  # progress writes to the database at most this often


class Outcome(Enum):
    COMPLETED = "completed"
    FAILED = "failed"
    REQUEUED = "requeued"  # a retryable failure (full disk...): another attempt will run
    SKIPPED = "skipped"  # not queued any more (done, running elsewhere, deleted)
    LOST = "lost"  # deleted or taken over while running: nothing published


@dataclass(frozen=True)
class JobContext:
    settings: Settings
    sessions: sessionmaker[Session]
    store: BlobStore
    dispatch: Callable[[str], None]  # hands a (re-)queued job id to the workers


def _rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def claim(sessions: sessionmaker[Session], video_id: str) -> int | None:
    """Take a queued job; returns this attempt's number, or None when it is not queued."""
    now = time.time()
    with sessions.begin() as session:
        taken = _rowcount(session.execute(
            update(Video).where(Video.id == video_id, Video.status == QUEUED)
            .values(status=IN_PROGRESS, attempts=Video.attempts + 1, progress=0,
                    heartbeat_at=now)))
        if not taken:
            return None
        return session.scalar(select(Video.attempts).where(Video.id == video_id))


def next_queued(sessions: sessionmaker[Session]) -> str | None:
    with sessions() as session:
        return session.scalar(select(Video.id).where(Video.status == QUEUED)
                              .order_by(Video.seq).limit(1))


def _owned(video_id: str, attempt: int) -> Any:
    return update(Video).where(Video.id == video_id, Video.attempts == attempt,
                               Video.status == IN_PROGRESS)


def requeue_orphans(context: JobContext, *, silent_for_s: float | None) -> list[str]:
    """Put back jobs left in_progress by a dead worker and hand them out again.

    `None` takes every in_progress job (a `serve` starting up is the only runner of its
    database); otherwise only those whose heartbeat is older than `silent_for_s`. A job
    that already used every attempt fails instead of looping on a crash.
    """
    query = select(Video.id, Video.attempts).where(Video.status == IN_PROGRESS)
    if silent_for_s is not None:
        query = query.where(Video.heartbeat_at < time.time() - silent_for_s)
    requeued = []
    with context.sessions.begin() as session:
        for video_id, attempts in session.execute(query).all():
            if attempts >= context.settings.job_max_attempts:
                session.execute(_owned(video_id, attempts).values(
                    status=FAILED, error_code="worker_lost",
                    error_message=f"the worker stopped during each of {attempts} attempts"))
                continue
            if _rowcount(session.execute(_owned(video_id, attempts).values(status=QUEUED))):
                requeued.append(video_id)
    for video_id in requeued:
        context.store.delete_prefix(temp_prefix(video_id))
        context.dispatch(video_id)
    if requeued:
        logger.warning("re-queued %d job(s) left in progress: %s", len(requeued), requeued)
    return requeued


class _Reporter:
    """Progress writes (throttled); notices when this attempt no longer owns the job."""

    def __init__(self, sessions: sessionmaker[Session], video_id: str, attempt: int,
                 stopping: Callable[[], bool]) -> None:
        self.sessions, self.video_id, self.attempt = sessions, video_id, attempt
        self.stopping = stopping
        self.lost = False
        self.last = 0.0
        self.lock = threading.Lock()

    def write(self, percent: int) -> bool:
        with self.lock, self.sessions.begin() as session:
            owned = _rowcount(session.execute(_owned(self.video_id, self.attempt).values(
                progress=percent, heartbeat_at=time.time())))
        self.lost = self.lost or not owned
        return owned > 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        start, end = STAGE_SPAN.get(stage, (0, 0))
        percent = start + (end - start) * done // max(total, 1)
        if time.monotonic() - self.last >= REPORT_EVERY_S:
            self.last = time.monotonic()
            self.write(percent)

    def should_stop(self) -> bool:
        return self.lost or self.stopping()


def _finish(context: JobContext, video_id: str, attempt: int, **values: Any) -> bool:
    with context.sessions.begin() as session:
        return _rowcount(session.execute(_owned(video_id, attempt).values(**values))) > 0


def _fail(context: JobContext, video_id: str, attempt: int, code: str, message: str) -> Outcome:
    logger.warning("job %s failed (%s): %s", video_id, code, message)
    done = _finish(context, video_id, attempt, status=FAILED, error_code=code,
                   error_message=message, completed_at=time.time())
    return Outcome.FAILED if done else Outcome.LOST


def _produce(context: JobContext, video: Video, handle: str, work: Path, attempt: int,
             reporter: _Reporter) -> None:
    """Generate, make the previews, upload to temporary keys, then publish all three."""
    request = check_request(prompt=video.prompt, seconds=video.seconds, size=video.size,
                            fps=video.fps, seed=video.seed, style=video.style,
                            engine=MODELS.get(video.model, "previz"))
    if video.input_reference_key:
        logger.info("job %s: input_reference is not used by the engines yet", video.id)
    clip = generate(request, output=work / "video.mp4", settings=context.settings,
                    handle=handle, video_id=video.id, on_progress=reporter,
                    should_stop=reporter.should_stop).path
    files = {"video": clip, "thumbnail": write_thumbnail(clip, work / "thumbnail.webp"),
             "spritesheet": write_spritesheet(clip, work / "spritesheet.jpg")}
    staged = f"{temp_prefix(video.id)}{attempt}/"
    for variant, path in files.items():
        context.store.put_file(staged + VARIANTS[variant][0], path)
    if not reporter.write(98):  # deleted or taken over while we uploaded
        raise Interrupted("the job is no longer ours")
    for variant in files:
        context.store.publish(staged + VARIANTS[variant][0], published_key(video.id, variant))


def _never() -> bool:
    return False


def run_job(context: JobContext, video_id: str, *,
            stopping: Callable[[], bool] = _never) -> Outcome:
    """Claim and run one job to its end; safe to call for any id, any number of times."""
    attempt = claim(context.sessions, video_id)
    if attempt is None:
        return Outcome.SKIPPED
    with context.sessions() as session:
        video = session.scalar(select(Video).where(Video.id == video_id))
        owner = session.get(User, video.owner_id) if video is not None else None
    if video is None or owner is None:
        return Outcome.LOST
    reporter = _Reporter(context.sessions, video_id, attempt, stopping)
    work = context.settings.data_dir / "work" / f"{video_id}-{attempt}"
    for stale in work.parent.glob(f"{video_id}-*"):  # what a killed attempt left behind
        shutil.rmtree(stale, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        _produce(context, video, owner.name, work, attempt, reporter)
        now = time.time()
        if _finish(context, video_id, attempt, status=COMPLETED, progress=100, completed_at=now,
                   expires_at=now + context.settings.video_ttl_s):
            return Outcome.COMPLETED
        with context.sessions() as session:
            gone = session.scalar(select(Video.seq).where(Video.id == video_id)) is None
        if gone:  # deleted between publishing and now
            remove_blobs(context.store, video_id)
        return Outcome.LOST
    except Interrupted:
        if reporter.lost or not _finish(context, video_id, attempt, status=QUEUED):
            return Outcome.LOST
        context.dispatch(video_id)  # our own shutdown: another start runs it
        return Outcome.REQUEUED
    except ModerationBlocked as error:
        return _fail(context, video_id, attempt, "moderation_blocked", str(error))
    except InvalidRequest as error:
        return _fail(context, video_id, attempt, "invalid_request", str(error))
    except EngineUnavailable as error:  # weights or libraries absent: retrying cannot help
        return _fail(context, video_id, attempt, "engine_unavailable", str(error))
    except Exception as error:  # the job's boundary: whatever broke, retry or fail the row
        logger.exception("job %s attempt %d failed", video_id, attempt)
        if attempt < context.settings.job_max_attempts and _finish(
                context, video_id, attempt, status=QUEUED, progress=0):
            context.dispatch(video_id)
            return Outcome.REQUEUED
        full = isinstance(error, OSError) and error.errno == errno.ENOSPC
        return _fail(context, video_id, attempt, "storage_full" if full else "generation_failed",
                     f"generation failed after {attempt} attempt(s): {error}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        context.store.delete_prefix(f"{temp_prefix(video_id)}{attempt}/")
