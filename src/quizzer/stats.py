"""Numbers about a profile's day: cards by state, reviews done, what is due."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from quizzer.review import ReviewSession
from quizzer.scheduler import day_start, next_day_start
from quizzer.store import Store
from quizzer.store.models import CardRow, ReviewRow


def today_summary(store: Store, profile_id: int, now: datetime) -> dict:
    """The short summary behind ``quizzer stats``: everything a learner checks in the morning."""
    session = ReviewSession(store, profile_id, clock=lambda: now)
    settings = session.settings
    start = day_start(now, settings.day_boundary_hour)
    end = next_day_start(now, settings.day_boundary_hour)
    tomorrow_end = next_day_start(end + timedelta(hours=1), settings.day_boundary_hour)
    state_name = case(
        (CardRow.retired.is_(True), "retired"),
        (CardRow.suspended.is_(True), "suspended"),
        (CardRow.reps == 0, "new"),
        (CardRow.state == 1, "learning"),
        (CardRow.state == 2, "review"),
        else_="relearning",
    )
    with store.read() as s:
        by_state = dict(s.execute(select(state_name, func.count()).where(CardRow.profile_id == profile_id).group_by(state_name)).all())
        reviews_today, seconds = s.execute(
            select(func.count(), func.coalesce(func.sum(ReviewRow.duration_ms), 0))
            .where(ReviewRow.profile_id == profile_id, ReviewRow.reviewed_at >= start)).one()
        live = (CardRow.profile_id == profile_id, CardRow.retired.is_(False), CardRow.suspended.is_(False), CardRow.reps > 0)
        due_now = s.scalar(select(func.count()).where(*live, CardRow.due <= now))
        due_tomorrow = s.scalar(select(func.count()).where(*live, CardRow.due >= end, CardRow.due < tomorrow_end))
        total_reviews = s.scalar(select(func.count()).where(ReviewRow.profile_id == profile_id))
    counts = session.counts(now)
    return {
        "cards_by_state": {k: by_state.get(k, 0) for k in ("new", "learning", "review", "relearning", "suspended", "retired")},
        "reviews_today": reviews_today,
        "minutes_today": round(seconds / 60000, 1),
        "due_now": due_now,
        "due_tomorrow": due_tomorrow,
        "new_remaining_today": counts.new,
        "left_today": {"new": counts.new, "learning": counts.learning, "review": counts.review},
        "total_reviews": total_reviews,
    }


def streak(store: Store, profile_id: int, now: datetime, boundary_hour: int) -> int:
    """Consecutive learner-days, ending today or yesterday, with at least one review.

    One indexed EXISTS query per day walked back, so the cost follows the streak's length,
    not the size of the review log.
    """
    start = day_start(now, boundary_hour)

    def studied(days_back: int) -> bool:
        lo = start - timedelta(days=days_back)
        hi = lo + timedelta(days=1)
        q = select(ReviewRow.id).where(ReviewRow.profile_id == profile_id, ReviewRow.reviewed_at >= lo,
                                       ReviewRow.reviewed_at < hi).limit(1)
        return s.scalar(q) is not None

    with store.read() as s:
        first = 0 if studied(0) else 1  # a streak is not broken until today ends without a review
        n = first
        while n < 3650 and studied(n):
            n += 1
    return n - first


def session_summary(store: Store, log_ids: list[int], catalog, now: datetime, profile_id: int, boundary_hour: int) -> dict:
    """End-of-session figures: cards, minutes, accuracy by kind, lapses, due tomorrow."""
    with store.read() as s:
        rows = list(s.scalars(select(ReviewRow).where(ReviewRow.id.in_(log_ids)))) if log_ids else []
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        q = catalog.questions.get(r.question_id)
        right = by_kind.setdefault(q.kind if q else "retired", [0, 0])
        right[0] += r.rating > 1
        right[1] += 1
    end = next_day_start(now, boundary_hour)
    tomorrow = next_day_start(end + timedelta(hours=1), boundary_hour)
    with store.read() as s:
        due_tomorrow = s.scalar(select(func.count()).where(
            CardRow.profile_id == profile_id, CardRow.retired.is_(False), CardRow.suspended.is_(False),
            CardRow.reps > 0, CardRow.due < tomorrow))
    return {
        "cards": len(rows),
        "minutes": round(sum(r.duration_ms for r in rows) / 60000, 1),
        "accuracy_by_kind": {k: round(v[0] / v[1], 3) for k, v in by_kind.items()},
        "lapses": sum(1 for r in rows if r.rating == 1 and r.state_before == 2),
        "again": sum(1 for r in rows if r.rating == 1),
        "due_tomorrow": due_tomorrow,
    }
