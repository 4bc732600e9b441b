"""Content sync: new questions become cards, removed ones retire with history, edits keep schedules."""

from __future__ import annotations

BOTH_BACKENDS = True  # store tests run on SQLite and, where a server is given, PostgreSQL

from sqlalchemy import select

from conftest import SMALL_BANKS, write_content
from quizzer.context import open_context
from quizzer.review import ReviewSession
from quizzer.store.models import CardRow, ReviewRow


def cards(ctx) -> dict[str, CardRow]:
    with ctx.store.read() as s:
        return {c.question_id: c for c in s.scalars(select(CardRow).where(CardRow.profile_id == ctx.profile_id))}


def test_first_sync_adds_a_card_per_question(ctx):
    got = cards(ctx)
    assert set(got) == set(ctx.catalog.questions)
    assert all(c.reps == 0 and not c.retired for c in got.values())
    assert ctx.synced.added == 5


def test_edit_keeps_schedule_and_removal_retires_with_history(ctx, tmp_path, clock, db_url):
    session = ReviewSession(ctx.store, ctx.profile_id, clock)
    first = session.next_card()
    session.grade(first.id, 3)
    graded = cards(ctx)[first.question_id]
    ctx.close()

    banks = dict(SMALL_BANKS)
    banks["day01_basics.yaml"] = banks["day01_basics.yaml"].replace("What is a tensor?", "What, exactly, is a tensor?")
    banks["day02_setup.yaml"] = banks["day02_setup.yaml"].split("  - id: d02-q002")[0]
    root = write_content(tmp_path / "content", banks)
    again = open_context(db_url, root, "default", clock=clock)
    after = cards(again)
    assert again.catalog.questions[first.question_id].prompt == "What, exactly, is a tensor?"
    assert (after[first.question_id].due, after[first.question_id].stability) == (graded.due, graded.stability)
    assert after["d02-q002"].retired is True
    assert again.synced.retired == 1
    with again.store.read() as s:
        assert s.scalar(select(ReviewRow.question_id)) == first.question_id
    again.close()

    restored = open_context(db_url, write_content(tmp_path / "content", SMALL_BANKS), "default", clock=clock)
    assert cards(restored)["d02-q002"].retired is False
    assert restored.synced.restored == 1
    restored.close()


def test_profiles_have_their_own_cards(ctx, small_content, clock, db_url):
    import pytest

    from quizzer.errors import UserError

    with pytest.raises(UserError, match="there is no profile 'bob'"):  # a typo is not a new profile ...
        open_context(db_url, small_content, "bob", clock=clock)
    other = open_context(db_url, small_content, "bob", clock=clock, new_profile=True)  # ... unless asked for
    assert len(cards(other)) == 5 and other.profile_id != ctx.profile_id
    assert other.notices == ["new profile 'bob' created (the others here: default)"]
    other.close()
