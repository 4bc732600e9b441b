"""Worker for quizzer.content.snippets: executes snippets with torch, prints results as JSON."""

import contextlib
import importlib
import importlib.util
import io
import json
import sys
import traceback


def _exists(name: str) -> bool:
    parts = name.split(".")
    obj = None
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:
            continue
        rest = parts[i:]
        break
    else:
        return False
    for part in rest:
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


def main() -> None:
    job = json.loads(sys.stdin.read())
    import torch

    results = []
    for snip in job["snippets"]:
        missing = [name for name in snip.get("needs", ()) if importlib.util.find_spec(name) is None]
        if missing:  # an optional library that is not installed: not run, not a failure
            results.append({"stdout": "", "error": None, "skipped": missing})
            continue
        out = io.StringIO()
        error = None
        torch.manual_seed(0)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(snip["code"], f"<{snip['question']} {snip['where']}>", "exec"), {"__name__": "__main__"})
        except BaseException as exc:  # a snippet may raise anything, SystemExit included
            error = f"{type(exc).__name__}: {exc}\n" + "".join(traceback.format_exc().splitlines(True)[-4:])
        finally:  # what one snippet sets globally must not change what the next one prints
            torch.set_default_dtype(torch.float32)
            torch.set_grad_enabled(True)
            torch.set_printoptions(profile="default")
        results.append({"stdout": out.getvalue(), "error": error})
    names = {n: _exists(n) for n in job["names"]}
    names["__version__"] = torch.__version__
    sys.stdout.write("\n" + json.dumps({"snippets": results, "names": names}) + "\n")


if __name__ == "__main__":
    main()
