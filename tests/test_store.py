"""The store: a real SQLite file in WAL mode, versioned schema, clear errors for bad files."""

from __future__ import annotations

BOTH_BACKENDS = True  # store tests run on SQLite and, where a server is given, PostgreSQL

import sqlite3
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text

from quizzer.errors import StoreError
from quizzer.store import CardRow, open_store
from quizzer.store.migrations import LATEST


def test_new_database_is_wal_with_schema_version(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() == LATEST
    store.close()


def test_card_round_trip_keeps_aware_utc(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    store = open_store(url)
    pid = store.profile_id("ann")
    due = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    with store.write() as s:
        s.add(CardRow(profile_id=pid, question_id="d01-q001", state=2, step=None, stability=3.5, difficulty=5.0,
                      due=due, reps=1, lapses=0, suspended=False, retired=False, day=1, position=1, created_at=due))
    store.close()
    again = open_store(url)
    with again.read() as s:
        row = s.scalars(select(CardRow)).one()
    assert (row.due, row.stability, row.question_id) == (due, 3.5, "d01-q001")
    assert row.due.tzinfo is not None
    assert again.profile_id("ann") == pid
    again.close()


def test_profiles_are_separate(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    assert store.profile_id("ann") != store.profile_id("bob")
    store.close()


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "q.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (LATEST + 1,))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer quizzer"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_damaged_file_gives_clear_message(tmp_path):
    path = tmp_path / "q.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{path}")
    assert "damaged" in info.value.message and str(path) in info.value.message
    assert info.value.hint


def test_bad_url_is_a_clear_error():
    with pytest.raises(StoreError, match="not a database path"):
        open_store("nonsense://::")


def test_cli_reports_damaged_database_without_traceback(tmp_path, small_content):
    import subprocess
    import sys

    path = tmp_path / "broken.db"
    path.write_bytes(b"garbage" * 500)
    proc = subprocess.run([sys.executable, "-m", "quizzer", "stats", "--db", str(path), "--content", str(small_content)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "damaged" in proc.stderr and "Traceback" not in proc.stderr
