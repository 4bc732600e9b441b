"""The quick start: a read-only look at a SQLite store with the cached course index.

``quizzer stats`` and the app's first screen answer through it without importing SQLAlchemy,
pydantic or YAML. It is taken only when it can vouch for the cards matching the content on
disk: the profile was last synced with exactly these files (their fingerprint) and the store's
schema is current. Otherwise ``open_quick`` gives None and the caller takes the full path, which
validates the content, migrates and syncs.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from quizzer import paths
from quizzer.course_index import CourseIndex, cached_index
from quizzer.snapshot import Snapshot, open_snapshot


@dataclass
class Quick:
    """A snapshot of the store, the profile and the course index, all known to agree."""

    snapshot: Snapshot
    profile: str
    profile_id: int
    course: CourseIndex

    def close(self) -> None:
        self.snapshot.close()


def profile_name(profile: str | None) -> str:
    """The profile to use: the one given, else $QUIZZER_PROFILE, else ``default``."""
    return profile or os.environ.get("QUIZZER_PROFILE") or "default"


def open_quick(db: str | None, content: str | Path | None, profile: str | None) -> Quick | None:
    """The quick start, or None whenever the full path is needed (first run, edited content,
    a database URL, another schema, a damaged or locked file)."""
    profile = profile_name(profile)
    opened = open_snapshot(paths.database_url(db), profile)
    if opened is None:
        return None
    snap, pid = opened
    try:
        course = cached_index(paths.content_dir(content))
        if course is not None and synced_fingerprint(snap, pid) == course.fingerprint:
            return Quick(snap, profile, pid, course)
    except sqlite3.Error:  # locked past the timeout, damaged: the full path explains
        pass
    snap.close()
    return None


def synced_fingerprint(reader, profile_id: int) -> str | None:
    """The content fingerprint the profile's cards were last synced with."""
    rows = reader.rows("SELECT CAST(value AS TEXT) FROM settings WHERE profile_id = :p AND key = 'synced_content'",
                       p=profile_id)
    return json.loads(rows[0][0]) if rows else None


@dataclass(frozen=True)
class QuickSettings:
    """The settings the first screen needs, with ProfileSettings' defaults (a test keeps them equal)."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    day_boundary_hour: int = 4
    theme: str = "dark"
    keys: dict[str, str] = field(default_factory=dict)
    course_day: int | None = None
    extra_new: int = 0
    extra_new_on: str = ""


def quick_settings(reader, profile_id: int) -> QuickSettings:
    """Those settings as stored (each was validated when saved), without loading pydantic. A value
    of an unexpected type keeps its default; the validated ProfileSettings takes over once the
    full path is open, so a quick reading is never the last word."""
    rows = reader.rows("SELECT key, CAST(value AS TEXT) FROM settings WHERE profile_id = :p", p=profile_id)
    defaults = QuickSettings()
    found = {}
    for key, text in rows:
        if hasattr(defaults, key):
            value = json.loads(text)
            default = getattr(defaults, key)
            if type(value) is type(default) or (default is None and type(value) is int):
                found[key] = value
    return QuickSettings(**found)
