"""The card search language: fields, states, comparisons, negation, clear errors."""

from __future__ import annotations

BOTH_BACKENDS = True  # store tests run on SQLite and, where a server is given, PostgreSQL

import pytest

from quizzer.errors import UserError
from quizzer.review import ReviewSession
from quizzer.search import search_cards


def ids(ctx, session, query: str) -> list[str]:
    return [h.card.question_id for h in search_cards(ctx.store, ctx.profile_id, ctx.catalog, query, ctx.clock(), session.scheduler)]


@pytest.fixture
def session(ctx, clock):
    s = ReviewSession(ctx.store, ctx.profile_id, clock)
    first = s.next_card()
    s.grade(first.id, 4)  # d01-q001 becomes a review card
    second = s.next_card()
    s.grade(second.id, 1)  # d01-q002 is learning
    s.set_suspended(s.next_card().id)  # d01-q003 suspended
    s.flag("d02-q002", "unclear")
    return s


def test_fields_and_states(ctx, session):
    assert ids(ctx, session, "day:1") == ["d01-q001", "d01-q002", "d01-q003"]
    assert ids(ctx, session, "week:1") == ["d01-q001", "d01-q002", "d01-q003", "d02-q001", "d02-q002"]
    assert ids(ctx, session, "kind:cloze") == ["d02-q001"]
    assert ids(ctx, session, "level:advanced") == ["d02-q002"]
    assert ids(ctx, session, "tricky") == ["d01-q002"]
    assert ids(ctx, session, "topic:d01.s1.1") == ["d01-q001", "d01-q002", "d01-q003"]
    assert ids(ctx, session, "is:new") == ["d01-q003", "d02-q001", "d02-q002"]
    assert ids(ctx, session, "is:review") == ["d01-q001"]
    assert ids(ctx, session, "is:learning") == ["d01-q002"]
    assert ids(ctx, session, "is:suspended") == ["d01-q003"]
    assert ids(ctx, session, "is:flagged") == ["d02-q002"]


def test_combined_negated_and_free_text(ctx, session):
    assert ids(ctx, session, "day:1 -is:new") == ["d01-q001", "d01-q002"]
    assert ids(ctx, session, '"multi-dimensional array"') == ["d01-q001"]
    assert ids(ctx, session, "day:2 -kind:cloze") == ["d02-q002"]


def test_retrievability_and_lapses(ctx, session, clock):
    clock.advance(days=30)
    weak = ids(ctx, session, "prop:r<0.8 -is:new")
    assert "d01-q001" in weak
    assert ids(ctx, session, "lapses>0") == []
    assert ids(ctx, session, "is:due") == ["d01-q001", "d01-q002"]


def test_never_studied_cards_have_no_memory_to_compare(ctx, session, clock):
    clock.advance(days=30)
    assert ids(ctx, session, "prop:r<0.8") == ids(ctx, session, "prop:r<0.8 -is:new")
    assert not set(ids(ctx, session, "prop:r<0.8")) & set(ids(ctx, session, "is:new"))
    assert ids(ctx, session, "prop:s<1000") == ["d01-q001", "d01-q002"]


def test_is_due_counts_what_home_counts_and_anki_aliases_work(ctx, session, clock):
    from datetime import timedelta

    from quizzer.review import ReviewSession

    # d01-q002 was failed a moment ago: a learning card due within minutes counts as due, as on home
    assert ids(ctx, session, "is:due") == ["d01-q002"]
    assert ReviewSession(ctx.store, ctx.profile_id, clock).counts().learning == 1
    assert ids(ctx, session, "is:learn") == ids(ctx, session, "is:learning") == ["d01-q002"]
    # a review card due later today is due today, as home counts it
    first = session.card(next(h.card.id for h in search_cards(ctx.store, ctx.profile_id, ctx.catalog, "id:d01-q001",
                                                              clock(), session.scheduler)))
    with ctx.store.write() as s:
        s.get(type(first), first.id).due = clock() + timedelta(hours=1)
    assert "d01-q001" in ids(ctx, session, "is:due")


@pytest.mark.parametrize("query, message", [
    ("colour:red", "unknown search field 'colour'"),
    ("kind:essay", "unknown kind 'essay'"),
    ("is:happy", "unknown state 'happy'"),
    ("day:x", "needs a number"),
    ('"open', "unbalanced quotes"),
])
def test_bad_queries_are_clear(ctx, session, query, message):
    with pytest.raises(UserError, match=message):
        ids(ctx, session, query)
