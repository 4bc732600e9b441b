"""A timed exam in line mode: questions without answers, then the report."""

from __future__ import annotations

import sys
from typing import TextIO

from quizzer.answers import LETTERS, clip, cloze_front, strip_math
from quizzer.context import Context
from quizzer.exam import ExamRun, finish_exam


def print_report(rep: dict, out: TextIO) -> None:
    """The report of a finished exam: each question with the right answer and why, then the score."""
    if not rep["recorded"]:
        out.write("\nNo question was answered, so this exam is not recorded.\n")
        return
    out.write("\nAnswers:\n")
    for a in rep["answers"]:
        mark = "✓" if a["correct"] else "✗"
        given = "skipped" if a["given"] is None else f"you gave {clip(a['given'])!r}"
        out.write(f"\n{mark} {a['question']} · {strip_math(a['prompt'])}\n")
        out.write(f"  expected {a['expected']!r}; {given}\n")
        if not a["correct"] and a["explanation"]:
            out.write("  " + strip_math(a["explanation"]).replace("\n", "\n  ") + "\n")
    out.write(f"\nScore: {rep['correct']}/{rep['questions']} ({rep['score']:.0%}), {rep['answered']} answered\n")
    if "previous" in rep:
        p = rep["previous"]
        out.write(f"Previous exam of this scope ({p['date'][:10]}): {p['score']:.0%} → change {p['change']:+.0%}\n")
    out.write("By level: " + ", ".join(f"{k} {v['correct']}/{v['questions']}" for k, v in rep["by_level"].items()) + "\n")
    if rep["weak_topics"]:
        out.write("Weak topics (under 60%):\n")
        for t in rep["weak_topics"]:
            out.write(f"  {t['topic']}  {t['title']}\n")
    if "counted_as_reviews" in rep:
        out.write(f"{rep['counted_as_reviews']} answers counted as reviews.\n")
    if rep["seed"] is not None:
        out.write(f"Seed {rep['seed']}: quizzer exam --seed {rep['seed']} (same scope and --n) draws these questions again.\n")


def run_exam_plain(ctx: Context, run: ExamRun, as_reviews: bool = False, stdin: TextIO | None = None,
                   stdout: TextIO | None = None) -> dict:
    stdin, out = stdin or sys.stdin, stdout or sys.stdout
    limit = f", {run.minutes:g} minutes" if run.minutes else ""
    out.write(f"Exam · {run.scope} · {len(run.questions)} questions{limit} · seed {run.seed}. Answers are shown at "
              "the end; an empty line skips, q ends the exam.\n")
    for i, qid in enumerate(run.questions, 1):
        left = run.time_left(ctx.clock())
        if left is not None and left <= 0:
            out.write("\nTime is up.\n")
            break
        q = ctx.catalog.questions[qid]
        out.write(f"\n[{i}/{len(run.questions)}] {q.kind} · {q.level}" + (f" · {left / 60:.0f} min left" if left else "") + "\n")
        out.write(strip_math(cloze_front(q.prompt) if q.kind == "cloze" else q.prompt) + "\n")
        if q.kind == "mcq":
            for letter, c in zip(LETTERS, q.choices):
                out.write(f"  {letter}) {strip_math(c.text)}\n")
        hint = {"mcq": "letter(s)", "cloze": "the hidden text (several: separate with /)"}.get(q.kind, "your answer")
        out.write(f"Answer ({hint}): ")
        out.flush()
        line = stdin.readline()
        if not line or line.strip().lower() == "q":
            break
        if line.strip():
            run.answers[qid] = line.strip()
    session = None
    if as_reviews:
        from quizzer.review import ReviewSession

        session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    rep = finish_exam(ctx.store, ctx.profile_id, ctx.catalog, run, ctx.clock(), as_reviews, session)
    print_report(rep, out)
    out.flush()
    return rep
