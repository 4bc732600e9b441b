"""Statistics and the FSRS fit on a real history: 12,580 reviews of one person's Anki collection.

Every figure is checked against a value computed here independently, from the CSV and py-fsrs.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State

from quizzer.analytics import full_stats
from quizzer.history import import_reviews, read_revlog_csv
from quizzer.settings import ProfileSettings
from quizzer.store import open_store

CSV = Path(__file__).parent / "fixtures" / "fsrs_sample_revlog.csv"
NOW = datetime(2024, 10, 7, 12, tzinfo=timezone.utc)  # the day after the last review


@pytest.fixture(scope="module")
def history_store(tmp_path_factory):
    os.environ["TZ"] = "UTC"
    time.tzset()
    path = tmp_path_factory.mktemp("revlog") / "revlog.db"
    store = open_store(f"sqlite:///{path}")
    pid = store.profile_id("anki-user")
    import_reviews(store, pid, read_revlog_csv(CSV), ProfileSettings())
    yield store, pid, path
    store.close()


@pytest.fixture(scope="module")
def replay():
    """Independent replay: (card, time, rating, state before, stability before, last review, due before)."""
    scheduler = Scheduler(enable_fuzzing=False)
    per_card = defaultdict(list)
    for r in sorted(read_revlog_csv(CSV), key=lambda r: r.at):
        per_card[r.card].append(r)
    rows = []
    for key, reviews in per_card.items():
        card = Card(card_id=1, due=reviews[0].at)
        for i, r in enumerate(reviews):
            rows.append((key, r.at, r.rating, card.state if i else None, card.stability, card.last_review, card.due))
            card, _ = scheduler.review_card(card, Rating(r.rating), r.at)
    return rows


def day0(t: datetime) -> datetime:
    """Start of the learner day (4 a.m. UTC here)."""
    start = t.replace(hour=4, minute=0, second=0, microsecond=0)
    return start - timedelta(days=1) if t < start else start


def test_import_keeps_every_review(history_store):
    _, _, path = history_store
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 12580
        assert conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 1205


def test_true_retention_matches_an_independent_count(history_store, replay):
    store, pid, _ = history_store
    stats = full_stats(store, pid, NOW)
    for period in (7, 30, 365):
        seen, young, mature = set(), [], []
        for key, at, rating, state, stability, last, due in replay:
            if state != State.Review or (NOW.date() - day0(at).date()).days >= period + (NOW.hour < 4):
                continue
            if (key, day0(at)) in seen:
                continue
            seen.add((key, day0(at)))
            if (due - last).total_seconds() / 86400 >= 21:
                mature.append(rating > 1)
            else:
                young.append(rating > 1)
        got = stats["retention"][f"last_{period}_days"]
        assert got["young"]["reviews"] == len(young) and got["mature"]["reviews"] == len(mature)
        assert got["all"]["retention"] == pytest.approx(sum(young + mature) / len(young + mature), abs=1e-4)


def test_calibration_matches_the_forgetting_curve(history_store, replay):
    store, pid, _ = history_store
    cal = full_stats(store, pid, NOW)["calibration"]
    w20 = Scheduler().parameters[20]
    factor = 0.9 ** (1 / -w20) - 1
    pairs = []
    for _, at, rating, state, stability, last, _due in replay:
        if state is None or stability is None or last is None or (at - last).days < 1:
            continue
        p = (1 + factor * (at - last).days / stability) ** -w20
        pairs.append((p, rating > 1))
    log_loss = -sum(math.log(p) if y else math.log(1 - p) for p, y in pairs) / len(pairs)
    assert cal["reviews"] == len(pairs)
    assert cal["log_loss"] == pytest.approx(log_loss, abs=1e-4)
    assert 0 < cal["rmse_bins"] < 0.2
    assert sum(b["reviews"] for b in cal["bins"]) == len(pairs)


def test_forecast_counts_due_cards_per_day(history_store):
    store, pid, path = history_store
    forecast = full_stats(store, pid, NOW)["forecast"]
    with sqlite3.connect(path) as conn:
        dues = [datetime.fromisoformat(d).replace(tzinfo=timezone.utc) for (d,) in conn.execute("SELECT due FROM cards WHERE reps > 0")]
    today = day0(NOW)
    expected = [0] * 30
    for d in dues:
        offset = max(0, (day0(d) - today).days)
        if offset < 30:
            expected[offset] += 1
    assert [f["reviews"] for f in forecast] == expected
    assert forecast[0]["reviews"] > 0  # overdue cards count today


def test_activity_streak_and_buttons(history_store):
    store, pid, _ = history_store
    act = full_stats(store, pid, NOW)["activity"]
    ratings = [r.rating for r in read_revlog_csv(CSV)]
    assert act["answer_buttons"] == {"again": ratings.count(1), "hard": ratings.count(2), "good": ratings.count(3),
                                     "easy": ratings.count(4)}
    assert sum(act["reviews_per_day"].values()) == sum(1 for r in read_revlog_csv(CSV) if (day0(NOW) - day0(r.at)).days < 365)


@pytest.mark.parametrize("chunk", [3, 32])
def test_streak_matches_the_days_studied_in_the_log(history_store, chunk):
    """The home screen's streak, probed a chunk of days per query, against the CSV's own days
    at a year of weekly dates."""
    from quizzer.stats import streak

    store, pid, _ = history_store
    studied = {day0(r.at) for r in read_revlog_csv(CSV)}
    expected, found = [], []
    for back in range(0, 365, 7):
        now = NOW - timedelta(days=back)
        first = 0 if day0(now) in studied else 1
        n = first
        while day0(now) - timedelta(days=n) in studied:
            n += 1
        expected.append(n - first)
        found.append(streak(store, pid, now, 4, chunk))
    assert found == expected and max(expected) > 3  # with chunk=3, streaks span several queries


def test_fit_improves_held_out_log_loss_and_is_adopted(history_store):
    from quizzer.optimizer import fit
    from quizzer.settings import load_settings

    store, pid, _ = history_store
    report = fit(store, pid, NOW)
    assert report.fitted["log_loss"] < report.default["log_loss"]
    assert report.adopted and report.test_items > 1000
    with store.read() as s:
        assert load_settings(s, pid).parameters == report.parameters
    assert len(report.parameters) == 21


def test_fit_refuses_too_little_history(ctx):
    from quizzer.errors import UserError
    from quizzer.optimizer import fit

    with pytest.raises(UserError, match="at least 400"):
        fit(ctx.store, ctx.profile_id, ctx.clock())


def test_stats_json_has_every_section(tmp_path, small_content):
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "quizzer", "stats", "--json", "--db", str(tmp_path / "s.db"),
                          "--content", str(small_content), "--week", "1"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    for key in ("cards_by_state", "reviews_today", "due_now", "due_tomorrow", "new_remaining_today", "activity",
                "forecast", "retention", "memory", "calibration", "mastery"):
        assert key in data, key
    assert len(data["forecast"]) == 30 and data["mastery"]["days"][0]["cards"] == 3


def test_recall_figures_come_from_what_happened_not_from_a_just_shown_answer(ctx, clock):
    """After Agains, FSRS predicts near-100% recall (the answer was just shown); the figures a
    learner reads as "how am I doing" must count the wrong answers, and an overridden check."""
    from quizzer.course_index import CourseIndex
    from quizzer.review import ReviewSession
    from quizzer.stats import session_summary

    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    failed = session.next_card()
    assert failed.question_id == "d01-q001"  # a flashcard: no answer check, the grade is the verdict
    for _ in range(14):
        session.grade(failed.id, 1)
        clock.advance(minutes=2)
    numeric = next(c for c in map(session.card, range(1, 6)) if c.question_id == "d01-q003")
    session.grade(numeric.id, 3, verdict=False)  # the check said ✗; the learner pressed Good anyway
    stats = full_stats(ctx.store, ctx.profile_id, clock(), CourseIndex.of(ctx.catalog, {}, ctx.catalog.fingerprint))
    mem = stats["memory"]
    assert mem["average_retrievability"] > 0.9  # FSRS's prediction right after the answer was shown ...
    assert mem["answered_right"] == 0 and mem["answered"] == 15  # ... but not one answer was right
    weakest = stats["mastery"]["weakest_topics"]
    assert [t["answered_right"] for t in weakest] == [0, 0]
    summary = session_summary(ctx.store, session.graded, ctx.catalog, clock(), ctx.profile_id, 4)
    assert summary["cards"] == 2 and summary["reviews"] == 15
    assert summary["accuracy_by_kind"] == {"flashcard": 0.0, "numeric": 0.0}
    from quizzer.store.models import ReviewRow
    from sqlalchemy import select

    with ctx.store.read() as s:  # the verdict is stored with the grade
        assert [r.verdict for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))][-2:] == [None, False]
