"""The quizzer app and its factory; the CLI and the tests build it the same way."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider

from quizzer.context import Context
from quizzer.review import Focus, ReviewSession
from quizzer.tui.screens.home import HomeScreen

ACTIONS = [
    ("Start review", "start_review", "Review today's due cards"),
    ("Browse cards", "browse", "Search all cards: day:3 tricky is:due prop:r<0.8 …"),
    ("Weakest cards", "browse_weak", "Cards with retrievability under 80% or several lapses"),
    ("Flagged questions", "browse_flagged", "Questions you flagged as wrong or unclear"),
    ("Statistics", "stats", "Activity, workload, retention, calibration, mastery"),
    ("Exercises", "exercises", "PyTorch exercises by day: edit, check, hints"),
    ("Export to Anki", "export_anki", "Write the whole course to quizzer-pytorch.apkg"),
    ("Settings", "settings", "Desired retention, limits, steps, day boundary, theme, keys"),
    ("Help", "help", "Every key binding"),
    ("Home", "home", "Back to today's overview"),
    ("Quit", "quit", "Leave quizzer (everything is saved)"),
]


class QuizzerCommands(Provider):
    """Every app action, by name, in the command palette."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)

    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield Hit(1.0, name, partial(self.app.run_action, action), help=help_text)


class QuizzerApp(App[None]):
    """Daily review of the course: home, review, browse, settings, help."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "quizzer"
    COMMANDS = App.COMMANDS | {QuizzerCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, ctx: Context, focus: Focus | None = None, exam=None):
        super().__init__()
        self.ctx = ctx
        self.exam = exam
        self.session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock, focus)
        self.sub_title = f"{ctx.catalog.course.title} · {ctx.profile}"
        from quizzer.practice.models import load_exercises

        self.exercises = load_exercises(ctx.catalog.root)

    def on_mount(self) -> None:
        self.apply_settings()
        self.push_screen(HomeScreen())
        if self.exam is not None:
            from quizzer.tui.screens.exam import ExamScreen

            self.push_screen(ExamScreen(*self.exam))

    def apply_settings(self) -> None:
        """Theme and key remapping from the profile's settings."""
        settings = self.session.settings
        self.theme = "textual-light" if settings.theme == "light" else "textual-dark"
        if settings.keys:
            self.set_keymap(settings.keys)

    # -- actions offered everywhere (and in the command palette) --------------------------
    def action_start_review(self) -> None:
        from quizzer.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def action_browse(self, query: str = "is:due") -> None:
        from quizzer.tui.screens.browse import BrowseScreen

        self.push_screen(BrowseScreen(query))

    def action_browse_weak(self) -> None:
        self.action_browse("-is:new prop:r<0.8")

    def action_browse_flagged(self) -> None:
        self.action_browse("is:flagged")

    def action_stats(self) -> None:
        from quizzer.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_exercises(self) -> None:
        from quizzer.tui.screens.exercises import ExercisesScreen

        self.push_screen(ExercisesScreen())

    def action_export_anki(self) -> None:
        from quizzer.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def action_settings(self) -> None:
        from quizzer.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from quizzer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()


def create_app(ctx: Context, focus: Focus | None = None, exam=None) -> QuizzerApp:
    """Build the app from an open context (content, store, profile); ``exam`` opens an exam."""
    return QuizzerApp(ctx, focus, exam)
