"""SQLAlchemy 2.0 models of the store; every row belongs to a learner profile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from quizzer.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardRow(Base):
    """One question for one profile, holding its FSRS memory state."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("profile_id", "question_id"),
        Index("ix_cards_profile_due", "profile_id", "due"),
        Index("ix_cards_profile_position", "profile_id", "position"),
        Index("ix_cards_learning", "profile_id", "due", sqlite_where=text("state <> 2 AND reps > 0"),
              postgresql_where=text("state <> 2 AND reps > 0")),
        Index("ix_cards_queue", "profile_id", "state", "due", "reps", "suspended", "retired", "buried_until"),
        Index("ix_cards_new", "profile_id", "reps", "suspended", "retired", "buried_until"),
        Index("ix_cards_days", "profile_id", "day", "retired", "reps", "stability"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[int] = mapped_column(Integer, default=1)  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    introduced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first grading
    day: Mapped[int] = mapped_column(Integer, default=0)  # course day, refreshed by content sync
    position: Mapped[int] = mapped_column(Integer, default=0)  # course order of new cards
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    def memory(self) -> dict[str, Any]:
        """The schedule-relevant state, as stored in the review log for undo and audit."""
        return {
            "state": self.state, "step": self.step, "stability": self.stability,
            "difficulty": self.difficulty, "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps, "lapses": self.lapses,
        }


class ReviewRow(Base):
    """One grading: when, which rating, how long, and the card's state before and after."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_review_profile_time", "profile_id", "reviewed_at"),
        Index("ix_review_card", "card_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rating: Mapped[int] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)  # 0 new, else fsrs.State; counts daily limits
    duration_ms: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(20), default="review")  # review | exam | manual
    verdict: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # the answer check's; None: no check

    @property
    def right(self) -> bool:
        """Whether the answer was right: the check's verdict where there was one, else the grade."""
        return self.verdict if self.verdict is not None else self.rating > 1


class Setting(Base):
    __tablename__ = "settings"

    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Flag(Base):
    """A learner's report that a question is wrong or unclear."""

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class ExerciseState(Base):
    """A learner's standing on one exercise, scheduled for re-solving like a card."""

    __tablename__ = "exercise_state"
    __table_args__ = (UniqueConstraint("profile_id", "exercise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="not_started")  # not_started | failing | passed
    hints_shown: Mapped[int] = mapped_column(Integer, default=0)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[int | None] = mapped_column(Integer)  # FSRS state once passed
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    passes: Mapped[int] = mapped_column(Integer, default=0)


class ExerciseAttempt(Base):
    """One check run: when, on which device, the result and how long it took."""

    __tablename__ = "exercise_attempts"
    __table_args__ = (Index("ix_attempts_profile_exercise", "profile_id", "exercise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    device: Mapped[str] = mapped_column(String(20))
    seconds: Mapped[float] = mapped_column(Float)
    passed_checks: Mapped[int] = mapped_column(Integer)
    total_checks: Mapped[int] = mapped_column(Integer)


class Exam(Base):
    """A finished self-assessment: its scope, score and every answer."""

    __tablename__ = "exams"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    questions: Mapped[int] = mapped_column(Integer)
    correct: Mapped[int] = mapped_column(Integer)
    answers: Mapped[list] = mapped_column(JSON)  # [{question, topic, level, kind, given, correct}]
