"""Smoke test in a real terminal: quizzer in tmux, keys sent, the screen read, the store checked."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

REAL_EXERCISE = __import__("conftest").REAL_CONTENT / "exercises" / "d03-pairwise-distances"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def start(db, content, cache, size=(100, 30), env: str = "", args: str = "") -> str:
    """quizzer in a new tmux session at 100×30 (the environment spelled out: a running tmux
    server would otherwise give the app its own, and pytest's COLUMNS and LINES would override
    the pane's size); ``args`` go after the global options."""
    session = f"quizzer-{uuid.uuid4().hex[:8]}"
    cmd = f"env -u COLUMNS -u LINES {env} QUIZZER_CACHE={cache} {sys.executable} -m quizzer --db {db} --content {content} {args}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), cmd)
    return session


def quit_and_close(session: str) -> None:
    tmux("send-keys", "-t", session, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "sleep" not in tmux("display-message", "-p", "-t", session, "#{pane_current_command}"):
        time.sleep(0.1)  # the app has exited once the shell runs the trailing sleep


def review_log(db) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question_id, rating FROM review_log ORDER BY id").fetchall()


def session_in_tmux(db, content, cache, steps: list[tuple[tuple[str, ...], str]], **how) -> None:
    """Start quizzer, and for each step send its keys (if any) and wait for its text; then quit."""
    session = start(db, content, cache, **how)
    try:
        for keys, text in steps:
            if keys:
                tmux("send-keys", "-t", session, *keys)
            wait_for(session, text)
        quit_and_close(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_review_two_cards_in_tmux(tmp_path, small_content):
    """The first start takes the full path; the second paints from the quick start and opens
    the rest in the background, and a review made there lands in the store too."""
    db, cache = tmp_path / "tmux.db", tmp_path / "cache"
    session_in_tmux(db, small_content, cache, [
        ((), "Progress by course day"),
        (("Enter",), "d01-q001"),
        (("Space",), "Answer:"),
        (("3",), "d01-q002"),
        (("a", "c", "Enter"), "Correct"),
        (("Enter",), "d01-q003"),
    ])
    assert review_log(db) == [("d01-q001", 3), ("d01-q002", 3)]
    assert list(cache.glob("course-*.json"))  # so the next start is quick

    session_in_tmux(db, small_content, cache, [
        ((), "2 learning · 3 new"),
        (("Enter",), "d01-q003"),
        (("6", "Enter"), "Correct"),
        (("Enter",), "d02-q001"),
    ])
    assert review_log(db) == [("d01-q001", 3), ("d01-q002", 3), ("d01-q003", 3)]


def test_lesson_from_a_revealed_card_in_tmux(tmp_path, lesson_content):
    """On the answer side, l shows the card's lesson; Esc comes back to the same card, which is
    then graded once."""
    db, cache = tmp_path / "tmux.db", tmp_path / "cache"
    session_in_tmux(db, lesson_content, cache, [
        ((), "Progress by course day"),
        (("Enter",), "d01-q001"),
        (("Space",), "Answer:"),
        (("l",), "Topic d01.s1.1.1:"),
        ((), "Lesson · Deep Learning Foundations"),
        (("Escape",), "Answer:"),
        ((), "d01-q001"),
        (("3",), "d01-q002"),
    ])
    assert review_log(db) == [("d01-q001", 3)]


def test_new_learner_paths_in_a_small_tmux_terminal(tmp_path, small_content):
    """Global options before the command reach the store; e with no editor says what to set
    instead of crashing; at 60×15 the grades and the footer stay on screen."""
    import shutil as _shutil

    db, cache = tmp_path / "small.db", tmp_path / "cache"
    exercises = tmp_path / "content" / "exercises"
    _shutil.copytree(REAL_EXERCISE, exercises / REAL_EXERCISE.name)
    no_editor = f"-u VISUAL -u EDITOR PATH={tmp_path / 'no-editors'} QUIZZER_EXERCISES={tmp_path / 'ws'}"
    session_in_tmux(db, small_content, cache, [
        ((), "Streak"),                         # `review` after the global options opens the app
        (("Enter",), "What is a tensor?"),
        (("Space",), "1 A"),                    # compact grade buttons at 60 columns
        ((), "Undo"),                           # and the footer below them
        (("3",), "d01-q002"),
        (("Escape",), "Streak"),                # (Esc and x apart: together they read as alt+x)
        (("x",), REAL_EXERCISE.name[:12]),
        (("e",), "no text editor found"),
    ], size=(60, 15), env=no_editor, args="review")
    assert review_log(db) == [("d01-q001", 3)]  # the grade landed in --db, given before `review`
