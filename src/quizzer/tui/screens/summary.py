"""End of a session: what was done and what comes tomorrow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Static

from quizzer.stats import session_summary
from quizzer.tui.widgets import QuietFooter


class SummaryScreen(Screen):
    BINDINGS = [Binding("escape,enter", "leave", "Home", id="summary.home")]

    def __init__(self, log_ids: list[int], reason: str = "") -> None:
        super().__init__()
        self.log_ids = log_ids
        self.reason = reason  # why no card is left, from ReviewSession.nothing_left()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="done")
        yield QuietFooter()

    def on_mount(self) -> None:
        app = self.app
        s = session_summary(app.ctx.store, self.log_ids, app.ctx.catalog, app.ctx.clock(), app.ctx.profile_id,
                            app.session.settings.day_boundary_hour)
        reason = escape(self.reason[:1].upper() + self.reason[1:])
        if not s["cards"]:
            self.query_one("#done", Static).update(f"[b]Nothing to review[/b]\n\n{reason}\n\nEnter or Esc: home")
            return
        again = f" ({s['reviews']} reviews)" if s["reviews"] != s["cards"] else ""
        lines = [f"[b]Session complete[/b] — {s['cards']} card{'s' * (s['cards'] != 1)}{again} in {s['minutes']} min",
                 reason, ""]
        if s["accuracy_by_kind"]:
            lines.append("Right first time, by kind:")
            lines += [f"  {kind:<12} {acc:.0%}" for kind, acc in sorted(s["accuracy_by_kind"].items())]
        lines += ["", f"Again pressed {s['again']} time{'s' * (s['again'] != 1)} · {s['lapses']} lapse{'s' * (s['lapses'] != 1)}",
                  f"Due by the end of tomorrow: {s['due_tomorrow']}", "", "Enter or Esc: home"]
        self.query_one("#done", Static).update("\n".join(lines))

    def action_leave(self) -> None:
        self.app.pop_screen()
