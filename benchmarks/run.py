"""quizzer's speed figures, one command: python benchmarks/run.py [--quick] [--pg URL]

Medians of repeated runs on this machine; each CLI figure is a whole process, as a user waits for
it. Large histories are synthetic (benchmarks/synthetic.py). Where it makes sense the figure is
set beside what a user would otherwise use, and the ratio printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
ROWS: list[tuple[str, float, str, str]] = []


def record(name: str, ms: float, target_ms: float | None, note: str = "") -> None:
    verdict = "" if target_ms is None else ("ok" if ms < target_ms else "MISSED")
    target = "" if target_ms is None else f"< {target_ms:g} ms"
    ROWS.append((name, ms, target, f"{verdict} {note}".strip()))
    print(f"{name:58} {ms:10.1f} ms  {target:>12}  {verdict} {note}", flush=True)


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def process_ms(cmd: list[str], env: dict, runs: int = 7) -> float:
    return median_ms(lambda: subprocess.run(cmd, check=True, capture_output=True, env=env), runs)


def cli_figures(env: dict) -> None:
    exe = [sys.executable, "-m", "quizzer"]
    subprocess.run(exe + ["stats", "--json"], check=True, capture_output=True, env=env)  # creates the cards
    record("quizzer --help", process_ms(exe + ["--help"], env), 300)
    record("quizzer stats --json (new learner)", process_ms(exe + ["stats", "--json"], env), 300)
    record("python -c pass (interpreter start, for scale)", process_ms([sys.executable, "-c", "pass"], env), None)


def content_figures(env: dict) -> None:
    from quizzer.content import load_catalog

    record("content load + validate, warm", median_ms(lambda: load_catalog(REPO / "content")), 300)
    code = "from quizzer.content import load_catalog; load_catalog(__import__('quizzer.paths').paths.content_dir())"
    record("content load + validate, cold (new process)", process_ms([sys.executable, "-c", code], env, 5), 1500)


MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("0 reviews due")
Minimal().run()
"""


def tui_figures(db: Path, env: dict, label: str) -> None:
    """The app in a real pseudo-terminal: the first start (full path: validate, migrate, sync), then
    the usual start (home painted from the quick start), and Enter pressed as soon as home shows."""
    from terminal import timeline

    quizzer = [sys.executable, "-m", "quizzer", "--db", str(db), "--profile", "bench"]
    home = b"reviews due"
    first_card = " · d0".encode()  # the review header ends with the question id, d01-…

    def starts(cmd: list[str], runs: int, steps=((home, b""),), fresh: bool = False) -> list[float]:
        times = []
        for _ in range(runs):
            if fresh:  # drop the cached course index: the full path again
                for cached in Path(env["QUIZZER_CACHE"]).glob("course-*.json"):
                    cached.unlink()
            times.append(timeline(cmd, list(steps), env))
        return [statistics.median(t[i] for t in times) for i in range(len(steps))]

    full, = starts(quizzer, 3, fresh=True)
    record(f"app: first start, home shown ({label})", full, None, "full path: validate, migrate, sync")
    minimal, = starts([sys.executable, "-c", MINIMAL], 7)
    ours, = starts(quizzer, 7)
    record(f"app: home shown, interactive ({label})", ours, 500,
           f"a bare Textual app {minimal:.0f} ms, ratio {ours / minimal:.1f}x; before the quick start {full:.0f} ms")
    shown, card = starts(quizzer, 5, ((home, b"\r"), (first_card, b"")))
    record(f"app: Enter at once, first card shown ({label})", card, None,
           f"home at {shown:.0f} ms; the review waits for the course to open in the background")
    keypress_figure(quizzer, env, label)


def keypress_figure(cmd: list[str], env: dict, label: str, cards: int = 30) -> None:
    """A grade keypress to the next card on screen, in a real pseudo-terminal: the grade is
    committed, the next card chosen, rendered and written to the terminal."""
    from terminal import grade_to_next_card

    times = sorted(grade_to_next_card(cmd, env, cards))
    record(f"app: grade keypress to next card shown ({label})", statistics.median(times), 50,
           f"p90 {times[int(len(times) * 0.9)]:.0f} ms over {len(times)} cards")


