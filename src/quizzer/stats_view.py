"""Rich rendering of ``quizzer stats``: today, activity heatmap, forecast, retention, calibration, mastery."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizzer.words import plural

SHADES = " ░▒▓█"
BARS = " ▁▂▃▄▅▆▇█"


def heatmap(reviews_per_day: dict[str, int], today: date, weeks: int = 20) -> Text:
    """A calendar of the last ``weeks`` weeks, one column a week, darker for more reviews."""
    top = max(reviews_per_day.values(), default=0)
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    lines = []
    for weekday, name in enumerate(("Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun")):
        cells = []
        for w in range(weeks):
            d = start + timedelta(days=7 * w + weekday)
            n = reviews_per_day.get(d.isoformat(), 0)
            cells.append(" " if d > today else (SHADES[min(4, 1 + 3 * n // top)] if n and top else "·"))
        lines.append(f"{name} " + "".join(cells))
    return Text("\n".join(lines) + f"\n    · none  ░ few  █ most ({top} reviews)")


def bars(values: list[int]) -> str:
    top = max(values, default=0)
    return "".join(BARS[min(8, round(8 * v / top))] if top else " " for v in values)


def render(summary: dict, stats: dict, today: date) -> Group:
    parts = []
    left = summary["left_today"]
    grid = Table.grid(padding=(0, 2))
    grid.add_row("left today", f"{left['review']} reviews · {left['learning']} learning · {left['new']} new")
    grid.add_row("reviewed today", f"{plural(summary['reviews_today'], 'review')} of {plural(summary['cards_today'], 'card')} "
                                   f"in {summary['minutes_today']} min")
    grid.add_row("streak", plural(stats['activity']['streak'], 'day'))
    mem = stats["memory"]
    if mem["average_retrievability"] is not None:
        if mem["answered_right"] is not None:
            grid.add_row("answered right", f"{mem['answered_right']:.0%} of {plural(mem['answered'], 'answer')} "
                                           f"in the last {mem['answered_days']} days (the answer check's verdict, else your grade)")
        grid.add_row("memory", f"predicted recall now {mem['average_retrievability']:.0%} (FSRS) · estimated knowledge "
                               f"{mem['estimated_total_knowledge']:g} of {plural(mem['reviewed_cards'], 'card')}")
    parts.append(Panel(grid, title="Today", title_align="left"))

    act = stats["activity"]
    b = act["answer_buttons"]
    parts.append(Panel(Group(heatmap(act["reviews_per_day"], today),
                             Text(f"answer buttons: again {b['again']} · hard {b['hard']} · good {b['good']} · easy {b['easy']}"
                                  f" · {plural(act['days_studied'], 'day')} studied")), title="Activity", title_align="left"))

    fc = stats["forecast"]
    parts.append(Panel(Text(f"{bars([d['reviews'] for d in fc])}\n"
                            f"next 7 days: {sum(d['reviews'] for d in fc[:7])} reviews, ~{sum(d['minutes'] for d in fc[:7]):.0f} min · "
                            f"next 30 days: {sum(d['reviews'] for d in fc)} reviews"),
                       title="Due in the next 30 days", title_align="left"))

    ret = stats["retention"]
    table = Table("period", "young", "mature", "all", title=f"True retention (desired {ret['desired']:.0%})", title_justify="left")
    for period in ("last_7_days", "last_30_days", "last_365_days"):
        row = ret[period]
        table.add_row(period.replace("_", " "), *(
            f"{row[g]['retention']:.1%} of {row[g]['reviews']}" if row[g]["retention"] is not None else "—"
            for g in ("young", "mature", "all")))
    parts.append(table)

    cal = stats["calibration"]
    if cal["reviews"]:
        ct = Table("predicted", "actual", "reviews", title=f"Calibration · log loss {cal['log_loss']} · RMSE(bins) {cal['rmse_bins']}",
                   title_justify="left")
        for b in cal["bins"]:
            ct.add_row(f"{b['from']:.0%}–{b['to']:.0%} ({b['predicted']:.0%})", f"{b['actual']:.0%}", str(b["reviews"]))
        parts.append(ct)

    if "mastery" in stats:
        m = stats["mastery"]
        mt = Table("day", "title", "introduced", "mastered", "right", "R now", "lapses", "exercises",
                   title="Mastery of the course", title_justify="left",
                   caption="right: share of answers that were right · R now: FSRS's predicted recall · "
                           "exercises: passed of all", caption_justify="left")
        for d in m["days"]:
            if not d["introduced"] and not d.get("exercises", {}).get("attempted"):
                continue
            ex = d.get("exercises")
            mt.add_row(str(d["day"]), d["title"][:34], f"{d['introduced']}/{d['cards']}", str(d["mastered"]),
                       f"{d['answered_right']:.0%}" if d["answered_right"] is not None else "—",
                       f"{d['average_retrievability']:.0%}" if d["average_retrievability"] is not None else "—",
                       str(d["lapses"]), f"{ex['passed']}/{ex['total']}" if ex and ex["total"] else "—")
        parts.append(mt)
        if m["weakest_topics"]:
            weak = Table("topic", "title", "right", "R now", "lapses", title="Weakest topics (study them: quizzer review "
                         "--day N, or browse topic:ID in the app)", title_justify="left")
            for t in m["weakest_topics"][:5]:
                weak.add_row(t["topic"], t["title"][:40], f"{t['answered_right']:.0%} of {t['answered']}",
                             f"{t['average_retrievability']:.0%}", str(t["lapses"]))
            parts.append(weak)
    return Group(*parts)
