"""The command line: help with examples, clear errors for bad arguments, stats as JSON."""

from __future__ import annotations

import json
import subprocess
import sys


def quizzer(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizzer", *args], capture_output=True, text=True, input=input, timeout=120)


def test_help_lists_commands_with_examples():
    proc = quizzer("--help")
    assert proc.returncode == 0
    for command in ("review", "validate", "stats", "flags", "coverage"):
        assert command in proc.stdout
    assert "examples:" in proc.stdout
    for command in ("review", "validate", "stats", "flags", "coverage"):
        sub = quizzer(command, "--help")
        assert sub.returncode == 0 and "example:" in sub.stdout, command


def test_bad_argument_is_one_clear_line():
    proc = quizzer("review", "--day", "zero")
    assert proc.returncode == 2
    assert "not a day list" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_source_has_a_hint(small_content):
    proc = quizzer("review", "--plain", "--source", "c9-m9-l9", "--content", str(small_content))
    assert proc.returncode == 2
    assert "unknown source 'c9-m9-l9'" in proc.stderr and "hint:" in proc.stderr


def test_stats_json_after_reviews(tmp_path, small_content):
    db = str(tmp_path / "s.db")
    fresh = json.loads(quizzer("stats", "--json", "--db", db, "--content", str(small_content)).stdout)
    assert fresh["cards_by_state"]["new"] == 5 and fresh["new_remaining_today"] == 5
    quizzer("review", "--plain", "--db", db, "--content", str(small_content), input="\n4\n\n1\nq\n")
    after = json.loads(quizzer("stats", "--json", "--db", db, "--content", str(small_content)).stdout)
    assert after["reviews_today"] == 2
    assert after["cards_by_state"]["new"] == 3 and after["cards_by_state"]["review"] == 1
    assert after["cards_by_state"]["learning"] == 1
    assert after["new_remaining_today"] == 3
    assert after["due_now"] == 0  # the Again card is due in a minute, the Easy one in days
    assert {"due_tomorrow", "reviews_today", "due_now", "new_remaining_today", "cards_by_state"} <= set(after)


def test_flags_lists_the_note(tmp_path, ctx):
    from quizzer.review import ReviewSession

    ReviewSession(ctx.store, ctx.profile_id, ctx.clock).flag("d01-q002", "choice C is ambiguous")
    proc = quizzer("flags", "--db", str(tmp_path / "data.db"), "--content", str(ctx.catalog.root))
    assert "d01-q002" in proc.stdout and "choice C is ambiguous" in proc.stdout and "day01_basics.yaml" in proc.stdout


def test_global_options_work_before_and_after_the_command(tmp_path, small_content):
    db, content = str(tmp_path / "x.db"), str(small_content)
    # Options before the command name, as the usage line shows them ...
    quizzer("--db", db, "--content", content, "--profile", "laptop", "review", "--plain", input="\n4\n\n1\nq\n")
    # ... land in the same database and profile as options after it.
    after = json.loads(quizzer("stats", "--json", "--db", db, "--content", content, "--profile", "laptop").stdout)
    assert after["reviews_today"] == 2
    before = json.loads(quizzer("--db", db, "--profile", "laptop", "--content", content, "stats", "--json").stdout)
    assert before["reviews_today"] == 2
    # The default profile of that database is untouched, and ./data.db was never created.
    other = json.loads(quizzer("--db", db, "--content", content, "stats", "--json").stdout)
    assert other["reviews_today"] == 0
    assert not (tmp_path / "data.db").exists()


def test_a_mistyped_db_folder_is_an_error_and_a_new_database_is_announced(tmp_path, small_content):
    typo = tmp_path / "no-such-folder" / "deeper" / "x.db"
    proc = quizzer("stats", "--json", "--db", str(typo), "--content", str(small_content))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "the folder of the database" in proc.stderr and "does not exist" in proc.stderr and "mkdir -p" in proc.stderr
    assert not (tmp_path / "no-such-folder").exists()  # nothing was created behind the learner's back
    fresh = tmp_path / "fresh.db"
    first = quizzer("stats", "--json", "--db", str(fresh), "--content", str(small_content))
    assert first.returncode == 0 and f"new database created at {fresh}" in first.stderr
    again = quizzer("stats", "--json", "--db", str(fresh), "--content", str(small_content))
    assert "new database" not in again.stderr


def test_a_mistyped_profile_lists_the_profiles_and_new_profile_creates_one(tmp_path, small_content):
    db, content = str(tmp_path / "p.db"), str(small_content)
    assert quizzer("review", "--plain", "--db", db, "--content", content, "--profile", "alice", input="q\n").returncode == 0
    typo = quizzer("stats", "--json", "--db", db, "--content", content, "--profile", "alcie")
    assert typo.returncode == 2 and "there is no profile 'alcie'" in typo.stderr
    assert "profiles here: alice" in typo.stderr and "--new-profile" in typo.stderr
    made = quizzer("--new-profile", "--profile", "bob", "stats", "--json", "--db", db, "--content", content)
    assert made.returncode == 0 and "new profile 'bob' created" in made.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert [n for (n,) in conn.execute("SELECT name FROM profiles ORDER BY id")] == ["alice", "bob"]


def test_the_course_day_a_learner_is_on_leads_new_cards(tmp_path, small_content):
    db, content = str(tmp_path / "d.db"), str(small_content)
    shown = quizzer("day", "2", "--db", db, "--content", content)
    assert shown.returncode == 0 and "Course day 2: " in shown.stdout and "2 not seen yet" in shown.stdout
    # new cards come from Day 2 first, then Day 1's
    quizzer("review", "--plain", "--db", db, "--content", content, input="\n4\n2\n\n\n4\nq\n")
    import sqlite3

    with sqlite3.connect(db) as conn:
        first = [q for (q,) in conn.execute("SELECT question_id FROM review_log ORDER BY id")]
    assert first[:2] == ["d02-q001", "d02-q002"] and first[2].startswith("d01-")
    assert quizzer("day", "99", "--db", db, "--content", content).returncode == 2
    off = quizzer("day", "off", "--db", db, "--content", content)
    assert "No course day set" in off.stdout


def test_a_course_day_holds_back_later_days_and_a_day_focus_has_its_own_allowance(ctx, clock):
    from quizzer.review import ReviewSession, focus_for
    from quizzer.settings import save_setting

    with ctx.store.write() as s:
        save_setting(s, ctx.profile_id, "course_day", 1)
        save_setting(s, ctx.profile_id, "new_per_day", 3)
    session = ReviewSession(ctx.store, ctx.profile_id, clock)
    assert session.counts().new == 3  # Day 1's three cards; Day 2 waits
    for _ in range(3):
        session.grade(session.next_card().id, 4)
    assert session.next_card() is None
    assert "2 new cards of later days wait until you move on (quizzer day 2)" in session.nothing_left()
    focused = ReviewSession(ctx.store, ctx.profile_id, clock, focus_for(ctx.catalog, days={2}))
    assert focused.counts().new == 2 and focused.next_card().question_id.startswith("d02-")  # its own allowance


def test_custom_study_more_new_a_search_and_review_ahead(tmp_path, small_content):
    import sqlite3

    db, content = str(tmp_path / "c.db"), str(small_content)
    with_limit = ["--db", db, "--content", content]
    # a limit of 1 new card a day, used up
    assert quizzer("review", "--plain", *with_limit, input="\n4\nq\n").returncode == 0
    from quizzer.store import open_store
    from quizzer.settings import save_setting

    store = open_store(f"sqlite:///{db}")
    with store.write() as s:
        save_setting(s, store.profile_id("default"), "new_per_day", 1)
    store.close()
    blocked = quizzer("review", "--plain", *with_limit, input="q\n")
    assert "new-card limit (1) is reached" in blocked.stdout and "quizzer study --new" in blocked.stdout
    more = quizzer("study", "--new", "2", "--plain", *with_limit, input="AC\n\n6\n\nq\n")
    assert "today's new-card limit is now 3" in more.stderr
    with sqlite3.connect(db) as conn:
        seen = [q for (q,) in conn.execute("SELECT question_id FROM review_log ORDER BY id")]
    assert seen == ["d01-q001", "d01-q002", "d01-q003"]  # two more new cards, today only
    # a search as a session, whatever the due dates: d01-q001 is due in days, shown now
    found = quizzer("study", "--search", "id:d01-q001", "--plain", *with_limit, input="\n3\nq\n")
    assert "studying the search 'id:d01-q001': 1 cards" in found.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT question_id FROM review_log ORDER BY id DESC LIMIT 1").fetchone() == ("d01-q001",)
    ahead = quizzer("study", "--ahead", "30", "--plain", *with_limit, input="q\n")
    assert ahead.returncode == 0 and "the cards due in the next 30 days" in ahead.stderr
    nothing = quizzer("study", "--search", "is:lapsed", "--plain", *with_limit, input="q\n")
    assert nothing.returncode == 2 and "has no cards to study" in nothing.stderr


def test_weakest_topics_session_is_the_topics_answered_wrong(ctx, clock):
    from quizzer.custom_study import weakest_topics
    from quizzer.review import ReviewSession

    session = ReviewSession(ctx.store, ctx.profile_id, clock)
    first = session.next_card()  # d01-q001, topic d01.s1.1.1
    session.grade(first.id, 1)
    third = session.card(next(c.id for c in map(session.card, range(1, 6)) if c.question_id == "d01-q003"))
    session.grade(third.id, 3, verdict=True)  # topic d01.s1.1.2, right
    focus = weakest_topics(ctx.store, ctx.profile_id, ctx.catalog, topics=1)
    assert focus.questions == {"d01-q001"} and focus.ahead and "d01.s1.1.1" in focus.label
