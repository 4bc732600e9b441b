"""Today at a glance, the figures of the app's first screen.

SQL text over a reader, like ``quizzer.stats``, so the first screen paints from a ``Snapshot``
before SQLAlchemy and the content models are loaded, and from the store afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from quizzer.course_index import CourseIndex
from quizzer.snapshot import as_utc
from quizzer.stats import Counts, left_today, streak

MASTERED_DAYS = 21.0  # stability at which a card counts as mastered (Anki's "mature")
SUGGEST_FIT_AFTER = 400  # reviews; Anki suggests re-optimizing about monthly
REVIEWS_COUNTED = 1000  # the home screen counts reviews since the last fit up to this


@dataclass(frozen=True)
class DayProgress:
    day: int
    title: str
    cards: int
    introduced: int
    mastered: int


@dataclass(frozen=True)
class HomeFigures:
    counts: Counts
    days: list[DayProgress]
    current: DayProgress | None  # the learner's course day if set, else the first day with cards not yet introduced
    streak: int
    exercises_total: int
    exercises_passed: int  # passed at least once (including those due again)
    exercises_due: int  # passed, and due for re-solving
    reviews_since_fit: int  # counted up to REVIEWS_COUNTED


def home_figures(reader, profile_id: int, now: datetime, settings, course: CourseIndex) -> HomeFigures:
    """Everything the home screen shows; ``settings`` needs the limits and the day boundary."""
    studied = day_progress(reader, profile_id, course)
    chosen = getattr(settings, "course_day", None)
    current = (next((d for d in studied if d.day == chosen), None) if chosen else None) \
        or next((d for d in studied if d.introduced < d.cards), studied[-1] if studied else None)
    have = {d.day for d in studied}  # the whole course: days whose questions are not written yet too
    days = sorted(studied + [DayProgress(d, t, 0, 0, 0) for d, t in course.day_titles.items() if d not in have],
                  key=lambda d: d.day)
    passed = due = 0
    for status, when in reader.rows("SELECT status, due FROM exercise_state WHERE profile_id = :p", p=profile_id):
        passed += status == "passed"
        due += status == "passed" and when is not None and as_utc(when) <= now
    return HomeFigures(left_today(reader, profile_id, now, settings), days, current,
                       streak(reader, profile_id, now, settings.day_boundary_hour),
                       len(course.exercise_days), passed, due, reviews_since_fit(reader, profile_id))


def day_progress(reader, profile_id: int, course: CourseIndex) -> list[DayProgress]:
    """Cards, introduced and mastered per course day with questions."""
    rows = reader.rows("""
        SELECT day, COUNT(*), SUM(CASE WHEN reps > 0 THEN 1 ELSE 0 END),
               SUM(CASE WHEN stability >= :mastered THEN 1 ELSE 0 END)
        FROM cards WHERE profile_id = :p AND NOT retired GROUP BY day ORDER BY day""",
                       p=profile_id, mastered=MASTERED_DAYS)
    return [DayProgress(d, course.day_titles.get(d, ""), n, i or 0, m or 0) for d, n, i, m in rows]


def reviews_since_fit(reader, profile_id: int, cap: int = REVIEWS_COUNTED) -> int:
    """Reviews logged after FSRS was last fitted to the learner (all of them if it never was),
    counted up to ``cap``: a short walk of the log's time index however long the log is."""
    fits = reader.rows("SELECT CAST(value AS TEXT) FROM settings WHERE profile_id = :p AND key = 'fit_history'",
                       p=profile_id)
    history = json.loads(fits[0][0]) if fits else []
    since = " AND reviewed_at > :since" if history else ""
    params = {"since": datetime.fromisoformat(history[-1]["fitted_at"])} if history else {}
    return reader.rows(f"""SELECT COUNT(*) FROM (SELECT 1 FROM review_log
                           WHERE profile_id = :p AND kind = 'review'{since} LIMIT :cap) AS recent""",
                       p=profile_id, cap=cap, **params)[0][0]
