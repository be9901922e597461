"""Users, organisations, API keys and page sessions (keyword-only CRUD, no HTTP here)."""

from __future__ import annotations

import functools
import time

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cinestra.errors import CinestraError
from cinestra.server.db.models import ApiKey, Organisation, User, WebSession
from cinestra.server.security import (
    KEY_PREFIX,
    digest,
    hash_password,
    new_api_key,
    new_token,
    verify_password,
)

SESSION_SECONDS = 14 * 24 * 3600
MIN_PASSWORD_CHARS = 10


class AccountError(CinestraError, ValueError):
    """A user or organisation is missing, already exists, or a password is refused."""


def _check_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 100 or not name.replace("-", "").replace("_", "").isalnum():
        raise AccountError(f"name: use 1-100 letters, digits, '-' or '_', got {name!r}")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"password: at least {MIN_PASSWORD_CHARS} characters")
    return password


def get_organisation(*, session: Session, name: str) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.name == name))


def add_organisation(*, session: Session, name: str, daily_video_quota: int = 0,
                     policy: str | None = None) -> Organisation:
    if get_organisation(session=session, name=name) is not None:
        raise AccountError(f"organisation {name!r} already exists")
    organisation = Organisation(name=_check_name(name), daily_video_quota=daily_video_quota,
                                policy=policy, created_at=time.time())
    session.add(organisation)
    session.flush()
    return organisation


def get_user(*, session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def add_user(*, session: Session, name: str, password: str | None = None,
             is_admin: bool = False, is_moderator: bool = False,
             organisation: Organisation | None = None) -> User:
    name = _check_name(name)
    if get_user(session=session, name=name) is not None:
        raise AccountError(f"user {name!r} already exists")
    user = User(name=name, is_admin=is_admin, is_moderator=is_moderator,
                password_hash=hash_password(check_password(password)) if password else None,
                organisation_id=organisation.id if organisation else None,
                created_at=time.time())
    session.add(user)
    session.flush()
    return user


def list_users(*, session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


def issue_api_key(*, session: Session, user: User) -> str:
    """A new key for `user`; earlier keys are revoked. Returned once, stored hashed."""
    now = time.time()
    session.execute(update(ApiKey).where(ApiKey.user_id == user.id,
                                         ApiKey.revoked_at.is_(None)).values(revoked_at=now))
    key = new_api_key()
    session.add(ApiKey(user_id=user.id, prefix=key[:len(KEY_PREFIX) + 4], key_hash=digest(key),
                       created_at=now))
    session.flush()
    return key


def user_for_key(*, session: Session, key: str) -> User | None:
    """The owner of an active key (one indexed query: it runs on every API request)."""
    return session.scalar(select(User).join(ApiKey, ApiKey.user_id == User.id).where(
        ApiKey.key_hash == digest(key), ApiKey.revoked_at.is_(None)))


def active_key_prefix(*, session: Session, user: User) -> str | None:
    return session.scalar(select(ApiKey.prefix).where(ApiKey.user_id == user.id,
                                                      ApiKey.revoked_at.is_(None)))


def authenticate(*, session: Session, name: str, password: str) -> User | None:
    user = get_user(session=session, name=name)
    if user is None or user.password_hash is None:
        verify_password(password, _dummy_hash())  # same time whether or not the user exists
        return None
    return user if verify_password(password, user.password_hash) else None


def open_web_session(*, session: Session, user: User) -> tuple[str, str]:
    """A new page session: (cookie token, CSRF token). Only the token's digest is stored."""
    token, csrf = new_token(), new_token()
    session.add(WebSession(token_hash=digest(token), user_id=user.id, csrf_token=csrf,
                           expires_at=time.time() + SESSION_SECONDS))
    session.flush()
    return token, csrf


def web_session(*, session: Session, token: str) -> WebSession | None:
    row = session.get(WebSession, digest(token))
    if row is None or row.expires_at < time.time():
        return None
    return row


def close_web_session(*, session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == digest(token)))


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password, only for timing")
