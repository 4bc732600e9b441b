"""Opening the store: engine set-up (WAL, foreign keys, busy timeout), migrations, profiles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from quizzer.errors import StoreError
from quizzer.store import migrations
from quizzer.store.models import Profile

BUSY_TIMEOUT_MS = 15_000


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself so DDL is transactional and we choose IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # A writer takes the write lock up front, so two writers queue instead of deadlocking.
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """A database holding every profile's cards and history; thread-safe to share."""

    def __init__(self, url: str):
        self.url = url
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError):
            raise StoreError(f"{url!r} is not a database path or SQLAlchemy URL",
                             "give a file path like data.db or a URL like postgresql+psycopg://user@host/db") from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path = Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:") else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = _sqlite_engine(url) if self.is_sqlite else create_engine(url, pool_pre_ping=True)
        except Exception as exc:  # a missing driver, a bad option
            raise StoreError(f"cannot use database {self.describe()}: {exc}",
                             "for PostgreSQL install the extra: pip install 'quizzer[postgres]'") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(immediate=True), expire_on_commit=False)

    def describe(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def read(self) -> Session:
        """A session for reading (and for short writes where contention does not matter)."""
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the write lock from its start and commits on exit."""
        with self._writes() as session, session.begin():
            yield session

    def rows(self, sql: str, **params) -> list[tuple]:
        """Run read-only SQL text (portable between SQLite and PostgreSQL) and return its rows.

        Statistics are written once as SQL text, so the same code reads this store and a
        ``Snapshot`` (the quick paths' reader, which does without SQLAlchemy).
        """
        from sqlalchemy import text

        from quizzer.snapshot import db_time

        with self.read() as s:
            return [tuple(r) for r in s.execute(text(sql), {k: db_time(v, self.is_sqlite) for k, v in params.items()})]

    def migrate(self) -> int:
        """Bring the schema to the latest version in one transaction; return the version found."""
        with self.engine.connect() as conn:  # the common case, up to date, takes no write lock
            found = migrations.current_version(conn)
            conn.rollback()
        if found == migrations.LATEST:
            return found
        with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            found = migrations.current_version(conn)
            if found > migrations.LATEST:
                raise StoreError(
                    f"{self.describe()} was written by a newer quizzer (schema {found}, this one knows {migrations.LATEST})",
                    "upgrade quizzer; the database was not changed")
            if found < migrations.LATEST:
                if found > 0 and self.path is not None and self.path.exists():
                    from quizzer.store.backup import make_backup

                    make_backup(self.path, f"before-schema-{migrations.LATEST}")
                migrations.upgrade(conn, found)
        return found

    def profile_names(self) -> list[str]:
        """The profiles of this database, oldest first."""
        with self.read() as s:
            return list(s.scalars(select(Profile.name).order_by(Profile.id)))

    def profile_id(self, name: str) -> int:
        """The id of profile ``name``, created on first use."""
        with self.read() as s:
            pid = s.scalar(select(Profile.id).where(Profile.name == name))
        if pid is not None:
            return pid
        with self.write() as s:
            pid = s.scalar(select(Profile.id).where(Profile.name == name))
            if pid is None:
                profile = Profile(name=name, created_at=datetime.now(timezone.utc))
                s.add(profile)
                s.flush()
                pid = profile.id
            return pid

    def close(self) -> None:
        self.engine.dispose()


def _explain(store: Store, exc: Exception) -> StoreError:
    text = str(getattr(exc, "orig", exc))
    where = store.describe()
    if "locked" in text or "busy" in text:
        return StoreError(f"{where} is locked by another program", "close the other quizzer window or wait, then try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        hint = "restore a backup with: quizzer restore; or move the file aside to start a new one"
        if store.path is not None:
            from quizzer.store.backup import last_good_backup

            good = last_good_backup(store.path)
            if good is not None:
                hint = f"the last good backup is {good}; restore it with: quizzer restore"
        return StoreError(f"{where} is damaged: {text}", hint)
    if "unable to open" in text:
        return StoreError(f"cannot open {where}: {text}", "check the path exists and is writable, or pass --db PATH")
    return StoreError(f"cannot open {where}: {text}", "check --db / QUIZZER_DB")


def open_store(url: str) -> Store:
    """Open (creating if needed) and migrate the store at ``url``; StoreError if it cannot."""
    store = Store(url)
    try:
        store.migrate()
    except StoreError:
        store.close()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        store.close()
        raise _explain(store, exc) from None
    return store
