"""FSRS-6 scheduling through py-fsrs, and conversions to and from store rows (the day boundary is in days.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Rating, Scheduler, State

from quizzer.settings import ProfileSettings

if TYPE_CHECKING:  # statistics use this module without importing SQLAlchemy
    from quizzer.store.models import CardRow

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
MAX_ANSWER_MS = 60_000  # as Anki, a card left on screen counts at most a minute


def make_scheduler(settings: ProfileSettings) -> Scheduler:
    kwargs = {}
    if settings.parameters:
        kwargs["parameters"] = settings.parameters
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=[timedelta(minutes=m) for m in settings.learning_steps],
        relearning_steps=[timedelta(minutes=m) for m in settings.relearning_steps],
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.enable_fuzzing,
        **kwargs,
    )


def to_fsrs(row: CardRow) -> Card:
    return Card(card_id=row.id, state=State(row.state), step=row.step, stability=row.stability,
                difficulty=row.difficulty, due=row.due, last_review=row.last_review)


def apply_fsrs(row: CardRow, card: Card) -> None:
    row.state = int(card.state)
    row.step = card.step
    row.stability = card.stability
    row.difficulty = card.difficulty
    row.due = card.due
    row.last_review = card.last_review


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def _passing_days(scheduler: Scheduler, card: Card, now: datetime) -> dict[int, int]:
    """Hard, Good and Easy of a review card in whole days, unfuzzed, made strictly increasing as
    Anki does: FSRS's stabilities can round to the same day (Hard 4d = Good 4d), and a harder
    rating must never give as long an interval as an easier one."""
    fuzz = scheduler.enable_fuzzing
    scheduler.enable_fuzzing = False
    try:
        days = {r: (scheduler.review_card(card, RATINGS[r], now)[0].due - now).days for r in (2, 3, 4)}
    finally:
        scheduler.enable_fuzzing = fuzz
    days[3] = max(days[3], days[2] + 1)
    days[4] = max(days[4], days[3] + 1)
    return days


def review(scheduler: Scheduler, card: Card, rating: int, now: datetime) -> Card:
    """py-fsrs's review of ``card`` with ``rating`` (1-4), then Anki's rule for a review card
    answered Hard, Good or Easy: the interval is at least that rating's place in Hard < Good < Easy."""
    new, _ = scheduler.review_card(card, RATINGS[rating], now)
    if card.state != State.Review or rating == 1 or new.state != State.Review:
        return new
    floor = min(_passing_days(scheduler, card, now)[rating], scheduler.maximum_interval)
    if new.due - now < timedelta(days=floor):
        new.due = now + timedelta(days=floor)
    return new


def preview(scheduler: Scheduler, row: CardRow, now: datetime) -> dict[int, timedelta]:
    """The interval each rating would give, without changing the card (no fuzz, as Anki shows)."""
    fuzz = scheduler.enable_fuzzing
    scheduler.enable_fuzzing = False
    try:
        return {r: review(scheduler, to_fsrs(row), r, now).due - now for r in RATINGS}
    finally:
        scheduler.enable_fuzzing = fuzz
