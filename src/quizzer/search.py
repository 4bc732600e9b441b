"""Card search with a small query language in the spirit of Anki's.

Terms combine with AND; a leading ``-`` negates one. Examples::

    day:3 tricky                 tricky questions of Day 3
    week:1 is:due kind:mcq       due multiple-choice cards of Week 1
    topic:d03.s2 level:advanced  advanced questions under a syllabus node
    prop:r<0.8 lapses>2          weak cards: low retrievability, several lapses
    "view reshape" -is:new       free text (quoted phrases too), not new
"""

from __future__ import annotations

import operator
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quizzer.content import Catalog
from quizzer.content.models import KINDS, LEVELS
from quizzer.days import next_day_start
from quizzer.errors import UserError
from quizzer.scheduler import to_fsrs
from quizzer.settings import read_settings
from quizzer.stats import LEARN_AHEAD
from quizzer.store import Store
from quizzer.store.models import CardRow, Flag

OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "!=": operator.ne, "<": operator.lt, ">": operator.gt, "=": operator.eq,
}
COMPARE = re.compile(r"^(lapses|reps|prop:r|prop:s|prop:d|prop:due)(<=|>=|!=|<|>|=)(-?[\d.]+)$")
IS_VALUES = ("due", "new", "learning", "review", "lapsed", "suspended", "buried", "flagged", "retired")
ALIASES = {"learn": "learning"}  # Anki's spelling


@dataclass(frozen=True)
class Hit:
    """A card found by a search, with what the browser shows for it."""

    card: CardRow
    retrievability: float
    flagged: bool


@dataclass(frozen=True)
class SearchContext:
    catalog: Catalog
    now: datetime
    flagged: frozenset[str]
    retrievability: Callable[[CardRow], float]
    day_end: datetime | None = None  # when the learner's day ends: review cards due before it are due today


Predicate = Callable[[CardRow, SearchContext], bool]


def _term(token: str) -> Predicate:
    low = token.lower()
    if m := COMPARE.match(low):
        field, op, value = m[1], OPS[m[2]], float(m[3])
        getters = {
            "lapses": lambda c, x: c.lapses, "reps": lambda c, x: c.reps,
            "prop:r": lambda c, x: x.retrievability(c),
            "prop:s": lambda c, x: c.stability or 0.0, "prop:d": lambda c, x: c.difficulty or 0.0,
            "prop:due": lambda c, x: (c.due - x.now).total_seconds() / 86400,
        }
        get = getters[field]
        # a card never studied has no memory yet: no retrievability, stability, difficulty or due
        # date to compare (as in Anki, prop:r<0.8 finds weak studied cards, not unseen ones)
        if field.startswith("prop:"):
            return lambda c, x: c.reps > 0 and op(get(c, x), value)
        return lambda c, x: op(get(c, x), value)
    if ":" in low:
        key, value = low.split(":", 1)
        if key == "day":
            days = _numbers(value, token)
            return lambda c, x: c.day in days
        if key == "week":
            weeks = _numbers(value, token)
            return lambda c, x: x.catalog.week_of_day(c.day) in weeks
        if key == "topic":
            return lambda c, x: _question(c, x) is not None and (
                _question(c, x).topic == value or _question(c, x).topic.startswith(value + "."))
        if key == "kind":
            if value not in KINDS:
                raise UserError(f"unknown kind {value!r} in {token!r}", f"kinds are: {', '.join(KINDS)}")
            return lambda c, x: _question(c, x) is not None and _question(c, x).kind == value
        if key == "level":
            if value not in LEVELS:
                raise UserError(f"unknown level {value!r} in {token!r}", f"levels are: {', '.join(LEVELS)}")
            return lambda c, x: _question(c, x) is not None and _question(c, x).level == value
        if key == "source":
            return lambda c, x: c.question_id in set(x.catalog.questions_for(source=value))
        if key == "id":
            return lambda c, x: c.question_id == value or c.question_id.startswith(value)
        if key == "is":
            value = ALIASES.get(value, value)
            if value not in IS_VALUES:
                raise UserError(f"unknown state {value!r} in {token!r}", f"is: takes {', '.join(IS_VALUES)}")
            return _is(value)
        raise UserError(f"unknown search field {key!r} in {token!r}",
                        "fields: day: week: topic: kind: level: source: id: is: prop:r< lapses>; or plain words")
    if low in ("tricky", "key"):
        return lambda c, x: _question(c, x) is not None and _question(c, x).category == low
    return lambda c, x: _text_match(c, x, low)


