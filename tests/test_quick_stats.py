"""``quizzer stats`` reads a SQLite store without SQLAlchemy once the course index is cached, and
gives the same figures as the full path; every reader (Store on SQLite or PostgreSQL, Snapshot)
agrees on the same history."""

from __future__ import annotations

BOTH_BACKENDS = True

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import REAL_CONTENT
from quizzer.analytics import full_stats
from quizzer.history import import_reviews, read_revlog_csv
from quizzer.settings import ProfileSettings, read_settings, save_setting
from quizzer.snapshot import open_snapshot
from quizzer.stats import today_summary
from quizzer.store import open_store

CSV = Path(__file__).parent / "fixtures" / "fsrs_sample_revlog.csv"
NOW = datetime(2024, 10, 7, 12, tzinfo=timezone.utc)
PROBE = """
import json, sys
from quizzer.cli import main
code = main(sys.argv[1:])
print(json.dumps({"sqlalchemy": "sqlalchemy" in sys.modules, "yaml": "yaml" in sys.modules}), file=sys.stderr)
sys.exit(code)
"""


def stats(db, content, *extra) -> tuple[dict, dict]:
    """(the JSON stats --json prints, which heavy modules that process imported)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, "stats", "--json", "--db", str(db), "--content", str(content), *extra],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout), json.loads(proc.stderr.strip().splitlines()[-1])


def test_second_run_skips_sqlalchemy_and_yaml_and_agrees(tmp_path, small_content):
    db = tmp_path / "q.db"
    first, loaded = stats(db, small_content)
    assert loaded == {"sqlalchemy": True, "yaml": True}  # first run: creates the store, syncs, caches the index
    second, loaded = stats(db, small_content)
    assert loaded == {"sqlalchemy": False, "yaml": False}
    assert second == first
    assert second["cards_by_state"]["new"] == 5 and second["mastery"]["days"][0]["cards"] == 3


def test_a_review_shows_at_once_and_edited_content_takes_the_full_path(tmp_path, small_content):
    db = tmp_path / "q.db"
    stats(db, small_content)
    subprocess.run([sys.executable, "-m", "quizzer", "review", "--plain", "--db", str(db), "--content", str(small_content)],
                   input="\n3\nq\n", text=True, check=True, capture_output=True)
    after_review, loaded = stats(db, small_content)
    assert loaded["sqlalchemy"] is False  # grading does not invalidate anything: the snapshot sees it
    assert after_review["reviews_today"] == 1 and after_review["cards_by_state"]["learning"] == 1
    bank = small_content / "days" / "day02_setup.yaml"
    bank.write_text(bank.read_text(encoding="utf-8") + """
  - id: d02-q099
    topic: d02.s1.1.1
    kind: flashcard
    category: tricky
    level: advanced
    prompt: A new question
    answer: Its answer.
    explanation: Added after the first sync.
""", encoding="utf-8")
    edited, loaded = stats(db, small_content)
    assert loaded["sqlalchemy"] is True  # new content must be synced before it can be counted
    assert edited["cards_by_state"]["new"] == after_review["cards_by_state"]["new"] + 1
    again, loaded = stats(db, small_content)
    assert loaded["sqlalchemy"] is False and again == edited


def test_a_focused_or_missing_store_uses_the_full_path(tmp_path, small_content):
    db = tmp_path / "q.db"
    stats(db, small_content)
    focused, loaded = stats(db, small_content, "--days", "2")
    assert loaded["sqlalchemy"] is True and focused["mastery"]["days"][0]["day"] == 2
    assert open_snapshot(f"sqlite:///{tmp_path / 'absent.db'}", "default") is None
    assert open_snapshot(f"sqlite:///{db}", "nobody") is None


def test_snapshot_schema_version_is_the_latest():
    from quizzer.snapshot import SCHEMA_VERSION
    from quizzer.store.migrations import LATEST

    assert SCHEMA_VERSION == LATEST


def test_every_reader_gives_the_same_figures(db_url, tmp_path):
    """The same 3,000 real reviews on this backend's Store, and on a SQLite file read both by a
    Store and by a Snapshot: identical statistics, so the SQL text is portable."""
    reviews = read_revlog_csv(CSV)[:3000]
    other = tmp_path / "other.db"
    stores = [open_store(db_url), open_store(f"sqlite:///{other}")]
    try:
        pids = [s.profile_id("me") for s in stores]
        for store, pid in zip(stores, pids):
            import_reviews(store, pid, reviews, ProfileSettings())
            with store.write() as s:  # settings change the figures: read through every reader too
                save_setting(s, pid, "day_boundary_hour", 6)
                save_setting(s, pid, "learning_steps", [2, 15])
        snap, snap_pid = open_snapshot(f"sqlite:///{other}", "me")
        readers = [(stores[0], pids[0]), (stores[1], pids[1]), (snap, snap_pid)]
        figures = [(today_summary(r, p, NOW), full_stats(r, p, NOW)) for r, p in readers]
        steps = [read_settings(r, p).learning_steps for r, p in readers]
        snap.close()
    finally:
        for s in stores:
            s.close()
    assert figures[0] == figures[1] == figures[2]
    summary, full = figures[0]
    assert summary["total_reviews"] == 3000 and full["calibration"]["reviews"] > 100
    assert steps == [[2, 15]] * 3
    assert sum(full["activity"]["answer_buttons"].values()) == 3000


@pytest.mark.parametrize("content", [REAL_CONTENT])
def test_index_cache_follows_the_files(tmp_path, content):
    from quizzer.content import load_catalog
    from quizzer.course_index import CourseIndex, cached_index, fingerprint, save_index
    from quizzer.practice.models import load_exercises

    catalog = load_catalog(content)
    assert catalog.fingerprint == fingerprint(content)
    index = CourseIndex.of(catalog, load_exercises(content), catalog.fingerprint)
    assert cached_index(content) is None
    save_index(index, content)
    loaded = cached_index(content)
    assert loaded == index and len(loaded.questions) == len(catalog.questions)
    assert loaded.exercise_days and set(loaded.day_titles) == {d.day for d in catalog.days}
