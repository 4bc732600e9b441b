"""Learner code that hangs, crashes, floods, forks or cheats: each reported clearly, nothing left running."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from conftest import REAL_CONTENT, REPO
from quizzer.practice.models import load_exercises
from quizzer.practice.runner import run_check

FAULTS = Path(__file__).parent / "faults"
EXERCISE = load_exercises(REAL_CONTENT, REPO / "exercises")["d03-pairwise-distances"]


TAG = f"quizzer-fault-test-{uuid.uuid4().hex}"


def workers_alive() -> list[int]:
    """Processes started by this test's checks (they inherit its tag) that are still running."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if TAG.encode() in environ and int(pid) != os.getpid():
            alive.append(int(pid))
    return alive


@pytest.fixture(autouse=True)
def _no_orphans(monkeypatch):
    monkeypatch.setenv("QUIZZER_FAULT_TAG", TAG)
    yield
    assert workers_alive() == [], "a process started by the check outlived it"


def check(name: str, **meta):
    """Run a fault file against the exercise with its static rules off, so the code really runs."""
    from dataclasses import replace

    from quizzer.practice.models import Rules

    ex = replace(EXERCISE, meta=EXERCISE.meta.model_copy(update={"rules": Rules(), **meta}))
    return run_check(ex, FAULTS / name, "cpu")


def said(result) -> str:
    return "\n".join([result.summary, result.output] + [c["message"] for c in result.checks])


def test_infinite_loop_is_stopped_at_the_timeout():
    result = check("infinite_loop.py", timeout=3)
    assert result.status == "timeout"
    assert "did not finish within 3 s" in result.summary
    assert result.seconds < 15


def test_os_exit_is_reported():
    result = check("exits.py")
    assert result.status == "error" and "exit code 3" in result.summary


def test_segfault_is_reported():
    result = check("segfault.py")
    assert result.status == "error" and "segmentation fault" in result.summary


def test_memory_bomb_is_stopped():
    result = check("memory_bomb.py", memory_mb=1024)
    assert result.status in ("killed", "failed", "error")
    assert "memory" in said(result) or "allocate" in said(result)


def test_fork_loop_is_stopped_and_every_child_killed():
    result = check("fork_loop.py", timeout=20)
    assert result.status in ("killed", "timeout")
    assert "processes" in result.summary or "within" in result.summary


def test_flood_of_output_is_capped():
    result = check("flood.py", timeout=60)
    assert result.status != "passed"
    assert len(result.output) <= 2000
    assert "printed or wrote too much" in said(result)


def test_patching_allclose_does_not_pass():
    result = check("patches_allclose.py")
    assert result.status == "failed"
    assert "values differ" in said(result)


def test_writing_outside_the_exercise_folder_is_refused():
    target = Path("/tmp/quizzer-escape-test.txt")
    target.unlink(missing_ok=True)
    result = check("writes_outside.py")
    assert result.status != "passed"
    assert "writing outside the exercise folder is not allowed" in said(result)
    assert not target.exists()


def test_reading_the_hidden_checks_is_refused():
    result = check("reads_checks.py")
    assert result.status != "passed"
    assert "reading the hidden checks is not allowed" in said(result)
    assert "pow(2)" not in said(result)  # the reference solution never reaches the learner


def test_syntax_error_shows_the_learners_line():
    result = check("syntax_error.py")
    assert result.status == "error" and "could not be imported" in result.summary
    assert "SyntaxError" in said(result) and "syntax_error.py" in said(result)


def test_crash_shows_a_traceback_of_the_learners_own_code_only():
    result = check("crashes.py")
    text = said(result)
    assert "no_such_method" in text and "crashes.py" in text and "helper" in text
    assert "probe.py" not in text and "worker.py" not in text
