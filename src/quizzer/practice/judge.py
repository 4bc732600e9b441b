"""The trusted side of a check (its own process; imports torch): builds the cases, computes the
reference on the same device, runs the learner's code in a fresh worker with limits, compares.

Run as ``python -m quizzer.practice.judge`` with one JSON job on stdin (prints one JSON result),
or with ``--serve`` to answer a job per line while keeping the next worker warm (watch mode).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizzer.practice.models import Rules
from quizzer.practice.rules import check_rules

# torch is imported inside the functions: a cold check starts its worker first, so the two
# processes import torch at the same time instead of one after the other

OUTPUT_LIMIT = 64 * 1024 * 1024  # bytes a worker may write (a flood of prints is stopped here)
OUTPUT_READ = 1024 * 1024  # bytes of captured output read back
OUTPUT_SHOWN = 500  # characters shown per failing check
MAX_PROCESSES = 64  # a fork loop is stopped here
POLL = 0.02
NOT_STARTED = "not implemented yet (the stub still raises NotImplementedError)"


def pick_device(requested: str) -> str:
    import torch

    if requested != "auto":
        return requested
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:  # not enforced for root, so the judge also counts processes
        resource.setrlimit(resource.RLIMIT_NPROC, (512, 512))
    except (ValueError, OSError):
        pass


class WarmWorker:
    """A worker process started ahead of its job, torch already imported."""

    def __init__(self, warm_optim: bool = False) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="quizzer-check-")
        self.log = open(Path(self.dir.name) / "output.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quizzer.practice.worker"], stdin=subprocess.PIPE, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=self.dir.name, preexec_fn=_limits,
            env=dict(os.environ, PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1",
                     **({"QUIZZER_WARM_OPTIM": "1"} if warm_optim else {})))

    def close(self) -> None:
        if self.log.closed:
            return
        kill_group(self.proc)
        self.log.close()
        self.dir.cleanup()


def kill_group(proc: subprocess.Popen) -> None:
    """Kill the worker's whole process group (DataLoader workers are grandchildren)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _memory(pid: str, rss_pages: int, page: int) -> int:
    """Proportional set size: forked children share pages, and plain RSS would count them twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss_pages * page


def group_usage(pgid: int) -> tuple[int, int]:
    """(processes, memory in bytes) of a process group, read from /proc."""
    count = used = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, …, rss is the 22nd
            count += 1
            used += _memory(entry, int(fields[21]), page)
    return count, used


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _to(obj, device: str):
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, dict):
        return {k: _to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to(v, device) for v in obj)
    return obj


def _cpu(obj):
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_cpu(v) for v in obj)
    return obj


def _signal_message(code: int) -> str:
    sig = -code
    names = {signal.SIGSEGV: "crashed with a segmentation fault (SIGSEGV)", signal.SIGXFSZ:
             f"printed or wrote too much (over {OUTPUT_LIMIT // 2**20} MB) and was stopped",
             signal.SIGKILL: "was killed (SIGKILL), possibly by the system for using too much memory",
             signal.SIGABRT: "aborted (SIGABRT)", signal.SIGBUS: "crashed with a bus error (SIGBUS)",
             signal.SIGFPE: "crashed with a floating-point exception (SIGFPE)"}
    return names.get(sig, f"was stopped by signal {sig}")


def run_check(job: dict, worker: WarmWorker | None = None) -> dict:
    """Check one learner file against one exercise; always returns a result, never raises."""
    start = time.monotonic()
    folder = Path(job["folder"])
    learner = Path(job["learner"])
    rules = Rules.model_validate(job.get("rules", {}))
    result = {"exercise": job["exercise"], "device": job.get("device", "auto"), "status": "error", "checks": [],
              "output": "", "seconds": 0.0}

    def finish(status: str, summary: str) -> dict:
        if worker is not None:
            worker.close()
        result.update(status=status, summary=summary, seconds=round(time.monotonic() - start, 3))
        return result

    try:
        source = learner.read_text(encoding="utf-8")
    except OSError as exc:
        return finish("error", f"cannot read {learner}: {exc.strerror}")
    broken = check_rules(source, rules)  # before anything runs, and before torch is imported
    if broken:
        result["checks"] = [{"name": "rules", "status": "fail", "message": m} for m in broken]
        return finish("failed", "the code breaks a rule of this exercise (checked before running it)")
    worker = worker or WarmWorker()  # started before this process imports torch (see above)
    result["device"] = device = pick_device(job.get("device", "auto"))
    if job.get("needs") == "cuda" and device != "cuda":
        return finish("skipped", "this exercise needs a CUDA GPU; skipped on " + device)
    try:
        return _run_with_worker(job, worker, folder, learner, device, result, finish)
    except Exception as exc:  # a bug in an exercise's own checks, not the learner's fault
        return finish("error", f"internal error in the checks of {job['exercise']}: {type(exc).__name__}: {exc}")
    finally:
        worker.close()


def load_cases(folder: Path, device: str):
    """An exercise's hidden checks module and its cases on ``device`` (seeded, so always the same)."""
    import torch

    checks = _load("quizzer_checks", folder / "checks.py")
    torch.backends.cuda.matmul.allow_tf32 = False  # references in full float32 precision
    torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(0)
    return checks, [(name, _to(inputs, device)) for name, inputs in checks.cases(device)]


def reference(probe, solution, cases: list, device: str) -> list[dict]:
    """The reference solution's outputs, case by case, with the seeds the worker uses."""
    import torch

    expected = []
    for i, (_, inputs) in enumerate(cases):
        torch.manual_seed(1000 + i)
        expected.append(_cpu(probe.run(solution, copy.deepcopy(inputs), device)))
    return expected


