"""Read a SQLite store with the standard library alone, for the quick paths.

``quizzer stats`` and the app's first screen only read, and importing SQLAlchemy costs about a
quarter of a second on a small machine; a ``Snapshot`` answers the same SQL text as
``Store.rows`` over a plain ``sqlite3`` connection. It refuses (``None`` from ``open_snapshot``)
whenever the store needs the full path: another schema version, a missing profile, a URL.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 6  # the store's current schema; a test keeps it equal to migrations.LATEST
_STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy writes a DateTime into SQLite


def db_time(value, sqlite: bool):
    """A query parameter as the database stores it: datetimes as naive UTC (text on SQLite)."""
    if not isinstance(value, datetime):
        return value
    naive = value.astimezone(timezone.utc).replace(tzinfo=None)
    return naive.strftime(_STORED) if sqlite else naive


def as_utc(value) -> datetime | None:
    """A datetime read back from either database, as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc)


class Snapshot:
    """A read-only connection to a SQLite store (``query_only``; waits politely on writers)."""

    def __init__(self, path: Path):
        self.path = path
        # not mode=ro: a reader of a WAL database may need to create its -shm file
        self.conn = sqlite3.connect(path, timeout=15)
        self.conn.execute("PRAGMA query_only = ON")

    def rows(self, sql: str, **params) -> list[tuple]:
        return self.conn.execute(sql, {k: db_time(v, True) for k, v in params.items()}).fetchall()

    def close(self) -> None:
        self.conn.close()


def open_snapshot(url: str, profile: str) -> tuple[Snapshot, int] | None:
    """A snapshot of the SQLite store at ``url`` and the profile's id, or None to take the full path."""
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        return None
    try:
        snap = Snapshot(path)
    except sqlite3.Error:
        return None
    try:
        version = snap.rows("SELECT MAX(version) FROM schema_version")[0][0]
        found = snap.rows("SELECT id FROM profiles WHERE name = :n", n=profile)
    except sqlite3.Error:  # no schema yet, damaged, locked: the full path explains or repairs
        snap.close()
        return None
    if version != SCHEMA_VERSION or not found:
        snap.close()
        return None
    return snap, found[0][0]
