"""A learner's settings, validated with the allowed range, stored per profile."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from quizzer.errors import UserError

if TYPE_CHECKING:  # the quick paths read settings without importing SQLAlchemy
    from sqlalchemy.orm import Session


class ProfileSettings(BaseModel):
    """Scheduling and display settings of one profile."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    desired_retention: float = Field(0.90, ge=0.70, le=0.99, description="Target probability of recall at review time.")
    new_per_day: int = Field(20, ge=0, le=9999, description="New cards introduced per day.")
    reviews_per_day: int = Field(200, ge=0, le=99999, description="Most review cards shown per day.")
    learning_steps: list[float] = Field([1.0, 10.0], description="Learning steps in minutes, e.g. [1, 10].")
    relearning_steps: list[float] = Field([10.0], description="Relearning steps in minutes after a lapse.")
    maximum_interval: int = Field(36500, ge=1, le=36500, description="Longest interval in days.")
    enable_fuzzing: bool = Field(True, description="Spread intervals slightly so cards do not bunch up.")
    day_boundary_hour: int = Field(4, ge=0, le=23, description="Local hour at which a new day starts, as in Anki.")
    theme: Literal["dark", "light"] = Field("dark", description="Colour theme of the app.")
    parameters: list[float] | None = Field(None, description="Fitted FSRS-6 parameters (21 numbers), or the defaults.")
    keys: dict[str, str] = Field({}, description="Key remapping: binding id → key.")

    @field_validator("learning_steps", "relearning_steps")
    @classmethod
    def _steps(cls, steps: list[float]) -> list[float]:
        if len(steps) > 10 or any(not (0 < s <= 1440) for s in steps):
            raise ValueError("steps must be at most 10 values between 0 and 1440 minutes")
        return steps


FIELDS = ProfileSettings.model_fields


def describe_range(name: str) -> str:
    meta = {type(m).__name__: m for m in FIELDS[name].metadata}
    lo = getattr(meta.get("Ge"), "ge", None)
    hi = getattr(meta.get("Le"), "le", None)
    if lo is not None and hi is not None:
        return f"{lo} to {hi}"
    return str(FIELDS[name].annotation).replace("typing.", "")


def load_settings(session: Session, profile_id: int) -> ProfileSettings:
    """The profile's settings: stored values over the defaults (unknown stored keys ignored)."""
    from sqlalchemy import select

    from quizzer.store.models import Setting

    return settings_from(session.execute(select(Setting.key, Setting.value).where(Setting.profile_id == profile_id)))


def read_settings(reader, profile_id: int) -> ProfileSettings:
    """As ``load_settings``, through a reader (``Store`` or ``Snapshot``) running SQL text."""
    rows = reader.rows("SELECT key, CAST(value AS TEXT) FROM settings WHERE profile_id = :p", p=profile_id)
    return settings_from((k, json.loads(v)) for k, v in rows)


def settings_from(rows) -> ProfileSettings:
    """Validate stored (key, value) pairs; a value an older version stored that no longer
    validates falls back to its default rather than locking the learner out."""
    stored = {k: v for k, v in rows if k in FIELDS}
    try:
        return ProfileSettings(**stored)
    except ValidationError:
        good = {}
        for key, value in stored.items():
            try:
                ProfileSettings(**{key: value})
                good[key] = value
            except ValidationError:
                pass
        return ProfileSettings(**good)


def parse_value(name: str, raw: Any) -> ProfileSettings:
    """Validate one new value; UserError naming the allowed range if it is out of bounds."""
    if name not in FIELDS:
        raise UserError(f"unknown setting {name!r}", f"settings are: {', '.join(FIELDS)}")
    try:
        return ProfileSettings.model_validate({name: raw})
    except ValidationError as exc:
        msg = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise UserError(f"setting {name}: {msg}", f"allowed: {describe_range(name)}") from None


def save_setting(session: Session, profile_id: int, name: str, raw: Any) -> Any:
    """Validate and store one setting; return the stored value."""
    from quizzer.store.models import Setting

    value = getattr(parse_value(name, raw), name)
    row = session.get(Setting, (profile_id, name))
    if row is None:
        session.add(Setting(profile_id=profile_id, key=name, value=value))
    else:
        row.value = value
    return value


READING_POSITION = "lesson_position"  # stored beside the settings, not one of them


def reading_position(reader, profile_id: int) -> str | None:
    """The topic id where the profile last left the lesson reader, or None."""
    rows = reader.rows("SELECT CAST(value AS TEXT) FROM settings WHERE profile_id = :p AND key = :k",
                       p=profile_id, k=READING_POSITION)
    try:
        value = json.loads(rows[0][0]) if rows else None
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def save_reading_position(store, profile_id: int, topic_id: str) -> None:
    """Remember where the profile is in the lessons (committed at once)."""
    from quizzer.store.models import Setting

    with store.write() as session:
        session.merge(Setting(profile_id=profile_id, key=READING_POSITION, value=topic_id))
