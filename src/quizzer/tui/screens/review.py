"""Review: one card at a time; reveal, check typed answers, grade 1-4, undo, bury, suspend, flag."""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.markup import escape
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from quizzer.answers import LETTERS, Verdict, check_typed, cloze_back, cloze_front, strip_math
from quizzer.review import Focus, ReviewSession
from quizzer.scheduler import RATING_NAMES
from quizzer.store.models import CardRow
from quizzer.tui.widgets import MarkdownText, QuietFooter


class FlagNote(ModalScreen[str | None]):
    """Ask what is wrong with a question."""

    AUTO_FOCUS = "#flag-note"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="flag.cancel")]

    def compose(self) -> ComposeResult:
        yield Label("What is wrong or unclear? (Enter saves, Esc cancels)")
        yield Input(placeholder="e.g. the answer should say 'contiguous'", id="flag-note")

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AnswerBox(Input):
    """The typed-answer box: printable keys are the answer, so the review actions it offers in
    the footer are the ctrl keys that still reach them."""

    BINDINGS = [
        Binding("ctrl+z", "review('undo')", "Undo", id="review.undo_typing"),
        Binding("ctrl+b", "review('bury')", "Bury", id="review.bury_typing"),
        Binding("ctrl+s", "review('suspend')", "Suspend", id="review.suspend_typing"),
        Binding("ctrl+f", "review('flag')", "Flag", id="review.flag_typing"),
    ]

    def action_review(self, name: str) -> None:
        getattr(self.screen, f"action_{name}")()

    def _on_focus(self, event) -> None:
        super()._on_focus(event)
        self.screen.refresh_bindings()

    def _on_blur(self, event) -> None:
        super()._on_blur(event)
        self.screen.refresh_bindings()


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("space", "reveal", "Show answer", id="review.reveal"),
        Binding("1", "grade(1)", "Again", id="review.again"),
        Binding("2", "grade(2)", "Hard", id="review.hard"),
        Binding("3", "grade(3)", "Good", id="review.good"),
        Binding("4", "grade(4)", "Easy", id="review.easy"),
        Binding("enter", "confirm", "Check / confirm", id="review.confirm", show=False),
        # Anki's keys for these, so the letters stay free for MCQ choices; while the answer box
        # has focus those characters are typed, and the box's own ctrl keys (AnswerBox) do these
        Binding("z", "undo", "Undo", id="review.undo"),
        Binding("minus", "bury", "Bury", id="review.bury"),
        Binding("at", "suspend", "Suspend", id="review.suspend"),
        Binding("exclamation_mark", "flag", "Flag", id="review.flag"),
        Binding("l", "lesson", "Lesson", id="review.lesson"),
        Binding("escape", "leave", "Home", id="review.home"),
    ] + [Binding(k.lower(), f"choose('{k}')", f"Choice {k}", id=f"review.choose_{k.lower()}", show=False) for k in LETTERS]

    def __init__(self, focus: Focus | None = None) -> None:
        super().__init__()
        self.focus = focus
        self.card: CardRow | None = None
        self.revealed = False
        self.verdict: Verdict | None = None
        self.selected: set[str] = set()
        self.shown_at = 0.0
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static(id="card-header")
        with VerticalScroll(id="card-body"):
            yield MarkdownText(id="prompt")
            yield Static(id="choices")
            yield AnswerBox(placeholder="type your answer, Enter checks", id="typed")
            yield Static(id="verdict")
            with Vertical(id="answer-box"):
                yield MarkdownText(id="answer")
        with Horizontal(id="grades"):
            for r in (1, 2, 3, 4):
                yield Button(RATING_NAMES[r], id=f"grade-{r}")
        yield QuietFooter()

    def on_mount(self) -> None:
        app = self.app
        self.session: ReviewSession = app.session if self.focus is None else ReviewSession(
            app.ctx.store, app.ctx.profile_id, app.ctx.clock, self.focus)
        self.started = time.monotonic()
        self.show_next()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Offer only what works now: Show answer before it shows, the grades after, MCQ letters
        while choosing, and no plain-key actions while their keys are being typed as the answer."""
        typing = isinstance(self.focused, AnswerBox)
        if action == "reveal":
            return self.card is not None and not self.revealed
        if action == "grade":
            return self.card is not None and self.revealed
        if action in ("undo", "bury", "suspend", "flag", "lesson") and typing:
            return False
        return True

    @property
    def question(self):
        return self.app.ctx.catalog.questions[self.card.question_id]

    def show_next(self) -> None:
        self.card = self.session.next_card()
        self.revealed = False
        self.refresh_bindings()
        self.verdict = None
        self.selected = set()
        if self.card is None:
            from quizzer.tui.screens.summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(list(self.session.graded), self.session.nothing_left()))
            return
        q = self.question
        topic = self.app.ctx.catalog.topics[q.topic]
        counts = self.session.counts()
        self.query_one("#card-header", Static).update(
            f"[b]#{self.count + 1}[/b] · {counts.review} due · {counts.learning} learning · {counts.new} new   "
            f"[b]Day {topic.day}[/b] · {escape(topic.title)}\n"
            f"{q.kind} · [reverse] {q.category.upper()} [/reverse] · [reverse] {q.level} [/reverse] · {q.id}")
        prompt = cloze_front(q.prompt) if q.kind == "cloze" else q.prompt
        self.query_one("#prompt", MarkdownText).show(strip_math(prompt))
        self._render_choices()
        typed = self.query_one("#typed", Input)
        typed.value = ""
        typed.set_class(q.kind in ("numeric", "code_output"), "shown")
        if q.kind in ("numeric", "code_output"):
            typed.focus()
        else:
            self.set_focus(None)
        self.query_one("#verdict", Static).update("")
        self.query_one("#answer-box").remove_class("revealed")
        self.query_one("#grades").remove_class("revealed")
        self.shown_at = time.monotonic()

    def _render_choices(self) -> None:
        q = self.question
        if q.kind != "mcq":
            self.query_one("#choices", Static).update("")
            return
        lines = []
        for letter, choice in zip(LETTERS, q.choices):
            mark = "☑" if letter in self.selected else "☐"
            line = f"{mark} [b]{letter})[/b] {escape(strip_math(choice.text))}"
            if self.revealed:
                ok = "[b]✓ correct[/b]" if choice.correct else "✗ wrong"
                line += f"\n   └ {ok}: {escape(strip_math(choice.why))}"
            lines.append(line)
        hint = "several may be right" if q.multiple else "one is right"
        lines.append("" if self.revealed else f"Press letters to select ({hint}), Enter checks.")
        self.query_one("#choices", Static).update("\n".join(lines))

    def _reveal(self) -> None:
        q = self.question
        self.revealed = True
        self.refresh_bindings()
        answer = cloze_back(q.answer) if q.kind == "cloze" else q.answer
        self.query_one("#answer", MarkdownText).show(strip_math(f"**Answer:** {answer}\n\n{q.explanation}"))
        self.query_one("#answer-box").add_class("revealed")
        intervals = self.session.intervals(self.card)
        suggested = self.verdict.suggested_rating if self.verdict else None
        compact = self.app.size.width < 80  # a narrow terminal: the key and the interval fit, the name does not
        for r in (1, 2, 3, 4):
            button = self.query_one(f"#grade-{r}", Button)
            name = RATING_NAMES[r][0] if compact else f"{RATING_NAMES[r]} ·"
            button.label = f"{r} {name} {intervals[r]}" + (" ★" if r == suggested else "")
            button.variant = "primary" if r == suggested else "default"
        self.query_one("#grades").add_class("revealed")
        self._render_choices()
        self.set_focus(None)

    # -- actions ------------------------------------------------------------------------------
    def action_reveal(self) -> None:
        if self.card is None or self.revealed:
            return
        if self.question.kind in ("mcq", "numeric", "code_output"):
            self.action_confirm()
        else:
            self._reveal()

    def action_choose(self, letter: str) -> None:
        if self.card is None or self.revealed or self.question.kind != "mcq":
            return
        if letter not in LETTERS[: len(self.question.choices)]:
            return
        if self.question.multiple:
            self.selected ^= {letter}
        else:
            self.selected = {letter}
        self._render_choices()

    def action_confirm(self) -> None:
        if self.card is None:
            return
        q = self.question
        if self.revealed:
            if self.verdict is not None:
                self.action_grade(self.verdict.suggested_rating)
            return
        if q.kind == "mcq":
            self.verdict = check_typed(q, "".join(sorted(self.selected)))
        elif q.kind in ("numeric", "code_output"):
            self.verdict = check_typed(q, self.query_one("#typed", Input).value)
        else:
            self._reveal()
            return
        v = self.verdict
        text = "✓ Correct" if v.correct else f"✗ Not quite — expected {v.expected!r}, you gave {v.given_shown or 'nothing'!r}"
        if v.diff:
            text += "\n" + v.diff
        text = escape(text)
        self.query_one("#verdict", Static).update(text + "\nEnter accepts the ★ grade, or press 1-4.")
        self._reveal()

    @on(Input.Submitted, "#typed")
    def _typed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("grade-"):
            self.action_grade(int(event.button.id[-1]))

    def action_grade(self, rating: int) -> None:
        if self.card is None or not self.revealed:
            return
        elapsed = int((time.monotonic() - self.shown_at) * 1000)
        verdict = self.verdict.correct if self.verdict is not None else None
        self.session.grade(self.card.id, rating, elapsed, verdict=verdict)  # committed before the next card shows
        self.count += 1
        self.show_next()

    def action_undo(self) -> None:
        undone = self.session.undo()
        if undone is None:
            self.notify("Nothing to undo in this session.")
            return
        if undone.action == "grade":
            self.count = max(0, self.count - 1)
        self.notify(f"Undid {undone}.")
        self.show_next()

    def action_bury(self) -> None:
        if self.card is not None:
            self.session.bury(self.card.id)
            self.notify(f"Buried {self.card.question_id} until tomorrow.")
            self.show_next()

    def action_suspend(self) -> None:
        if self.card is not None:
            self.session.set_suspended(self.card.id, True)
            self.notify(f"Suspended {self.card.question_id}.")
            self.show_next()

    def action_flag(self) -> None:
        if self.card is None:
            return
        qid = self.card.question_id

        def saved(note: str | None) -> None:
            if note is not None:
                self.session.flag(qid, note)
                self.notify(f"Flagged {qid}; `quizzer flags` lists it.")

        self.app.push_screen(FlagNote(), saved)

    def action_lesson(self) -> None:
        """The lesson of this card's topic; back on Esc to the same card, the timer paused."""
        if self.card is None:
            return
        if not self.revealed:
            self.notify("Answer first: the lesson opens on the answer side (space shows it).")
            return
        from quizzer.tui.screens.lessons import LessonScreen

        q = self.question
        if self.app.ctx.catalog.lessons.place_of(q.topic) is None:
            self.notify(f"No lesson teaches {q.topic} yet.")
            return
        left_at = time.monotonic()

        def back(_result=None) -> None:
            self.shown_at += time.monotonic() - left_at  # reading is not answering time

        self.app.push_screen(LessonScreen(q.topic, from_card=True), back)

    def action_leave(self) -> None:
        self.app.pop_screen()
