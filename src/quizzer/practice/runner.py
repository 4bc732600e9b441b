"""Running checks from the CLI or the app: spawn the judge, read its JSON result.

This module never imports torch; the judge and its worker do, in their own processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from quizzer.practice.models import Exercise

JUDGE = [sys.executable, "-m", "quizzer.practice.judge"]


@dataclass(frozen=True)
class CheckResult:
    exercise: str
    status: str  # passed | failed | error | timeout | killed | skipped
    summary: str
    device: str
    seconds: float
    checks: list[dict] = field(default_factory=list)
    output: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def make_job(ex: Exercise, learner: Path, device: str = "auto") -> dict:
    m = ex.meta
    return {"exercise": m.id, "folder": str(ex.folder.resolve()), "learner": str(Path(learner).resolve()),
            "device": device, "timeout": m.timeout, "memory_mb": m.memory_mb, "needs": m.device,
            "rules": m.rules.model_dump()}


def _parse(raw: dict) -> CheckResult:
    return CheckResult(raw["exercise"], raw["status"], raw.get("summary", ""), raw.get("device", "?"),
                       raw.get("seconds", 0.0), raw.get("checks", []), raw.get("output", ""))


def run_check(ex: Exercise, learner: Path | None = None, device: str = "auto") -> CheckResult:
    """Check ``learner`` (default: the learner's workspace file) in a fresh judge process."""
    learner = learner or ex.workspace
    job = make_job(ex, learner, device)
    try:
        proc = subprocess.run(JUDGE, input=json.dumps(job), capture_output=True, text=True, timeout=ex.meta.timeout + 120)
    except subprocess.TimeoutExpired:
        return CheckResult(ex.id, "error", "the checker itself did not answer in time", device, ex.meta.timeout + 120)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return CheckResult(ex.id, "error", f"the checker failed: {proc.stderr.strip()[-500:]}", device, 0.0)
    return _parse(json.loads(lines[-1]))


class WatchJudge:
    """A judge kept running between checks, with the next worker already warm."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(JUDGE + ["--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)

    def check(self, ex: Exercise, learner: Path | None = None, device: str = "auto") -> CheckResult:
        self.proc.stdin.write(json.dumps(make_job(ex, learner or ex.workspace, device)) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the checker stopped unexpectedly")
        return _parse(json.loads(line))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


VERIFY = [sys.executable, "-m", "quizzer.practice.verify"]


def verify_files(ex: Exercise, files: list[Path], device: str = "auto") -> list[CheckResult]:
    """Grade an exercise's own trusted files (stub, reference, wrong solutions) in one process.

    Never for a learner's file: that always goes through ``run_check`` and its sandboxed worker.
    """
    job = make_job(ex, ex.solution, device)
    job["files"] = [str(Path(f).resolve()) for f in files]
    limit = 120 + ex.meta.timeout * len(files)
    try:
        proc = subprocess.run(VERIFY, input=json.dumps(job), capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return [CheckResult(ex.id, "error", f"verification did not finish within {limit} s", device, limit) for _ in files]
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        failed = CheckResult(ex.id, "error", f"the verifier failed: {proc.stderr.strip()[-1500:]}", device, 0.0)
        return [failed for _ in files]
    return [_parse(raw) for raw in json.loads(lines[-1])]


@dataclass(frozen=True)
class Verification:
    """What ``quizzer exercises verify`` proves of one exercise, file by file."""

    exercise: Exercise
    solution: CheckResult
    stub: CheckResult
    wrong: dict[str, CheckResult]  # file name -> its result
    problems: list[str]  # empty when the exercise is sound

    @property
    def ok(self) -> bool:
        return not self.problems


def expected_message(path: Path) -> str:
    """The part of its failure message a wrong solution promises on line 1: ``# expect: …``."""
    import re

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    m = re.match(r"#\s*expect:\s*(.+)", lines[0]) if lines else None
    return m[1].strip() if m else ""


def everything_said(result: CheckResult) -> str:
    return "\n".join([result.summary] + [c["message"] for c in result.checks])


MIN_WRONG = 3


def verify_exercise(ex: Exercise, device: str = "auto") -> Verification:
    """The reference passes, the untouched stub fails as "not started", and every wrong solution
    fails with the message its first line promises."""
    wrong = ex.wrong_solutions
    solution, stub, *caught = verify_files(ex, [ex.solution, ex.stub, *wrong], device)
    problems = []
    if solution.status not in ("passed", "skipped"):
        problems.append(f"the reference solution does not pass: {everything_said(solution)}")
    if stub.status != "skipped" and not (stub.status == "failed" and "not started" in stub.summary):
        problems.append(f"the stub does not fail as 'not started': {stub.status}: {stub.summary}")
    if len(wrong) < MIN_WRONG:
        problems.append(f"only {len(wrong)} wrong solution(s) in wrong/; write at least {MIN_WRONG}")
    for path, result in zip(wrong, caught):
        promise = expected_message(path)
        if not promise:
            problems.append(f"wrong/{path.name}: line 1 must be '# expect: <part of the failure message>'")
        elif result.status == "passed":
            problems.append(f"wrong/{path.name} passed every check")
        elif result.status != "skipped" and promise not in everything_said(result):
            problems.append(f"wrong/{path.name} failed without saying {promise!r}: {everything_said(result)[:400]}")
    return Verification(ex, solution, stub, {p.name: r for p, r in zip(wrong, caught)}, problems)
