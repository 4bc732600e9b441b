"""The quizzer app and its factory; the CLI and the tests build it the same way."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from quizzer.context import Context
from quizzer.review import Focus, ReviewSession
from quizzer.tui.screens.home import HomeScreen


class QuizzerApp(App[None]):
    """Daily review of the course: home screen, then the review session."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "quizzer"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, ctx: Context, focus: Focus | None = None):
        super().__init__()
        self.ctx = ctx
        self.session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock, focus)
        self.sub_title = f"{ctx.catalog.course.title} · {ctx.profile}"

    def on_mount(self) -> None:
        self.theme = "textual-light" if self.session.settings.theme == "light" else "textual-dark"
        self.push_screen(HomeScreen())


def create_app(ctx: Context, focus: Focus | None = None) -> QuizzerApp:
    """Build the app from an open context (content, store, profile)."""
    return QuizzerApp(ctx, focus)
