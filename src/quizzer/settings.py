"""A learner's settings, validated with the allowed range, stored per profile."""

from __future__ import annotations

import json
import re
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
    learning_steps: list[float] = Field([1.0, 10.0], description="Learning steps, as in Anki, e.g. 1m 10m.")
    relearning_steps: list[float] = Field([10.0], description="Relearning steps after a lapse, e.g. 10m.")
    maximum_interval: int = Field(36500, ge=1, le=36500, description="Longest interval in days.")
    enable_fuzzing: bool = Field(True, description="Spread intervals slightly so cards do not bunch up.")
    day_boundary_hour: int = Field(4, ge=0, le=23, description="Local hour at which a new day starts, as in Anki.")
    theme: Literal["dark", "light"] = Field("dark", description="Colour theme of the app.")
    course_day: int | None = Field(None, ge=1, le=45, description="The course day you are on: new cards "
                                   "come from it first, then from earlier days; later days wait.")
    extra_new: int = Field(0, ge=0, le=9999, description="Custom study: extra new cards allowed on one day.")
    extra_new_on: str = Field("", description="The learner day (ISO date) extra_new applies to.")
    parameters: list[float] | None = Field(None, description="Fitted FSRS-6 parameters (21 numbers), or the defaults.")
    keys: dict[str, str] = Field({}, description="Key remapping: binding id → key.")

    @field_validator("learning_steps", "relearning_steps")
    @classmethod
    def _steps(cls, steps: list[float]) -> list[float]:
        if len(steps) > 10 or any(not (0 < s <= 1440) for s in steps):
            raise ValueError("steps must be at most 10 values between 0 and 1440 minutes")
        return steps


FIELDS = ProfileSettings.model_fields


STEP_UNITS = {"s": 1 / 60, "m": 1, "h": 60, "d": 1440}  # a step in minutes, as Anki writes them: 30s 1m 10m 1h 1d
STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
WORDED = {  # the allowed values of the fields that are not a numeric range, in a learner's words
    "learning_steps": "up to 10 steps of at most 1d, written 1m 10m 1h (a bare number is minutes)",
    "relearning_steps": "up to 10 steps of at most 1d, written 10m or 1h (a bare number is minutes)",
    "enable_fuzzing": "yes or no",
    "theme": "dark or light",
    "keys": 'binding id = key pairs, e.g. {"review.good": "g"} (ids are listed in help, ?)',
    "parameters": "21 numbers from quizzer optimize, or empty for the defaults",
    "course_day": "1 to 45, or empty to take new cards in course order",
}


def describe_range(name: str) -> str:
    """The allowed values of a setting, as a learner would write them."""
    if name in WORDED:
        return WORDED[name]
    meta = {type(m).__name__: m for m in FIELDS[name].metadata}
    lo = getattr(meta.get("Ge"), "ge", None)
    hi = getattr(meta.get("Le"), "le", None)
    if lo is not None and hi is not None:
        return f"{lo} to {hi}"
    return "any value"


def format_steps(steps: list[float]) -> str:
    """Steps in minutes as Anki shows them: [1, 10, 60] → ``1m 10m 1h``."""
    def one(minutes: float) -> str:
        for unit, size in (("d", 1440), ("h", 60), ("m", 1)):
            if minutes >= size and minutes % size == 0:
                return f"{minutes / size:g}{unit}"
        return f"{minutes * 60:g}s" if minutes < 1 else f"{minutes:g}m"
    return " ".join(one(s) for s in steps)


def show_value(name: str, value: Any) -> str:
    """A setting's value as the settings form shows it and ``parse_text`` reads it back."""
    if name in ("learning_steps", "relearning_steps"):
        return format_steps(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return "" if value is None else str(value)


def parse_text(name: str, text: str) -> Any:
    """What a learner typed for a setting, as its value (validated by ``parse_value`` after).

    Steps take Anki's form (``1m 10m 1h``, also ``1, 10`` or ``[1, 10]`` in minutes); yes/no
    fields take yes, no, true, false, on, off, 1 or 0. UserError naming the setting otherwise.
    """
    if name not in FIELDS:
        raise UserError(f"unknown setting {name!r}", f"settings are: {', '.join(FIELDS)}")
    text = text.strip()
    if name in ("learning_steps", "relearning_steps"):
        steps = []
        for part in text.replace("[", " ").replace("]", " ").replace(",", " ").split():
            m = STEP.match(part.lower())
            if m is None:
                raise UserError(f"setting {name}: cannot read the step {part!r}", f"allowed: {WORDED[name]}")
            steps.append(round(float(m[1]) * STEP_UNITS[m[2] or "m"], 4))
        return steps
    if name == "enable_fuzzing":
        lowered = text.lower()
        if lowered in ("yes", "true", "on", "1"):
            return True
        if lowered in ("no", "false", "off", "0"):
            return False
        raise UserError(f"setting {name}: {text!r} is not yes or no", "allowed: yes or no")
    if name == "course_day":
        if not text:
            return None
        if not text.isdigit():
            raise UserError(f"setting {name}: {text!r} is not a day number", f"allowed: {WORDED[name]}")
        return int(text)
    if name in ("keys", "parameters"):
        if not text:
            return {} if name == "keys" else None
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise UserError(f"setting {name}: {text!r} is not readable", f"allowed: {WORDED[name]}") from None
    return text


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
