"""Never lose a review: kills, failed migrations, old and new schemas, damage, backups, transfers."""

from __future__ import annotations

BOTH_BACKENDS = True  # store tests run on SQLite and, where a server is given, PostgreSQL

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from quizzer.errors import StoreError
from quizzer.store import open_store
from quizzer.store import migrations
from quizzer.store.backup import list_backups

FIXTURES = Path(__file__).parent / "fixtures"


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def read_until(proc, marker: str, timeout: float = 60) -> str:
    """Read the child's output until ``marker`` appears (the child is unbuffered)."""
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"{marker!r} never appeared:\n{seen}"
        chunk = os.read(proc.stdout.fileno(), 4096).decode()
        assert chunk, f"the process ended before {marker!r}:\n{seen}"
        seen += chunk
    return seen


def test_kill_9_during_plain_review_loses_no_confirmed_grade(tmp_path, small_content):
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-u", "-m", "quizzer", "review", "--plain", "--db", str(db),
                             "--content", str(small_content)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    read_until(proc, "Press Enter")
    proc.stdin.write(b"\n3\n")
    proc.stdin.flush()
    read_until(proc, "saved: Good")  # the first grade is confirmed on screen
    proc.stdin.write(b"AC\n")  # the second card is answered but its grade not yet confirmed
    proc.stdin.flush()
    read_until(proc, "Grade:")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT question_id, rating FROM review_log").fetchall() == [("d01-q001", 3)]
    store = open_store(f"sqlite:///{db}")  # opens cleanly afterwards
    store.close()


def test_kill_9_inside_a_write_transaction_rolls_it_back(tmp_path, small_content):
    db = tmp_path / "crash.db"
    script = f"""
import sys, time
from quizzer.context import open_context
ctx = open_context({str(db)!r}, {str(small_content)!r})
from quizzer.store.models import CardRow
with ctx.store.write() as s:
    for row in s.query(CardRow):
        row.suspended = True
    s.flush()
    print("inside", flush=True)
    time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    read_until(proc, "inside")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cards WHERE suspended").fetchone()[0] == 0


KILLED_WRITER = """
import os, sys, time, zipfile, pathlib
def stall():
    print("writing", flush=True)
    time.sleep(60)
orig_writestr, orig_write_text = zipfile.ZipFile.writestr, pathlib.Path.write_text
def writestr(self, *args, **kwargs):  # one entry of several, then wait to be killed mid-file
    orig_writestr(self, *args, **kwargs)
    stall()
def write_text(self, data, *args, **kwargs):  # half the text, then wait to be killed
    orig_write_text(self, data[: len(data) // 2], *args, **kwargs)
    stall()
zipfile.ZipFile.writestr, pathlib.Path.write_text = writestr, write_text
from quizzer.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("fmt,name", [("anki", "deck.apkg"), ("progress", "progress.json")])
def test_kill_9_during_an_export_keeps_the_previous_export_and_the_store(tmp_path, small_content, fmt, name):
    db, out = tmp_path / "x.db", tmp_path / name
    base = ["export", fmt, "--out", str(out), "--db", str(db), "--content", str(small_content)]
    subprocess.run([sys.executable, "-m", "quizzer", "review", "--plain", "--db", str(db), "--content",
                    str(small_content)], input="\n3\nq\n", text=True, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "quizzer", *base], check=True, capture_output=True)
    good = out.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, *base], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    read_until(proc, "writing")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert out.read_bytes() == good  # the last good export is whole, not half of a new one
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT rating FROM review_log").fetchall() == [(3,)]
    subprocess.run([sys.executable, "-m", "quizzer", *base], check=True, capture_output=True)  # and exports again
    assert out.read_bytes()[:2] in (b"PK", b"{\n")


def test_failed_migration_rolls_back_whole(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)

    def broken(conn):
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("disk full halfway through")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(RuntimeError, match="halfway"):
        open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 1
    assert "half_done" not in tables and "exercise_state" not in tables and "exams" not in tables