def home_figure(store, pid: int, cards: int) -> None:
    """The home screen's figures over every card live, from a snapshot as the first paint reads them."""
    from quizzer.content import load_catalog
    from quizzer.course_index import CourseIndex
    from quizzer.home import home_figures
    from quizzer.practice.models import load_exercises
    from quizzer.quick import quick_settings
    from quizzer.snapshot import open_snapshot

    catalog = load_catalog(REPO / "content")
    course = CourseIndex.of(catalog, load_exercises(catalog.root), catalog.fingerprint)
    snap, _ = open_snapshot(str(store.url), "bench")
    now = datetime.now(timezone.utc)
    record(f"home screen figures, {cards:,} live cards (SQLite snapshot)",
           median_ms(lambda: home_figures(snap, pid, now, quick_settings(snap, pid), course)), 50)
    snap.close()


def store_figures(url: str, label: str, cards: int, reviews: int, compare_anki: bool = False) -> None:
    from synthetic import build

    from quizzer.analytics import full_stats
    from quizzer.review import ReviewSession

    t = time.perf_counter()
    store, pid = build(url, cards, reviews)
    print(f"  (built {cards:,} cards / {reviews:,} reviews on {label} in {time.perf_counter() - t:.0f} s)", flush=True)
    if label == "SQLite":
        home_figure(store, pid, cards)
    session = ReviewSession(store, pid)
    queue_ms = median_ms(lambda: (session.next_card(), session.counts()), 11)
    record(f"due queue: next card + counts, {cards:,} cards / {reviews:,} rows ({label})", queue_ms, 50)
    if compare_anki:  # before the gradings below change the cards
        anki_figures(anki_cards(store, pid), queue_ms, session.counts())
    grades = []
    for _ in range(200):
        card = session.next_card()
        t = time.perf_counter()
        session.grade(card.id, 3, 5000)
        grades.append((time.perf_counter() - t) * 1000)
    grades.sort()
    record(f"one grading committed, p99 ({label})", grades[int(len(grades) * 0.99) - 1], 10, f"median {grades[len(grades) // 2]:.1f} ms")
    record(f"grade keypress to next card shown, core part ({label})",
           median_ms(lambda: (session.grade(session.next_card().id, 3, 1), session.next_card(), session.counts()), 21), 50)
    record(f"statistics (stats --json figures) at {reviews:,} rows ({label})",
           median_ms(lambda: full_stats(store, pid, datetime.now(timezone.utc)), 3), 1000)
    store.close()


def anki_cards(store, pid: int) -> list[tuple[int | None, int]]:
    """The store's cards as Anki holds them: (due day relative to today, None if new; interval in days)."""
    from sqlalchemy import select

    from quizzer.days import day_start
    from quizzer.settings import ProfileSettings
    from quizzer.store.models import CardRow

    start = day_start(datetime.now(timezone.utc), ProfileSettings().day_boundary_hour)  # 4 am, as Anki's day
    with store.read() as s:
        rows = s.execute(select(CardRow.reps, CardRow.due, CardRow.stability).where(CardRow.profile_id == pid)
                         .order_by(CardRow.position)).all()
    return [(None, 0) if reps == 0 else ((due - start).days, max(1, round(stability))) for reps, due, stability in rows]


def anki_collection(path: str, cards: list[tuple[int | None, int]]):
    """An Anki collection with one Basic note per card: (due day relative to today, or None if new; interval)."""
    from anki.collection import AddNoteRequest, Collection
    from anki.decks import UpdateDeckConfigs

    col = Collection(path)
    col.crt -= 365 * 86400  # a year-old collection, so that overdue cards have positive day numbers
    basic, deck = col.models.by_name("Basic"), col.decks.id("Default")
    requests = []
    for i in range(len(cards)):
        note = col.new_note(basic)
        note["Front"], note["Back"] = f"bench-{i:06d}", "answer"
        requests.append(AddNoteRequest(note, deck))
    col.add_notes(requests)
    today = col.sched.today
    ids = col.db.list("select id from cards order by id")
    col.db.executemany("update cards set type = 2, queue = 2, due = ?, ivl = ?, factor = 2500, reps = 3 where id = ?",
                       [(today + due, ivl, cid) for cid, (due, ivl) in zip(ids, cards) if due is not None])
    # Anki's highest review limit is 9999 a day (it ignores more); new cards get their own limit, as in quizzer
    current = col.decks.get_deck_configs_for_update(deck)
    config = current.all_config[0].config
    config.config.new_per_day, config.config.reviews_per_day = 9999, 9999
    col.decks.update_deck_configs(UpdateDeckConfigs(target_deck_id=deck, configs=[config], limits=current.current_deck.limits,
                                                    new_cards_ignore_review_limit=True, fsrs=current.fsrs))
    return col