def _numbers(value: str, token: str) -> set[int]:
    try:
        if "-" in value:
            lo, hi = (int(v) for v in value.split("-", 1))
            return set(range(lo, hi + 1))
        return {int(v) for v in value.split(",")}
    except ValueError:
        raise UserError(f"{token!r} needs a number, a range like 1-9 or a list like 1,3") from None


def _question(card: CardRow, x: SearchContext):
    return x.catalog.questions.get(card.question_id)


def _text_match(card: CardRow, x: SearchContext, text: str) -> bool:
    q = _question(card, x)
    if q is None:
        return False
    hay = " ".join([q.id, q.prompt, q.answer, q.explanation, *(c.text for c in q.choices or []), *q.tags]).lower()
    return text in hay


def _is(value: str) -> Predicate:
    def check(c: CardRow, x: SearchContext) -> bool:
        buried = c.buried_until is not None and c.buried_until > x.now
        if value == "suspended":
            return c.suspended
        if value == "buried":
            return buried
        if value == "flagged":
            return c.question_id in x.flagged
        if value == "retired":
            return c.retired
        if value == "new":
            return c.reps == 0
        if value == "lapsed":  # forgotten at least once after it had graduated
            return c.lapses > 0
        if value == "learning":
            return c.reps > 0 and c.state != 2
        if value == "review":
            return c.reps > 0 and c.state == 2
        # due: what review shows today (as home counts it), the daily limits aside: learning cards due
        # within the learn-ahead window, review cards due before the learner's day ends
        if c.reps == 0 or c.suspended or buried:
            return False
        if c.state == 2:
            return c.due < (x.day_end or x.now)
        return c.due <= x.now + LEARN_AHEAD
    return check


def parse_query(query: str) -> list[tuple[bool, Predicate]]:
    """Split a query into (negated, predicate) terms; UserError for an unknown field."""
    try:
        tokens = shlex.split(query)
    except ValueError:
        raise UserError(f"unbalanced quotes in {query!r}", 'close the quote, e.g. "view reshape"') from None
    terms = []
    for token in tokens:
        negate = token.startswith("-") and len(token) > 1
        terms.append((negate, _term(token[1:] if negate else token)))
    return terms


def search_cards(store: Store, profile_id: int, catalog: Catalog, query: str, now: datetime,
                 scheduler, limit: int | None = None) -> list[Hit]:
    """Cards of the profile matching ``query``, in course order."""
    terms = parse_query(query)
    with store.read() as s:
        cards = list(s.scalars(select(CardRow).where(CardRow.profile_id == profile_id).order_by(CardRow.position)))
        flagged = frozenset(s.scalars(select(Flag.question_id).where(Flag.profile_id == profile_id, Flag.resolved.is_(False))))
    cache: dict[int, float] = {}

    def retrievability(c: CardRow) -> float:
        if c.id not in cache:
            cache[c.id] = 0.0 if c.reps == 0 else scheduler.get_card_retrievability(to_fsrs(c), now)
        return cache[c.id]

    boundary = read_settings(store, profile_id).day_boundary_hour
    ctx = SearchContext(catalog, now, flagged, retrievability, next_day_start(now, boundary))
    show_retired = "is:retired" in query.lower()
    hits = []
    for card in cards:
        if card.retired and not show_retired:
            continue
        if all(pred(card, ctx) != negate for negate, pred in terms):
            hits.append(Hit(card, retrievability(card), card.question_id in flagged))
            if limit and len(hits) >= limit:
                break
    return hits
