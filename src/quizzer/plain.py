"""Line-mode review on stdin/stdout: for terminals without the app, and for scripts.

Every grading is committed before the next card is printed, so quitting (q, end of input,
Ctrl-C or a killed process) never loses a confirmed review.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from quizzer.answers import LETTERS, check_typed, cloze_back, cloze_front, strip_math
from quizzer.context import Context
from quizzer.review import Focus, ReviewSession
from quizzer.scheduler import RATING_NAMES


class _Quit(Exception):
    pass


def run_plain(ctx: Context, focus: Focus | None = None, stdin: TextIO | None = None,
              stdout: TextIO | None = None, monotonic: Callable[[], float] = time.monotonic) -> int:
    """Review due cards until done or the learner quits; return the number graded."""
    import sys

    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock, focus)

    from rich.console import Console
    from rich.markdown import Markdown

    # Markdown rendered, not shown raw (no ** or fences); colours only on a terminal
    console = Console(file=out, force_terminal=out.isatty(), width=min(100, Console().width), highlight=False,
                      force_jupyter=False)

    def show(markdown: str) -> None:
        with console.capture() as captured:
            console.print(Markdown(markdown, code_theme="monokai"))
        out.write("\n".join(line.rstrip() for line in captured.get().strip("\n").splitlines()) + "\n")
        out.flush()

    def say(text: str = "", end: str = "\n") -> None:
        out.write(text + end)
        out.flush()

    def ask(prompt: str) -> str:
        out.write(prompt)
        out.flush()
        line = stdin.readline()
        if not line:  # end of input: stop cleanly, everything graded is saved
            say()
            raise _Quit
        line = line.strip()
        if line.lower() in ("q", "quit"):
            raise _Quit
        return line

    graded = 0
    counts = session.counts()
    say(f"quizzer · profile {ctx.profile} · {counts.new} new, {counts.learning} learning, {counts.review} to review")
    try:
        while (card := session.next_card()) is not None:
            q = ctx.catalog.questions.get(card.question_id)
            topic = ctx.catalog.topics[q.topic]
            intervals = session.intervals(card)
            say("─" * 72)
            badges = f"{q.kind} · {q.category.upper()} · {q.level}"
            say(f"[{graded + 1}] Day {topic.day} · {topic.title} · {badges}   ({q.id})")
            say()
            show(strip_math(cloze_front(q.prompt) if q.kind == "cloze" else q.prompt))
            started = monotonic()
            suggested = verdict = None
            if q.kind == "mcq":
                for letter, choice in zip(LETTERS, q.choices):
                    say(f"  {letter}) {strip_math(choice.text)}")
                hint = "letters, e.g. AC" if q.multiple else "a letter"
                verdict = check_typed(q, ask(f"Your answer ({hint}; q quits): "))
                say("✓ correct" if verdict.correct else f"✗ the answer is {verdict.expected}, you gave {verdict.given_shown or 'nothing'}")
                for letter, choice in zip(LETTERS, q.choices):
                    mark = "✓" if choice.correct else "✗"
                    say(f"  {mark} {letter}) {strip_math(choice.why)}")
                suggested = verdict.suggested_rating
            elif q.kind in ("numeric", "code_output"):
                verdict = check_typed(q, ask("Your answer (q quits): "))
                say("✓ correct" if verdict.correct else "✗ not quite")
                if not verdict.correct and verdict.diff:
                    say(verdict.diff)
                suggested = verdict.suggested_rating
            else:
                ask("Press Enter to show the answer (q quits): ")
            elapsed_ms = int((monotonic() - started) * 1000)
            say()
            show("**Answer:** " + strip_math(cloze_back(q.answer) if q.kind == "cloze" else q.answer))
            say()
            show(strip_math(q.explanation))
            say()
            choices = "  ".join(f"{r} {RATING_NAMES[r]} ({intervals[r]})" for r in (1, 2, 3, 4))
            default = f" [Enter = {suggested}]" if suggested else ""
            rating = None
            while rating is None:
                reply = ask(f"Grade: {choices}{default}, u undoes the last grade: ")
                if reply == "" and suggested:
                    rating = suggested
                elif reply in ("1", "2", "3", "4"):
                    rating = int(reply)
                elif reply.lower() == "u":
                    undone = session.undo()
                    say(f"undid {undone}" if undone else "nothing to undo in this session")
                    if undone:
                        graded -= 1
                        break  # show the undone card again, as Anki does
                else:
                    say("type 1, 2, 3 or 4 (or q to quit)")
            if rating is None:
                continue
            session.grade(card.id, rating, elapsed_ms, verdict=verdict.correct if verdict else None)
            graded += 1
            say(f"saved: {RATING_NAMES[rating]} → next in {intervals[rating]}")
    except _Quit:
        say(f"Stopped. {graded} card{'s' * (graded != 1)} graded and saved.")
        return graded
    reason = session.nothing_left()
    say(f"{graded} card{'s' * (graded != 1)} graded; " if graded else "Nothing to review: ", end="")
    say(reason)
    return graded
