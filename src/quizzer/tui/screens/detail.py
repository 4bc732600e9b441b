"""A card's detail: the question, its FSRS state and history; suspend, reset or study it now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from quizzer.answers import LETTERS, cloze_back, strip_math
from quizzer.cards import history, reset_card, state_label
from quizzer.review import Focus
from quizzer.scheduler import RATING_NAMES, to_fsrs
from quizzer.tui.widgets import MarkdownText, QuietFooter

STATES = {1: "learning", 2: "review", 3: "relearning"}


class CardDetailScreen(Screen):
    BINDINGS = [
        Binding("escape", "leave", "Back", id="detail.back"),
        Binding("at,ctrl+s", "toggle_suspend", "Suspend/unsuspend", id="detail.suspend"),
        Binding("ctrl+r", "reset", "Reset to new", id="detail.reset"),
        Binding("n", "study_now", "Study now", id="detail.study_now"),
    ]

    def __init__(self, card_id: int) -> None:
        super().__init__()
        self.card_id = card_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="detail-state")
            yield MarkdownText(id="detail-question")
            yield Static(id="detail-history")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.refresh_card()

    def refresh_card(self) -> None:
        app = self.app
        card = app.session.card(self.card_id)
        q = app.ctx.catalog.questions.get(card.question_id)
        now = app.ctx.clock()
        if card.reps:
            r = app.session.scheduler.get_card_retrievability(to_fsrs(card), now)
            state = (f"{STATES[card.state]} · stability {card.stability:.1f} d · difficulty {card.difficulty:.2f} · "
                     f"retrievability {r:.0%} · due {card.due:%Y-%m-%d %H:%M} UTC · {card.reps} reviews · {card.lapses} lapses")
        else:
            state = "new — not studied yet"
        label = state_label(card, now)
        flags = f" · {label.upper()}" if label in ("suspended", "buried") else ""
        self.query_one("#detail-state", Static).update(f"[b]{card.question_id}[/b] · Day {card.day}{flags}\n{state}")
        if q is None:
            self.query_one("#detail-question", MarkdownText).show("*This question was removed from the course; its history is kept.*")
        else:
            parts = [q.prompt]
            for letter, c in zip(LETTERS, q.choices or []):
                parts.append(f"- **{letter})** {c.text} — {'✓' if c.correct else '✗'} {c.why}")
            parts += [f"**Answer:** {cloze_back(q.answer) if q.kind == 'cloze' else q.answer}", q.explanation]
            self.query_one("#detail-question", MarkdownText).show(strip_math("\n\n".join(parts)))
        rows = ["[b]History[/b]"]
        for r in history(app.ctx.store, app.ctx.profile_id, self.card_id):
            after = r.after
            rows.append(f"{r.reviewed_at:%Y-%m-%d %H:%M}  {RATING_NAMES[r.rating]:<5} {r.duration_ms / 1000:5.1f}s  "
                        f"→ stability {after['stability'] or 0:.1f} d, due {after['due'][:10]}")
        if len(rows) == 1:
            rows.append("no reviews yet")
        self.query_one("#detail-history", Static).update("\n".join(rows))

    def action_toggle_suspend(self) -> None:
        card = self.app.session.card(self.card_id)
        self.app.session.set_suspended(self.card_id, not card.suspended)
        self.notify("Unsuspended." if card.suspended else "Suspended.")
        self.refresh_card()

    def action_reset(self) -> None:
        reset_card(self.app.ctx.store, self.app.ctx.profile_id, self.card_id, self.app.ctx.clock())
        self.notify("Reset to new; its history is kept.")
        self.refresh_card()

    def action_study_now(self) -> None:
        from quizzer.tui.screens.review import ReviewScreen

        card = self.app.session.card(self.card_id)
        # shown at once, whatever its due date and today's limits; its schedule changes only if graded
        self.app.push_screen(ReviewScreen(focus=Focus(questions=frozenset({card.question_id}), label=card.question_id,
                                                      ahead=True)))

    def action_leave(self) -> None:
        self.app.pop_screen()
