"""Per-user request rate (token bucket, per server process) and daily video quotas
(per user and per organisation, counted from the job table so every process agrees)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from cinestra.config import Settings
from cinestra.server.db.models import Organisation, User
from cinestra.server.videos import created_since

DAY_S = 24 * 3600


class RateLimiter:
    """`per_minute` requests a minute per key, in bursts of up to `per_minute` (0: off)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[int, tuple[float, float]] = {}  # key → (tokens, last refill)
        self._lock = threading.Lock()

    def wait_s(self, key: int) -> float:
        """0 when the request may go ahead (and it is counted), else seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return (1.0 - tokens) / rate
            self._buckets[key] = (tokens - 1.0, now)
            return 0.0


def quota_left(*, session: Session, user: User, settings: Settings) -> str | None:
    """None when `user` may create one more video now; otherwise which quota is spent."""
    since = time.time() - DAY_S
    quota = (user.daily_video_quota if user.daily_video_quota is not None
             else settings.daily_video_quota)
    if quota > 0 and created_since(session=session, owner_ids=[user.id], since=since) >= quota:
        return f"daily quota of {quota} videos reached for user {user.name!r}"
    if user.organisation_id is None:
        return None
    organisation = session.get(Organisation, user.organisation_id)
    if organisation is None or organisation.daily_video_quota <= 0:
        return None
    members = list(session.scalars(select(User.id).where(
        User.organisation_id == organisation.id)))
    if created_since(session=session, owner_ids=members, since=since) >= (
            organisation.daily_video_quota):
        return (f"daily quota of {organisation.daily_video_quota} videos reached for "
                f"organisation {organisation.name!r}")
    return None