def anki_figures(cards: list[tuple[int | None, int]], ours_ms: float, ours) -> None:
    """Anki's own engine building its study queue over the same cards, beside quizzer's due queue."""
    from anki.buildinfo import version

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        col = anki_collection(str(Path(tmp) / "collection.anki2"), cards)
        print(f"  (built an Anki collection of {len(cards):,} cards in {time.perf_counter() - t:.0f} s)", flush=True)
        times = []
        for _ in range(11):
            # Anki caches its queues until the collection changes (a cached call takes ~0.05 ms); any write
            # through its SQL proxy drops them, so each timed call gathers, sorts and counts them afresh
            col.db.execute("update cards set mod = mod where id = 0")
            t = time.perf_counter()
            queued = col.sched.get_queued_cards(fetch_limit=1)  # the next card and the new/learning/review counts
            times.append((time.perf_counter() - t) * 1000)
        col.close()
    anki_ms = statistics.median(times)
    record(f"due queue: Anki's own engine (anki {version}), {len(cards):,} cards", anki_ms, None,
           f"quizzer {ours_ms:.1f} ms vs Anki {anki_ms:.1f} ms, ratio {ours_ms / anki_ms:.1f}x; new/learning/review "
           f"{ours.new}/{ours.learning}/{ours.review} vs {queued.new_count}/{queued.learning_count}/{queued.review_count}")


def stats_process_figure(db: Path, env: dict, reviews: int) -> None:
    """``quizzer stats --json`` as a user runs it, on the big store (the first run syncs the course
    and caches its index; the timed runs take the quick path, as every later run does)."""
    cmd = [sys.executable, "-m", "quizzer", "stats", "--json", "--db", str(db), "--profile", "bench"]
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    record(f"quizzer stats --json at {reviews:,} review rows (SQLite)", process_ms(cmd, env, 3), 1000)


def lesson_figures(tmp: Path) -> None:
    """The lesson reader on a 45-day course (Days 10-45 synthetic, ~8,000 words a day): read and
    check every lesson file, and press l on home until the reader has painted its section."""
    import asyncio

    from synthetic import full_course_lessons

    from quizzer.content import load_catalog
    from quizzer.content.lessons import load_lessons
    from quizzer.context import open_context
    from quizzer.tui.app import create_app
    from quizzer.tui.screens.lessons import LessonScreen

    root = full_course_lessons(tmp / "course45")
    catalog = load_catalog(root)
    lessons = load_lessons(root, catalog.topics)
    assert not lessons.problems, lessons.problems[:3]
    words = sum(lessons.day_words(d) for d in lessons.days())
    record("lessons: read and check 45 days", median_ms(lambda: load_lessons(root, catalog.topics), 5), 500,
           f"{len(lessons.files)} files, {words:,} words")

    async def open_reader() -> float:
        ctx = open_context(f"sqlite:///{tmp}/lessons.db", root, "bench")
        try:
            app = create_app(ctx)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                t = time.perf_counter()
                await pilot.press("l")
                while not (isinstance(app.screen, LessonScreen) and app.screen.blocks):
                    await asyncio.sleep(0.001)
                await pilot.pause()
                return (time.perf_counter() - t) * 1000
        finally:
            ctx.close()

    times = [asyncio.run(open_reader()) for _ in range(5)]
    record("lesson reader: l on home to the section painted (45 days)", statistics.median(times), 1000,
           "headless; includes reading every lesson file and building the contents")


def export_figures() -> None:
    from quizzer.anki_export import export_package
    from quizzer.content import load_catalog

    catalog = load_catalog(REPO / "content")
    with tempfile.TemporaryDirectory() as tmp:
        ms = median_ms(lambda: export_package(catalog, list(catalog.questions), Path(tmp) / "all.apkg"), 3)
    record(f"full-course Anki export ({len(catalog.questions)} notes)", ms, 3000)


def exercise_figures(env: dict) -> None:
    from quizzer.practice.models import load_exercises
    from quizzer.practice.runner import WatchJudge, run_check

    ex = load_exercises(REPO / "content", REPO / "exercises")["d03-pairwise-distances"]
    record("exercise check, cold (judge + worker processes)", median_ms(lambda: run_check(ex, ex.solution, "cpu"), 3), 4000)
    judge = WatchJudge()
    try:
        judge.check(ex, ex.solution, "cpu")
        times = []
        for _ in range(3):
            time.sleep(6)  # the learner edits; the next worker warms up meanwhile
            t = time.perf_counter()
            judge.check(ex, ex.solution, "cpu")
            times.append((time.perf_counter() - t) * 1000)
    finally:
        judge.close()
    record("exercise check, watch mode (warm worker)", statistics.median(times), 1000)


