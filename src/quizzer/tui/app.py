"""The quizzer app and its factory; the CLI and the tests build it the same way.

The app starts in one of two ways. Given an open ``Context`` it is ready at once. Given a
``Quick`` start (a snapshot of the store and the cached course index) it paints the home screen
from that, then opens the full context (content models, SQLAlchemy, sync, daily backup) in a
background thread; an action asked for before then runs as soon as it is open.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.message import Message

from quizzer.days import Clock, utcnow
from quizzer.errors import UserError
from quizzer.home import HomeFigures, home_figures
from quizzer.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from quizzer.context import Context
    from quizzer.quick import Quick
    from quizzer.review import Focus

ACTIONS = [
    ("Start review", "start_review", "Review today's due cards"),
    ("Browse cards", "browse", "Search all cards: day:3 tricky is:due prop:r<0.8 …"),
    ("Weakest cards", "browse_weak", "Cards with retrievability under 80% or several lapses"),
    ("Flagged questions", "browse_flagged", "Questions you flagged as wrong or unclear"),
    ("Statistics", "stats", "Activity, workload, retention, calibration, mastery"),
    ("Exercises", "exercises", "PyTorch exercises by day: edit, check, hints"),
    ("Custom study: 10 more new cards today", "more_new", "Raise today's new-card limit by 10 (as Anki's custom study)"),
    ("Custom study: review ahead 1 day", "review_ahead", "Review tomorrow's cards now"),
    ("Custom study: weakest topics", "study_weakest", "The cards of the topics you answer wrong most often, now"),
    ("Exam", "exam", "A 20-question exam over the days you have studied (answers at the end)"),
    ("Lessons", "lessons", "The study notes of the course, opened at your course day"),
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

    def get_system_commands(self, screen):
        """Textual's own palette commands, less the Quit that ours already offers."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
    ]

    class Opened(Message):
        """The background opening of the full context finished (or failed)."""

    def __init__(self, ctx: Context | None = None, focus: Focus | None = None, exam=None, *,
                 quick: Quick | None = None, opener: Callable[[], Context] | None = None, clock: Clock = utcnow):
        super().__init__()
        if ctx is None and (quick is None or opener is None):
            raise ValueError("give either an open context, or a quick start and an opener")
        self.ctx: Context | None = None  # set once the full context is open
        self.focus = focus
        self.exam = exam
        self.quick = quick
        self.clock = ctx.clock if ctx else clock  # the context's clock once it is open
        self.failure: UserError | None = None  # why the background opening failed, for the CLI
        self._opener = opener
        self._opening: Future = Future()
        self._thread: threading.Thread | None = None
        self._pending: Callable[[], None] | None = None  # the last action asked for before opening
        if ctx is not None:
            self._take(*self._prepare(ctx))
        else:
            self.sub_title = f"{quick.course.title} · {quick.profile}"

    def _prepare(self, ctx: Context) -> tuple:
        """Everything the screens need from an open context (run in the background thread when
        the app started quickly)."""
        from quizzer.course_index import CourseIndex, save_index
        from quizzer.practice.models import load_exercises
        from quizzer.review import ReviewSession

        exercises = load_exercises(ctx.catalog.root)
        course = CourseIndex.of(ctx.catalog, exercises, ctx.catalog.fingerprint)
        if self.quick is None:  # the next start can then be quick
            save_index(course, ctx.catalog.root)
        return ctx, ReviewSession(ctx.store, ctx.profile_id, ctx.clock, self.focus), exercises, course

    def _take(self, ctx: Context, session, exercises: dict, course) -> None:
        self.ctx, self.session, self.exercises, self.course = ctx, session, exercises, course
        self.clock = ctx.clock
        self.sub_title = f"{ctx.catalog.course.title} · {ctx.profile}"
        for notice in ctx.notices:  # a new database or profile: said where the learner looks
            self.notify(notice[:1].upper() + notice[1:] + ".", timeout=8)

    @property
    def ready(self) -> bool:
        return self.ctx is not None

    def on_mount(self) -> None:
        self.apply_settings()
        self.push_screen(HomeScreen())
        if self.exam is not None:
            from quizzer.tui.screens.exam import ExamScreen

            self.push_screen(ExamScreen(*self.exam))
        if not self.ready:
            self.call_after_refresh(self._open_in_background)  # once the first screen is painted

    def _open_in_background(self) -> None:
        def work() -> None:
            try:
                self._opening.set_result(self._prepare(self._opener()))
            except BaseException as exc:  # handed to the app's thread, which decides
                self._opening.set_exception(exc)
            self.post_message(self.Opened())

        self._thread = threading.Thread(target=work, name="quizzer-open")
        self._thread.start()

    @on(Opened)
    def _opened(self) -> None:
        try:
            self._take(*self._opening.result())
        except UserError as exc:  # a locked or damaged database, content that no longer validates
            self.failure = exc
            self.exit(return_code=2)
            return
        if self.quick is not None:
            self.quick.close()
        self.apply_settings()  # the validated settings replace the quick reading
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()
        elif isinstance(self.screen, HomeScreen):
            self.screen.refresh_numbers()

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or as soon as the full context is open (only the last one asked
        for: pressing Enter three times while it opens starts one review, not three)."""
        if self.ready:
            action()
        else:
            self._pending = action
            self.notify("Opening the course…", timeout=2)

    def close(self) -> None:
        """After the app has run: wait for a background opening and close what it opened."""
        if self._thread is not None:
            self._thread.join()
            if self._opening.exception() is None:
                self._opening.result()[0].close()
        if self.quick is not None:
            self.quick.close()

    def home_figures(self) -> HomeFigures | None:
        """Today's figures: from the store once open, from the quick snapshot until then (None
        if the snapshot cannot be read: the full path, opening meanwhile, explains or repairs)."""
        if self.ready:
            return home_figures(self.ctx.store, self.ctx.profile_id, self.clock(), self.session.settings, self.course)
        quick = self.quick
        try:
            return home_figures(quick.snapshot, quick.profile_id, self.clock(), self._quick_settings(), quick.course)
        except sqlite3.Error:
            return None

    def _quick_settings(self):
        from quizzer.quick import QuickSettings, quick_settings

        try:
            return quick_settings(self.quick.snapshot, self.quick.profile_id)
        except sqlite3.Error:
            return QuickSettings()

    def apply_settings(self) -> None:
        """Theme and key remapping from the profile's settings."""
        settings = self.session.settings if self.ready else self._quick_settings()
        self.theme = "textual-light" if settings.theme == "light" else "textual-dark"
        if settings.keys:
            self.set_keymap(settings.keys)

    # -- actions offered everywhere (and in the command palette) --------------------------
    def action_start_review(self) -> None:
        from quizzer.tui.screens.review import ReviewScreen

        self.when_ready(lambda: self.push_screen(ReviewScreen()))

    def action_browse(self, query: str = "is:due") -> None:
        from quizzer.tui.screens.browse import BrowseScreen

        self.when_ready(lambda: self.push_screen(BrowseScreen(query)))

    def action_browse_weak(self) -> None:
        self.action_browse("-is:new prop:r<0.8")

    def action_more_new(self) -> None:
        def run() -> None:
            from quizzer.custom_study import more_new_today

            limit = more_new_today(self.ctx.store, self.ctx.profile_id, 10, self.ctx.clock())
            self.session.reload_settings()
            self.notify(f"Today's new-card limit is now {limit}.")
            if isinstance(self.screen, HomeScreen):
                self.screen.refresh_numbers()

        self.when_ready(run)

    def study(self, make_focus) -> None:
        """Open a review session on what custom study chose; say why when it chose nothing."""
        def run() -> None:
            from quizzer.tui.screens.review import ReviewScreen

            try:
                focus = make_focus()
            except UserError as exc:
                self.notify(f"{exc.message} — {exc.hint}" if exc.hint else exc.message, severity="warning")
                return
            self.push_screen(ReviewScreen(focus))

        self.when_ready(run)

    def action_review_ahead(self) -> None:
        from quizzer.custom_study import review_ahead

        self.study(lambda: review_ahead(self.ctx.store, self.ctx.profile_id, 1, self.ctx.clock()))

    def action_study_weakest(self) -> None:
        from quizzer.custom_study import weakest_topics

        self.study(lambda: weakest_topics(self.ctx.store, self.ctx.profile_id, self.ctx.catalog))

    def action_study_search(self, query: str) -> None:
        from quizzer.custom_study import search_session

        self.study(lambda: search_session(self.ctx.store, self.ctx.profile_id, self.ctx.catalog, query,
                                          self.ctx.clock(), self.session.scheduler))

    def action_browse_flagged(self) -> None:
        self.action_browse("is:flagged")

    def action_stats(self) -> None:
        from quizzer.tui.screens.stats import StatsScreen

        self.when_ready(lambda: self.push_screen(StatsScreen()))

    def action_exam(self) -> None:
        """An exam over the course days the learner has reached, as ``quizzer exam --days 1-N``."""
        def start() -> None:
            from quizzer.exam import days_reached, plan_exam
            from quizzer.tui.screens.exam import ExamScreen

            try:
                run = plan_exam(self.ctx.catalog, self.ctx.clock(), days=days_reached(self.ctx.store, self.ctx.profile_id))
            except UserError as exc:
                self.notify(f"{exc.message} — {exc.hint}" if exc.hint else exc.message, severity="warning")
                return
            self.push_screen(ExamScreen(run))

        self.when_ready(start)

    def action_exercises(self) -> None:
        from quizzer.tui.screens.exercises import ExercisesScreen

        self.when_ready(lambda: self.push_screen(ExercisesScreen()))

    def action_lessons(self) -> None:
        def show() -> None:
            from quizzer.tui.screens.lessons import LessonScreen

            topic = self.lesson_start()
            if topic is None:
                self.notify("No lessons are written yet.")
                return
            if not isinstance(self.screen, LessonScreen):
                self.push_screen(LessonScreen(topic))

        self.when_ready(show)

    def lesson_start(self) -> str | None:
        """Where the reader opens from home: where the learner left off if that is in the
        current course day, else the start of that day (else of the first day with lessons)."""
        from quizzer.settings import reading_position

        lessons = self.ctx.catalog.lessons
        days = lessons.days()
        if not days:
            return None
        fig = self.home_figures()
        current = fig.current.day if fig is not None and fig.current else None
        day = current if current in days else (max(d for d in days if d <= current) if current and min(days) <= current else days[0])
        saved = reading_position(self.ctx.store, self.ctx.profile_id)
        place = lessons.place_of(saved) if saved else None
        if place is not None and place.file.day == day:
            return place.heading.id
        return lessons.day_files(day)[0].section

    def action_export_anki(self) -> None:
        from quizzer.tui.screens.export import ExportScreen

        self.when_ready(lambda: self.push_screen(ExportScreen()))

    def action_settings(self) -> None:
        from quizzer.tui.screens.settings import SettingsScreen

        self.when_ready(lambda: self.push_screen(SettingsScreen()))

    def action_help(self) -> None:
        # help lists the bindings of every screen, importing their modules (SQLAlchemy among
        # them): wait for the background opening rather than import the same modules beside it
        def show() -> None:
            from quizzer.tui.screens.help import HelpScreen

            if not isinstance(self.screen, HelpScreen):
                self.push_screen(HelpScreen())

        self.when_ready(show)

    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()


def create_app(ctx: Context | None = None, focus: Focus | None = None, exam=None, *, quick: Quick | None = None,
               opener: Callable[[], Context] | None = None, clock: Clock = utcnow) -> QuizzerApp:
    """Build the app from an open context (content, store, profile), or from a quick start and
    an ``opener`` that opens the context in the background; ``exam`` opens an exam."""
    return QuizzerApp(ctx, focus, exam, quick=quick, opener=opener, clock=clock)
