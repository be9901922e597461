"""`create_app`: wires settings, database, blob store, job dispatch and routes together.

Default (`job_backend=local`): the app runs its own worker pool while it is up; with
`workers=0` jobs just wait in the table. Scale (`job_backend=celery`): jobs go to Redis
and `cinestra worker` processes run them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from cinestra import __version__
from cinestra.config import Settings, get_settings
from cinestra.errors import CinestraError
from cinestra.safety import load_policy, screen_prompt
from cinestra.server.api.deps import Components
from cinestra.server.api.errors import install_error_handlers
from cinestra.server.api.routes import pages, videos
from cinestra.server.db.session import make_engine, migrate, session_factory
from cinestra.server.jobs.pool import LocalPool
from cinestra.server.jobs.runner import JobContext
from cinestra.server.limits import RateLimiter
from cinestra.server.storage import BlobStore, open_blob_store

logger = logging.getLogger(__name__)


def _keep_queued(video_id: str) -> None:
    """No runner in this process (workers=0): the row waits for one."""


def _warm_up(settings: Settings) -> None:
    """Load the screening models now rather than in the first client's request (seconds)."""
    try:
        screen_prompt("a ball on a table", policy=load_policy(settings.safety_policy))
    except CinestraError:
        logger.exception("screening warm-up failed; the first request will retry")


def create_app(settings: Settings | None = None, *, store: BlobStore | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = make_engine(settings)
    migrate(engine)
    sessions = session_factory(engine)
    store = store or open_blob_store(settings)
    pool: LocalPool | None = None
    dispatch: Callable[[str], None] = _keep_queued
    if settings.job_backend == "celery":
        from cinestra.server.jobs.celery_app import CeleryDispatcher  # the `scale` extra

        dispatch = CeleryDispatcher(settings)
    elif settings.workers > 0:
        pool = LocalPool(settings=settings, sessions=sessions, store=store,
                         workers=settings.workers)
        dispatch = pool.wake
    jobs = JobContext(settings=settings, sessions=sessions, store=store, dispatch=dispatch)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm_up, args=(settings,), daemon=True).start()
        if pool is not None:
            pool.start()
        try:
            yield
        finally:
            if pool is not None:
                pool.stop()
            engine.dispose()

    # No /docs or /redoc: their pages load scripts from a CDN, and nothing here may reach
    # the network; the schema itself is at /openapi.json.
    app = FastAPI(title="Cinestra", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="Text to video with synchronized sound. `/v1/videos` follows "
                              "OpenAI's Videos API; send `Authorization: Bearer KEY`.")
    app.state.components = Components(settings=settings, sessions=sessions, store=store,
                                      jobs=jobs, limiter=RateLimiter(
                                          settings.rate_limit_per_minute))
    install_error_handlers(app)
    app.include_router(videos.router)
    app.include_router(pages.router)
    return app
