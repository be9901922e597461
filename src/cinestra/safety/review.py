"""Review queue, reports, appeals and the append-only audit log, over SQLAlchemy 2.

    with open_review_db() as engine, Session(engine) as session:
        item = submit_for_review(session=session, subject_kind="prompt", subject_ref="job-1",
                                 verdict=verdict, text=prompt)
        decide_review(session=session, item_id=item.id, reviewer="ana", approve=False,
                      reason="real person without a cameo")

Every state change writes an `AuditEntry` in the same transaction. States: a review item
goes pending → approved | rejected; an appeal goes pending → upheld | overturned (an
overturned appeal approves its item). The default database is SQLite in
`Settings().data_dir / "safety.db"`; any SQLAlchemy URL works.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session

from cinestra.config import Settings
from cinestra.errors import CinestraError
from cinestra.safety.models import (
    POSTGRES_TRIGGERS,
    SQLITE_TRIGGERS,
    Appeal,
    AuditEntry,
    Base,
    Decided,
    Report,
    ReviewItem,
    SubjectKind,
)
from cinestra.safety.verdict import CATEGORIES, Verdict

Record = TypeVar("Record", ReviewItem, Appeal)


class ReviewError(CinestraError, ValueError):
    """A review action names a missing item or a state that does not allow it."""


def default_url(settings: Settings | None = None) -> str:
    return f"sqlite:///{(settings or Settings()).data_dir / 'safety.db'}"


def init_db(engine: Engine) -> None:
    """Create the safety tables (and the audit log's append-only triggers) if missing."""
    Base.metadata.create_all(engine)
    triggers = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}
    with engine.begin() as connection:
        for statement in triggers.get(engine.dialect.name, ()):
            connection.execute(text(statement))


@contextmanager
def open_review_db(url: str | None = None) -> Iterator[Engine]:
    """An engine on `url` (default: SQLite in the data dir) with the tables created."""
    if url is None:
        settings = Settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        url = default_url(settings)
    engine = create_engine(url)
    try:
        init_db(engine)
        yield engine
    finally:
        engine.dispose()


def _audit(session: Session, *, actor: str, action: str, subject: str, detail: str) -> None:
    session.add(AuditEntry(actor=actor, action=action, subject=subject, detail=detail))


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def submit_for_review(
    *, session: Session, subject_kind: SubjectKind, subject_ref: str, verdict: Verdict,
    text: str = "", organisation: str | None = None, actor: str = "screening",
) -> ReviewItem:
    """Queue a held (or blocked, or reported) subject for a human decision."""
    item = ReviewItem(subject_kind=subject_kind, subject_ref=subject_ref, text=text,
                      verdict=verdict.model_dump(), organisation=organisation)
    session.add(item)
    session.flush()
    _audit(session, actor=actor, action="submitted", subject=f"review:{item.id}",
           detail=f"{subject_kind} {subject_ref}: {verdict.decision}: {verdict.reason}")
    session.commit()
    return item


def pending_reviews(*, session: Session, limit: int = 50) -> list[ReviewItem]:
    """The oldest pending items first."""
    query = (select(ReviewItem).where(ReviewItem.state == "pending")
             .order_by(ReviewItem.created_at, ReviewItem.id).limit(limit))
    return list(session.scalars(query))


def _pending(session: Session, model: type[Record], record_id: int, *, field: str,
             noun: str) -> Record:
    """The `model` row `record_id`, which must exist and still be pending."""
    record = session.get(model, record_id)
    if record is None:
        raise ReviewError(f"{field}: no {noun} {record_id}")
    if record.state != "pending":
        raise ReviewError(f"{field}: {noun} {record_id} is already {record.state}")
    return record


def _decide(session: Session, record: Decided, *, state: str, reviewer: str, reason: str,
            subject: str) -> None:
    """Record a reviewer's decision on `record` and its audit line (not yet committed)."""
    if not reviewer.strip() or not reason.strip():
        raise ReviewError("reviewer and reason: both are required for a decision")
    record.state = state
    record.reviewer, record.reason, record.decided_at = reviewer, reason, _now()
    _audit(session, actor=reviewer, action=state, subject=subject, detail=reason)


def decide_review(*, session: Session, item_id: int, reviewer: str, approve: bool,
                  reason: str) -> ReviewItem:
    """pending → approved or rejected, with the reviewer and reason recorded."""
    item = _pending(session, ReviewItem, item_id, field="item_id", noun="review item")
    _decide(session, item, state="approved" if approve else "rejected", reviewer=reviewer,
            reason=reason, subject=f"review:{item.id}")
    session.commit()
    return item


def file_report(*, session: Session, video_id: str, reporter: str, category: str,
                note: str = "") -> Report:
    """A user reports a published video; it joins the review queue."""
    if category not in CATEGORIES and category != "other":
        raise ReviewError(f"category: unknown {category!r}; one of {CATEGORIES} or 'other'")
    verdict = Verdict(decision="review", reason=f"reported by a user as {category}")
    item = submit_for_review(session=session, subject_kind="video", subject_ref=video_id,
                             verdict=verdict, text=note, actor=reporter)
    report = Report(video_id=video_id, reporter=reporter, category=category, note=note,
                    review_item_id=item.id)
    session.add(report)
    session.flush()
    _audit(session, actor=reporter, action="reported", subject=f"review:{item.id}",
           detail=f"video {video_id} as {category}: {note}")
    session.commit()
    return report


def file_appeal(*, session: Session, item_id: int, appellant: str, statement: str) -> Appeal:
    """Appeal a rejected item, or one whose verdict was a block."""
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise ReviewError(f"item_id: no review item {item_id}")
    blocked = item.verdict.get("decision") == "block" and item.state == "pending"
    if item.state != "rejected" and not blocked:
        raise ReviewError(f"item_id: review item {item_id} is {item.state}; only blocks and "
                          "rejections can be appealed")
    appeal = Appeal(review_item_id=item_id, appellant=appellant, statement=statement)
    session.add(appeal)
    session.flush()
    _audit(session, actor=appellant, action="appealed", subject=f"appeal:{appeal.id}",
           detail=f"review:{item_id}: {statement}")
    session.commit()
    return appeal


def decide_appeal(*, session: Session, appeal_id: int, reviewer: str, overturn: bool,
                  reason: str) -> Appeal:
    """pending → upheld (the block stands) or overturned (the item is approved)."""
    appeal = _pending(session, Appeal, appeal_id, field="appeal_id", noun="appeal")
    _decide(session, appeal, state="overturned" if overturn else "upheld", reviewer=reviewer,
            reason=reason, subject=f"appeal:{appeal.id}")
    if overturn:
        item = session.get(ReviewItem, appeal.review_item_id)
        if item is not None:
            item.state, item.reviewer, item.reason = "approved", reviewer, reason
            item.decided_at = appeal.decided_at
    session.commit()
    return appeal


def audit_log(*, session: Session, subject: str | None = None) -> list[AuditEntry]:
    """The log in order, optionally for one subject ("review:12", "appeal:3")."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if subject is not None:
        query = query.where(AuditEntry.subject == subject)
    return list(session.scalars(query))
