"""Help: every key binding of every screen, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from quizzer.tui.widgets import QuietFooter


def binding_rows() -> list[tuple[str, str, str, str]]:
    """(screen, keys, description, binding id) for every binding in the app."""
    from quizzer.tui.app import QuizzerApp
    from quizzer.tui.screens.browse import BrowseScreen
    from quizzer.tui.screens.detail import CardDetailScreen
    from quizzer.tui.screens.exam import ExamScreen
    from quizzer.tui.screens.exercises import ExercisesScreen
    from quizzer.tui.screens.stats import StatsScreen
    from quizzer.tui.screens.home import HomeScreen
    from quizzer.tui.screens.lessons import LessonScreen
    from quizzer.tui.screens.review import ReviewScreen
    from quizzer.tui.screens.settings import SettingsScreen

    rows = []
    for name, cls in [("everywhere", QuizzerApp), ("home", HomeScreen), ("review", ReviewScreen),
                      ("lessons", LessonScreen), ("browse", BrowseScreen), ("card", CardDetailScreen), ("exercises", ExercisesScreen),
                      ("stats", StatsScreen), ("exam", ExamScreen),
                      ("settings", SettingsScreen)]:
        for b in cls.BINDINGS:
            if isinstance(b, Binding) and not (name == "review" and b.id and b.id.startswith("review.choose_")):
                rows.append((name, b.key, b.description, b.id or ""))
        if name == "review":
            rows.append((name, "a–f", "Select an MCQ choice", "review.choose_a … review.choose_f"))
    return rows


class HelpScreen(Screen):
    BINDINGS = [Binding("escape,question_mark", "leave", "Back", id="help.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            lines = ["[b]Keys[/b]  (remap any of them in Settings → keys, by binding id)", ""]
            current = None
            for screen, keys, description, bid in binding_rows():
                if screen != current:
                    lines.append(f"[b]{screen}[/b]")
                    current = screen
                lines.append(f"  {keys:<22} {description:<22} [dim]{bid}[/dim]")
            lines += ["", "ctrl+p opens the command palette: every action by name."]
            yield Static("\n".join(lines), id="help-text")
        yield QuietFooter()

    def action_leave(self) -> None:
        self.app.pop_screen()
