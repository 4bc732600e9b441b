"""Home: today at a glance, progress by course day, one key to start."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Static

from quizzer.home import REVIEWS_COUNTED, SUGGEST_FIT_AFTER
from quizzer.tui.widgets import QuietFooter


def bar(part: int, whole: int, width: int = 20) -> str:
    filled = round(width * part / whole) if whole else 0
    return "█" * filled + "░" * (width - filled)


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter,r", "app.start_review", "Start review", id="home.start"),
        Binding("slash,b", "app.browse", "Browse", id="home.browse"),
        Binding("w", "app.browse_weak", "Weakest", id="home.weakest"),
        Binding("x", "app.exercises", "Exercises", id="home.exercises"),
        Binding("e", "app.exam", "Exam", id="home.exam"),
        Binding("plus", "app.more_new", "10 more new", id="home.more_new"),
        Binding("l", "app.lessons", "Lessons", id="home.lessons"),
        Binding("s", "app.stats", "Stats", id="home.stats"),
        Binding("comma", "app.settings", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="today")
            yield Static(id="progress")
        yield QuietFooter()

    def on_screen_resume(self) -> None:
        self.refresh_numbers()

    def on_mount(self) -> None:
        self.refresh_numbers()

    def refresh_numbers(self) -> None:
        fig = self.app.home_figures()
        if fig is None:
            self.query_one("#today", Static).update("Opening the course…")
            return
        counts, current = fig.counts, fig.current
        lines = [f"[b]Today[/b]  {counts.review} reviews due · {counts.learning} learning · {counts.new} new"
                 + (f" (from Day {current.day})" if current and counts.new else "")]
        lines.append(f"Streak: {fig.streak} day{'s' * (fig.streak != 1)}")
        if fig.exercises_total:
            lines.append(f"Exercises: {fig.exercises_due} due for re-solving · {fig.exercises_passed}/{fig.exercises_total}"
                         " passed · [b]x[/b] to open")
        if current:
            lines.append(f"Course day {current.day}: {escape(current.title)}")
        if fig.reviews_since_fit >= SUGGEST_FIT_AFTER:
            lines.append(f"{fig.reviews_since_fit}{'+' * (fig.reviews_since_fit >= REVIEWS_COUNTED)} reviews since FSRS was"
                         " last fitted to you: run [b]quizzer optimize[/b] to fit it.")
        lines.append("" if counts.total else "Nothing due now. Well done!")
        lines.append("[b]Enter[/b] start review · [b]l[/b] lessons · [b]/[/b] browse · [b],[/b] settings · [b]?[/b] help · [b]q[/b] quit")
        self.query_one("#today", Static).update("\n".join(lines))
        table = Table(title="Progress by course day", title_justify="left", box=None, expand=True, pad_edge=False)
        table.add_column("day", justify="right", no_wrap=True)
        table.add_column("introduced", no_wrap=True)
        table.add_column("seen", justify="right", no_wrap=True)
        table.add_column("mastered", justify="right", no_wrap=True)
        table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
        here = current.day if current else None
        for d in fig.days:
            day = f"▶ {d.day}" if d.day == here else str(d.day)
            if d.cards:
                table.add_row(day, bar(d.introduced, d.cards, 16), f"{d.introduced}/{d.cards}", str(d.mastered), d.title)
            else:  # in the syllabus, its questions not written yet
                table.add_row(day, "[dim]no questions yet[/dim]", "", "", f"[dim]{escape(d.title)}[/dim]")
        self.query_one("#progress", Static).update(table)
