"""``quizzer review --plain`` driven by piped input leaves exactly the expected review rows."""

from __future__ import annotations

import sqlite3
import subprocess
import sys


def run_plain(db, content, keys: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizzer", "review", "--plain", "--db", str(db), "--content", str(content), *extra],
                          input=keys, capture_output=True, text=True, timeout=120)


def rows(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question_id, rating, state_before FROM review_log ORDER BY id").fetchall()


def test_piped_session_grades_each_kind(tmp_path, small_content):
    db = tmp_path / "plain.db"
    # flashcard: Enter reveals, 3 grades; mcq: AC is right, Enter takes the suggested Good;
    # numeric: 7 is wrong, Enter takes the suggested Again; then q quits.
    proc = run_plain(db, small_content, "\n3\nAC\n\n7\n\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert rows(db) == [("d01-q001", 3, 0), ("d01-q002", 3, 0), ("d01-q003", 1, 0)]
    assert "✓ correct" in proc.stdout and "3 cards graded and saved" in proc.stdout


def test_undo_and_end_of_input(tmp_path, small_content):
    db = tmp_path / "plain.db"
    proc = run_plain(db, small_content, "\n4\n\nu\n2\n")  # grade, then undo it on the next card, grade again, EOF
    assert proc.returncode == 0, proc.stderr
    assert "undid the grade of d01-q001" in proc.stdout
    assert rows(db) == []  # the only grade was undone; the second card was never confirmed


def test_focus_by_day(tmp_path, small_content):
    db = tmp_path / "plain.db"
    proc = run_plain(db, small_content, "\n4\nq\n", "--day", "2")
    assert rows(db) == [("d02-q001", 4, 0)], proc.stdout


def test_unknown_week_is_a_clear_error(tmp_path, small_content):
    proc = run_plain(tmp_path / "p.db", small_content, "", "--week", "99")
    assert proc.returncode == 2
    assert "there is no week 99" in proc.stderr and "Traceback" not in proc.stderr


def test_an_empty_scope_says_what_is_true_not_done_for_today(tmp_path, small_content):
    db = tmp_path / "plain.db"
    empty_day = run_plain(db, small_content, "", "--day", "12")
    assert empty_day.returncode == 0, empty_day.stderr
    assert "Day 12 has no questions yet" in empty_day.stdout and "Come back tomorrow" not in empty_day.stdout
    assert rows(db) == []
    empty_week = run_plain(db, small_content, "", "--week", "7")
    assert "week 7 has no questions yet" in empty_week.stdout
    # Day 2 has questions: after learning them all, the session says it is done ...
    done = run_plain(db, small_content, "\n4\n" * 5, "--day", "2")
    assert [r[0][:3] for r in rows(db)] == ["d02"] * len(rows(db)) and rows(db)
    assert "everything of Day 2 is done for today" in done.stdout


def test_the_new_card_limit_is_named_when_it_is_what_stops_the_session(ctx):
    from quizzer.review import ReviewSession
    from quizzer.settings import save_setting

    with ctx.store.write() as s:
        save_setting(s, ctx.profile_id, "new_per_day", 1)
    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    session.grade(session.next_card().id, 4)
    assert session.next_card() is None
    reason = session.nothing_left()
    assert "new-card limit (1) is reached; 4 new cards of the course wait" in reason


def test_a_huge_pasted_answer_is_not_echoed_in_full(tmp_path, small_content):
    db = tmp_path / "plain.db"
    paste = "x" * 5000
    # Day 2: a cloze (Enter shows it, 4 grades it), then a code_output question answered with the paste
    proc = run_plain(db, small_content, f"\n4\n{paste}\n\nq\n", "--day", "2")
    assert proc.returncode == 0, proc.stderr
    assert "not quite" in proc.stdout and "(5,001 characters)" in proc.stdout  # the diff line: "+" and the paste
    assert "x" * 200 not in proc.stdout and len(proc.stdout) < 5000
    assert rows(db) == [("d02-q001", 4, 0), ("d02-q002", 1, 0)]


def test_line_mode_renders_markdown_instead_of_showing_it_raw(tmp_path, small_content):
    proc = run_plain(tmp_path / "plain.db", small_content, "\n4\nq\n", "--day", "2")
    assert "print(1 + 1)" in proc.stdout and "```" not in proc.stdout  # the code block, without its fences
    assert "Answer: PyTorch builds its graph dynamically." in proc.stdout and "**" not in proc.stdout
