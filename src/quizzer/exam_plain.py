"""A timed exam in line mode: questions without answers, then the report."""

from __future__ import annotations

import sys
from typing import TextIO

from quizzer.answers import LETTERS, cloze_front, strip_math
from quizzer.context import Context
from quizzer.exam import ExamRun, feed_as_reviews, report, save_exam, score


def print_report(rep: dict, out: TextIO) -> None:
    out.write(f"\nScore: {rep['correct']}/{rep['questions']} ({rep['score']:.0%})\n")
    if "previous" in rep:
        p = rep["previous"]
        out.write(f"Previous exam of this scope ({p['date'][:10]}): {p['score']:.0%} → change {p['change']:+.0%}\n")
    out.write("By level: " + ", ".join(f"{k} {v['correct']}/{v['questions']}" for k, v in rep["by_level"].items()) + "\n")
    if rep["weak_topics"]:
        out.write("Weak topics (under 60%):\n")
        for t in rep["weak_topics"]:
            out.write(f"  {t['topic']}  {t['title']}\n")


def run_exam_plain(ctx: Context, run: ExamRun, as_reviews: bool = False, stdin: TextIO | None = None,
                   stdout: TextIO | None = None) -> dict:
    stdin, out = stdin or sys.stdin, stdout or sys.stdout
    limit = f", {run.minutes:g} minutes" if run.minutes else ""
    out.write(f"Exam · {run.scope} · {len(run.questions)} questions{limit}. Answers are shown at the end; "
              "an empty line skips, q ends the exam.\n")
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
    answers = score(ctx.catalog, run)
    previous = save_exam(ctx.store, ctx.profile_id, run, answers, ctx.clock())
    rep = report(ctx.catalog, answers, previous)
    out.write("\nAnswers:\n")
    for a in answers:
        mark = "✓" if a["correct"] else "✗"
        out.write(f"  {mark} {a['question']}: expected {a['expected']!r}, you gave {a['given']!r}\n")
    print_report(rep, out)
    if as_reviews:
        from sqlalchemy import select

        from quizzer.review import ReviewSession
        from quizzer.store.models import CardRow

        with ctx.store.read() as s:
            ids = dict(s.execute(select(CardRow.question_id, CardRow.id).where(CardRow.profile_id == ctx.profile_id)).all())
        n = feed_as_reviews(ReviewSession(ctx.store, ctx.profile_id, ctx.clock), ids, answers)
        out.write(f"{n} answers counted as reviews.\n")
    out.flush()
    return rep
