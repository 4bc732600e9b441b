"""Statistics in the app: charts of activity, workload and calibration, plus the tables."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from quizzer.analytics import full_stats
from quizzer.stats import today_summary
from quizzer.tui.widgets import QuietFooter


class StatsScreen(Screen):
    BINDINGS = [Binding("escape", "leave", "Home", id="stats.home"),
                Binding("w", "weakest", "Study weakest topic", id="stats.weakest")]

    weakest: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            with Horizontal(classes="charts"):
                yield PlotextPlot(id="chart-activity")
                yield PlotextPlot(id="chart-forecast")
            with Horizontal(classes="charts"):
                yield PlotextPlot(id="chart-calibration")
            yield Static(id="stats-tables")
        yield QuietFooter()

    def on_mount(self) -> None:
        app = self.app
        now = app.ctx.clock()
        figures = full_stats(app.ctx.store, app.ctx.profile_id, now, app.course)
        summary = today_summary(app.ctx.store, app.ctx.profile_id, now)
        per_day = figures["activity"]["reviews_per_day"]
        days = sorted(per_day)[-30:]
        plt = self.query_one("#chart-activity", PlotextPlot).plt
        plt.title("Reviews per day (last 30 study days)")
        # numeric x with explicit ticks: plotext's tick choice for string labels is not repeatable
        if days:
            plt.bar(list(range(len(days))), [per_day[d] for d in days])
            step = max(1, len(days) // 6)
            plt.xticks(list(range(0, len(days), step)), [d[5:] for d in days[::step]])
        plt = self.query_one("#chart-forecast", PlotextPlot).plt
        plt.title("Due in the next 30 days")
        plt.bar([f["day"] for f in figures["forecast"]], [f["reviews"] for f in figures["forecast"]])
        plt.xticks([0, 7, 14, 21, 28], ["today", "+7d", "+14d", "+21d", "+28d"])
        cal = figures["calibration"]
        plt = self.query_one("#chart-calibration", PlotextPlot).plt
        plt.title(f"Calibration: predicted vs actual recall (log loss {cal['log_loss']}, RMSE {cal['rmse_bins']})"
                  if cal["reviews"] else "Calibration: appears once cards come back for review on a later day")
        if cal["bins"]:
            plt.plot([b["predicted"] for b in cal["bins"]], [b["actual"] for b in cal["bins"]], marker="dot", label="you")
            plt.plot([0, 1], [0, 1], label="perfect")
        weak = figures["mastery"]["weakest_topics"]
        self.weakest = weak[0]["topic"] if weak else None
        from quizzer.stats_view import render

        self.query_one("#stats-tables", Static).update(render(summary, figures, now.astimezone().date()))

    def action_weakest(self) -> None:
        """Open the weakest topic's cards in the browser, where n studies one now."""
        if self.weakest is None:
            self.notify("No weak topic yet: review some cards first.")
            return
        self.app.action_browse(f"topic:{self.weakest}")

    def action_leave(self) -> None:
        self.app.pop_screen()
