"""Numbered schema migrations; each is a small function, all pending ones run in one transaction.

A migration's table definitions are frozen here: never edit a released migration, add one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON, Boolean, Column, Connection, Float, ForeignKey, Index, Integer, MetaData, String, Table,
    Text, UniqueConstraint, text,
)

from quizzer.store.types import UTCDateTime


def m001_initial(conn: Connection) -> None:
    """Profiles, cards with FSRS state, the review log, settings and flags."""
    md = MetaData()
    Table("profiles", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(100), nullable=False, unique=True),
          Column("created_at", UTCDateTime, nullable=False))
    Table("cards", md,
          Column("id", Integer, primary_key=True),
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
          Column("question_id", String(64), nullable=False),
          Column("state", Integer, nullable=False),
          Column("step", Integer),
          Column("stability", Float),
          Column("difficulty", Float),
          Column("due", UTCDateTime, nullable=False),
          Column("last_review", UTCDateTime),
          Column("reps", Integer, nullable=False),
          Column("lapses", Integer, nullable=False),
          Column("suspended", Boolean, nullable=False),
          Column("buried_until", UTCDateTime),
          Column("retired", Boolean, nullable=False),
          Column("introduced_at", UTCDateTime),
          Column("day", Integer, nullable=False),
          Column("position", Integer, nullable=False),
          Column("created_at", UTCDateTime, nullable=False),
          UniqueConstraint("profile_id", "question_id"),
          Index("ix_cards_profile_due", "profile_id", "due"),
          Index("ix_cards_profile_position", "profile_id", "position"))
    Table("review_log", md,
          Column("id", Integer, primary_key=True),
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
          Column("card_id", Integer, ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
          Column("question_id", String(64), nullable=False),
          Column("reviewed_at", UTCDateTime, nullable=False),
          Column("rating", Integer, nullable=False),
          Column("state_before", Integer, nullable=False),
          Column("duration_ms", Integer, nullable=False),
          Column("before", JSON, nullable=False),
          Column("after", JSON, nullable=False),
          Column("kind", String(20), nullable=False),
          Index("ix_review_profile_time", "profile_id", "reviewed_at"),
          Index("ix_review_card", "card_id"))
    Table("settings", md,
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
          Column("key", String(64), primary_key=True),
          Column("value", JSON))
    Table("flags", md,
          Column("id", Integer, primary_key=True),
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
          Column("question_id", String(64), nullable=False),
          Column("note", Text, nullable=False),
          Column("created_at", UTCDateTime, nullable=False),
          Column("resolved", Boolean, nullable=False))
    md.create_all(conn)


def m002_exercises(conn: Connection) -> None:
    """Exercise standing (scheduled for re-solving) and every check run."""
    md = MetaData()
    Table("profiles", md, Column("id", Integer, primary_key=True))
    Table("exercise_state", md,
          Column("id", Integer, primary_key=True),
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
          Column("exercise_id", String(80), nullable=False),
          Column("status", String(20), nullable=False),
          Column("hints_shown", Integer, nullable=False),
          Column("gave_up", Boolean, nullable=False),
          Column("state", Integer),
          Column("step", Integer),
          Column("stability", Float),
          Column("difficulty", Float),
          Column("due", UTCDateTime),
          Column("last_review", UTCDateTime),
          Column("passes", Integer, nullable=False),
          UniqueConstraint("profile_id", "exercise_id"))
    Table("exercise_attempts", md,
          Column("id", Integer, primary_key=True),
          Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
          Column("exercise_id", String(80), nullable=False),
          Column("started_at", UTCDateTime, nullable=False),
          Column("status", String(20), nullable=False),
          Column("device", String(20), nullable=False),
          Column("seconds", Float, nullable=False),
          Column("passed_checks", Integer, nullable=False),
          Column("total_checks", Integer, nullable=False),
          Index("ix_attempts_profile_exercise", "profile_id", "exercise_id"))
    md.tables["exercise_state"].create(conn)
    md.tables["exercise_attempts"].create(conn)


def m003_exams(conn: Connection) -> None:
    """Self-assessment exams with their answers."""
    md = MetaData()
    Table("profiles", md, Column("id", Integer, primary_key=True))
    exams = Table("exams", md,
                  Column("id", Integer, primary_key=True),
                  Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
                  Column("scope", String(200), nullable=False),
                  Column("started_at", UTCDateTime, nullable=False),
                  Column("finished_at", UTCDateTime, nullable=False),
                  Column("questions", Integer, nullable=False),
                  Column("correct", Integer, nullable=False),
                  Column("answers", JSON, nullable=False),
                  Index("ix_exams_profile_scope", "profile_id", "scope"))
    exams.create(conn)


def m004_queue_indexes(conn: Connection) -> None:
    """Indexes for the due queue and what is left today, so both stay fast at 100,000 cards:
    learning cards (few) by due in a partial index, review cards by a (state, due) range, and
    new cards by reps = 0, the last two covering so counts never touch the table rows."""
    conn.execute(text("CREATE INDEX ix_cards_learning ON cards (profile_id, due) WHERE state <> 2 AND reps > 0"))
    conn.execute(text("CREATE INDEX ix_cards_queue ON cards (profile_id, state, due, reps, suspended, retired, buried_until)"))
    conn.execute(text("CREATE INDEX ix_cards_new ON cards (profile_id, reps, suspended, retired, buried_until)"))


def m005_day_progress_index(conn: Connection) -> None:
    """A covering index for the home screen's progress by course day (cards, introduced and
    mastered per day): read in day order from the index alone, about 15 ms at 100,000 cards."""
    conn.execute(text("CREATE INDEX ix_cards_days ON cards (profile_id, day, retired, reps, stability)"))


def m006_review_verdict(conn: Connection) -> None:
    """The answer check's verdict of each grading (NULL for a flashcard, which has none), so recall
    figures count what the check said, not a grade the learner raised over a wrong answer."""
    conn.execute(text("ALTER TABLE review_log ADD COLUMN verdict BOOLEAN"))


MIGRATIONS: list[Callable[[Connection], None]] = [m001_initial, m002_exercises, m003_exams, m004_queue_indexes,
                                                  m005_day_progress_index, m006_review_verdict]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The schema version of the database; 0 for a blank one."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0


def upgrade(conn: Connection, start: int) -> None:
    """Run migrations start+1 … LATEST on ``conn`` (inside the caller's transaction)."""
    if start == 0:
        conn.execute(text("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at VARCHAR(40) NOT NULL)"))
    from datetime import datetime, timezone

    for number in range(start + 1, LATEST + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(text("INSERT INTO schema_version (version, applied_at) VALUES (:v, :t)"),
                     {"v": number, "t": datetime.now(timezone.utc).isoformat()})
