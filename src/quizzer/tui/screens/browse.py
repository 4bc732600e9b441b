"""Browse: search every card with the query language; open a card's detail."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.markup import escape
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from quizzer.cards import state_label
from quizzer.errors import UserError
from quizzer.search import search_cards
from quizzer.tui.widgets import QuietFooter
from quizzer.words import plural


class BrowseScreen(Screen):
    """A search box over a table of cards; Enter on a row opens the card."""

    AUTO_FOCUS = "#query"
    BINDINGS = [
        Binding("escape", "leave", "Home", id="browse.home"),
        Binding("ctrl+l", "focus_query", "Search box", id="browse.focus_query"),
        Binding("ctrl+n", "study_these", "Study these now", id="browse.study"),
    ]

    def action_study_these(self) -> None:
        """Custom study of the search: its cards as a session, whatever their due dates."""
        self.app.action_study_search(self.query_one("#query", Input).value)

    def __init__(self, query: str = "is:due") -> None:
        super().__init__()
        self.initial = query
        self.card_ids: list[int] = []
        self.note = ""  # why the list shows what it shows, until the learner searches

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(value=self.initial, placeholder="day:3 tricky · is:due · kind:mcq · prop:r<0.8 · lapses>2 · words",
                    id="query")
        yield Static(id="browse-status")
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "day", "kind", "cat", "level", "state", "due", "R", "lapses", "question")
        self.run_query(self.initial)
        if not self.card_ids and self.initial == "is:due":  # opened with nothing due: show the course instead
            self.query_one("#query", Input).value = ""
            self.note = "Nothing is due today (is:due), so here is every card. "
            self.run_query("")

    def on_screen_resume(self) -> None:
        self.run_query(self.query_one("#query", Input).value)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.note = ""
        self.run_query(event.value)
        self.query_one(DataTable).focus()

    def run_query(self, query: str) -> None:
        app = self.app
        status = self.query_one("#browse-status", Static)
        try:
            hits = search_cards(app.ctx.store, app.ctx.profile_id, app.ctx.catalog, query, app.ctx.clock(), app.session.scheduler)
        except UserError as exc:
            status.update(escape(f"✗ {exc.message}" + (f" — {exc.hint}" if exc.hint else "")))
            return
        table = self.query_one(DataTable)
        table.clear()
        self.card_ids = []
        now = app.ctx.clock()
        for hit in hits:
            c = hit.card
            q = app.ctx.catalog.questions.get(c.question_id)
            state = state_label(c, now)
            due = "—" if c.reps == 0 else ("now" if c.due <= now else f"{(c.due - now).days}d")
            title = (q.prompt.strip().splitlines()[0] if q else "(retired)")[:60]
            flag = "⚑ " if hit.flagged else ""
            table.add_row(c.question_id, str(c.day), q.kind if q else "", q.category if q else "", q.level if q else "",
                          state, due, f"{hit.retrievability:.2f}" if c.reps else "—", str(c.lapses), flag + title,
                          key=str(c.id))
            self.card_ids.append(c.id)
        status.update(escape(self.note + (f"{plural(len(hits), 'card')} match {query!r}" if query else plural(len(hits), "card"))))

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        from quizzer.tui.screens.detail import CardDetailScreen

        self.app.push_screen(CardDetailScreen(int(event.row_key.value)))

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_leave(self) -> None:
        self.app.pop_screen()
