"""Every exercise: its reference solution passes, its untouched stub fails, and each plausible
wrong solution fails with a message that names the problem (all on CPU)."""

from __future__ import annotations

import re

import pytest

from conftest import REAL_CONTENT, REPO
from quizzer.practice.models import load_exercises
from quizzer.practice.runner import WatchJudge

EXERCISES = load_exercises(REAL_CONTENT, REPO / "exercises")


@pytest.fixture(scope="module")
def judge():
    j = WatchJudge()  # one warm judge for the whole module keeps this fast
    yield j
    j.close()


def expectation(path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"#\s*expect:\s*(.+)", first)
    assert m, f"{path} must start with '# expect: <part of the failure message>'"
    return m[1].strip()


def everything_said(result) -> str:
    return "\n".join([result.summary] + [c["message"] for c in result.checks])


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_solution_passes_and_stub_fails(judge, exercise_id):
    ex = EXERCISES[exercise_id]
    solved = judge.check(ex, ex.solution, "cpu")
    assert solved.status == "passed", everything_said(solved)
    assert len(solved.checks) >= 3, "an exercise needs several cases"
    stub = judge.check(ex, ex.stub, "cpu")
    assert stub.status == "failed" and "not started" in stub.summary, everything_said(stub)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_wrong_solutions_fail_with_a_message_naming_the_problem(judge, exercise_id):
    ex = EXERCISES[exercise_id]
    assert len(ex.wrong_solutions) >= 2, f"{exercise_id} needs at least two plausible wrong solutions"
    for wrong in ex.wrong_solutions:
        result = judge.check(ex, wrong, "cpu")
        assert result.status != "passed", f"{wrong.name} passed"
        assert expectation(wrong) in everything_said(result), f"{wrong.name}:\n{everything_said(result)}"


def committed(path) -> str | None:
    """The file as committed (the learner may have edited the working copy: that is the point)."""
    import subprocess

    rel = path.relative_to(REPO).as_posix()
    proc = subprocess.run(["git", "-C", str(REPO), "show", f"HEAD:{rel}"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_workspace_stub_matches_and_teaches(exercise_id):
    ex = EXERCISES[exercise_id]
    stub = ex.stub.read_text(encoding="utf-8")
    shipped = committed(ex.workspace)
    if shipped is None:
        pytest.skip("not a git checkout, or the stub is not committed yet")
    assert shipped == stub, f"the committed exercises/ copy of {exercise_id} differs from its stub"
    assert '"""' in stub and "raise NotImplementedError" in stub
    assert all(t in {**{}, **dict.fromkeys(_topics())} for t in ex.meta.topics), ex.meta.topics


def _topics():
    from quizzer.content import load_catalog

    return load_catalog(REAL_CONTENT).topics


def test_at_least_two_exercises_for_each_of_days_1_to_9():
    days = [ex.meta.day for ex in EXERCISES.values()]
    assert all(days.count(d) >= 2 for d in range(1, 10)), {d: days.count(d) for d in range(1, 10)}
