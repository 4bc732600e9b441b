"""Every exercise: its reference solution passes, its untouched stub fails, and each plausible
wrong solution fails with a message that names the problem (all on CPU).

The exercise's own files are trusted, so each exercise is graded as one batch in one process
(``quizzer exercises verify`` does the same); one test proves the batch grades exactly as the
sandboxed learner check does, so the speed-up cannot hide a difference.
"""

from __future__ import annotations

import functools

import pytest

from conftest import REAL_CONTENT, REPO
from quizzer.practice.models import load_exercises
from quizzer.practice.runner import MIN_WRONG, everything_said, expected_message, run_check, verify_exercise

EXERCISES = load_exercises(REAL_CONTENT, REPO / "exercises")


def each_exercise():
    # the tests of one exercise share its batch, so under xdist they run in the same worker
    return [pytest.param(eid, marks=pytest.mark.xdist_group(eid)) for eid in EXERCISES]


@functools.cache
def verified(exercise_id: str):
    return verify_exercise(EXERCISES[exercise_id], "cpu")


@pytest.mark.parametrize("exercise_id", each_exercise())
def test_solution_passes_and_stub_fails(exercise_id):
    v = verified(exercise_id)
    assert v.solution.status == "passed", everything_said(v.solution)
    assert len(v.solution.checks) >= 3, "an exercise needs several cases"
    assert v.stub.status == "failed" and "not started" in v.stub.summary, everything_said(v.stub)


@pytest.mark.parametrize("exercise_id", each_exercise())
def test_wrong_solutions_fail_with_a_message_naming_the_problem(exercise_id):
    v = verified(exercise_id)
    assert len(v.wrong) >= MIN_WRONG, f"{exercise_id} needs at least {MIN_WRONG} plausible wrong solutions"
    for name, result in v.wrong.items():
        assert result.status != "passed", f"{name} passed"
        promise = expected_message(v.exercise.folder / "wrong" / name)
        assert promise, f"{name} must start with '# expect: <part of the failure message>'"
        assert promise in everything_said(result), f"{name}:\n{everything_said(result)}"


@pytest.mark.parametrize("exercise_id", ["d03-logsumexp-function", "d09-inverted-dropout"])
def test_batch_verification_grades_exactly_as_the_sandboxed_check(exercise_id):
    ex = EXERCISES[exercise_id]
    v = verified(exercise_id)
    for path, batch in [(ex.solution, v.solution), (ex.stub, v.stub), (ex.wrong_solutions[0], v.wrong[ex.wrong_solutions[0].name])]:
        sandboxed = run_check(ex, path, "cpu")
        assert (sandboxed.status, sandboxed.summary) == (batch.status, batch.summary), path.name
        assert [(c["name"], c["status"], c["message"]) for c in sandboxed.checks] == \
               [(c["name"], c["status"], c["message"]) for c in batch.checks], path.name


def committed(path) -> str | None:
    """The file as committed (the learner may have edited the working copy: that is the point)."""
    import subprocess

    rel = path.relative_to(REPO).as_posix()
    proc = subprocess.run(["git", "-C", str(REPO), "show", f"HEAD:{rel}"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_stub_teaches_and_no_learner_copy_is_committed(exercise_id):
    ex = EXERCISES[exercise_id]
    stub = ex.stub.read_text(encoding="utf-8")
    assert committed(ex.workspace) is None, "exercises/dayNN/ is the learner's workspace: it is made from the stub, not committed"
    assert '"""' in stub and "raise NotImplementedError" in stub
    assert all(t in _topics() for t in ex.meta.topics), ex.meta.topics


@functools.cache
def _topics():
    from quizzer.content import load_catalog

    return load_catalog(REAL_CONTENT).topics


def test_every_day_with_questions_has_at_least_two_exercises():
    from quizzer.content import load_catalog

    days_with_questions = {int(q.id[1:3]) for q in load_catalog(REAL_CONTENT).questions.values()}
    days = [ex.meta.day for ex in EXERCISES.values()]
    assert set(range(1, 10)) <= days_with_questions
    assert all(days.count(d) >= 2 for d in days_with_questions), {d: days.count(d) for d in sorted(days_with_questions)}
