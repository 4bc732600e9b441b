"""Custom study, as in Anki: more new cards today, review ahead, a search or the weakest topics as
a session. The CLI's ``quizzer study`` and the app's commands both call these."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select

from quizzer.errors import UserError
from quizzer.review import Focus
from quizzer.settings import load_settings, save_setting
from quizzer.stats import new_limit
from quizzer.days import day_start
from quizzer.store import Store
from quizzer.store.models import CardRow


def more_new_today(store: Store, profile_id: int, n: int, now: datetime) -> int:
    """Allow ``n`` more new cards today only (they add up); return today's new-card limit."""
    if not 1 <= n <= 9999:
        raise UserError(f"--new {n} is out of range", "ask for 1 to 9999 more new cards")
    with store.write() as s:
        settings = load_settings(s, profile_id)
        today = day_start(now, settings.day_boundary_hour)
        extra = settings.extra_new if settings.extra_new_on == today.date().isoformat() else 0
        save_setting(s, profile_id, "extra_new", extra + n)
        save_setting(s, profile_id, "extra_new_on", today.date().isoformat())
    with store.read() as s:
        return new_limit(load_settings(s, profile_id), today)


def review_ahead(store: Store, profile_id: int, days: int, now: datetime) -> Focus:
    """Studied cards due within the next ``days`` days, soonest first, shown now."""
    if not 1 <= days <= 365:
        raise UserError(f"--ahead {days} is out of range", "review ahead 1 to 365 days")
    with store.read() as s:
        ids = list(s.scalars(select(CardRow.question_id).where(
            CardRow.profile_id == profile_id, CardRow.reps > 0, CardRow.suspended.is_(False),
            CardRow.retired.is_(False), CardRow.due <= now + timedelta(days=days)).order_by(CardRow.due)))
    return _session(ids, f"the cards due in the next {days} day{'s' * (days != 1)}")


def search_session(store: Store, profile_id: int, catalog, query: str, now: datetime, scheduler) -> Focus:
    """The cards a browser search finds, as a session (``day:3 is:lapsed``), whatever their due dates."""
    from quizzer.search import search_cards

    hits = search_cards(store, profile_id, catalog, query, now, scheduler)
    return _session([h.card.question_id for h in hits if not h.card.retired], f"the search {query!r}")


def weakest_topics(store: Store, profile_id: int, catalog, topics: int = 3) -> Focus:
    """The studied cards of the topics answered wrong most often (the answer check's verdicts)."""
    from quizzer.history import load_history

    with store.read() as s:
        cards = dict(s.execute(select(CardRow.id, CardRow.question_id).where(
            CardRow.profile_id == profile_id, CardRow.reps > 0, CardRow.retired.is_(False))).all())
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for review in load_history(store, profile_id):
        q = catalog.questions.get(cards.get(review.card_id, ""))
        if q is not None:
            tally[q.topic][0] += review.right
            tally[q.topic][1] += 1
    weak = sorted(tally, key=lambda t: (tally[t][0] / tally[t][1], -tally[t][1]))[:topics]
    ids = [qid for qid in cards.values() if qid in catalog.questions and catalog.questions[qid].topic in weak]
    names = ", ".join(weak) if weak else "no topic yet"
    return _session(ids, f"your weakest topics ({names})")


def _session(question_ids: list[str], label: str) -> Focus:
    if not question_ids:
        raise UserError(f"{label} has no cards to study", "try another search, or study today's reviews first")
    return Focus(questions=frozenset(question_ids), label=label, ahead=True)
