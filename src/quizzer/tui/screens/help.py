"""Help: every key binding of every screen, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from rich.text import Text
from textual.keys import format_key
from textual.screen import Screen
from textual.widgets import Header, Static

from quizzer.tui.widgets import QuietFooter


def keys_shown(keys: str) -> str:
    """A binding's keys as the learner presses them: ``question_mark,f1`` → ``? / f1``."""
    return " / ".join(format_key(k.strip()) for k in keys.split(","))


def binding_rows() -> list[tuple[str, str, str, str]]:
    """(screen, keys as shown, description, binding id) for every binding in the app."""
    from quizzer.tui.app import QuizzerApp
    from quizzer.tui.screens.browse import BrowseScreen
    from quizzer.tui.screens.detail import CardDetailScreen
    from quizzer.tui.screens.exam import ExamScreen
    from quizzer.tui.screens.exercises import ExercisesScreen
    from quizzer.tui.screens.stats import StatsScreen
    from quizzer.tui.screens.home import HomeScreen
    from quizzer.tui.screens.lessons import LessonScreen
    from quizzer.tui.screens.review import AnswerBox, ReviewScreen
    from quizzer.tui.screens.settings import SettingsScreen

    rows = []
    for name, cls in [("everywhere", QuizzerApp), ("home", HomeScreen), ("review", ReviewScreen),
                      ("review, typing an answer", AnswerBox),
                      ("lessons", LessonScreen), ("browse", BrowseScreen), ("card", CardDetailScreen), ("exercises", ExercisesScreen),
                      ("stats", StatsScreen), ("exam", ExamScreen),
                      ("settings", SettingsScreen)]:
        for b in cls.BINDINGS:
            if isinstance(b, Binding) and not (name == "review" and b.id and b.id.startswith("review.choose_")):
                rows.append((name, keys_shown(b.key), b.description, b.id or ""))
        if name == "review":
            rows.append((name, "a–f", "Select an MCQ choice", "review.choose_a … review.choose_f"))
    return rows


class HelpScreen(Screen):
    BINDINGS = [Binding("escape,question_mark", "leave", "Back", id="help.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            # plain text, not markup: keys such as [ and ] are shown as they are
            text = Text.assemble(("Keys", "bold"), "  (remap any of them in Settings → keys, by binding id)\n\n")
            current = None
            for screen, keys, description, bid in binding_rows():
                if screen != current:
                    text.append(f"{screen}\n", style="bold")
                    current = screen
                text.append(f"  {keys:<22} {description:<22} ")
                text.append(f"{bid}\n", style="dim")
            text.append("\nctrl+p opens the command palette: every action by name.")
            yield Static(text, id="help-text")
        yield QuietFooter()

    def action_leave(self) -> None:
        self.app.pop_screen()
