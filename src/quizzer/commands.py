"""Implementations of the CLI commands: each calls the library and prints its result."""

from __future__ import annotations

import argparse
import sys

from quizzer import paths
from quizzer.errors import UserError


def load_content(args: argparse.Namespace):
    """Load and validate the content folder or raise a UserError listing every problem."""
    from quizzer.content import ContentError, load_catalog

    root = paths.content_dir(args.content)
    if not root.is_dir():
        raise UserError(f"content folder {root} does not exist", "pass --content DIR or set QUIZZER_CONTENT")
    try:
        return load_catalog(root)
    except ContentError as exc:
        raise UserError(exc.report(), "each line names the file, the line and the field; see content/README.md") from None


def cmd_validate(args: argparse.Namespace) -> int:
    catalog = load_content(args)
    print(f"content OK: {len(catalog.days)} days, {sum(t.is_leaf for t in catalog.topics.values())} topics, "
          f"{len(catalog.questions)} questions in {catalog.root}")
    if not args.code:
        return 0
    from quizzer.content.snippets import check_questions

    questions = [q for qid, q in catalog.questions.items() if args.day is None or catalog.question_day(qid) in args.day]
    findings = check_questions(questions)
    for f in findings:
        print(f"{catalog.question_file[f.question]}: {f}")
    print(f"code checks: {len(questions)} questions, {len(findings)} problem(s)")
    return 1 if findings else 0


def run(args: argparse.Namespace) -> int:
    handlers = {
        "validate": cmd_validate,
    }
    command = args.command or "review"
    handler = handlers.get(command)
    if handler is None:
        print(f"quizzer: '{command}' is not available yet", file=sys.stderr)
        return 2
    return handler(args)
