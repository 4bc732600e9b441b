"""Smoke test in a real terminal: quizzer in tmux, keys sent, the screen read, the store checked."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

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


def start(db, content, cache) -> str:
    """quizzer in a new tmux session at 100×30 (the environment spelled out: a running tmux
    server would otherwise give the app its own)."""
    session = f"quizzer-{uuid.uuid4().hex[:8]}"
    cmd = f"env QUIZZER_CACHE={cache} {sys.executable} -m quizzer --db {db} --content {content}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd)
    return session


def quit_and_close(session: str) -> None:
    tmux("send-keys", "-t", session, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "sleep" not in tmux("display-message", "-p", "-t", session, "#{pane_current_command}"):
        time.sleep(0.1)  # the app has exited once the shell runs the trailing sleep


def review_log(db) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question_id, rating FROM review_log ORDER BY id").fetchall()


def test_review_two_cards_in_tmux(tmp_path, small_content):
    """The first start takes the full path; the second paints from the quick start and opens
    the rest in the background, and a review made there lands in the store too."""
    db, cache = tmp_path / "tmux.db", tmp_path / "cache"
    session = start(db, small_content, cache)
    try:
        wait_for(session, "Progress by course day")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "d01-q001")
        tmux("send-keys", "-t", session, "Space")
        wait_for(session, "Answer:")
        tmux("send-keys", "-t", session, "3")
        wait_for(session, "d01-q002")
        tmux("send-keys", "-t", session, "a", "c", "Enter")
        wait_for(session, "Correct")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "d01-q003")
        quit_and_close(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert review_log(db) == [("d01-q001", 3), ("d01-q002", 3)]
    assert list(cache.glob("course-*.json"))  # so the next start is quick

    session = start(db, small_content, cache)
    try:
        wait_for(session, "2 learning · 3 new")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "d01-q003")
        tmux("send-keys", "-t", session, "6", "Enter")
        wait_for(session, "Correct")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "d02-q001")
        quit_and_close(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert review_log(db) == [("d01-q001", 3), ("d01-q002", 3), ("d01-q003", 3)]
