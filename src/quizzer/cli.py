"""The ``quizzer`` command: thin wrappers over the library, one function per command.

Heavy modules (textual, the store, torch) are imported inside the command that needs them,
so ``quizzer --help`` and the quick paths stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quizzer.errors import UserError

EPILOG = """examples:
  quizzer                         open the review app on today's cards
  quizzer review --plain          review in plain line mode (for scripts and simple terminals)
  quizzer day 5                   I am on course day 5: new cards from Day 5 first
  quizzer review --day 3          focus new cards on Day 3
  quizzer validate                check every content file, list every problem
  quizzer stats --json            today's numbers as JSON
  quizzer export anki --days 1-9  an Anki deck of Days 1-9
  quizzer lesson 3                read the study notes of Day 3
"""


def _days_arg(text: str) -> set[int]:
    """Parse ``3``, ``1-9`` or ``1,4,7-9`` into a set of day numbers."""
    days: set[int] = set()
    try:
        for part in text.split(","):
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                days.update(range(lo, hi + 1))
            else:
                days.add(int(part))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day list like 3, 1-9 or 1,4,7-9") from None
    if not days or min(days) < 1 or max(days) > 45:
        raise argparse.ArgumentTypeError(f"days must be between 1 and 45, got {text!r}")
    return days


def _global_options(default: object) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name.

    The main parser gives them ``None``; each subcommand's copy uses ``SUPPRESS``, so that
    ``quizzer --db X stats`` keeps ``X`` instead of the subparser writing its own ``None`` over it.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL", default=default,
                        help="database file or SQLAlchemy URL (default: data.db; env QUIZZER_DB)")
    common.add_argument("--content", metavar="DIR", default=default,
                        help="content folder (default: the built-in course; env QUIZZER_CONTENT)")
    common.add_argument("--profile", metavar="NAME", default=default,
                        help="learner profile (default: 'default'; env QUIZZER_PROFILE)")
    common.add_argument("--new-profile", action="store_true", default=default,
                        help="create the --profile if this database does not have it yet")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _global_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="quizzer", parents=[_global_options(None)], epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Daily spaced-repetition review of a 45-day PyTorch and deep-learning course.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help, description=help,
                              epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)

    review = add("review", "review today's due cards (the app, or --plain line mode)", "quizzer review --plain --day 1")
    review.add_argument("--plain", action="store_true", help="line mode on stdin/stdout instead of the app")
    focus = review.add_mutually_exclusive_group()
    focus.add_argument("--day", type=_days_arg, metavar="DAYS", help="only cards of these days, e.g. 3 or 1-9")
    focus.add_argument("--week", type=int, metavar="N", help="only cards of course week N")
    focus.add_argument("--source", metavar="ID", help="only cards of one seed-course module, e.g. c2-m1-l3")

    study = add("study", "custom study: more new cards today, review ahead, a search or your weakest topics",
                'quizzer study --search "day:3 is:lapsed"')
    how = study.add_mutually_exclusive_group(required=True)
    how.add_argument("--new", type=int, metavar="N", help="allow N more new cards today, then review")
    how.add_argument("--ahead", type=int, metavar="DAYS", help="review the cards due in the next DAYS days now")
    how.add_argument("--search", metavar="QUERY", help="study the cards a browse search finds, e.g. 'day:3 is:lapsed'")
    how.add_argument("--weakest", action="store_true", help="study the cards of the topics you answer wrong most often")
    study.add_argument("--plain", action="store_true", help="line mode on stdin/stdout instead of the app")

    validate = add("validate", "check every content file and list every problem", "quizzer validate --code")
    validate.add_argument("--code", action="store_true", help="also run every code block and check printed answers (needs torch; slow)")
    validate.add_argument("--day", type=_days_arg, metavar="DAYS", help="with --code: only these days")

    stats = add("stats", "where you stand: today, activity, forecast, retention, calibration, mastery", "quizzer stats --week 1")
    stats.add_argument("--json", action="store_true", help="print every figure as JSON for scripts")
    stats_scope = stats.add_mutually_exclusive_group()
    stats_scope.add_argument("--days", type=_days_arg, metavar="DAYS", help="only cards of these days, e.g. 1-9")
    stats_scope.add_argument("--week", type=int, metavar="N", help="only cards of course week N")

    exam = add("exam", "a timed self-assessment over chosen days, weeks or seed modules", "quizzer exam --days 1-7 --n 30 --minutes 20")
    exam_scope = exam.add_mutually_exclusive_group()
    exam_scope.add_argument("--days", type=_days_arg, metavar="DAYS", help="days to draw from, e.g. 1-7")
    exam_scope.add_argument("--week", type=int, metavar="N", help="course week N")
    exam_scope.add_argument("--source", metavar="ID", help="one seed-course module, e.g. c2-m1-l3")
    exam.add_argument("--n", type=int, default=20, metavar="N", help="number of questions (default 20)")
    exam.add_argument("--minutes", type=float, metavar="M", help="time limit in minutes (default: none)")
    exam.add_argument("--seed", type=int, help="draw the same questions again")
    exam.add_argument("--as-reviews", action="store_true", help="also count the answers as reviews (default: the schedule is untouched)")
    exam.add_argument("--plain", action="store_true", help="line mode on stdin/stdout instead of the app")
    exam.add_argument("--json", action="store_true", help="with --plain: print the report as JSON at the end")

    optimize = add("optimize", "fit FSRS to your own reviews; adopt the fit only if it predicts better", "quizzer optimize --reschedule")
    optimize.add_argument("--reschedule", action="store_true", help="recompute every card's schedule from its history with the new parameters")

    add("flags", "list questions flagged as wrong or unclear, with the learner's notes", "quizzer flags")

    day = add("day", "show or set the course day you are on: new cards come from it first, then earlier days",
              "quizzer day 5")
    day.add_argument("number", nargs="?", metavar="N", help="1-45, or off to take new cards in course order")

    coverage = add("coverage", "per day: topics covered, questions by kind, level and category", "quizzer coverage --json")
    coverage.add_argument("--json", action="store_true", help="print JSON for scripts")
    importer = add("import", "import a progress export (from `quizzer export progress`) into a new profile",
                   "quizzer import progress quizzer-progress.json --profile laptop")
    importer.add_argument("format", choices=["progress"], help="what to import: progress")
    importer.add_argument("file", help="the JSON file")

    backup = add("backup", "copy the database now (SQLite); old copies rotate", "quizzer backup --list")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = add("restore", "replace the database with a backup (default: the newest healthy one)", "quizzer restore")
    restore.add_argument("backup", nargs="?", help="a backup file (default: the newest healthy backup)")

    exercises = add("exercises", "list the PyTorch exercises by day with your status", "quizzer exercises --json")
    exercises.add_argument("action", nargs="?", choices=["list", "verify"], default="list",
                           help="list (default) or verify: the maintainer check that every reference passes, every stub "
                                "fails and every wrong solution is caught")
    exercises.add_argument("--json", action="store_true", help="print JSON for scripts")
    exercises.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda", "mps"], help="device for verify")
    exercises.add_argument("--day", type=_days_arg, metavar="DAYS", help="only the exercises of these days, e.g. 10 or 10-15")
    exercises.add_argument("--jobs", type=int, default=0, metavar="N",
                           help="verify: exercises checked at once (default: one per CPU core)")

    check = add("check", "run the hidden checks on your solution of an exercise", "quizzer check d03-pairwise-distances --watch")
    check.add_argument("exercise", nargs="?", help="exercise id (default: the first one not yet passed)")
    check.add_argument("--watch", action="store_true", help="re-run the checks every time you save the file")
    check.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda", "mps"], help="where to run (default: cuda, else mps, else cpu)")

    hint = add("hint", "show the next hint of an exercise", "quizzer hint d03-pairwise-distances")
    hint.add_argument("exercise", help="exercise id")
    reset = add("reset", "restore an exercise's stub (your file is kept as a backup)", "quizzer reset d03-pairwise-distances")
    reset.add_argument("exercise", help="exercise id")
    solution = add("solution", "show the reference solution (after you pass, or with --give-up)", "quizzer solution d03-pairwise-distances")
    solution.add_argument("exercise", help="exercise id")
    solution.add_argument("--give-up", action="store_true", help="see it without passing (the exercise comes back sooner)")

    lesson = add("lesson", "read the study notes of a day or a topic", "quizzer lesson d03.s2.1.3")
    lesson.add_argument("target", help="a day number (3) or a topic id (d03.s2, d03.s2.1.3)")
    lesson.add_argument("--plain", action="store_true", help="print the raw Markdown (no colours, no pager)")

    export = add("export", "export the course to Anki (.apkg), the course book as Markdown, or your progress as JSON",
                 "quizzer export notes --days 1-9 --out notes")
    export.add_argument("format", choices=["anki", "notes", "progress"],
                        help="anki: an Anki package; notes: the course book (lessons and questions) as Markdown files; "
                             "progress: your whole history as JSON")
    scope = export.add_mutually_exclusive_group()
    scope.add_argument("--days", type=_days_arg, metavar="DAYS", help="only these days, e.g. 1-9")
    scope.add_argument("--week", type=int, metavar="N", help="only course week N")
    export.add_argument("--source", metavar="ID", help="only questions of one seed-course module, e.g. c2-m1-l3")
    export.add_argument("--tags", nargs="+", metavar="TAG", help="only questions with any of these tags")
    export.add_argument("--include-exercises", action="store_true", help="add each exercise as a card: the task on the front, the solution on the back")
    export.add_argument("--out", metavar="PATH", help="output file or folder (default: quizzer-pytorch.apkg, quizzer-notes/, or quizzer-progress.json)")
    export.add_argument("--with-progress", action="store_true",
                        help="carry your scheduling (due dates, intervals, FSRS memory) into Anki; needs the 'anki' package")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from quizzer import commands

    try:
        return commands.run(args)
    except UserError as exc:
        print(f"quizzer: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head or less and closed early: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("\nquizzer: interrupted; everything graded so far is saved.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
