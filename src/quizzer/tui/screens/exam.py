"""A timed exam in the app: one question at a time, answers hidden until the report."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from quizzer.answers import LETTERS, clip, cloze_front, strip_math
from quizzer.exam import ExamRun, finish_exam
from quizzer.tui.widgets import MarkdownText, QuietFooter


class ExamScreen(Screen):
    AUTO_FOCUS = "#exam-answer"
    BINDINGS = [Binding("ctrl+e", "finish", "End exam", id="exam.finish"),
                Binding("escape", "leave", "Home", id="exam.home")]

    def __init__(self, run: ExamRun, as_reviews: bool = False) -> None:
        super().__init__()
        self.run = run
        self.as_reviews = as_reviews
        self.index = 0
        self.finished = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="exam-header")
        with VerticalScroll():
            yield MarkdownText(id="exam-prompt")
            yield Static(id="exam-choices")
            yield Input(placeholder="your answer (MCQ: letters); Enter submits, empty skips", id="exam-answer")
            yield Static(id="exam-report")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.show_question()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        if self.finished:
            return
        left = self.run.time_left(self.app.ctx.clock())
        if left is not None and left <= 0:
            self.action_finish()
        else:
            self.update_header()

    def update_header(self) -> None:
        left = self.run.time_left(self.app.ctx.clock())
        clock = f" · {int(left // 60)}:{int(left % 60):02d} left" if left is not None else ""
        self.query_one("#exam-header", Static).update(
            f"[b]Exam[/b] · {escape(self.run.scope)} · question {self.index + 1} of {len(self.run.questions)}{clock}")

    def show_question(self) -> None:
        q = self.app.ctx.catalog.questions[self.run.questions[self.index]]
        self.update_header()
        self.query_one("#exam-prompt", MarkdownText).show(strip_math(cloze_front(q.prompt) if q.kind == "cloze" else q.prompt))
        choices = "\n".join(f"{letter}) {escape(strip_math(c.text))}" for letter, c in zip(LETTERS, q.choices or []))
        self.query_one("#exam-choices", Static).update(choices)
        box = self.query_one("#exam-answer", Input)
        box.value = ""
        box.focus()

    @on(Input.Submitted, "#exam-answer")
    def _answer(self, event: Input.Submitted) -> None:
        if self.finished:
            return
        if event.value.strip():
            self.run.answers[self.run.questions[self.index]] = event.value.strip()
        self.index += 1
        if self.index >= len(self.run.questions):
            self.action_finish()
        else:
            self.show_question()

    def action_finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        app = self.app
        rep = finish_exam(app.ctx.store, app.ctx.profile_id, app.ctx.catalog, self.run, app.ctx.clock(),
                          self.as_reviews, app.session)
        self.query_one("#exam-prompt", MarkdownText).show("")
        self.query_one("#exam-choices", Static).update("")
        self.query_one("#exam-answer", Input).display = False
        self.query_one("#exam-header", Static).update("[b]Exam finished[/b] · Esc: home")
        if not rep["recorded"]:
            self.query_one("#exam-report", Static).update("No question was answered, so this exam is not recorded.")
            return
        lines = [f"[b]Score {rep['correct']}/{rep['questions']} ({rep['score']:.0%})[/b] · {rep['answered']} answered"]
        if "previous" in rep:
            lines.append(f"previous exam of this scope: {rep['previous']['score']:.0%} (change {rep['previous']['change']:+.0%})")
        lines.append("by level: " + ", ".join(f"{k} {v['correct']}/{v['questions']}" for k, v in rep["by_level"].items()))
        if rep["weak_topics"]:
            lines.append("weak topics: " + "; ".join(escape(t["title"]) for t in rep["weak_topics"][:6]))
        if rep["seed"] is not None:
            lines.append(f"seed {rep['seed']}: quizzer exam --seed {rep['seed']} draws these questions again")
        for a in rep["answers"]:
            given = "skipped" if a["given"] is None else f"you gave {escape(repr(clip(a['given'])))}"
            lines += ["", f"{'✓' if a['correct'] else '✗'} [b]{a['question']}[/b] · {escape(strip_math(a['prompt']))}",
                      f"   expected {escape(repr(a['expected']))}; {given}"]
            if not a["correct"] and a["explanation"]:
                lines.append("   " + escape(strip_math(a["explanation"])).replace("\n", "\n   "))
        self.query_one("#exam-report", Static).update("\n".join(lines))

    def action_leave(self) -> None:
        if not self.finished:
            self.action_finish()
        self.app.pop_screen()
