"""FSRS scheduling through the store: py-fsrs's intervals, daily limits, course order, the queue."""

from __future__ import annotations

BOTH_BACKENDS = True  # store tests run on SQLite and, where a server is given, PostgreSQL

from datetime import timedelta

from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select

from quizzer.review import Focus, ReviewSession
from quizzer.settings import save_setting
from quizzer.store.models import CardRow, ReviewRow


def session_for(ctx, clock, **settings) -> ReviewSession:
    with ctx.store.write() as s:
        for key, value in settings.items():
            save_setting(s, ctx.profile_id, key, value)
    return ReviewSession(ctx.store, ctx.profile_id, clock)


def test_good_on_new_card_matches_py_fsrs(ctx, clock):
    session = session_for(ctx, clock, enable_fuzzing=False)
    card = session.next_card()
    session.grade(card.id, 3)
    stored = session.card(card.id)
    expected, _ = Scheduler(enable_fuzzing=False).review_card(Card(card_id=1), Rating.Good, clock())
    assert stored.due == expected.due and stored.stability == expected.stability
    assert stored.difficulty == expected.difficulty and stored.step == expected.step
    # and a second Good after the step graduates it exactly as py-fsrs does
    clock.advance(minutes=10)
    session.grade(card.id, 3)
    expected2, _ = Scheduler(enable_fuzzing=False).review_card(expected, Rating.Good, clock())
    assert session.card(card.id).due == expected2.due
    assert session.card(card.id).state == 2


def test_desired_retention_changes_the_interval(ctx, clock):
    session = session_for(ctx, clock, enable_fuzzing=False, learning_steps=[1.0], desired_retention=0.80)
    card = session.next_card()
    session.grade(card.id, 4)  # Easy graduates at once
    expected, _ = Scheduler(enable_fuzzing=False, desired_retention=0.80, learning_steps=[timedelta(minutes=1)]).review_card(
        Card(card_id=1), Rating.Easy, clock())
    assert session.card(card.id).due == expected.due
    default, _ = Scheduler(enable_fuzzing=False).review_card(Card(card_id=1), Rating.Easy, clock())
    assert expected.due > default.due  # lower retention, longer interval


def test_new_cards_in_course_order_key_before_tricky(ctx, clock):
    session = session_for(ctx, clock)
    seen = []
    while (card := session.next_card()) is not None and card.reps == 0:
        seen.append(card.question_id)
        session.grade(card.id, 4)
    assert seen == ["d01-q001", "d01-q002", "d01-q003", "d02-q001", "d02-q002"]


def test_new_card_daily_limit_and_next_day(ctx, clock):
    session = session_for(ctx, clock, new_per_day=2)
    assert session.counts().new == 2
    for _ in range(2):
        session.grade(session.next_card().id, 4)
    assert session.counts().new == 0
    assert session.next_card() is None
    clock.advance(days=1)
    assert session.counts().new == 2


def test_learning_cards_come_first(ctx, clock):
    session = session_for(ctx, clock)
    first = session.next_card()
    session.grade(first.id, 1)  # Again: back in a minute
    clock.advance(minutes=2)
    assert session.next_card().id == first.id


def test_due_reviews_interleave_with_new(ctx, clock):
    session = session_for(ctx, clock, learning_steps=[1.0])
    for qid in ("d01-q001", "d01-q002", "d01-q003"):
        card = session.next_card()
        assert card.question_id == qid
        session.grade(card.id, 4)
    clock.advance(days=60)  # all three reviews are due; two new cards wait
    order = []
    while (card := session.next_card()) is not None:
        order.append("new" if card.reps == 0 else "review")
        session.grade(card.id, 4)
    assert sorted(order) == ["new", "new", "review", "review", "review"]
    assert order[-1] != "new" or order[-2] != "new", f"new cards all at the end: {order}"


def test_focus_on_one_day(ctx, clock):
    session = ReviewSession(ctx.store, ctx.profile_id, clock, Focus(days=frozenset({2})))
    assert session.next_card().question_id == "d02-q001"
    assert session.counts().new == 2


