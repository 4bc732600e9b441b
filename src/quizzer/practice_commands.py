"""CLI commands for the exercises: list, check (and watch), hint, reset, solution, verify."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from quizzer.errors import UserError


def _setup(args: argparse.Namespace):
    from quizzer.context import open_context
    from quizzer.practice.models import load_exercises

    ctx = open_context(args.db, args.content, args.profile)
    return ctx, load_exercises(ctx.catalog.root)


def print_result(result) -> None:
    icons = {"pass": "✓", "fail": "✗", "error": "!"}
    for c in result.checks:
        line = f"  {icons.get(c['status'], '?')} {c['name']}"
        if c["message"]:
            line += "\n      " + c["message"].rstrip().replace("\n", "\n      ")
        print(line)
    if result.output.strip() and not result.passed:
        print("  your code printed:\n      " + result.output.strip()[-500:].replace("\n", "\n      "))
    mark = {"passed": "PASSED", "skipped": "SKIPPED"}.get(result.status, "NOT YET")
    print(f"{mark} {result.exercise}: {result.summary} ({result.seconds:.1f} s)")


def cmd_exercises(args: argparse.Namespace) -> int:
    if args.action == "verify":
        return cmd_verify(args)
    from quizzer.practice.progress import progress_line, standings

    ctx, exercises = _setup(args)
    try:
        marks = standings(ctx.store, ctx.profile_id, ctx.clock())
    finally:
        ctx.close()
    rows = []
    for ex in exercises.values():
        st = marks.get(ex.id)
        rows.append({"id": ex.id, "day": ex.meta.day, "title": ex.meta.title, "topics": ex.meta.topics,
                     "status": st.status if st else "not_started", "due": st.due.isoformat() if st and st.due else None,
                     "attempts": st.attempts if st else 0, "file": str(ex.workspace), "device": ex.meta.device})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    labels = {"not_started": "not started", "failing": "failing", "passed": "passed", "due": "due for re-solving"}
    print(progress_line(marks, exercises))
    day = None
    for r in rows:
        if r["day"] != day:
            day = r["day"]
            print(f"Day {day}")
        again = f" (again on {r['due'][:10]})" if r["status"] == "passed" and r["due"] else ""
        print(f"  {r['id']:<36} {labels[r['status']] + again:<33} {r['title']}")
    print("\nstart with: quizzer check ID --watch   (edit the file it names, save, watch the checks)")
    return 0


def _next_after(exercises, marks, current: str):
    """The next exercise to work on after ``current``, in course order (then from the start)."""
    ids = list(exercises)
    order = ids[ids.index(current) + 1:] + ids[:ids.index(current)]
    return next((exercises[i] for i in order
                 if marks.get(i) is None or marks[i].status in ("not_started", "failing", "due")), None)


def _pick(exercises, ctx, wanted: str | None):
    from quizzer.practice.models import get_exercise
    from quizzer.practice.progress import standings

    if wanted:
        return get_exercise(exercises, wanted)
    marks = standings(ctx.store, ctx.profile_id, ctx.clock())
    for ex in exercises.values():
        if marks.get(ex.id) is None or marks[ex.id].status in ("not_started", "failing", "due"):
            return ex
    raise UserError("every exercise is passed and none is due", "name one to practise it again: quizzer check ID")


def _prepare(ex, ctx) -> None:
    """Create the learner's file; when a passed exercise is due, move the old solution aside."""
    from quizzer.practice.models import ensure_workspace
    from quizzer.practice.progress import reset_workspace, standing

    if standing(ctx.store, ctx.profile_id, ex.id, ctx.clock()).status == "due":
        backup = reset_workspace(ex, ctx.clock())
        if backup:
            print(f"{ex.id} is due for re-solving: your last solution is kept as {backup}; write it again in {ex.workspace}")
    ensure_workspace(ex)


def cmd_check(args: argparse.Namespace) -> int:
    from quizzer.practice.progress import record_attempt
    from quizzer.practice.runner import WatchJudge, run_check

    ctx, exercises = _setup(args)
    try:
        ex = _pick(exercises, ctx, args.exercise)
        _prepare(ex, ctx)
        print(f"{ex.id}: {ex.meta.title}\n  your file: {ex.workspace}")
        if not args.watch:
            result = run_check(ex, device=args.device)
            record_attempt(ctx.store, ctx.profile_id, result, ctx.clock())
            print_result(result)
            return 0 if result.passed else 1
        return _watch(ex, ctx, args.device, WatchJudge, record_attempt, exercises)
    finally:
        ctx.close()


