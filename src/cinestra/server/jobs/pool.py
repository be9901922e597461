"""The embedded worker pool that `cinestra serve` runs: threads that take queued jobs from
the database. At start-up it re-queues the jobs a crash left in progress (this process is
the only runner of its database); on shutdown a running job is put back in the queue.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time

from sqlalchemy.orm import Session, sessionmaker

from cinestra.config import Settings
from cinestra.server.jobs.runner import JobContext, next_queued, requeue_orphans, run_job
from cinestra.server.storage import BlobStore
from cinestra.server.videos import purge_expired

logger = logging.getLogger(__name__)

POLL_S = 1.0  # a job queued by another process is seen within this long
PURGE_EVERY_S = 600.0


class LocalPool:
    def __init__(self, *, settings: Settings, sessions: sessionmaker[Session], store: BlobStore,
                 workers: int) -> None:
        # Jobs re-queued by a retry come straight back to this pool.
        self.context = JobContext(settings=settings, sessions=sessions, store=store,
                                  dispatch=self.wake)
        self.workers = workers
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._last_purge = 0.0

    def wake(self, video_id: str = "") -> None:
        """A job was queued: let an idle thread look now rather than at its next poll."""
        self._wake.set()

    def start(self) -> None:
        # This process is the only runner of its database: whatever is in progress or
        # half-written in its work folder was left by a crash.
        shutil.rmtree(self.context.settings.data_dir / "work", ignore_errors=True)
        requeue_orphans(self.context, silent_for_s=None)
        for number in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"cinestra-job-{number}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stopping.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout_s)

    def _purge(self) -> None:
        if time.monotonic() - self._last_purge < PURGE_EVERY_S:
            return
        self._last_purge = time.monotonic()
        with self.context.sessions.begin() as session:
            purged = purge_expired(session=session, store=self.context.store)
        if purged:
            logger.info("purged %d expired video(s)", purged)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._purge()
                video_id = next_queued(self.context.sessions)
                if video_id is None:
                    self._wake.wait(POLL_S)
                    self._wake.clear()
                    continue
                outcome = run_job(self.context, video_id, stopping=self._stopping.is_set)
                logger.info("job %s: %s", video_id, outcome.value)
            except Exception:  # a database hiccup must not kill the pool thread
                logger.exception("job loop error; retrying in %.0f s", POLL_S)
                time.sleep(POLL_S)