def test_day_boundary_at_4am(ctx, clock, monkeypatch):
    from datetime import datetime, timezone

    from quizzer.days import day_start

    assert day_start(datetime(2026, 3, 10, 3, 59, tzinfo=timezone.utc), 4) == datetime(2026, 3, 9, 4, tzinfo=timezone.utc)
    assert day_start(datetime(2026, 3, 10, 4, 0, tzinfo=timezone.utc), 4) == datetime(2026, 3, 10, 4, tzinfo=timezone.utc)


def test_undo_restores_card_and_removes_log(ctx, clock):
    session = session_for(ctx, clock)
    card = session.next_card()
    session.grade(card.id, 3)
    assert session.undo().question_id == card.question_id
    restored = session.card(card.id)
    assert (restored.reps, restored.introduced_at, restored.due) == (0, None, card.due)
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 0


def test_undo_takes_back_the_last_action_whatever_it_was(ctx, clock):
    session = session_for(ctx, clock)
    graded = session.next_card()
    session.grade(graded.id, 3)
    buried = session.next_card()
    session.bury(buried.id)
    suspended = session.next_card()
    session.set_suspended(suspended.id)
    assert str(session.undo()) == f"suspending {suspended.question_id}"
    assert session.card(suspended.id).suspended is False
    assert str(session.undo()) == f"burying {buried.question_id}"
    assert session.card(buried.id).buried_until is None and session.next_card().id == buried.id
    with ctx.store.read() as s:  # the grade before the bury is still there ...
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 1
    assert str(session.undo()) == f"the grade of {graded.question_id}"
    with ctx.store.read() as s:  # ... until it is the last action left
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 0
    assert session.undo() is None


def test_bury_and_suspend_hide_the_card(ctx, clock):
    session = session_for(ctx, clock)
    first = session.next_card()
    session.bury(first.id)
    second = session.next_card()
    assert second.id != first.id
    session.set_suspended(second.id)
    assert session.next_card().id not in (first.id, second.id)
    clock.advance(days=1)
    assert session.next_card().id == first.id  # the buried card is back tomorrow
    with ctx.store.read() as s:
        assert s.get(CardRow, second.id).suspended is True


def test_settings_out_of_range_name_the_range(ctx):
    import pytest

    from quizzer.errors import UserError

    with ctx.store.write() as s, pytest.raises(UserError) as info:
        save_setting(s, ctx.profile_id, "desired_retention", 1.5)
    assert "0.7 to 0.99" in info.value.hint


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402


@hsettings(max_examples=200, deadline=None)
@given(stability=st.floats(0.1, 200), difficulty=st.floats(1, 10), elapsed=st.integers(0, 120))
def test_review_card_intervals_are_strictly_hard_good_easy(stability, difficulty, elapsed):
    """As in Anki, a review card's Hard < Good < Easy in whole days, though FSRS's stabilities
    can round to the same day; the preview is what grading then gives."""
    from datetime import datetime, timezone

    from fsrs import State

    from quizzer import scheduler as sched
    from quizzer.settings import ProfileSettings

    now = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)
    s = sched.make_scheduler(ProfileSettings(enable_fuzzing=False))
    card = Card(card_id=1, state=State.Review, step=None, stability=stability, difficulty=difficulty,
                due=now, last_review=now - timedelta(days=elapsed))
    days = {r: (sched.review(s, card, r, now).due - now).days for r in (2, 3, 4)}
    if days[4] < s.maximum_interval:
        assert days[2] < days[3] < days[4], days


def test_session_preview_and_grade_agree_on_a_tied_card(ctx, clock):
    session = session_for(ctx, clock, enable_fuzzing=False)
    row = session.next_card()
    with ctx.store.write() as s:  # a review card whose raw FSRS Hard and Good both round to 3 days
        c = s.get(CardRow, row.id)
        c.state, c.step, c.stability, c.difficulty, c.reps = 2, None, 1.5, 8.0, 3
        c.last_review, c.due = clock() - timedelta(days=1), clock()
    shown = session.intervals(session.card(row.id))
    assert (shown[2], shown[3], shown[4]) == ("3d", "4d", "5d")
    session.grade(row.id, 3)
    assert session.card(row.id).due - clock() == timedelta(days=4)