def _run_with_worker(job, worker: WarmWorker, folder: Path, learner: Path, device: str, result: dict, finish) -> dict:
    import torch

    checks, cases = load_cases(folder, device)
    probe = _load("quizzer_probe_ref", folder / "probe.py")
    solution = _load("quizzer_solution", folder / "solution.py")
    work = Path(worker.dir.name)
    (work / "probe.py").write_bytes((folder / "probe.py").read_bytes())
    payload = [{"seed": 1000 + i, "inputs": _cpu(inputs)} for i, (_, inputs) in enumerate(cases)]
    torch.save(payload, work / "inputs.pt")
    job_line = {"cwd": str(work), "learner": str(learner), "probe": str(work / "probe.py"), "inputs": str(work / "inputs.pt"),
                "out": str(work / "outputs.pt"), "device": device, "hidden": [str(folder.parent)],
                "allowed_write": [str(work), str(learner.parent)]}
    try:
        worker.proc.stdin.write((json.dumps(job_line) + "\n").encode())
        worker.proc.stdin.close()
    except BrokenPipeError:
        pass
    timings = {"sent": time.monotonic()}
    expected = reference(probe, solution, cases, device)  # while the worker works

    timeout, memory = float(job.get("timeout", 30)), int(job.get("memory_mb", 3072)) * 2**20
    stopped = None
    deadline = time.monotonic() + timeout
    next_scan = 0.0
    while worker.proc.poll() is None:
        now = time.monotonic()
        if now > deadline:
            stopped = f"did not finish within {timeout:g} s (an infinite loop, or far too slow?) and was stopped"
            break
        if now >= next_scan:
            count, rss = group_usage(worker.proc.pid)
            if count > MAX_PROCESSES:
                stopped = f"started more than {MAX_PROCESSES} processes (a fork loop?) and was stopped"
                break
            if rss > memory:
                stopped = f"used more than {memory // 2**20} MB of memory and was stopped"
                break
            next_scan = now + 0.1
        time.sleep(POLL)
    timings["done"] = time.monotonic()
    kill_group(worker.proc)  # also ends stragglers such as DataLoader workers
    worker.log.flush()
    with open(work / "output.log", "rb") as f:
        output = f.read(OUTPUT_READ).decode("utf-8", "replace")
    result["output"] = output[-OUTPUT_SHOWN * 4:]
    if stopped:
        return finish("timeout" if "within" in stopped else "killed", "your code " + stopped)
    code = worker.proc.returncode
    out_path = work / "outputs.pt"
    if code != 0 or not out_path.exists():
        why = _signal_message(code) if code and code < 0 else f"exited the process (exit code {code}) before its results were saved"
        return finish("error", "your code " + why)
    try:
        actual = torch.load(out_path, weights_only=True)
    except Exception as exc:  # a result that is not tensors, numbers, strings, lists or dicts
        return finish("error", f"your code returned something that is not tensors or numbers ({type(exc).__name__})")
    status, summary, result["checks"] = grade(checks, cases, expected, actual, device)
    return finish(status, summary)


def grade(checks, cases: list, expected: list, actual: list, device: str) -> tuple[str, str, list[dict]]:
    """The verdict on one candidate: its saved outputs against the reference's, case by case.

    Shared by a learner's check and the maintainers' batch verification, so both grade alike.
    """
    from quizzer.practice.compare import compare_value, describe_case

    if len(actual) == 1 and actual[0].get("import_error"):
        return "error", "your file could not be imported", [
            {"name": "import", "status": "error", "message": actual[0]["error"][-2000:]}]
    if len(actual) != len(cases):  # results saved by anything but the worker's loop are no verdict
        return "error", f"your code's results are incomplete ({len(actual)} for {len(cases)} checks)", []
    rtol, atol = getattr(checks, "RTOL", None), getattr(checks, "ATOL", None)
    custom = getattr(checks, "compare", None)
    rows = []
    for (name, inputs), exp, act in zip(cases, expected, actual):
        label = describe_case(name, inputs, device)
        if not act["ok"]:
            status = "error"
            message = act["error"][-OUTPUT_SHOWN:]
            if act.get("not_implemented"):
                message = NOT_STARTED
        else:
            problem = custom(name, inputs, exp, act["outputs"]) if custom else None
            if problem is None and not custom:
                for key, value in exp.items():
                    problem = compare_value(key, value, act["outputs"].get(key), rtol, atol)
                    if problem:
                        break
            status, message = ("fail", problem) if problem else ("pass", "")
        rows.append({"name": label, "status": status, "message": (message or "")[:OUTPUT_SHOWN]})
    passed = sum(c["status"] == "pass" for c in rows)
    total = len(rows)
    if passed == total:
        return "passed", f"all {total} checks passed on {device}", rows
    if all(c["status"] == "error" and c["message"] == NOT_STARTED for c in rows):  # the stub's own raise, not any
        # error that happens to say "not implemented" (autograd's "derivative … is not implemented")
        return "failed", "not started: the stub still raises NotImplementedError", rows
    return "failed", f"{passed} of {total} checks passed on {device}", rows


def main() -> None:
    if "--serve" in sys.argv:
        import torch._dynamo  # noqa: F401  (see WarmWorker: optimizers import it on first use)

        warm = WarmWorker(warm_optim=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            print(json.dumps(run_check(json.loads(line), warm)), flush=True)
            # start the next worker only now, so it does not compete with the check for the CPU
            warm = WarmWorker(warm_optim=True)
        warm.close()
        return
    print(json.dumps(run_check(json.loads(sys.stdin.read()))), flush=True)


if __name__ == "__main__":
    main()