def fit_figures() -> None:
    """fsrs-rs fitting the sample history, then py-fsrs's optimizer on the same split."""
    from synthetic import build  # noqa: F401  (keeps sys.path set)

    from quizzer.history import fsrs_items, import_reviews, load_history, read_revlog_csv
    from quizzer.optimizer import fit
    from quizzer.settings import ProfileSettings
    from quizzer.store import open_store

    reviews = read_revlog_csv(REPO / "tests" / "fixtures" / "fsrs_sample_revlog.csv")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/fit.db")
        pid = store.profile_id("fit")
        import_reviews(store, pid, reviews, ProfileSettings())
        report = fit(store, pid, datetime(2024, 10, 7, tzinfo=timezone.utc), save=False)
        items = fsrs_items(load_history(store, pid), ProfileSettings().day_boundary_hour)
        store.close()
    record("FSRS fit on 12,580 real reviews (fsrs-rs)", report.seconds * 1000, 2000,
           f"held-out log loss {report.default['log_loss']} -> {report.fitted['log_loss']}")
    py_fsrs_figures(reviews, items, report)


def py_fsrs_figures(reviews, items, ours) -> None:
    """py-fsrs's PyTorch optimizer trained on the reviews fsrs-rs trained on, judged on the same held-out items."""
    import torch  # noqa: F401  (importing it takes over a second; not part of the fit)
    from fsrs import Optimizer, Rating, ReviewLog
    from fsrs_rs_python import FSRS

    cut = int(len(items) * (1 - 0.2))  # fit()'s split: the earlier 80% of items train, the rest judge
    assert cut == ours.train_items
    logs = [ReviewLog(int(r.card), Rating(r.rating), r.at, r.duration_ms) for r in reviews if r.at < items[cut][0]]
    t = time.perf_counter()
    try:
        optimizer = Optimizer(logs)
    except ImportError:
        print("  (py-fsrs comparison skipped: its optimizer needs the fsrs[optimizer] extra)", flush=True)
        return
    parameters = optimizer.compute_optimal_parameters()
    seconds = time.perf_counter() - t
    # both parameter sets judged by the same evaluator (fsrs-rs) on the same held-out items
    loss = FSRS(parameters).evaluate([i for _, i in items[cut:]]).log_loss
    record("FSRS fit, py-fsrs Optimizer (PyTorch), same reviews", seconds * 1000, None,
           f"one run, as fsrs-rs's; {len(logs):,} training reviews; fsrs-rs {ours.seconds:.2f} s vs py-fsrs {seconds:.1f} s, "
           f"fsrs-rs {seconds / ours.seconds:.0f}x faster; held-out log loss fsrs-rs {ours.fitted['log_loss']}, py-fsrs {loss:.5f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 cards / 100,000 reviews instead of 100,000 / 1,000,000")
    parser.add_argument("--only", choices=["lessons"], help="run one group of figures")
    parser.add_argument("--pg", metavar="URL", help="also measure the store on this PostgreSQL server (a database is created and dropped)")
    args = parser.parse_args()
    cards, reviews = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    if args.only == "lessons":
        with tempfile.TemporaryDirectory() as tmp:
            lesson_figures(Path(tmp))
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZZER_DB=str(Path(tmp) / "cli.db"), QUIZZER_CACHE=str(Path(tmp) / "cache"))
        print(f"{'figure':58} {'median':>13}  {'target':>12}")
        cli_figures(env)
        content_figures(env)
        store_figures(f"sqlite:///{tmp}/big.db", "SQLite", cards, reviews, compare_anki=True)
        stats_process_figure(Path(tmp) / "big.db", env, reviews)
        if args.pg:
            import uuid

            from sqlalchemy import create_engine
            from sqlalchemy.engine import make_url

            name = f"quizzer_bench_{uuid.uuid4().hex[:8]}"  # a fresh database, dropped afterwards
            admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            try:
                store_figures(make_url(args.pg).set(database=name).render_as_string(hide_password=False), "PostgreSQL", cards, reviews)
            finally:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        tui_figures(Path(tmp) / "big.db", env, f"full content, {cards:,}-card store")
        lesson_figures(Path(tmp))
        export_figures()
        fit_figures()
        exercise_figures(env)
    Path(REPO / "benchmarks" / "last_run.json").write_text(json.dumps(
        [{"figure": n, "ms": round(ms, 1), "target": t, "verdict": v} for n, ms, t, v in ROWS], indent=1))


if __name__ == "__main__":
    main()