def test_first_released_schema_upgrades_with_history_intact(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    store = open_store(f"sqlite:///{path}")
    with store.read() as s:
        assert s.execute(text("SELECT MAX(version) FROM schema_version")).scalar() == migrations.LATEST
        assert s.execute(text("SELECT COUNT(*) FROM review_log")).scalar() == 6
        assert s.execute(text("SELECT question_id FROM cards ORDER BY id")).scalars().all() == ["d01-q001", "d01-q002", "d03-q001"]
        assert s.execute(text("SELECT note FROM flags")).scalar() == "choice C unclear"
        assert s.execute(text("SELECT COUNT(*) FROM exercise_state")).scalar() == 0
    store.close()
    assert any("before-schema" in b.name for b in list_backups(path))


def test_damaged_database_names_the_last_good_backup(tmp_path, small_content):
    db = tmp_path / "data.db"
    run = lambda *a: subprocess.run([sys.executable, "-m", "quizzer", *a, "--db", str(db), "--content", str(small_content)],
                                    capture_output=True, text=True, timeout=120)
    run("review", "--plain")
    assert run("backup").returncode == 0
    db.write_bytes(b"\0garbage" * 1000)
    broken = run("stats")
    assert broken.returncode == 2 and "damaged" in broken.stderr and ".quizzer-backups" in broken.stderr
    fixed = run("restore")
    assert fixed.returncode == 0 and "damaged" in fixed.stdout
    assert run("stats", "--json").returncode == 0


def test_progress_round_trip_is_lossless(ctx, tmp_path, clock):
    from quizzer.review import ReviewSession
    from quizzer.settings import save_setting
    from quizzer.transfer import export_progress, import_progress

    session = ReviewSession(ctx.store, ctx.profile_id, clock)
    for rating in (3, 1, 4, 2):
        session.grade(session.next_card().id, rating, 1234)
        clock.advance(minutes=3)
    session.flag("d01-q003", "unclear")
    with ctx.store.write() as s:
        save_setting(s, ctx.profile_id, "desired_retention", 0.85)
    original = export_progress(ctx.store, ctx.profile_id, "default")
    other = ctx.store.profile_id("laptop")
    import_progress(ctx.store, other, original)
    copy = export_progress(ctx.store, other, "laptop")

    def strip(d):
        d = json.loads(json.dumps(d))
        for table in ("cards", "review_log", "flags", "exercise_state", "exercise_attempts", "exams"):
            for row in d[table]:
                row.pop("id", None)
                row.pop("card_id", None)
        d.pop("profile")
        return d

    assert strip(copy) == strip(original)
    assert len(original["review_log"]) == 4


def test_import_refuses_a_profile_with_history_and_a_bad_file(ctx, tmp_path):
    from quizzer.errors import UserError
    from quizzer.review import ReviewSession
    from quizzer.transfer import import_progress, read_export

    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    session.grade(session.next_card().id, 3)
    with pytest.raises(UserError, match="already has reviews"):
        import_progress(ctx.store, ctx.profile_id, {"format": "quizzer-progress", "version": 1})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(UserError, match="not valid JSON"):
        read_export(bad)


WORKER = """
import sys, random
from quizzer.store import open_store
from quizzer.review import ReviewSession
store = open_store(sys.argv[1])
session = ReviewSession(store, store.profile_id("default"))
ids = [int(x) for x in sys.argv[2].split(",")]
rng = random.Random(int(sys.argv[3]))
for _ in range(int(sys.argv[4])):
    session.grade(rng.choice(ids), rng.choice([1, 2, 3, 4]), 100)
print("done")
"""


def replay_matches(store, profile_id) -> None:
    """Each card's stored state equals the last 'after' of its log, and each log row's
    'before' equals the previous row's 'after': no lost or interleaved update."""
    from quizzer.store.models import CardRow, ReviewRow

    with store.read() as s:
        for card in s.scalars(select(CardRow).where(CardRow.profile_id == profile_id, CardRow.reps > 0)):
            logs = s.scalars(select(ReviewRow).where(ReviewRow.card_id == card.id).order_by(ReviewRow.id)).all()
            assert len(logs) == card.reps
            for prev, nxt in zip(logs, logs[1:]):
                assert nxt.before == prev.after
            assert logs[-1].after == card.memory()


def test_two_processes_grading_at_once_never_lose_or_contradict(db_url, small_content):
    from quizzer.context import open_context
    from quizzer.store.models import ReviewRow

    url = db_url
    ctx = open_context(url, small_content)
    with ctx.store.read() as s:
        from quizzer.store.models import CardRow

        ids = ",".join(str(i) for i in s.scalars(select(CardRow.id).where(CardRow.profile_id == ctx.profile_id)))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, ids, str(seed), "60"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for seed in (1, 2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and "done" in out, err[-2000:]
        assert "locked" not in err
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow).where(ReviewRow.profile_id == ctx.profile_id)) == 120
    replay_matches(ctx.store, ctx.profile_id)
    ctx.close()
