"""Review queue, reports, appeals and the append-only audit log on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from cinestra.safety import Verdict
from cinestra.safety.models import AuditEntry, AuditLogAppendOnly
from cinestra.safety.review import (
    ReviewError,
    audit_log,
    decide_appeal,
    decide_review,
    file_appeal,
    file_report,
    open_review_db,
    pending_reviews,
    submit_for_review,
)

BLOCK = Verdict(decision="block", categories=["likeness"], scores={"likeness": 1.0},
                reason="blocked: likeness: Barack Obama")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with open_review_db(f"sqlite:///{tmp_path / 'safety.db'}") as engine, \
            Session(engine) as db:
        yield db


def test_pending_to_rejected_with_reviewer_and_reason(session: Session) -> None:
    item = submit_for_review(session=session, subject_kind="prompt", subject_ref="job-1",
                             verdict=BLOCK, text="Obama dancing")
    assert item.state == "pending"
    decide_review(session=session, item_id=item.id, reviewer="ana", approve=False,
                  reason="real person, no cameo")
    assert (item.state, item.reviewer, item.reason) == ("rejected", "ana",
                                                        "real person, no cameo")
    assert item.decided_at is not None
    with pytest.raises(ReviewError, match="already rejected"):
        decide_review(session=session, item_id=item.id, reviewer="bo", approve=True,
                      reason="changed my mind")
    with pytest.raises(ReviewError, match="no review item"):
        decide_review(session=session, item_id=999, reviewer="bo", approve=True, reason="x")


def test_report_joins_the_queue(session: Session) -> None:
    report = file_report(session=session, video_id="vid-9", reporter="user-3",
                         category="harassment", note="mocks my brother")
    queued = pending_reviews(session=session)
    assert [item.id for item in queued] == [report.review_item_id]
    assert queued[0].subject_kind == "video" and queued[0].subject_ref == "vid-9"
    with pytest.raises(ReviewError, match="category"):
        file_report(session=session, video_id="vid-9", reporter="u", category="spam!")


def test_appeal_overturned_approves_the_item(session: Session) -> None:
    item = submit_for_review(session=session, subject_kind="prompt", subject_ref="job-2",
                             verdict=BLOCK)
    appeal = file_appeal(session=session, item_id=item.id, appellant="user-1",
                         statement="it is my own cameo")
    decide_appeal(session=session, appeal_id=appeal.id, reviewer="ana", overturn=True,
                  reason="cameo verified")
    assert appeal.state == "overturned" and item.state == "approved"
    actions = [entry.action for entry in audit_log(session=session)]
    assert actions == ["submitted", "appealed", "overturned"]


def test_only_blocks_and_rejections_can_be_appealed(session: Session) -> None:
    review = Verdict(decision="review", reason="held")
    item = submit_for_review(session=session, subject_kind="prompt", subject_ref="job-3",
                             verdict=review)
    with pytest.raises(ReviewError, match="only blocks and rejections"):
        file_appeal(session=session, item_id=item.id, appellant="u", statement="please")


def test_audit_log_is_append_only(session: Session) -> None:
    submit_for_review(session=session, subject_kind="prompt", subject_ref="job-4",
                      verdict=BLOCK)
    entry = audit_log(session=session)[0]

    entry.detail = "rewritten history"
    with pytest.raises(AuditLogAppendOnly):
        session.commit()
    session.rollback()

    session.delete(entry)
    with pytest.raises(AuditLogAppendOnly):
        session.commit()
    session.rollback()

    # Bulk and raw SQL bypass the ORM: the database triggers refuse them.
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        session.execute(update(AuditEntry).values(detail="x"))
    session.rollback()
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        session.execute(delete(AuditEntry))
    session.rollback()
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        session.execute(text("DELETE FROM safety_audit_log"))
    session.rollback()
    assert audit_log(session=session)[0].detail.startswith("prompt job-4")
