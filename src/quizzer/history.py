"""A profile's review history as data: importing an Anki-style revlog, replaying it with FSRS,
and turning it into the items fsrs-rs fits and evaluates on."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from fsrs import Card, State

from quizzer.days import day_start
from quizzer.scheduler import make_scheduler, review
from quizzer.settings import ProfileSettings
from quizzer.snapshot import as_utc

if TYPE_CHECKING:  # statistics load the history without importing SQLAlchemy
    from quizzer.store import Store


@dataclass(frozen=True)
class Review:
    card: str
    at: datetime
    rating: int
    duration_ms: int


def read_revlog_csv(path: Path) -> list[Review]:
    """``card_id, review_rating, review_time, review_duration`` rows (Anki/py-fsrs export)."""
    with open(path, newline="", encoding="utf-8") as f:
        return [Review(r["card_id"], datetime.fromisoformat(r["review_time"]), int(r["review_rating"]),
                       int(r.get("review_duration") or 0)) for r in csv.DictReader(f)]


def import_reviews(store: Store, profile_id: int, reviews: Iterable[Review], settings: ProfileSettings,
                   prefix: str = "anki-") -> int:
    """Replay reviews with FSRS into cards and log rows (question ids ``prefix + card``)."""
    from sqlalchemy import insert, select

    from quizzer.store.models import CardRow, ReviewRow

    scheduler = make_scheduler(settings.model_copy(update={"enable_fuzzing": False}))
    by_card: dict[str, list[Review]] = defaultdict(list)
    for r in sorted(reviews, key=lambda r: r.at):
        by_card[r.card].append(r)
    with store.write() as s:
        position = (s.scalar(select(CardRow.position).order_by(CardRow.position.desc()).limit(1)) or 0) + 1
        cards, logs = [], []
        for key, items in by_card.items():
            card = Card(card_id=1, state=State.Learning, due=items[0].at)
            reps = lapses = 0
            row_logs = []
            for r in items:
                before = _memory(card, reps, lapses)
                state_before = 0 if reps == 0 else int(card.state)
                card = review(scheduler, card, r.rating, r.at)
                reps += 1
                lapses += r.rating == 1 and state_before == 2
                row_logs.append({"reviewed_at": r.at, "rating": r.rating, "state_before": state_before,
                                 "duration_ms": min(r.duration_ms, 60_000), "before": before,
                                 "after": _memory(card, reps, lapses), "kind": "review"})
            cards.append({"profile_id": profile_id, "question_id": prefix + key, "state": int(card.state), "step": card.step,
                          "stability": card.stability, "difficulty": card.difficulty, "due": card.due,
                          "last_review": card.last_review, "reps": reps, "lapses": lapses, "suspended": False,
                          "retired": False, "introduced_at": items[0].at, "day": 0, "position": position,
                          "created_at": items[0].at, "_logs": row_logs})
            position += 1
        logs_by_q = {c["question_id"]: c.pop("_logs") for c in cards}
        s.execute(insert(CardRow), cards)
        ids = dict(s.execute(select(CardRow.question_id, CardRow.id).where(CardRow.profile_id == profile_id)).all())
        for qid, row_logs in logs_by_q.items():
            for log in row_logs:
                logs.append({"profile_id": profile_id, "card_id": ids[qid], "question_id": qid, **log})
        s.execute(insert(ReviewRow), logs)
    return len(logs)


def _memory(card: Card, reps: int, lapses: int) -> dict:
    return {"state": int(card.state), "step": card.step, "stability": card.stability, "difficulty": card.difficulty,
            "due": card.due.isoformat(), "last_review": card.last_review.isoformat() if card.last_review else None,
            "reps": reps, "lapses": lapses}


@dataclass(frozen=True)
class LoggedReview:
    card_id: int
    at: datetime
    rating: int
    duration_ms: int
    state_before: int
    stability_before: float | None
    last_review_before: datetime | None
    due_before: datetime
    right: bool = True  # the answer check's verdict where there was one, else rating > 1


def load_history(reader, profile_id: int, since: datetime | None = None,
                 question_ids: set[str] | None = None, kind: str = "review") -> list[LoggedReview]:
    """Every review of the profile in time order, with the state the card had just before it.

    ``reader`` is a ``Store`` or a ``Snapshot``. The database extracts the few JSON fields needed
    (``->>`` means the same in SQLite and PostgreSQL), far cheaper than decoding each row's JSON here.
    """
    rows = reader.rows(f"""
        SELECT card_id, reviewed_at, rating, duration_ms, state_before, before->>'stability',
               before->>'last_review', before->>'due', question_id, verdict
        FROM review_log WHERE profile_id = :p AND kind = :kind{" AND reviewed_at >= :since" if since else ""}
        ORDER BY reviewed_at, id""", p=profile_id, kind=kind, **({"since": since} if since else {}))
    parse = datetime.fromisoformat
    return [LoggedReview(cid, as_utc(at), rating, dur, sb, None if stability is None else float(stability),
                         parse(last) if last else None, parse(due), bool(verdict) if verdict is not None else rating > 1)
            for cid, at, rating, dur, sb, stability, last, due, qid, verdict in rows
            if question_ids is None or qid in question_ids]


def fsrs_items(history: list[LoggedReview], boundary_hour: int):
    """fsrs-rs training items, one per review after the first, with each item's review time.

    Days between reviews are counted in learner days (the day boundary), as Anki does.
    """
    from fsrs_rs_python import FSRSItem, FSRSReview

    per_card: dict[int, list[LoggedReview]] = defaultdict(list)
    for r in history:
        per_card[r.card_id].append(r)
    items: list[tuple[datetime, object]] = []
    for reviews in per_card.values():
        seq = []
        last_day = None
        for r in reviews:
            day = day_start(r.at, boundary_hour)
            delta = 0 if last_day is None else (day - last_day).days
            seq.append(FSRSReview(r.rating, delta))
            last_day = day
            item = FSRSItem(list(seq))
            # an item predicts its last review; same-day (short-term) repeats are not scored
            if len(seq) > 1 and delta > 0 and item.long_term_review_cnt() > 0:
                items.append((r.at, item))
    items.sort(key=lambda t: t[0])
    return items
