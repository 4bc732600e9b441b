"""Exercises: by day with status; open in $EDITOR, run the hidden checks, hints, reset, solution."""

from __future__ import annotations

import subprocess

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizzer.errors import UserError
from quizzer.practice.editor import editor_command
from quizzer.practice.models import ensure_workspace
from quizzer.practice.progress import (can_see_solution, progress_line, record_attempt, reset_workspace,
                                       reveal_hint, standings)
from quizzer.practice.runner import run_check
from quizzer.tui.widgets import QuietFooter

LABELS = {"not_started": "not started", "failing": "failing", "passed": "passed ✓", "due": "due again"}


class ExercisesScreen(Screen):
    BINDINGS = [
        Binding("escape", "leave", "Home", id="exercises.home"),
        Binding("e", "edit", "Edit in $EDITOR", id="exercises.edit"),
        Binding("c", "check", "Check", id="exercises.check"),
        Binding("h", "hint", "Hint", id="exercises.hint"),
        Binding("ctrl+r", "reset", "Reset stub", id="exercises.reset"),
        Binding("s", "solution", "Solution", id="exercises.solution"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="exercise-detail")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("day", "id", "status", "title")
        self.refresh_table()

    def on_screen_resume(self) -> None:
        self.refresh_table()

    def refresh_table(self) -> None:
        app = self.app
        marks = standings(app.ctx.store, app.ctx.profile_id, app.ctx.clock())
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for ex in app.exercises.values():
            st = marks.get(ex.id)
            status = LABELS[st.status if st else "not_started"]
            if st and st.status == "passed" and st.due:
                status += f" · again {st.due:%b %d}"
            table.add_row(str(ex.meta.day), ex.id, status, ex.meta.title, key=ex.id)
        self.sub_title = progress_line(marks, app.exercises)
        if app.exercises:
            table.move_cursor(row=min(row, len(app.exercises) - 1))
        else:
            self.query_one("#exercise-detail", Static).update("No exercises in this course yet.")

    @property
    def current(self):
        table = self.query_one(DataTable)
        if not self.app.exercises:
            return None
        key = list(self.app.exercises)[table.cursor_row]
        return self.app.exercises[key]

    def show(self, text: str) -> None:
        self.query_one("#exercise-detail", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        ex = self.current
        # a table refresh re-highlights the same row; keep the check results on screen then
        if ex and ex.id != getattr(self, "_shown_id", None):
            self._shown_id = ex.id
            self.show(f"[b]{escape(ex.meta.title)}[/b]\nyour file: {escape(str(ex.workspace))}\n"
                      "e edit · c check · h hint · s solution (after a pass) · ctrl+r reset")

    def action_edit(self) -> None:
        ex = self.current
        if ex is None:
            return
        path = ensure_workspace(ex)
        try:
            argv = editor_command(str(path))
        except UserError as exc:
            self.show(f"[b]{escape(exc.message)}[/b]\nhint: {escape(exc.hint or '')}")
            return
        try:
            with self.app.suspend():
                subprocess.run(argv)
        except OSError as exc:
            self.show(f"[b]could not start {escape(argv[0])}: {escape(exc.strerror or str(exc))}[/b]\n"
                      "hint: set EDITOR to an editor that runs in this terminal")
            return
        self.action_check()

    def action_check(self) -> None:
        ex = self.current
        if ex is not None:
            ensure_workspace(ex)
            self.show(f"checking {ex.id} … (your code runs in a separate process)")
            self.run_checks(ex)

    @work(thread=True, exclusive=True)
    def run_checks(self, ex) -> None:
        app = self.app
        result = run_check(ex)
        record_attempt(app.ctx.store, app.ctx.profile_id, result, app.ctx.clock())
        icons = {"pass": "✓", "fail": "✗", "error": "!"}
        lines = [f"[b]{'PASSED' if result.passed else 'NOT YET'}[/b] · {escape(result.summary)} · {result.seconds:.1f} s on {result.device}"]
        for c in result.checks:
            lines.append(f"{icons.get(c['status'], '?')} {escape(c['name'])}")
            if c["message"]:
                lines.append("    " + escape(c["message"].strip()).replace("\n", "\n    "))
        app.call_from_thread(self.show, "\n".join(lines))
        app.call_from_thread(self.refresh_table)

    def action_hint(self) -> None:
        ex = self.current
        if ex is not None:
            n, text = reveal_hint(self.app.ctx.store, self.app.ctx.profile_id, ex)
            self.show(f"hint {n} of {len(ex.meta.hints)}: {escape(text)}")

    def action_reset(self) -> None:
        ex = self.current
        if ex is not None:
            backup = reset_workspace(ex, self.app.ctx.clock())
            self.show(f"stub restored in {escape(str(ex.workspace))}" + (f"; your version is kept as {backup}" if backup else ""))

    def action_solution(self) -> None:
        ex = self.current
        if ex is None:
            return
        if not can_see_solution(self.app.ctx.store, self.app.ctx.profile_id, ex):
            self.show("The solution stays hidden until you pass (or give up with `quizzer solution ID --give-up`).")
            return
        self.show(escape(ex.solution.read_text(encoding="utf-8")))

    def action_leave(self) -> None:
        self.app.pop_screen()
