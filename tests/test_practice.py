"""The learner's exercise workflow: list, check, hint, reset, solution, re-solving when due."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select

from conftest import REAL_CONTENT
from quizzer.practice.models import load_exercises
from quizzer.practice.progress import record_attempt, standing
from quizzer.practice.runner import CheckResult
from quizzer.store.models import ExerciseAttempt

EX_ID = "d03-pairwise-distances"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    ws = tmp_path / "exercises"
    monkeypatch.setenv("QUIZZER_EXERCISES", str(ws))
    return ws


def quizzer(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizzer", *args], capture_output=True, text=True, input=input, timeout=300)


def test_check_creates_the_file_fails_then_passes_and_is_stored(workspace, tmp_path):
    db = tmp_path / "data.db"
    first = quizzer("check", EX_ID, "--db", str(db), "--device", "cpu")
    learner = workspace / "day03" / "pairwise_distances.py"
    assert learner.exists() and "raise NotImplementedError" in learner.read_text()
    assert first.returncode == 1 and "not started" in first.stdout
    shutil.copy(REAL_CONTENT / "exercises" / EX_ID / "solution.py", learner)
    second = quizzer("check", EX_ID, "--db", str(db))
    assert second.returncode == 0 and "PASSED" in second.stdout, second.stdout + second.stderr
    listed = json.loads(quizzer("exercises", "--json", "--db", str(db)).stdout)
    mine = next(e for e in listed if e["id"] == EX_ID)
    assert mine["status"] == "passed" and mine["attempts"] == 2 and mine["day"] == 3 and mine["topics"]
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT status, device FROM exercise_attempts ORDER BY id").fetchall()
    assert rows == [("failed", "cpu"), ("passed", "cpu")]


def test_solution_hidden_until_pass_or_give_up_and_hints_advance(workspace, tmp_path):
    db = str(tmp_path / "data.db")
    hidden = quizzer("solution", EX_ID, "--db", db)
    assert hidden.returncode == 2 and "stays hidden" in hidden.stderr and "pow(2)" not in hidden.stdout
    h1, h2 = quizzer("hint", EX_ID, "--db", db), quizzer("hint", EX_ID, "--db", db)
    assert "hint 1 of 3" in h1.stdout and "hint 2 of 3" in h2.stdout
    given = quizzer("solution", EX_ID, "--give-up", "--db", db)
    assert given.returncode == 0 and "pow(2)" in given.stdout


def test_reset_keeps_a_backup(workspace, tmp_path):
    learner = workspace / "day03" / "pairwise_distances.py"
    learner.parent.mkdir(parents=True)
    learner.write_text("# my attempt\n")
    out = quizzer("reset", EX_ID, "--db", str(tmp_path / "d.db"))
    assert "kept as" in out.stdout
    assert "raise NotImplementedError" in learner.read_text()
    [backup] = list(learner.parent.glob("pairwise_distances.*.bak.py"))
    assert backup.read_text() == "# my attempt\n"


def test_unknown_exercise_is_a_clear_error(workspace, tmp_path):
    out = quizzer("check", "d03-pairwise", "--db", str(tmp_path / "d.db"))
    assert out.returncode == 2 and "no exercise 'd03-pairwise'" in out.stderr and "d03-pairwise-distances" in out.stderr


def test_a_pass_schedules_re_solving_and_the_old_solution_moves_aside(ctx, clock, workspace):
    ex = load_exercises(REAL_CONTENT, workspace)[EX_ID]
    passed = CheckResult(EX_ID, "passed", "all passed", "cpu", 1.0, [{"name": "a", "status": "pass", "message": ""}])
    record_attempt(ctx.store, ctx.profile_id, passed, clock())
    now = standing(ctx.store, ctx.profile_id, EX_ID, clock())
    assert now.status == "passed" and now.due > clock()
    clock.now = now.due
    assert standing(ctx.store, ctx.profile_id, EX_ID, clock()).status == "due"
    from quizzer.practice.progress import reset_workspace

    ex.workspace.parent.mkdir(parents=True)
    ex.workspace.write_text("solved\n")
    backup = reset_workspace(ex, clock())
    assert backup and "raise NotImplementedError" in ex.workspace.read_text()
    with ctx.store.read() as s:
        assert len(s.scalars(select(ExerciseAttempt)).all()) == 1


async def test_exercises_screen_runs_a_check_and_stores_it(ctx, workspace):
    from quizzer.tui.app import create_app

    shutil.copytree(REAL_CONTENT / "exercises" / EX_ID, ctx.catalog.root / "exercises" / EX_ID)
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        table = app.screen.query_one("#exercise-table")
        ids = list(app.exercises)
        table.move_cursor(row=ids.index(EX_ID))
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not started" in str(app.screen.query_one("#exercise-detail").render())
        await pilot.press("h")
        assert "hint 1 of" in str(app.screen.query_one("#exercise-detail").render())
        assert app.screen.sub_title.endswith(f"0/{len(app.exercises)} done")  # the progress, in the header
    with ctx.store.read() as s:
        assert [a.status for a in s.scalars(select(ExerciseAttempt))] == ["failed"]


def test_verify_for_maintainers_names_a_wrong_solution_that_slips_through(tmp_path):
    """`quizzer exercises verify --day 3` checks only Day 3, and reports an exercise whose wrong
    solution passes (here: a copy of the reference planted in wrong/) with exit code 1."""
    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content, ignore=shutil.ignore_patterns("lessons"))
    folder = content / "exercises" / EX_ID
    planted = folder / "wrong" / "planted.py"
    planted.write_text("# expect: values differ\n" + (folder / "solution.py").read_text(encoding="utf-8"))
    proc = quizzer("exercises", "verify", "--day", "3", "--jobs", "2", "--device", "cpu", "--content", str(content),
                   "--db", str(tmp_path / "data.db"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert {line.split()[1] for line in lines if line[:4] in ("ok  ", "FAIL")} == {
        ex.id for ex in load_exercises(content).values() if ex.meta.day == 3}
    failing = next(line for line in lines if EX_ID in line)
    assert failing.startswith("FAIL") and "wrong/planted.py passed every check" in proc.stdout
    assert "1 of 2 exercises verified" in proc.stdout + proc.stderr

    planted.unlink()
    clean = quizzer("exercises", "verify", "--day", "3", "--json", "--device", "cpu", "--content", str(content),
                    "--db", str(tmp_path / "data.db"))
    rows = json.loads(clean.stdout)
    assert clean.returncode == 0 and all(r["ok"] and r["caught"] == r["wrong"] >= 2 for r in rows), rows

    none = quizzer("exercises", "verify", "--day", "45", "--content", str(content), "--db", str(tmp_path / "data.db"))
    assert none.returncode == 2 and "no exercise matches days [45]" in none.stderr and "Traceback" not in none.stderr


def test_an_error_that_says_not_implemented_is_not_taken_for_the_untouched_stub(tmp_path):
    """Autograd's "derivative for … is not implemented" is the learner's bug, not "not started"."""
    from quizzer.practice.runner import run_check

    ex = load_exercises(REAL_CONTENT)[EX_ID]
    learner = tmp_path / "pairwise_distances.py"
    learner.write_text("def pairwise_distances(x, y):\n"
                       "    raise RuntimeError('derivative for aten::floor_divide is not implemented')\n")
    result = run_check(ex, learner, "cpu")
    assert result.status == "failed" and "not started" not in result.summary, result.summary
    assert "0 of" in result.summary and "floor_divide" in result.checks[0]["message"]


def fake_program(folder, name: str) -> str:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return str(path)


def test_editor_falls_back_to_vi_and_says_what_to_set_when_there_is_none(tmp_path):
    from quizzer.errors import UserError
    from quizzer.practice.editor import editor_command

    bin_dir = tmp_path / "bin"
    vi = fake_program(bin_dir, "vi")
    assert editor_command("a.py", {"PATH": str(bin_dir)}) == [vi, "a.py"]
    code = fake_program(bin_dir, "code")
    assert editor_command("a.py", {"PATH": str(bin_dir), "EDITOR": "code --wait"}) == ["code", "--wait", "a.py"]
    assert code  # $VISUAL wins over $EDITOR, and a missing one is named, not run
    with pytest.raises(UserError) as missing:
        editor_command("a.py", {"PATH": str(bin_dir), "VISUAL": "subl -w", "EDITOR": "vi"})
    assert "$VISUAL names 'subl'" in missing.value.message
    with pytest.raises(UserError) as none:
        editor_command("a.py", {"PATH": str(tmp_path / "empty")})
    assert "no text editor found" in none.value.message and "export EDITOR=" in none.value.hint


async def test_edit_without_any_editor_says_what_to_set_instead_of_crashing(ctx, workspace, monkeypatch, tmp_path):
    from quizzer.tui.app import create_app

    shutil.copytree(REAL_CONTENT / "exercises" / EX_ID, ctx.catalog.root / "exercises" / EX_ID)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "no-editors-here"))
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#exercise-table").move_cursor(row=list(app.exercises).index(EX_ID))
        await pilot.press("e")
        await pilot.pause()
        detail = str(app.screen.query_one("#exercise-detail").render())
        assert "no text editor found" in detail and "export EDITOR=" in detail
        assert app.is_running
    assert (workspace / "day03").exists()  # the learner's file was still created, ready for their own editor


def test_the_workspace_is_the_learners_made_from_stubs_and_ignored_by_git(tmp_path):
    import subprocess

    from conftest import REPO
    from quizzer.practice.models import ensure_workspace

    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT / "exercises" / EX_ID, content / "exercises" / EX_ID)
    ex = load_exercises(content, tmp_path / "ws")[EX_ID]
    path = ensure_workspace(ex)
    assert path.read_bytes() == ex.stub.read_bytes()  # first use: the stub
    ex.stub.write_text(ex.stub.read_text() + "\n# a course update\n")
    assert ensure_workspace(ex).read_bytes() == ex.stub.read_bytes()  # untouched: follows the new stub
    path.write_text(path.read_text() + "\ndef mine(): pass\n")
    ex.stub.write_text(ex.stub.read_text() + "\n# another update\n")
    assert "def mine()" in ensure_workspace(ex).read_text()  # edited: never overwritten
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", "exercises/day03/pairwise_distances.py"])
    assert ignored.returncode == 0  # git status stays clean while the learner works


def test_watch_moves_on_after_a_pass_with_progress_and_the_re_solve_date(workspace, tmp_path, small_content):
    import signal
    import time

    second = "d03-logsumexp-function"
    for name in (EX_ID, second):
        shutil.copytree(REAL_CONTENT / "exercises" / name, small_content / "exercises" / name)
    exercises = load_exercises(small_content, workspace)
    learner = exercises[EX_ID].workspace
    learner.parent.mkdir(parents=True)
    shutil.copy(REAL_CONTENT / "exercises" / EX_ID / "solution.py", learner)
    proc = subprocess.Popen([sys.executable, "-m", "quizzer", "check", EX_ID, "--watch", "--device", "cpu",
                             "--db", str(tmp_path / "w.db"), "--content", str(small_content)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out, deadline = "", time.monotonic() + 240
    try:
        while "not started" not in out.split("next:")[-1] and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            out += line
    finally:
        proc.send_signal(signal.SIGINT)
        out += proc.communicate(timeout=60)[0]
    assert f"PASSED {EX_ID}" in out and "comes back for re-solving on 20" in out
    assert "1/2 done" in out and f"next: {second}" in out  # moved on, as rustlings does
    assert exercises[second].workspace.exists()  # the next file is ready to edit
