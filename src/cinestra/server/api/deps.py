"""What handlers declare: `SessionDep` (a database session), `CurrentUser` (the owner of
the Bearer API key, rate-limited), and the app's components from `app.state`."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from cinestra.config import Settings
from cinestra.server.accounts import user_for_key
from cinestra.server.api.errors import ApiError
from cinestra.server.db.models import User
from cinestra.server.jobs.runner import JobContext
from cinestra.server.limits import RateLimiter
from cinestra.server.storage import BlobStore


@dataclass(frozen=True)
class Components:
    """The parts `create_app` wired together, kept in `app.state.components`."""

    settings: Settings
    sessions: sessionmaker[Session]
    store: BlobStore
    jobs: JobContext
    limiter: RateLimiter


# The cheap dependencies are coroutines: FastAPI runs a plain `def` one in a worker thread,
# and that hop costs more than the work itself.
async def get_components(request: Request) -> Components:
    components: Components = request.app.state.components
    return components


ComponentsDep = Annotated[Components, Depends(get_components)]


async def get_db(components: ComponentsDep) -> AsyncIterator[Session]:
    with components.sessions() as session:  # no I/O until the handler's first query
        yield session


SessionDep = Annotated[Session, Depends(get_db)]


def _bearer(request: Request) -> str:
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "You didn't provide an API key. Send it as "
                       "'Authorization: Bearer YOUR_KEY'.", code="missing_api_key",
                       headers={"WWW-Authenticate": "Bearer"})
    return key.strip()


def get_current_user(request: Request, session: SessionDep, components: ComponentsDep) -> User:
    user = user_for_key(session=session, key=_bearer(request))
    if user is None:
        raise ApiError(401, "Incorrect API key provided.", code="invalid_api_key",
                       headers={"WWW-Authenticate": "Bearer"})
    wait = components.limiter.wait_s(user.id)
    if wait > 0:
        raise ApiError(429, f"Rate limit of {components.limiter.per_minute} requests per "
                       "minute reached.", type="requests", code="rate_limit_exceeded",
                       headers={"Retry-After": str(math.ceil(wait))})
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
