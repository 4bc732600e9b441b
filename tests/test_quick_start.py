"""The app's quick start: once a learner has opened quizzer, the home screen paints from a snapshot
of the store and the cached course index, the full context opens in the background, and an
action asked for meanwhile runs as soon as it is open."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading

import pytest

from quizzer.context import open_context
from quizzer.errors import UserError
from quizzer.quick import QuickSettings, open_quick, quick_settings
from quizzer.settings import ProfileSettings, read_settings, save_setting
from quizzer.tui.app import create_app
from quizzer.tui.screens.home import HomeScreen


def opened_once(db, content, clock) -> None:
    """What a learner's first start leaves behind: a synced store and the cached course index."""
    ctx = open_context(str(db), content, clock=clock)
    try:
        create_app(ctx)
    finally:
        ctx.close()


def gated_opener(db, content, clock):
    """An opener that waits for the test to let it open the context."""
    gate = threading.Event()

    def opener():
        assert gate.wait(30)
        return open_context(str(db), content, clock=clock)

    return gate, opener


async def until_ready(app, pilot) -> None:
    for _ in range(300):
        if app.ready or app.failure:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_the_first_start_caches_what_the_next_one_needs(tmp_path, small_content, clock):
    db = tmp_path / "q.db"
    assert open_quick(str(db), small_content, None) is None  # nothing yet: the full path
    opened_once(db, small_content, clock)
    quick = open_quick(str(db), small_content, None)
    assert quick is not None and quick.course.title and len(quick.course.questions) == 5
    quick.close()
    assert open_quick(str(db), small_content, "someone-else") is None  # a new profile needs a sync


