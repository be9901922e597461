"""Scale mode: `cinestra serve` enqueues job ids on Redis, `cinestra worker` processes on
any number of machines run them (sharing PostgreSQL and object storage).

Celery only carries ids; the job row stays the truth, and `run_job`'s claim makes a
duplicate delivery a no-op. Tasks are acknowledged late and re-delivered when a worker
dies; a worker also re-queues jobs whose heartbeat went silent (`job_lease_s`), and at
start-up re-sends every queued job in case one was never enqueued (Redis was down).
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from celery import Celery
from sqlalchemy import select

from cinestra.config import Settings
from cinestra.server.db.models import QUEUED, Video
from cinestra.server.db.session import open_database
from cinestra.server.jobs.runner import JobContext, requeue_orphans, run_job
from cinestra.server.storage import open_blob_store
from cinestra.server.videos import purge_expired

logger = logging.getLogger(__name__)
TASK = "cinestra.generate_video"


def make_celery(settings: Settings) -> Celery:
    app = Celery("cinestra", broker=settings.broker_url)
    app.conf.update(task_acks_late=True, task_reject_on_worker_lost=True,
                    worker_prefetch_multiplier=1, task_default_queue="cinestra",
                    broker_connection_retry_on_startup=True,
                    broker_transport_options={"visibility_timeout": settings.job_lease_s * 4})
    return app


class CeleryDispatcher:
    """What the API calls after committing a job row."""

    def __init__(self, settings: Settings) -> None:
        self.app = make_celery(settings)

    def __call__(self, video_id: str) -> None:
        try:
            self.app.send_task(TASK, args=[video_id])
        except Exception:  # the row stays queued: a worker's start-up sweep sends it again
            logger.exception("could not enqueue job %s", video_id)


def _watch_leases(context: JobContext, stop: threading.Event) -> None:
    while not stop.wait(context.settings.job_lease_s / 4):
        try:
            requeue_orphans(context, silent_for_s=context.settings.job_lease_s)
        except Exception:
            logger.exception("lease sweep failed")


def run_worker(settings: Settings) -> None:
    """Consume jobs until stopped: one job at a time per process (the renderer holds a GL
    context per job); run more processes for more throughput."""
    app = make_celery(settings)
    with open_database(settings) as sessions:
        context = JobContext(settings=settings, sessions=sessions,
                             store=open_blob_store(settings), dispatch=CeleryDispatcher(settings))

        @app.task(name=TASK)  # type: ignore[untyped-decorator]
        def generate_video(video_id: str) -> str:
            outcome = run_job(context, video_id).value
            logger.info("job %s: %s", video_id, outcome)
            with sessions.begin() as session:
                purge_expired(session=session, store=context.store)
            return outcome

        requeue_orphans(context, silent_for_s=settings.job_lease_s)
        with sessions() as session:
            for video_id in session.scalars(select(Video.id).where(Video.status == QUEUED)):
                context.dispatch(video_id)
        stop = threading.Event()
        watcher = threading.Thread(target=_watch_leases, args=(context, stop), daemon=True)
        watcher.start()
        try:
            name = f"cinestra-{os.getpid()}@{socket.gethostname()}"
            app.worker_main(["worker", "--pool=solo", "--loglevel=INFO", "--without-gossip",
                             "--without-mingle", "-n", name])
        finally:
            stop.set()
