"""The app, headless: grade cards with the keyboard and check the store afterwards."""

from __future__ import annotations

from sqlalchemy import select

from quizzer.store.models import CardRow, Flag, ReviewRow
from quizzer.tui.app import create_app


def log(ctx) -> list[tuple[str, int]]:
    with ctx.store.read() as s:
        return [(r.question_id, r.rating) for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))]


async def test_grade_three_cards(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # home → review
        await pilot.press("space", "3")  # flashcard: reveal, Good
        await pilot.press("a", "c", "enter", "enter")  # mcq: select A and C, check, accept suggested
        await pilot.press("6", "enter", "enter")  # numeric: type 6, check, accept suggested
        await pilot.pause()
        header = str(app.screen.query_one("#card-header").render())
        assert "d02-q001" in header  # the fourth card is showing
    assert log(ctx) == [("d01-q001", 3), ("d01-q002", 3), ("d01-q003", 3)]


async def test_wrong_typed_answer_suggests_again_and_shows_expected(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space", "3", "b", "enter")  # mcq: B alone is wrong
        await pilot.pause()
        verdict = str(app.screen.query_one("#verdict").render())
        assert "expected 'AC'" in verdict
        await pilot.press("enter")
    assert log(ctx) == [("d01-q001", 3), ("d01-q002", 1)]


async def test_undo_bury_suspend_flag(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space", "4", "z")  # grade then undo
        await pilot.pause()
        assert log(ctx) == []
        await pilot.press("minus")  # bury d01-q001
        await pilot.press("at")  # suspend d01-q002
        await pilot.press("ctrl+f")  # the numeric card's answer box has focus, so the ctrl key
        await pilot.pause()
        await pilot.press(*"typo", "enter")  # flag d01-q003 with a note
        await pilot.pause()
    with ctx.store.read() as s:
        cards = {c.question_id: c for c in s.scalars(select(CardRow))}
        flags = [(f.question_id, f.note) for f in s.scalars(select(Flag))]
    assert cards["d01-q001"].buried_until is not None
    assert cards["d01-q002"].suspended is True
    assert flags == [("d01-q003", "typo")]


async def test_footer_lists_the_keys_that_work_now_and_is_rebuilt_once_per_change(ctx, monkeypatch):
    """While an answer is typed the letters go into the box, so the footer offers the ctrl keys;
    once checked, 1-4 again. Each change rebuilds the footer once (Textual asks twice per focus
    change, and a rebuild is the slowest part of showing a card)."""
    from quizzer.review import Focus
    from quizzer.tui.widgets import QuietFooter

    rebuilt = []
    real = QuietFooter.recompose
    monkeypatch.setattr(QuietFooter, "recompose", lambda self: rebuilt.append(1) or real(self))
    app = create_app(ctx, Focus(questions=frozenset({"d01-q001", "d01-q003"})))

    def keys() -> list[str]:
        return [k.key for k in app.screen.query("FooterKey")]

    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "space" in keys() and "z" in keys()  # d01-q001, a flashcard
        await pilot.press("space")
        await pilot.pause()
        rebuilt.clear()
        await pilot.press("3")
        await pilot.pause()
        assert "d01-q003" in str(app.screen.query_one("#card-header").render())
        assert "space" not in keys() and "ctrl+z" in keys()  # typing: space and z go into the box
        assert len(rebuilt) == 1
        await pilot.press("6", "enter")
        await pilot.pause()
        assert "1" in keys() and "z" in keys()  # checked: the grade keys work again
        assert len(rebuilt) == 2
