"""A review session: what to show next, grading (committed at once), undo, bury, suspend, flag."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import Session

from quizzer import scheduler as sched
from quizzer.days import Clock, day_start, next_day_start, utcnow
from quizzer.errors import UnknownItem
from quizzer.settings import ProfileSettings, load_settings
from quizzer.stats import LEARN_AHEAD, Counts, done_today, left_today, new_limit
from quizzer.store import Store
from quizzer.store.models import CardRow, Flag, ReviewRow

__all__ = ["Clock", "Counts", "Focus", "ReviewSession", "Undone", "flags", "focus_for", "utcnow"]


@dataclass(frozen=True)
class Focus:
    """Restrict a session to some course days or to some question ids."""

    days: frozenset[int] | None = None
    questions: frozenset[str] | None = None
    label: str = ""  # what the learner asked for, for messages: "Day 12", "week 7", "source c2-m1-l3"
    ahead: bool = False  # study these cards now, once each, whatever their due date and today's limits

    def where(self):
        clauses = []
        if self.days is not None:
            clauses.append(CardRow.day.in_(sorted(self.days)))
        if self.questions is not None:
            clauses.append(CardRow.question_id.in_(sorted(self.questions)))
        return and_(True, *clauses)


@dataclass(frozen=True)
class Undone:
    """What ``ReviewSession.undo`` took back: ``action`` is grade, bury or suspend."""

    action: str
    question_id: str

    def __str__(self) -> str:
        what = {"grade": "the grade of", "bury": "burying", "suspend": "suspending"}[self.action]
        return f"{what} {self.question_id}"


class ReviewSession:
    """Picks cards as Anki does (learning first, then reviews interleaved with new cards in
    course order) and records each grading in its own committed transaction."""

    def __init__(self, store: Store, profile_id: int, clock: Clock = utcnow, focus: Focus | None = None):
        self.store = store
        self.profile_id = profile_id
        self.clock = clock
        self.focus = focus or Focus()
        with store.read() as s:
            self.settings: ProfileSettings = load_settings(s, profile_id)
        self.scheduler = sched.make_scheduler(self.settings)
        self._since_new = 0
        self.graded: list[int] = []  # review-log ids of this session, for the summary
        self._done: list[tuple] = []  # this session's actions, newest last, for undo

    def reload_settings(self) -> None:
        with self.store.read() as s:
            self.settings = load_settings(s, self.profile_id)
        self.scheduler = sched.make_scheduler(self.settings)

    # -- what is shown -------------------------------------------------------------------
    def _active(self, now: datetime):
        return and_(
            CardRow.profile_id == self.profile_id,
            CardRow.suspended.is_(False),
            CardRow.retired.is_(False),
            or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
            self.focus.where(),
        )

    def _today(self, now: datetime) -> tuple[datetime, datetime]:
        return (day_start(now, self.settings.day_boundary_hour),
                next_day_start(now, self.settings.day_boundary_hour))

    def counts(self, now: datetime | None = None) -> Counts:
        """What is left today: new (within the daily limit), learning due, reviews due."""
        return left_today(self.store, self.profile_id, now or self.clock(), self.settings,
                          self.focus.days, self.focus.questions)

    def next_card(self, now: datetime | None = None) -> CardRow | None:
        """The card to show now, or None when today's work is done."""
        now = now or self.clock()
        _, end = self._today(now)
        with self.store.read() as s:
            active = self._active(now)
            first = lambda q: s.scalars(q.limit(1)).first()  # noqa: E731
            learning = first(select(CardRow).where(active, CardRow.reps > 0, CardRow.state != 2, CardRow.due <= now).order_by(CardRow.due))
            if learning is not None:
                return learning
            if self.focus.ahead:  # chosen by the learner: shown once each, nothing in the store changed to do it
                seen = self._studied()
                return first(select(CardRow).where(CardRow.profile_id == self.profile_id, CardRow.retired.is_(False),
                                                   self.focus.where(), CardRow.id.not_in(seen) if seen else True)
                             .order_by(CardRow.position))
            new_done, review_done = done_today(self.store, self.profile_id, self._today(now)[0], self.focus.days)
            review = None
            if review_done < self.settings.reviews_per_day:
                review = first(select(CardRow).where(active, CardRow.reps > 0, CardRow.state == 2, CardRow.due < end).order_by(CardRow.due))
            new = None
            limit = new_limit(self.settings, self._today(now)[0])
            if new_done < limit:
                new = first(self._new_cards(active))
            if review is not None and new is not None:
                reviews_left = s.scalar(select(func.count()).where(active, CardRow.reps > 0, CardRow.state == 2, CardRow.due < end))
                new_left = limit - new_done
                # spread new cards evenly through the reviews instead of saving them for last
                every = max(1, (reviews_left + new_left) // max(new_left, 1))
                return new if self._since_new >= every - 1 else review
            if review is not None or new is not None:
                return review or new
            return first(select(CardRow).where(active, CardRow.reps > 0, CardRow.state != 2, CardRow.due <= now + LEARN_AHEAD).order_by(CardRow.due))

    def _new_cards(self, active):
        """Unseen cards in the order they are introduced: the course day the learner is on first,
        then earlier days' in course order; later days wait (without a focus of its own)."""
        query = select(CardRow).where(active, CardRow.reps == 0)
        day = self.settings.course_day
        if day is None or self.focus.days is not None or self.focus.questions is not None:
            return query.order_by(CardRow.position)
        return query.where(CardRow.day <= day).order_by(case((CardRow.day == day, 0), else_=1), CardRow.position)

    def _studied(self) -> list[int]:
        """The cards graded in this session (for ``Focus.ahead``, which shows each once)."""
        if not self.graded:
            return []
        with self.store.read() as s:
            return list(s.scalars(select(ReviewRow.card_id).where(ReviewRow.id.in_(self.graded))))

    def nothing_left(self, now: datetime | None = None) -> str:
        """Why ``next_card`` has nothing to show, and what the learner can do: say what is true.

        Checked in order: the scope has no questions (yet); every card in it is suspended, buried
        or retired; today's new-card or review limit is reached while cards wait; else it is done.
        """
        now = now or self.clock()
        start, end = self._today(now)
        scope = self.focus.label or "the course"
        if self.focus.ahead:
            return f"you have studied {scope}; its next review is scheduled as you graded it."
        with self.store.read() as s:
            mine = and_(CardRow.profile_id == self.profile_id, self.focus.where())
            count = lambda *where: s.scalar(select(func.count()).where(mine, *where))  # noqa: E731
            if count() == 0:
                if self.focus.days is not None:
                    return (f"{scope} has no questions yet: its content is not written. "
                            "Review the whole course (quizzer review) or read its syllabus on home.")
                return f"{scope} has no questions. Choose another focus, or check --content."
            active = self._active(now)
            if count(active) == 0:
                return (f"every card of {scope} is suspended, buried until tomorrow or retired. "
                        "Unsuspend cards in browse (is:suspended) to study them.")
            unseen = len(s.scalars(self._new_cards(active).with_only_columns(CardRow.id)).all())
            later = count(active, CardRow.reps == 0) - unseen  # days after the learner's course day
            waiting = count(active, CardRow.reps > 0, CardRow.state == 2, CardRow.due < end)
        new_done, review_done = done_today(self.store, self.profile_id, start, self.focus.days)
        if unseen and new_done >= new_limit(self.settings, start):
            return (f"today's new-card limit ({new_limit(self.settings, start)}) is reached; {unseen} new "
                    f"card{'s' * (unseen != 1)} of {scope} wait. To learn more today: quizzer study --new 10 "
                    "(or + in the app), or come back tomorrow.")
        if waiting and review_done >= self.settings.reviews_per_day:
            return (f"today's review limit ({self.settings.reviews_per_day}) is reached; {waiting} "
                    f"review{'s' * (waiting != 1)} of {scope} wait. Raise the limit in settings to go on.")
        if later:
            day = self.settings.course_day
            return (f"every card up to course Day {day} is done for today; {later} new "
                    f"card{'s' * (later != 1)} of later days wait until you move on (quizzer day {day + 1}).")
        return f"everything of {scope} is done for today. Come back tomorrow!"

    def card(self, card_id: int) -> CardRow:
        with self.store.read() as s:
            row = s.get(CardRow, card_id)
        if row is None or row.profile_id != self.profile_id:
            raise UnknownItem(f"no card {card_id} in this profile")
        return row

    def intervals(self, card: CardRow, now: datetime | None = None) -> dict[int, str]:
        """Rating → the next interval as Anki shows it ("10m", "1d", "3d", "8d")."""
        now = now or self.clock()
        return {r: sched.format_interval(d) for r, d in sched.preview(self.scheduler, card, now).items()}

    # -- what changes ----------------------------------------------------------------------
    def grade(self, card_id: int, rating: int, duration_ms: int = 0, kind: str = "review",
              verdict: bool | None = None) -> ReviewRow:
        """Schedule the card with FSRS and commit the card and its log row together; ``verdict``
        is what the answer check said (None for a flashcard), kept for honest recall figures."""
        if rating not in sched.RATINGS:
            raise ValueError(f"rating must be 1-4, got {rating}")
        now = self.clock()
        with self.store.write() as s:
            # FOR UPDATE serialises two graders of one card on PostgreSQL (SQLite's BEGIN
            # IMMEDIATE already does), so each grade builds on the state the last one left
            row = s.get(CardRow, card_id, with_for_update=True)
            if row is None or row.profile_id != self.profile_id:
                raise UnknownItem(f"no card {card_id} in this profile")
            before = row.memory()
            state_before = 0 if row.reps == 0 else row.state
            card = sched.review(self.scheduler, sched.to_fsrs(row), rating, now)
            sched.apply_fsrs(row, card)
            row.reps += 1
            if rating == 1 and state_before == 2:
                row.lapses += 1
            if state_before == 0:
                row.introduced_at = now
            log = ReviewRow(profile_id=self.profile_id, card_id=row.id, question_id=row.question_id,
                            reviewed_at=now, rating=rating, state_before=state_before,
                            duration_ms=max(0, min(int(duration_ms), sched.MAX_ANSWER_MS)),
                            before=before, after=row.memory(), kind=kind, verdict=verdict)
            s.add(log)
            s.flush()
        self._since_new = 0 if state_before == 0 else self._since_new + 1
        self.graded.append(log.id)
        self._done.append(("grade", log.id))
        return log

    def undo(self) -> Undone | None:
        """Take back this session's last action, whatever it was: a grade (the card restored, its
        log row deleted), a bury or a suspend (the card shown again). None when nothing is left."""
        if not self._done:
            return None
        action, key, *before = self._done.pop()
        if action == "grade":
            self.graded.remove(key)
            qid = self._undo_grade(key)
            return Undone("grade", qid) if qid else None
        with self.store.write() as s:
            row = self._own(s, key)
            if action == "bury":
                row.buried_until = before[0]
            else:
                row.suspended = before[0]
            return Undone(action, row.question_id)

    def _undo_grade(self, log_id: int) -> str | None:
        with self.store.write() as s:
            log = s.get(ReviewRow, log_id)
            if log is None:
                return None
            row = s.get(CardRow, log.card_id, with_for_update=True)
            b = log.before
            row.state, row.step, row.stability, row.difficulty = b["state"], b["step"], b["stability"], b["difficulty"]
            row.due = datetime.fromisoformat(b["due"])
            row.last_review = datetime.fromisoformat(b["last_review"]) if b["last_review"] else None
            row.reps, row.lapses = b["reps"], b["lapses"]
            if log.state_before == 0:
                row.introduced_at = None
            qid = row.question_id
            s.execute(delete(ReviewRow).where(ReviewRow.id == log_id))
        return qid

    def bury(self, card_id: int) -> None:
        """Hide the card until the next day starts."""
        _, end = self._today(self.clock())
        with self.store.write() as s:
            row = self._own(s, card_id)
            self._done.append(("bury", card_id, row.buried_until))
            row.buried_until = end

    def set_suspended(self, card_id: int, suspended: bool = True) -> None:
        with self.store.write() as s:
            row = self._own(s, card_id)
            self._done.append(("suspend", card_id, row.suspended))
            row.suspended = suspended

    def flag(self, question_id: str, note: str = "") -> None:
        with self.store.write() as s:
            s.add(Flag(profile_id=self.profile_id, question_id=question_id, note=note.strip(),
                       created_at=self.clock(), resolved=False))

    def _own(self, s: Session, card_id: int) -> CardRow:
        row = s.get(CardRow, card_id)
        if row is None or row.profile_id != self.profile_id:
            raise UnknownItem(f"no card {card_id} in this profile")
        return row


def flags(store: Store, profile_id: int, include_resolved: bool = False) -> list[Flag]:
    with store.read() as s:
        q = select(Flag).where(Flag.profile_id == profile_id).order_by(Flag.created_at)
        if not include_resolved:
            q = q.where(Flag.resolved.is_(False))
        return list(s.scalars(q))


def focus_for(catalog, days: Collection[int] | None = None, week: int | None = None, source: str | None = None) -> Focus:
    """Build a Focus from CLI-style options, checking they name something real."""
    if week is not None:
        wk = next((w for w in catalog.course.weeks if w.week == week), None)
        if wk is None:
            raise UnknownItem(f"there is no week {week}", f"weeks run 1 to {catalog.course.weeks[-1].week}")
        return Focus(days=frozenset(d.day for d in wk.days), label=f"week {week}")
    if source is not None:
        if source not in catalog.sources:
            raise UnknownItem(f"unknown source {source!r}", "source ids look like c2-m1-l3; see content/sources.yaml")
        return Focus(questions=frozenset(catalog.questions_for(source=source)), label=f"source {source}")
    return Focus(days=frozenset(days), label=days_label(days)) if days else Focus()


def days_label(days: Collection[int]) -> str:
    """``Day 12``, ``Days 1–9`` or ``Days 1, 4, 7``: a set of course days as a learner says it."""
    ordered = sorted(days)
    if len(ordered) == 1:
        return f"Day {ordered[0]}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"Days {ordered[0]}–{ordered[-1]}"
    return "Days " + ", ".join(map(str, ordered))
