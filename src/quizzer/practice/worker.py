"""The untrusted side of a check: imports the learner's module, runs the probe, saves outputs.

Started by the judge in a new session (so the whole process group can be killed), with torch
imported before the job arrives (a warm worker). It never sees the reference solution or the
checks: an audit hook refuses to open files under the hidden folders, and writes outside the
job folder and the learner's workspace.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import sys
import traceback
from pathlib import Path


def _guard(allowed_write: list[str], hidden: list[str], learner: str) -> None:
    allowed = [os.path.realpath(p) for p in allowed_write]
    secret = [os.path.realpath(p) for p in hidden]

    def inside(path: str, roots: list[str]) -> bool:
        return any(path == r or path.startswith(r + os.sep) for r in roots)

    def hook(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            raw = args[0]
            path = os.path.realpath(os.fsdecode(raw) if not isinstance(raw, int) else "")
            mode = args[1] if len(args) > 1 else "r"
            flags = args[2] if len(args) > 2 else 0
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool(
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            if inside(path, secret) and path != learner:
                raise PermissionError(f"quizzer: reading the hidden checks is not allowed ({path})")
            if writing and not inside(path, allowed) and not path.startswith("/dev/"):
                raise PermissionError(f"quizzer: writing outside the exercise folder is not allowed ({path})")
        elif event in ("os.remove", "os.rename", "os.rmdir", "shutil.rmtree") and args:
            path = os.path.realpath(os.fsdecode(args[0])) if isinstance(args[0], (str, bytes, os.PathLike)) else ""
            if path and not inside(path, allowed):
                raise PermissionError(f"quizzer: changing files outside the exercise folder is not allowed ({path})")

    sys.addaudithook(hook)  # cannot be removed once added, not even by the learner's code


def _learner_traceback(exc: BaseException, learner: str) -> str:
    """The traceback limited to the learner's own file (never the probe's or quizzer's frames)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.realpath(f.filename) == learner]
    lines = traceback.format_list(frames) if frames else []
    return "".join(lines) + "".join(traceback.format_exception_only(type(exc), exc))


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_candidate(learner: str, probe, inputs: list[dict], device: str) -> list[dict]:
    """Import the candidate file and run the probe on each case: one result dict per case."""
    import torch

    try:
        module = _load("solution", learner)
    except BaseException as exc:  # SyntaxError, ImportError, anything at import time
        return [{"ok": False, "outputs": None, "error": _learner_traceback(exc, learner), "import_error": True}]
    results: list[dict] = []
    for case in inputs:
        torch.manual_seed(case["seed"])
        try:
            outputs = probe.run(module, case["inputs"], device)
            outputs = {k: (v.detach().cpu() if isinstance(v, torch.Tensor) else v) for k, v in outputs.items()}
            results.append({"ok": True, "outputs": outputs, "error": None})
        except NotImplementedError as exc:
            results.append({"ok": False, "outputs": None, "error": "NotImplementedError: " + (str(exc) or "not implemented yet"),
                            "not_implemented": True})
        except OSError as exc:
            if exc.errno == errno.EFBIG:  # the judge's output limit (RLIMIT_FSIZE) was reached
                message = "your code printed or wrote too much (over the output limit); print less"
            else:
                message = _learner_traceback(exc, learner)
            results.append({"ok": False, "outputs": None, "error": message})
        except (Exception, SystemExit) as exc:
            results.append({"ok": False, "outputs": None, "error": _learner_traceback(exc, learner)})
    return results


def main() -> None:
    import torch

    if os.environ.get("QUIZZER_WARM_OPTIM"):
        # building the first torch.optim optimizer imports torch._dynamo (seconds); a worker kept
        # warm for watch mode pays that before the learner saves, not after
        import torch._dynamo  # noqa: F401
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    job = json.loads(sys.stdin.readline())
    os.chdir(job["cwd"])
    learner = os.path.realpath(job["learner"])
    probe = _load("quizzer_probe", job["probe"])
    inputs = torch.load(job["inputs"], weights_only=True)
    _guard(job["allowed_write"], job["hidden"], learner)
    results = run_candidate(learner, probe, inputs, job["device"])
    sys.stdout.flush()
    torch.save(results, job["out"])


if __name__ == "__main__":
    main()
