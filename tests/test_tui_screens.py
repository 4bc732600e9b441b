"""Browse, card detail, settings, help and the session summary, driven headless; the store checked."""

from __future__ import annotations

from sqlalchemy import select

from quizzer.settings import load_settings
from quizzer.store.models import CardRow, ReviewRow
from quizzer.tui.app import create_app
from quizzer.tui.screens.browse import BrowseScreen
from quizzer.tui.screens.detail import CardDetailScreen
from quizzer.tui.screens.help import HelpScreen, binding_rows
from quizzer.tui.screens.settings import SettingsScreen
from quizzer.tui.screens.summary import SummaryScreen


def card(ctx, qid: str) -> CardRow:
    with ctx.store.read() as s:
        return s.scalars(select(CardRow).where(CardRow.question_id == qid)).one()


async def test_browse_search_open_detail_and_suspend(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, BrowseScreen)
        app.screen.query_one("#query").value = ""
        await pilot.press(*"kind:cloze", "enter")
        await pilot.pause()
        assert app.screen.card_ids == [card(ctx, "d02-q001").id]
        await pilot.press("enter")  # open the selected row
        await pilot.pause()
        assert isinstance(app.screen, CardDetailScreen)
        assert "new — not studied yet" in str(app.screen.query_one("#detail-state").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert card(ctx, "d02-q001").suspended is True


async def test_bad_query_shows_message_not_crash(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        app.screen.query_one("#query").value = ""
        await pilot.press(*"kind:essay", "enter")
        await pilot.pause()
        assert "unknown kind 'essay'" in str(app.screen.query_one("#browse-status").render())


async def test_study_now_reviews_that_card_first(ctx):
    app = create_app(ctx)
    target = card(ctx, "d02-q002").id
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(CardDetailScreen(target))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "d02-q002" in str(app.screen.query_one("#card-header").render())
        await pilot.press("2", "enter", "4")  # code_output: it prints 2; Easy so it graduates
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "1 card in" in str(app.screen.query_one("#done").render())
    with ctx.store.read() as s:
        assert [(r.question_id, r.rating) for r in s.scalars(select(ReviewRow))] == [("d02-q002", 4)]


async def test_detail_reset_keeps_history(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "space", "4")  # grade d01-q001 Easy
        await pilot.pause()
        app.push_screen(CardDetailScreen(card(ctx, "d01-q001").id))
        await pilot.pause()
        assert "Easy" in str(app.screen.query_one("#detail-history").render())
        await pilot.press("ctrl+r")
        await pilot.pause()
    assert card(ctx, "d01-q001").reps == 0
    with ctx.store.read() as s:
        assert s.scalars(select(ReviewRow.question_id)).all() == ["d01-q001"]


async def test_settings_validate_and_save(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        retention = app.screen.query_one("#set-desired_retention")
        retention.value = "1.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status").render())
        assert "Not saved" in status and "0.7 to 0.99" in status
        retention.value = "0.85"
        app.screen.query_one("#set-new_per_day").value = "5"
        app.screen.query_one("#set-theme").value = "light"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Saved" in str(app.screen.query_one("#settings-status").render())
        assert app.theme == "textual-light"
        assert app.session.counts().new == 5
    with ctx.store.read() as s:
        saved = load_settings(s, ctx.profile_id)
    assert (saved.desired_retention, saved.new_per_day, saved.theme) == (0.85, 5, "light")


async def test_help_lists_every_binding_with_an_id(ctx):
    rows = binding_rows()
    assert all(bid for _, _, _, bid in rows)
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "review.again" in text and "Bury" in text and "home.browse" in text


async def test_key_remapping_from_settings(ctx):
    from quizzer.settings import save_setting

    with ctx.store.write() as s:
        save_setting(s, ctx.profile_id, "keys", {"review.good": "g"})
    app = create_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space", "g")
        await pilot.pause()
    with ctx.store.read() as s:
        assert [(r.question_id, r.rating) for r in s.scalars(select(ReviewRow))] == [("d01-q001", 3)]


async def test_reviewing_an_empty_day_says_it_has_no_questions(ctx):
    from quizzer.review import focus_for

    app = create_app(ctx, focus=focus_for(ctx.catalog, days={12}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # start the focused review from home
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#done").render())
        assert "Nothing to review" in text and "Day 12 has no questions yet" in text
        assert "Session complete" not in text
    with ctx.store.read() as s:
        assert s.scalars(select(ReviewRow)).first() is None


async def test_undo_after_bury_unburies_and_browse_shows_buried(ctx):
    from quizzer.tui.screens.review import ReviewScreen

    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.card.question_id == "d01-q001"
        await pilot.press("space", "3")  # grade d01-q001 Good
        await pilot.pause()
        assert app.screen.card.question_id == "d01-q002"
        await pilot.press("minus")  # bury d01-q002
        await pilot.pause()
        assert card(ctx, "d01-q002").buried_until is not None
        await pilot.press("ctrl+z")  # undo (the next card's answer box has focus) takes back the bury, not the grade
        await pilot.pause()
        assert card(ctx, "d01-q002").buried_until is None
        assert app.screen.card.question_id == "d01-q002"
        with ctx.store.read() as s:
            assert [r.question_id for r in s.scalars(select(ReviewRow))] == ["d01-q001"]
        await pilot.press("minus")  # bury it again, then look it up in browse
        await pilot.pause()
        await pilot.press("escape", "slash")
        await pilot.pause()
        app.screen.query_one("#query").value = ""
        await pilot.press(*"is:buried", "enter")
        await pilot.pause()
        table = app.screen.query_one("#browse-table") if app.screen.query("#browse-table") else app.screen.query_one("DataTable")
        assert app.screen.card_ids == [card(ctx, "d01-q002").id]
        assert table.get_row_at(0)[5] == "buried"


async def test_study_now_shows_the_card_past_the_new_limit_and_backing_out_changes_nothing(ctx, clock):
    from datetime import timedelta

    from quizzer.review import ReviewSession
    from quizzer.settings import save_setting
    from quizzer.tui.screens.review import ReviewScreen

    with ctx.store.write() as s:
        save_setting(s, ctx.profile_id, "new_per_day", 1)
    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    reviewed = session.next_card()
    session.grade(reviewed.id, 4)  # the day's one new card, graduated: due in days
    before = card(ctx, reviewed.question_id).due
    assert before > clock() + timedelta(days=1)
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(CardDetailScreen(card(ctx, reviewed.question_id).id))
        await pilot.pause()
        await pilot.press("n")  # a review card, due in days: shown now all the same
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.card.question_id == reviewed.question_id
        await pilot.press("escape")  # back out without grading
        await pilot.pause()
        assert card(ctx, reviewed.question_id).due == before  # its schedule is untouched
        app.push_screen(CardDetailScreen(card(ctx, "d02-q002").id))
        await pilot.pause()
        await pilot.press("n")  # a new card, though today's one new card is used up
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.card.question_id == "d02-q002"


async def test_browse_with_nothing_due_shows_every_card_and_says_why(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        with ctx.store.read() as s:
            every = [c.id for c in s.scalars(select(CardRow).order_by(CardRow.position))]
        assert app.screen.card_ids == every and len(every) == 5
        assert "Nothing is due today (is:due), so here is every card" in str(app.screen.query_one("#browse-status").render())


async def test_settings_speak_the_learners_language_and_take_anki_steps(ctx):
    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.query_one("#set-course_day")  # typing goes into the first field
        helps = " ".join(str(label.render()) for label in screen.query(".setting-help"))
        assert "<class" not in helps and "Literal" not in helps and "dict[" not in helps
        assert "yes or no" in helps and "dark or light" in helps
        steps = screen.query_one("#set-learning_steps")
        assert steps.value == "1m 10m"
        steps.value = "1m 10m 1h"
        screen.query_one("#set-relearning_steps").value = "30s 1d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Saved" in str(screen.query_one("#settings-status").render())
        steps.value = "1m soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot read the step 'soon'" in str(screen.query_one("#settings-status").render())
    with ctx.store.read() as s:
        saved = load_settings(s, ctx.profile_id)
    assert (saved.learning_steps, saved.relearning_steps) == ([1.0, 10.0, 60.0], [0.5, 1440.0])


async def test_what_opening_created_is_said_in_the_app(ctx):
    ctx.notices.append(f"new database created at {ctx.store.path}")
    app = create_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [f"New database created at {ctx.store.path}."]


def footer_keys(screen) -> dict[str, str]:
    """What the footer offers now: description → key shown."""
    return {b.description: b.key for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled}


async def test_footer_offers_what_works_now_and_help_and_palette_read_as_a_learner_expects(ctx):
    from quizzer.tui.screens.review import ReviewScreen

    app = create_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.card.question_id == "d01-q001"  # a flashcard
        offered = footer_keys(screen)
        assert "Show answer" in offered and "Again" not in offered and offered["Bury"] == "minus"
        await pilot.press("space")
        await pilot.pause()
        offered = footer_keys(screen)
        assert "Show answer" not in offered and {"Again", "Hard", "Good", "Easy"} <= set(offered)
        await pilot.press("3")  # next: d01-q002, an MCQ not yet checked: no grades offered
        await pilot.pause()
        assert screen.card.question_id == "d01-q002" and "Good" not in footer_keys(screen)
        await pilot.press("a", "c", "enter", "3")  # then d01-q003, numeric: the answer box has focus
        await pilot.pause()
        assert screen.card.question_id == "d01-q003"
        offered = footer_keys(screen)
        assert offered.get("Bury") == "ctrl+b" and offered.get("Suspend") == "ctrl+s"  # not - and @, which are typed
        await pilot.press("minus")
        assert screen.query_one("#typed").value == "-"
        await pilot.press("ctrl+b")  # still buries
        await pilot.pause()
        assert card(ctx, "d01-q003").buried_until is not None
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert "question_mark" not in text and "? / f1" in text and "ctrl+b" in text
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quit" not in titles  # ours, "Quit", is the one the palette lists


async def test_a_60_by_15_terminal_keeps_the_answer_box_grades_and_footer_on_screen(ctx):
    from quizzer.review import focus_for

    app = create_app(ctx, focus=focus_for(ctx.catalog, days={2}))
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("enter")
        await pilot.press("enter", "4")  # the cloze: shown, graded Easy
        await pilot.pause()
        screen = app.screen
        assert screen.card.question_id == "d02-q002"  # code_output: the answer box must be reachable
        box = screen.query_one("#typed")
        assert box.has_focus and box.region.bottom <= 14
        box.value = "2"
        await pilot.press("enter")
        await pilot.pause()
        buttons = [screen.query_one(f"#grade-{r}") for r in (1, 2, 3, 4)]
        assert all(b.region.right <= 60 and b.region.bottom <= 14 and b.region.height == 3 for b in buttons)
        assert screen.query_one("QuietFooter").region.y == 14
        await pilot.press("enter")  # the suggested grade, from the keyboard
        await pilot.pause()
    with ctx.store.read() as s:
        assert [(r.question_id, r.rating) for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))] == [
            ("d02-q001", 4), ("d02-q002", 3)]
