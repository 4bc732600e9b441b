"""Maintainers' verification: an exercise's own files (stub, reference, wrong solutions) graded
in one process, with the cases and the reference computed once.

These files are trusted: they ship with the course. So they run in this process, one after
another, instead of one sandboxed worker each, and are graded by the same ``grade`` as a
learner's check, on the same seeds and inputs. A learner's file never comes this way: it always
goes through ``judge.run_check`` and its isolated worker.

Run as ``python -m quizzer.practice.verify`` with one JSON job on stdin
(``{"exercise", "folder", "files", "device", "rules", "needs"}``); prints one JSON list of
results, in the order of ``files``.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from quizzer.practice.judge import _cpu, _load, grade, load_cases, pick_device, reference
from quizzer.practice.models import Rules
from quizzer.practice.rules import check_rules
from quizzer.practice.worker import run_candidate


def verify(job: dict) -> list[dict]:
    import torch

    folder = Path(job["folder"])
    device = pick_device(job.get("device", "auto"))
    rules = Rules.model_validate(job.get("rules", {}))
    files = [os.path.realpath(f) for f in job["files"]]

    def result(status: str, summary: str, rows: list[dict], seconds: float) -> dict:
        return {"exercise": job["exercise"], "device": device, "status": status, "summary": summary,
                "checks": rows, "output": "", "seconds": round(seconds, 3)}

    if job.get("needs") == "cuda" and device != "cuda":
        return [result("skipped", "this exercise needs a CUDA GPU; skipped on " + device, [], 0.0) for _ in files]
    checks, cases = load_cases(folder, device)
    expected = reference(_load("quizzer_probe_ref", folder / "probe.py"), _load("quizzer_solution", folder / "solution.py"),
                         cases, device)
    buffer = io.BytesIO()  # the inputs travel as they do to a worker: saved once, loaded afresh per file
    torch.save([{"seed": 1000 + i, "inputs": _cpu(inputs)} for i, (_, inputs) in enumerate(cases)], buffer)
    results = []
    for path in files:
        start = time.monotonic()
        broken = check_rules(Path(path).read_text(encoding="utf-8"), rules)
        if broken:
            results.append(result("failed", "the code breaks a rule of this exercise (checked before running it)",
                                  [{"name": "rules", "status": "fail", "message": m} for m in broken], 0.0))
            continue
        buffer.seek(0)
        inputs = torch.load(buffer, weights_only=True)
        state = torch.get_default_dtype(), torch.is_grad_enabled(), torch.are_deterministic_algorithms_enabled()
        with tempfile.TemporaryDirectory(prefix="quizzer-verify-") as work:
            os.chdir(work)  # files a candidate writes land here, as in a worker's own folder
            actual = run_candidate(path, _load("quizzer_probe", folder / "probe.py"), inputs, device)
            os.chdir(folder)
        torch.set_default_dtype(state[0])
        torch.set_grad_enabled(state[1])
        torch.use_deterministic_algorithms(state[2])
        saved = io.BytesIO()  # and the outputs come back as from a worker: through a weights-only load
        torch.save(actual, saved)
        saved.seek(0)
        try:
            actual = torch.load(saved, weights_only=True)
        except Exception as exc:
            results.append(result("error", f"your code returned something that is not tensors or numbers "
                                  f"({type(exc).__name__})", [], time.monotonic() - start))
            continue
        status, summary, rows = grade(checks, cases, expected, actual, device)
        results.append(result(status, summary, rows, time.monotonic() - start))
    return results


def main() -> None:
    job = json.loads(sys.stdin.read())
    answer = os.dup(1)
    os.dup2(2, 1)  # what the files print goes to stderr, so stdout carries only the results
    try:
        results = verify(job)
    finally:
        sys.stdout.flush()
        os.dup2(answer, 1)
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
