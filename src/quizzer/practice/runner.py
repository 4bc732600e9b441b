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
