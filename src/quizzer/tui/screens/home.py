"""Home: today at a glance, progress by course day, one key to start."""

from __future__ import annotations

from rich.table import Table
from sqlalchemy import case, func, select
from textual.app import ComposeResult
from textual.markup import escape
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizzer.optimizer import reviews_since_last_fit
from quizzer.practice.progress import standings
from quizzer.stats import streak
from quizzer.store.models import CardRow

MASTERED_DAYS = 21.0
SUGGEST_FIT_AFTER = 400  # reviews; Anki suggests re-optimizing about monthly  # stability at which a card counts as mastered (Anki's "mature")


def day_progress(app) -> list[tuple[int, str, int, int, int]]:
    """(day, title, cards, introduced, mastered) for each course day with questions."""
    with app.ctx.store.read() as s:
        rows = s.execute(
            select(CardRow.day, func.count(), func.sum(case((CardRow.reps > 0, 1), else_=0)),
                   func.sum(case((CardRow.stability >= MASTERED_DAYS, 1), else_=0)))
            .where(CardRow.profile_id == app.ctx.profile_id, CardRow.retired.is_(False))
            .group_by(CardRow.day).order_by(CardRow.day)).all()
    return [(d, app.ctx.catalog.day(d).title if app.ctx.catalog.day(d) else "", n, i or 0, m or 0) for d, n, i, m in rows]


def bar(part: int, whole: int, width: int = 20) -> str:
    filled = round(width * part / whole) if whole else 0
    return "█" * filled + "░" * (width - filled)


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter,r", "app.start_review", "Start review", id="home.start"),
        Binding("slash,b", "app.browse", "Browse", id="home.browse"),
        Binding("w", "app.browse_weak", "Weakest", id="home.weakest"),
        Binding("x", "app.exercises", "Exercises", id="home.exercises"),
        Binding("s", "app.stats", "Stats", id="home.stats"),
        Binding("comma", "app.settings", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="today")
            yield Static(id="progress")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_numbers()

    def on_mount(self) -> None:
        self.refresh_numbers()

    def refresh_numbers(self) -> None:
        app = self.app
        counts = app.session.counts()
        progress = day_progress(app)
        current = next((d for d in progress if d[3] < d[2]), progress[-1] if progress else None)
        days = streak(app.ctx.store, app.ctx.profile_id, app.ctx.clock(), app.session.settings.day_boundary_hour)
        lines = [f"[b]Today[/b]  {counts.review} reviews due · {counts.learning} learning · {counts.new} new"
                 + (f" (from Day {current[0]})" if current and counts.new else "")]
        lines.append(f"Streak: {days} day{'s' * (days != 1)}")
        if app.exercises:
            marks = standings(app.ctx.store, app.ctx.profile_id, app.ctx.clock())
            due = sum(1 for m in marks.values() if m.status == "due")
            passed = sum(1 for m in marks.values() if m.status in ("passed", "due"))
            lines.append(f"Exercises: {due} due for re-solving · {passed}/{len(app.exercises)} passed · [b]x[/b] to open")
        if current:
            lines.append(f"Course day {current[0]}: {escape(current[1])}")
        fresh = reviews_since_last_fit(app.ctx.store, app.ctx.profile_id)
        if fresh >= SUGGEST_FIT_AFTER:
            lines.append(f"{fresh} reviews since FSRS was last fitted to you: run [b]quizzer optimize[/b] to fit it.")
        lines.append("" if counts.total else "Nothing due now. Well done!")
        lines.append("[b]Enter[/b] start review · [b]/[/b] browse · [b],[/b] settings · [b]?[/b] help · [b]q[/b] quit")
        self.query_one("#today", Static).update("\n".join(lines))
        table = Table(title="Progress by course day", title_justify="left", box=None, expand=True, pad_edge=False)
        table.add_column("day", justify="right", no_wrap=True)
        table.add_column("introduced", no_wrap=True)
        table.add_column("seen", justify="right", no_wrap=True)
        table.add_column("mastered", justify="right", no_wrap=True)
        table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
        for day, title, n, introduced, mastered in progress:
            table.add_row(str(day), bar(introduced, n, 16), f"{introduced}/{n}", str(mastered), title)
        self.query_one("#progress", Static).update(table)

