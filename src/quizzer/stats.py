"""Numbers about a profile's day: cards by state, reviews done, what is due and what is left.

Written as portable SQL text over a reader (a ``Store`` or a ``Snapshot``), so ``quizzer stats``
can answer without importing SQLAlchemy and the review session counts with the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quizzer.days import day_start, next_day_start

if TYPE_CHECKING:  # the first screen counts with the quick settings, before pydantic is loaded
    from quizzer.settings import ProfileSettings

LEARN_AHEAD = timedelta(minutes=20)  # as Anki: finish learning cards due soon rather than wait


@dataclass(frozen=True)
class Counts:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


def _in(column: str, values, prefix: str, params: dict) -> str:
    """`` AND column IN (:prefix0, ...)`` with its parameters (both drivers take named ones)."""
    if values is None:
        return ""
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, sorted(values)))
    return f" AND {column} IN ({', '.join(':' + n for n in names) or 'NULL'})"


def left_today(reader, profile_id: int, now: datetime, settings: ProfileSettings,
               days=None, questions=None) -> Counts:
    """What is left today: new cards (within the daily limit), learning due soon, reviews due
    before the day ends (within the review limit); restricted to some days or questions."""
    start, end = day_start(now, settings.day_boundary_hour), next_day_start(now, settings.day_boundary_hour)
    params = {"p": profile_id, "now": now, "ahead": now + LEARN_AHEAD, "end": end}
    focus = _in("day", days, "d", params) + _in("question_id", questions, "q", params)
    live = f"""FROM cards WHERE profile_id = :p AND NOT suspended AND NOT retired
               AND (buried_until IS NULL OR buried_until <= :now){focus}"""

    def count(where: str) -> int:  # each a short range of one of the m004 indexes
        return reader.rows(f"SELECT COUNT(*) {live} AND {where}", **params)[0][0]

    learning = count("reps > 0 AND state <> 2 AND due <= :ahead")  # the partial ix_cards_learning
    review = count("reps > 0 AND state = 2 AND due < :end")
    if days is None and questions is None and settings.course_day:  # later days wait for the learner
        params["cd"] = settings.course_day
        new_avail = count("reps = 0 AND day <= :cd")
    else:
        new_avail = count("reps = 0")
    new_done, review_done = done_today(reader, profile_id, start, days)
    return Counts(max(0, min(new_avail, new_limit(settings, start) - new_done)), learning,
                  max(0, min(review, settings.reviews_per_day - review_done)))


def new_limit(settings, start: datetime) -> int:
    """Today's new-card limit: the daily one, plus what custom study added for this day only."""
    extra = settings.extra_new if settings.extra_new_on == start.date().isoformat() else 0
    return settings.new_per_day + extra


def done_today(reader, profile_id: int, start: datetime, days=None) -> tuple[int, int]:
    """(new cards introduced, review cards reviewed) since ``start``: what the daily limits count.

    With ``days`` only cards of those days count: a focus on some days has its own allowance, so
    a morning's 20 new cards of the course leave a ``--day 3`` session its own 20.
    """
    params = {"p": profile_id, "start": start}
    focus = _in("c.day", days, "d", params)
    done = dict(reader.rows(f"""
        SELECT r.state_before, COUNT(*) FROM review_log r {"JOIN cards c ON c.id = r.card_id" if focus else ""}
        WHERE r.profile_id = :p AND r.reviewed_at >= :start AND r.kind = 'review'{focus} GROUP BY r.state_before""",
                            **params))
    return done.get(0, 0), done.get(2, 0)


