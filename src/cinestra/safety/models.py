"""Tables of the review queue: items to review, user reports, appeals and the audit log.

The server issue adds Alembic migrations for these; until then `review.init_db` creates
them. `AuditEntry` rows are append-only: the ORM refuses to update or delete them, and
`review.init_db` adds database triggers that refuse raw UPDATE/DELETE on SQLite.
"""

from __future__ import annotations

import datetime
from typing import Literal

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from cinestra.errors import CinestraError

ReviewState = Literal["pending", "approved", "rejected"]
AppealState = Literal["pending", "upheld", "overturned"]
SubjectKind = Literal["prompt", "video", "dialogue", "frames"]


class AuditLogAppendOnly(CinestraError, PermissionError):
    """Something tried to change or delete an audit log entry."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Base(DeclarativeBase):
    pass


class Decided:
    """Columns of a record that waits, "pending", until a reviewer decides it and says why."""

    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    decided_at: Mapped[datetime.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None)
    reviewer: Mapped[str | None] = mapped_column(String(128), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)


class ReviewItem(Decided, Base):
    """A held request or output, or a reported video, waiting for a human decision."""

    __tablename__ = "safety_review_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_ref: Mapped[str] = mapped_column(String(128), index=True)  # job or video id
    text: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[dict[str, object]] = mapped_column(JSON)
    organisation: Mapped[str | None] = mapped_column(String(128), default=None)


class Report(Base):
    """A user's report of a published video."""

    __tablename__ = "safety_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    video_id: Mapped[str] = mapped_column(String(128), index=True)
    reporter: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    review_item_id: Mapped[int] = mapped_column(ForeignKey("safety_review_item.id"))


class Appeal(Decided, Base):
    """A user's appeal against a block or a rejection."""

    __tablename__ = "safety_appeal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_item_id: Mapped[int] = mapped_column(ForeignKey("safety_review_item.id"), index=True)
    appellant: Mapped[str] = mapped_column(String(128))
    statement: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One line of the append-only audit log: who did what to which subject, and why."""

    __tablename__ = "safety_audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))  # submitted, approved, rejected, reported...
    subject: Mapped[str] = mapped_column(String(64), index=True)  # "review:12", "appeal:3"
    detail: Mapped[str] = mapped_column(Text, default="")


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper: Mapper[AuditEntry], connection: Connection,
                   target: AuditEntry) -> None:
    raise AuditLogAppendOnly(f"audit log entry {target.id} cannot be changed")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper: Mapper[AuditEntry], connection: Connection,
                   target: AuditEntry) -> None:
    raise AuditLogAppendOnly(f"audit log entry {target.id} cannot be deleted")


SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS safety_audit_no_update BEFORE UPDATE ON safety_audit_log "
    "BEGIN SELECT RAISE(ABORT, 'safety_audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS safety_audit_no_delete BEFORE DELETE ON safety_audit_log "
    "BEGIN SELECT RAISE(ABORT, 'safety_audit_log is append-only'); END",
)
POSTGRES_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION safety_audit_refuse() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'safety_audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS safety_audit_append_only ON safety_audit_log",
    "CREATE TRIGGER safety_audit_append_only BEFORE UPDATE OR DELETE ON safety_audit_log "
    "FOR EACH ROW EXECUTE FUNCTION safety_audit_refuse()",
)
