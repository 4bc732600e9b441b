"""Snapshots of every screen at 80×24 and 120×40 (update only after looking at the diff:
pytest tests/test_snapshots.py --snapshot-update, then open snapshot_report.html)."""

from __future__ import annotations

import pytest

from quizzer.review import Focus
from quizzer.tui.app import create_app

SIZES = [(80, 24), (120, 40)]


async def settle(pilot) -> None:
    """Let charts and Markdown finish their asynchronous first render."""
    for _ in range(3):
        await pilot.pause(0.1)
KINDS = {  # question of each kind in the small content, and the keys that answer it
    "flashcard": ("d01-q001", ["space"]),
    "mcq": ("d01-q002", ["a", "b", "enter"]),
    "numeric": ("d01-q003", ["7", "enter"]),
    "cloze": ("d02-q001", ["space"]),
    "code_output": ("d02-q002", ["2", "enter"]),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, ctx, size):
    assert snap_compare(create_app(ctx), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("revealed", [False, True], ids=["front", "back"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_review(snap_compare, ctx, kind, revealed, size):
    qid, keys = KINDS[kind]
    app = create_app(ctx, Focus(questions=frozenset({qid})))
    assert snap_compare(app, terminal_size=size, press=["enter", *(keys if revealed else [])])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_browse(snap_compare, ctx, size):
    assert snap_compare(create_app(ctx), terminal_size=size, press=["slash", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_card_detail(snap_compare, ctx, size):
    assert snap_compare(create_app(ctx), terminal_size=size, press=["slash", "ctrl+l", "backspace", "backspace",
                                                                       "backspace", "backspace", "backspace", "backspace",
                                                                       "enter", "down", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare, ctx, size):
    assert snap_compare(create_app(ctx), terminal_size=size, press=["comma"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, ctx, size):
    assert snap_compare(create_app(ctx), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats(snap_compare, ctx, size):
    from quizzer.review import ReviewSession

    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    for rating in (3, 1, 4):
        session.grade(session.next_card().id, rating)
    assert snap_compare(create_app(ctx), terminal_size=size, press=["s"], run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_exam(snap_compare, ctx, size):
    from quizzer.exam import ExamRun

    run = ExamRun("week 1", ["d01-q002", "d02-q002"], ctx.clock(), None)
    assert snap_compare(create_app(ctx, exam=(run, False)), terminal_size=size, run_before=settle)
