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


def test_review_two_cards_in_tmux(tmp_path, small_content):
    db = tmp_path / "tmux.db"
    session = f"quizzer-{uuid.uuid4().hex[:8]}"
    cmd = f"{sys.executable} -m quizzer --db {db} --content {small_content}; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd)
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
        tmux("send-keys", "-t", session, "C-q")
        time.sleep(0.5)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT question_id, rating FROM review_log ORDER BY id").fetchall()
    assert rows == [("d01-q001", 3), ("d01-q002", 3)]