async def test_home_paints_from_the_snapshot_and_an_early_review_lands(tmp_path, small_content, clock):
    db = tmp_path / "q.db"
    opened_once(db, small_content, clock)
    gate, opener = gated_opener(db, small_content, clock)
    app = create_app(quick=open_quick(str(db), small_content, None), opener=opener, clock=clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            today = str(app.screen.query_one("#today").render())
            assert not app.ready and "0 reviews due · 0 learning · 5 new (from Day 1)" in today
            await pilot.press("enter", "enter")  # start review, asked for (twice) before the course is open
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            gate.set()
            await until_ready(app, pilot)
            assert type(app.screen).__name__ == "ReviewScreen"  # the early Enter was not lost
            assert len(app.screen_stack) == 3  # one review screen over home, however often it was asked for
            await pilot.press("space", "3")
            await pilot.pause()
    finally:
        gate.set()
        app.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT question_id, rating FROM review_log").fetchall() == [("d01-q001", 3)]


async def test_a_failed_opening_ends_the_app_with_its_message(tmp_path, small_content, clock):
    db = tmp_path / "q.db"
    opened_once(db, small_content, clock)

    def opener():
        raise UserError("database q.db is locked by another program", "close the other quizzer and try again")

    app = create_app(quick=open_quick(str(db), small_content, None), opener=opener, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
    app.close()
    assert app.return_code == 2 and "locked" in app.failure.message and app.failure.hint
    assert not app.ready


async def test_an_unreadable_snapshot_waits_for_the_full_path(tmp_path, small_content, clock):
    """A store that opened but fails on reading (damaged pages, a lock held too long): no
    traceback; home says the course is opening and fills in once the full path has opened it."""
    db = tmp_path / "q.db"
    opened_once(db, small_content, clock)
    gate, opener = gated_opener(db, small_content, clock)
    quick = open_quick(str(db), small_content, None)

    def damaged(sql, **params):
        raise sqlite3.DatabaseError("database disk image is malformed")

    quick.snapshot.rows = damaged
    app = create_app(quick=quick, opener=opener, clock=clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert str(app.screen.query_one("#today").render()) == "Opening the course…"
            gate.set()
            await until_ready(app, pilot)
            assert "5 new" in str(app.screen.query_one("#today").render())
    finally:
        gate.set()
        app.close()


FIRST_PAINT = """
import asyncio, json, sys, threading
from quizzer.quick import open_quick
from quizzer.tui.app import create_app
gate = threading.Event()
def opener():
    gate.wait(30)
    from quizzer.context import open_context
    return open_context(sys.argv[1], sys.argv[2])
app = create_app(quick=open_quick(sys.argv[1], sys.argv[2], None), opener=opener)
async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "pydantic", "yaml", "fsrs", "torch"})
        print(json.dumps({"heavy": heavy, "today": str(app.screen.query_one("#today").render())}))
        gate.set()
asyncio.run(main())
app.close()
"""


def test_the_first_screen_loads_none_of_the_heavy_modules(tmp_path, small_content, clock):
    db = tmp_path / "q.db"
    opened_once(db, small_content, clock)
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(db), str(small_content)],
                         capture_output=True, text=True, check=True).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["heavy"] == [] and "5 new" in seen["today"]


def test_quick_settings_read_what_the_validated_settings_read(tmp_path):
    from quizzer.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    pid = store.profile_id("me")
    fields = list(QuickSettings.__dataclass_fields__)
    try:
        default = read_settings(store, pid)
        assert {f: getattr(default, f) for f in fields} == vars(quick_settings(store, pid)) == vars(QuickSettings())
        with store.write() as s:
            for name, value in [("new_per_day", 7), ("reviews_per_day", 50), ("day_boundary_hour", 0),
                                ("theme", "light"), ("keys", {"home.start": "s"})]:
                save_setting(s, pid, name, value)
        stored = read_settings(store, pid)
        assert vars(quick_settings(store, pid)) == {f: getattr(stored, f) for f in fields}
        assert quick_settings(store, pid).theme == "light"
    finally:
        store.close()
    assert set(fields) <= set(ProfileSettings.model_fields)


@pytest.mark.parametrize("stored", ['"twenty"', "3.5", "null"])
def test_a_quick_reading_of_an_odd_value_keeps_the_default(tmp_path, stored):
    from quizzer.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    pid = store.profile_id("me")
    store.close()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        conn.execute("INSERT INTO settings (profile_id, key, value) VALUES (?, 'new_per_day', ?)", (pid, stored))
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        assert quick_settings(store, pid).new_per_day == 20 == read_settings(store, pid).new_per_day
    finally:
        store.close()


def test_home_figures_agree_on_every_reader(ctx, clock):
    """The figures the home screen shows, from the store and from a snapshot of the same file."""
    from quizzer.home import home_figures
    from quizzer.review import ReviewSession

    app = create_app(ctx)
    session = ReviewSession(ctx.store, ctx.profile_id, clock)
    for rating in (3, 1, 4):
        session.grade(session.next_card().id, rating, 4000)
    ours = app.home_figures()
    assert ours.counts.learning == 2 and ours.counts.new == 2 and ours.streak == 1
    assert [(d.day, d.cards, d.introduced) for d in ours.days if d.cards] == [(1, 3, 3), (2, 2, 0)]
    # the whole course shows, days whose questions are not written yet included
    assert [d.day for d in ours.days] == list(range(1, 46)) and ours.days[44].cards == 0 and ours.days[44].title
    if ctx.store.path is not None:  # the snapshot reads SQLite files
        quick = open_quick(str(ctx.store.path), ctx.catalog.root, ctx.profile)
        try:
            assert home_figures(quick.snapshot, quick.profile_id, clock(), quick_settings(quick.snapshot, quick.profile_id),
                                quick.course) == ours
        finally:
            quick.close()


def test_review_command_takes_the_quick_path_and_reports_a_failed_opening(tmp_path, small_content, clock, monkeypatch, capsys):
    """``quizzer`` with a synced store starts quickly; if the background opening then fails the
    command ends with the message and exit status 2, as the full path would."""
    from quizzer import commands
    from quizzer.cli import main
    from quizzer.tui.app import QuizzerApp

    db = tmp_path / "q.db"
    opened_once(db, small_content, clock)
    started = []

    def headless_run(app):
        started.append(app.quick is not None)

        async def go():
            async with app.run_test(size=(80, 24)) as pilot:
                await until_ready(app, pilot)

        asyncio.run(go())

    def locked(args, catalog=None):
        raise UserError(f"database {db} is locked by another program", "close the other quizzer and try again")

    monkeypatch.setattr(QuizzerApp, "run", headless_run)
    monkeypatch.setattr(commands, "_context", locked)
    assert main(["--db", str(db), "--content", str(small_content)]) == 2
    err = capsys.readouterr().err
    assert started == [True] and "locked" in err and "hint: close the other quizzer" in err