def _watch(ex, ctx, device: str, judge_cls, record, exercises=None) -> int:
    """Re-run on every save until the learner presses Ctrl-C (watchfiles, else polling); after a
    pass, move on to the next exercise not yet passed, as rustlings does."""
    from quizzer.practice.progress import progress_line, standings

    judge = judge_cls()
    print("watching for changes; Ctrl-C stops")
    try:
        while True:
            result = judge.check(ex, device=device)
            record(ctx.store, ctx.profile_id, result, ctx.clock())
            print_result(result)
            if result.passed:
                marks = standings(ctx.store, ctx.profile_id, ctx.clock())
                again = marks[ex.id].due
                print(f"passed! {ex.id} comes back for re-solving on {again:%Y-%m-%d}." if again else "passed!")
                following = _next_after(exercises, marks, ex.id) if exercises else None
                if exercises:
                    print(progress_line(marks, exercises))
                if following is None:
                    print("every exercise is passed: well done.")
                    return 0
                ex = following
                _prepare(ex, ctx)
                print(f"\n── next: {ex.id}: {ex.meta.title}\n  your file: {ex.workspace}")
                continue
            _wait_for_change(ex.workspace)
            print("\n── file changed, checking again ──")
    except KeyboardInterrupt:
        print("\nstopped watching")
        return 1
    finally:
        judge.close()


def _wait_for_change(path: Path) -> None:
    try:
        from watchfiles import watch

        for _ in watch(path, debounce=200, raise_interrupt=True):
            return
    except ImportError:
        before = path.stat().st_mtime_ns
        while path.stat().st_mtime_ns == before:
            time.sleep(0.3)


def cmd_hint(args: argparse.Namespace) -> int:
    from quizzer.practice.models import get_exercise
    from quizzer.practice.progress import reveal_hint

    ctx, exercises = _setup(args)
    try:
        ex = get_exercise(exercises, args.exercise)
        n, text = reveal_hint(ctx.store, ctx.profile_id, ex)
    finally:
        ctx.close()
    print(f"hint {n} of {len(ex.meta.hints)} for {ex.id}:\n  {text}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from quizzer.practice.models import get_exercise
    from quizzer.practice.progress import reset_workspace

    ctx, exercises = _setup(args)
    try:
        ex = get_exercise(exercises, args.exercise)
        backup = reset_workspace(ex, ctx.clock())
    finally:
        ctx.close()
    print(f"restored the stub in {ex.workspace}" + (f"; your version is kept as {backup}" if backup else ""))
    return 0


def cmd_solution(args: argparse.Namespace) -> int:
    from quizzer.practice.models import get_exercise
    from quizzer.practice.progress import can_see_solution, give_up

    ctx, exercises = _setup(args)
    try:
        ex = get_exercise(exercises, args.exercise)
        if args.give_up:
            give_up(ctx.store, ctx.profile_id, ex)
        elif not can_see_solution(ctx.store, ctx.profile_id, ex):
            raise UserError(f"{ex.id} is not passed yet, so its solution stays hidden",
                            f"try `quizzer hint {ex.id}`, or `quizzer solution {ex.id} --give-up`")
    finally:
        ctx.close()
    print(ex.solution.read_text(encoding="utf-8"))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Maintainer check: every reference passes, every untouched stub fails as "not started", and
    every wrong solution is caught with the message it promises (the exercise's own files, graded
    in one process per exercise, several exercises at once)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from quizzer.context import load_content
    from quizzer.practice.models import load_exercises
    from quizzer.practice.runner import verify_exercise

    exercises = [ex for ex in load_exercises(load_content(args.content).root).values()
                 if not args.day or ex.meta.day in args.day]
    if not exercises:
        raise UserError("no exercise matches " + (f"days {sorted(args.day)}" if args.day else "the course"),
                        "list them with `quizzer exercises`")
    if args.jobs < 0:
        raise UserError(f"--jobs must be 1 or more, got {args.jobs}", "leave it out for one job per CPU core")
    jobs = args.jobs or os.cpu_count() or 1
    start = time.monotonic()
    bad = 0
    rows = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each job is its own process
        for v in pool.map(lambda ex: verify_exercise(ex, args.device), exercises):
            bad += not v.ok
            caught = sum(r.status != "passed" for r in v.wrong.values())
            rows.append({"id": v.exercise.id, "ok": v.ok, "solution": v.solution.status, "stub": v.stub.status,
                         "wrong": len(v.wrong), "caught": caught, "problems": v.problems, "device": v.solution.device})
            if args.json:
                continue
            print(f"{'ok  ' if v.ok else 'FAIL'} {v.exercise.id:<36} solution: {v.solution.status:<7} stub: {v.stub.status:<7} "
                  f"wrong: {caught}/{len(v.wrong)} caught  ({v.solution.device})")
            for problem in v.problems:
                print("       " + problem.replace("\n", "\n       "))
    if args.json:
        print(json.dumps(rows, indent=2))
    summary = f"{len(exercises) - bad} of {len(exercises)} exercises verified in {time.monotonic() - start:.0f} s"
    print(summary, file=sys.stderr if bad or args.json else sys.stdout)
    return 1 if bad else 0
