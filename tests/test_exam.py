"""Exams: balanced draws, answers hidden until the end, stored reports compared with the last one."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import func, select

from quizzer.exam import ExamRun, pick_questions
from quizzer.store.models import Exam, ReviewRow


def test_draw_is_gradable_balanced_and_reproducible(ctx):
    from conftest import REAL_CONTENT
    from quizzer.content import load_catalog

    catalog = load_catalog(REAL_CONTENT)
    ids = pick_questions(catalog, catalog.questions_for(days={3}), 30, seed=7)
    assert len(ids) == 30 and len(set(ids)) == 30
    assert all(catalog.questions[q].kind in ("mcq", "numeric", "code_output", "cloze") for q in ids)
    levels = [catalog.questions[q].level for q in ids]
    assert min(levels.count(lv) for lv in ("beginner", "intermediate", "advanced")) >= 5
    assert len({catalog.questions[q].topic for q in ids}) >= 15  # spread over topics
    assert pick_questions(catalog, catalog.questions_for(days={3}), 30, seed=7) == ids


def exam(db, content, answers: str, *extra):
    return subprocess.run([sys.executable, "-m", "quizzer", "exam", "--plain", "--json", "--db", str(db),
                           "--content", str(content), "--n", "5", "--seed", "1", *extra],
                          input=answers, capture_output=True, text=True, timeout=120)


def test_plain_exam_scores_stores_and_compares(tmp_path, small_content):
    db = tmp_path / "e.db"
    first = exam(db, small_content, "x\nx\nx\nx\n")  # every answer wrong
    assert first.returncode == 0, first.stderr
    rep1 = json.loads(first.stdout)  # with --json, stdout is the JSON alone
    assert rep1["questions"] == 4 and rep1["correct"] == 0 and rep1["recorded"]  # 4 gradable questions in the small course
    text = first.stderr  # the questions and the text report
    assert text.index("Answers:") > text.index("[4/4]")  # answers only at the end
    assert "Seed 1: quizzer exam --seed 1" in text
    # the report teaches: each question's prompt, the expected answer, and why, for the wrong ones
    assert "How many elements does a 2×3 tensor have?" in text and "2 × 3 = 6." in text
    right = {"mcq": "AC", "numeric": "6", "cloze": "dynamically", "code_output": "2"}
    import re

    kinds = re.findall(r"\[\d/4\] (\w+) ·", text)
    second = exam(db, small_content, "".join(right[k] + "\n" for k in kinds))
    rep2 = json.loads(second.stdout)
    assert rep2["correct"] == 4 and rep2["previous"]["score"] == 0.0 and rep2["previous"]["change"] == 1.0
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), SUM(correct) FROM exams").fetchone() == (2, 4)
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0  # schedule untouched by default


def test_an_exam_left_at_once_is_not_recorded_nor_compared_with(tmp_path, small_content):
    db = tmp_path / "e.db"
    left = exam(db, small_content, "q\n")
    assert left.returncode == 0 and json.loads(left.stdout)["recorded"] is False
    assert "not recorded" in left.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM exams").fetchone()[0] == 0
    later = json.loads(exam(db, small_content, "6\n6\n6\n6\n").stdout)
    assert later["recorded"] and "previous" not in later


def test_as_reviews_feeds_the_schedule(tmp_path, small_content):
    db = tmp_path / "e.db"
    exam(db, small_content, "AC\n6\n2\nx\n", "--as-reviews")
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 4


def test_bad_exam_arguments(tmp_path, small_content):
    bad = exam(tmp_path / "e.db", small_content, "", "--n", "0")
    assert bad.returncode == 2 and "--n 0 is out of range" in bad.stderr


async def test_exam_screen_in_the_app(ctx):
    from quizzer.tui.app import create_app

    qids = pick_questions(ctx.catalog, list(ctx.catalog.questions), 2, seed=3)
    run = ExamRun("whole course", qids, ctx.clock(), minutes=10)
    app = create_app(ctx, exam=(run, False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "question 1 of 2" in str(app.screen.query_one("#exam-header").render())
        app.screen.query_one("#exam-answer").value = "zzz"
        await pilot.press("enter", "enter")  # a wrong answer, then a skip
        await pilot.pause()
        report = str(app.screen.query_one("#exam-report").render())
        assert "Score 0/2" in report and "1 answered" in report
        first = ctx.catalog.questions[qids[0]]
        assert first.prompt.strip().splitlines()[0][:30] in report
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Exam)) == 1
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 0


async def test_an_exam_starts_from_home_with_e(ctx):
    from quizzer.tui.app import create_app
    from quizzer.tui.screens.exam import ExamScreen

    app = create_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert app.screen.run.scope == "days 1-1" and app.screen.run.seed is not None
        assert set(app.screen.run.questions) <= set(ctx.catalog.questions_for(days={1}))


async def test_stats_screen_renders_charts(ctx):
    from quizzer.review import ReviewSession
    from quizzer.tui.app import create_app

    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    session.grade(session.next_card().id, 3)
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        from rich.console import Console

        console = Console(width=120, record=True, file=__import__("io").StringIO())
        console.print(app.screen.query_one("#stats-tables").content)
        text = console.export_text()
        assert "reviewed today" in text and "1 review of 1 card in" in text
        await pilot.press("w")  # the weakest topic's cards, ready to study
        await pilot.pause()
        from quizzer.tui.screens.browse import BrowseScreen

        assert isinstance(app.screen, BrowseScreen)
        assert app.screen.query_one("#query").value == "topic:d01.s1.1.1"