def today_summary(reader, profile_id: int, now: datetime, settings: ProfileSettings | None = None) -> dict:
    """The short summary behind ``quizzer stats``: everything a learner checks in the morning."""
    from quizzer.settings import read_settings

    settings = settings or read_settings(reader, profile_id)
    start = day_start(now, settings.day_boundary_hour)
    end = next_day_start(now, settings.day_boundary_hour)
    tomorrow_end = next_day_start(end + timedelta(hours=1), settings.day_boundary_hour)
    by_state = dict(reader.rows("""
        SELECT CASE WHEN retired THEN 'retired' WHEN suspended THEN 'suspended' WHEN reps = 0 THEN 'new'
                    WHEN state = 1 THEN 'learning' WHEN state = 2 THEN 'review' ELSE 'relearning' END AS s,
               COUNT(*)
        FROM cards WHERE profile_id = :p GROUP BY s""", p=profile_id))
    live = "FROM cards WHERE profile_id = :p AND NOT retired AND NOT suspended AND reps > 0"
    (due_now,), = reader.rows(f"SELECT COUNT(*) {live} AND due <= :now", p=profile_id, now=now)
    (due_tomorrow,), = reader.rows(f"SELECT COUNT(*) {live} AND due >= :end AND due < :tomorrow",
                                   p=profile_id, end=end, tomorrow=tomorrow_end)
    (reviews_today, cards_today, ms_today), = reader.rows("""
        SELECT COUNT(*), COUNT(DISTINCT card_id), COALESCE(SUM(duration_ms), 0) FROM review_log
        WHERE profile_id = :p AND reviewed_at >= :start""", p=profile_id, start=start)
    (total_reviews,), = reader.rows("SELECT COUNT(*) FROM review_log WHERE profile_id = :p", p=profile_id)
    counts = left_today(reader, profile_id, now, settings)
    return {
        "cards_by_state": {k: by_state.get(k, 0) for k in ("new", "learning", "review", "relearning", "suspended", "retired")},
        "reviews_today": reviews_today,
        "cards_today": cards_today,
        "minutes_today": round(ms_today / 60000, 1),
        "due_now": due_now,
        "due_tomorrow": due_tomorrow,
        "new_remaining_today": counts.new,
        "left_today": {"new": counts.new, "learning": counts.learning, "review": counts.review},
        "total_reviews": total_reviews,
    }


def streak(reader, profile_id: int, now: datetime, boundary_hour: int, chunk: int = 32) -> int:
    """Consecutive learner-days, ending today or yesterday, with at least one review.

    Each day is an indexed EXISTS probe, ``chunk`` days to a query, so the cost follows the
    streak's length, not the size of the review log.
    """
    start = day_start(now, boundary_hour)
    seen: list[bool] = []  # seen[i]: studied on the day i days back

    def studied(days_back: int) -> bool:
        while days_back >= len(seen):
            first, params, probes = len(seen), {"p": profile_id}, []
            for i in range(first, first + chunk):
                params[f"lo{i}"] = lo = start - timedelta(days=i)
                params[f"hi{i}"] = lo + timedelta(days=1)
                probes.append(f"SELECT {i} WHERE EXISTS (SELECT 1 FROM review_log WHERE profile_id = :p"
                              f" AND reviewed_at >= :lo{i} AND reviewed_at < :hi{i})")
            found = {row[0] for row in reader.rows(" UNION ALL ".join(probes), **params)}
            seen.extend(i in found for i in range(first, first + chunk))
        return seen[days_back]

    first = 0 if studied(0) else 1  # a streak is not broken until today ends without a review
    n = first
    while n < 3650 and studied(n):
        n += 1
    return n - first


def session_summary(store, log_ids: list[int], catalog, now: datetime, profile_id: int, boundary_hour: int) -> dict:
    """End-of-session figures: cards, minutes, right first time by kind, lapses, due tomorrow.

    "Right first time" takes each card's first answer of the session, and the answer check's
    verdict where there was one: a wrong typed answer graded Good by the learner is not right."""
    from sqlalchemy import func, select

    from quizzer.store.models import CardRow, ReviewRow

    with store.read() as s:
        rows = list(s.scalars(select(ReviewRow).where(ReviewRow.id.in_(log_ids)).order_by(ReviewRow.id))) if log_ids else []
    by_kind: dict[str, list[int]] = {}
    seen: set[int] = set()
    for r in rows:
        if r.card_id in seen:
            continue
        seen.add(r.card_id)
        q = catalog.questions.get(r.question_id)
        right = by_kind.setdefault(q.kind if q else "retired", [0, 0])
        right[0] += r.right
        right[1] += 1
    end = next_day_start(now, boundary_hour)
    tomorrow = next_day_start(end + timedelta(hours=1), boundary_hour)
    with store.read() as s:
        due_tomorrow = s.scalar(select(func.count()).where(
            CardRow.profile_id == profile_id, CardRow.retired.is_(False), CardRow.suspended.is_(False),
            CardRow.reps > 0, CardRow.due < tomorrow))
    return {
        "cards": len({r.card_id for r in rows}),
        "reviews": len(rows),
        "minutes": round(sum(r.duration_ms for r in rows) / 60000, 1),
        "accuracy_by_kind": {k: round(v[0] / v[1], 3) for k, v in by_kind.items()},
        "lapses": sum(1 for r in rows if r.rating == 1 and r.state_before == 2),
        "again": sum(1 for r in rows if r.rating == 1),
        "due_tomorrow": due_tomorrow,
    }
