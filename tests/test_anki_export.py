"""Anki packages checked by Anki itself: imported with the ``anki`` package into a temp collection."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import SMALL_BANKS, write_content
from quizzer.anki_export import export_package
from quizzer.content import load_catalog
from quizzer.review import ReviewSession

anki_collection = pytest.importorskip("anki.collection")
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest  # noqa: E402

DAY1 = "PyTorch Masterclass::Week 1::Day 01 — Deep Learning Foundations and Mathematical Prerequisites"
DAY2 = "PyTorch Masterclass::Week 1::Day 02 — PyTorch Ecosystem and Environment Setup"
# Two deletions under one number make one card; add a second number to test one card per number.
BANKS = dict(SMALL_BANKS, **{"day02_setup.yaml": SMALL_BANKS["day02_setup.yaml"].replace(
    "PyTorch builds its graph {{c1::dynamically}}.", "PyTorch builds its graph {{c1::dynamically}}, op by {{c2::op}}.")})


def import_into(col: Collection, path, scheduling: bool = False):
    return col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=scheduling)))


@pytest.fixture
def col(tmp_path):
    (tmp_path / "anki").mkdir()
    c = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield c
    c.close()


@pytest.fixture
def catalog(tmp_path):
    return load_catalog(write_content(tmp_path / "content", BANKS))


def notes_by_id(col: Collection) -> dict:
    return {col.get_note(nid)["Id"]: col.get_note(nid) for nid in col.find_notes("")}


def test_anki_imports_decks_notes_cards_and_tags(col, catalog, tmp_path):
    result = export_package(catalog, list(catalog.questions), tmp_path / "deck.apkg")
    assert result.notes == 5
    import_into(col, result.path)
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {DAY1, DAY2, "PyTorch Masterclass", "PyTorch Masterclass::Week 1"} <= names
    assert len(col.find_notes(f'"deck:{DAY1}"')) == 3
    assert len(col.find_cards(f'"deck:{DAY2}"')) == 3  # one cloze note with c1 and c2 → 2 cards, plus one typed
    notes = notes_by_id(col)
    assert set(notes) == set(catalog.questions)
    mcq = notes["d01-q002"]
    assert mcq.note_type()["name"] == "quizzer · multiple choice"
    assert "Which are even?" in mcq["Question"] and "3 is odd" in mcq["Review"]
    assert "tricky" in mcq.tags and "quizzer::day::01" in mcq.tags and "quizzer::level::intermediate" in mcq.tags
    assert "quizzer::topic::d01.s1.1.1" in mcq.tags
    cloze = notes["d02-q001"]
    assert cloze.note_type()["type"] == 1  # Anki's cloze kind
    assert len(cloze.cards()) == 2


def test_rendered_cards_show_question_and_answer(col, catalog, tmp_path):
    import_into(col, export_package(catalog, list(catalog.questions), tmp_path / "deck.apkg").path)
    notes = notes_by_id(col)
    flash = notes["d01-q001"].cards()[0]
    assert "What is a tensor?" in flash.question() and "multi-dimensional array" in flash.answer()
    assert "Tensors generalise matrices" in flash.answer()
    code = notes["d02-q002"].cards()[0]
    assert "print" in code.question() and "<span" in code.question()  # highlighted with inline styles
    assert "2" in code.answer()
    import re

    cloze_q = re.sub(r"<[^>]+>", "", notes["d02-q001"].cards()[0].question())  # the text a learner sees
    assert "dynamically" not in cloze_q and "[...]" in cloze_q
    assert "dynamically" in notes["d02-q001"].cards()[0].answer()


def test_reexport_after_edit_updates_in_place(col, catalog, tmp_path):
    import time

    # Anki's default import updates a note when the package's copy is newer, as a later export is
    import_into(col, export_package(catalog, list(catalog.questions), tmp_path / "v1.apkg", timestamp=time.time() - 60).path)
    before = len(col.find_notes(""))
    edited = dict(BANKS, **{"day01_basics.yaml": BANKS["day01_basics.yaml"].replace(
        "A multi-dimensional array.", "A multi-dimensional array of one dtype.")})
    v2 = load_catalog(write_content(tmp_path / "content2", edited))
    import_into(col, export_package(v2, list(v2.questions), tmp_path / "v2.apkg").path)
    assert len(col.find_notes("")) == before
    assert "of one dtype" in notes_by_id(col)["d01-q001"]["Answer"]


def test_with_progress_carries_due_dates_and_memory_state(col, ctx, tmp_path):
    from quizzer.anki_progress import apply_progress

    session = ReviewSession(ctx.store, ctx.profile_id, ctx.clock)
    first = session.next_card()
    session.grade(first.id, 4)  # Easy: a review card due in days
    row = session.card(first.id)
    plain = export_package(ctx.catalog, list(ctx.catalog.questions), tmp_path / "plain.apkg")
    carried = apply_progress(plain.path, tmp_path / "progress.apkg", ctx.store, ctx.profile_id, ctx.clock(), 0.9)
    assert carried == 1
    import_into(col, tmp_path / "progress.apkg", scheduling=True)
    card = notes_by_id(col)[row.question_id].cards()[0]
    assert card.type == 2 and card.queue == 2
    days_ahead = (row.due.astimezone().date() - ctx.clock().astimezone().date()).days
    assert card.due - col.sched.today == days_ahead
    assert card.memory_state.stability == pytest.approx(row.stability, rel=1e-4)
    assert card.memory_state.difficulty == pytest.approx(row.difficulty, rel=1e-4)
    untouched = notes_by_id(col)["d02-q002"].cards()[0]
    assert untouched.type == 0  # still new


def test_cli_export_filters_and_errors(tmp_path, small_content):
    import subprocess
    import sys

    out = tmp_path / "w.apkg"
    proc = subprocess.run([sys.executable, "-m", "quizzer", "export", "anki", "--days", "2", "--out", str(out),
                           "--content", str(small_content)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "2 notes in 1 deck" in proc.stdout, proc.stderr
    (tmp_path / "c2").mkdir()
    c = Collection(str(tmp_path / "c2" / "c.anki2"))
    try:
        import_into(c, out)
        assert len(c.find_notes("")) == 2
    finally:
        c.close()
    bad = subprocess.run([sys.executable, "-m", "quizzer", "export", "anki", "--out", str(tmp_path / "x.zip"),
                          "--content", str(small_content)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and ".apkg" in bad.stderr and "Traceback" not in bad.stderr


def test_full_course_export_imports_cleanly(col, tmp_path):
    from conftest import REAL_CONTENT

    catalog = load_catalog(REAL_CONTENT)
    result = export_package(catalog, list(catalog.questions), tmp_path / "all.apkg")
    import_into(col, result.path)
    assert len(col.find_notes("")) == len(catalog.questions)
    for deck, count in result.decks.items():
        assert len(col.find_notes(f'"deck:{deck}"')) == count


async def test_app_exports_from_the_command_palette_action(ctx, tmp_path, monkeypatch):
    from quizzer.tui.app import create_app

    monkeypatch.chdir(tmp_path)
    app = create_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Export to Anki")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Wrote" in str(app.screen.query_one("#export-label").render())
    (tmp_path / "col").mkdir()
    c = Collection(str(tmp_path / "col" / "c.anki2"))
    try:
        import_into(c, tmp_path / "quizzer-pytorch.apkg")
        assert len(c.find_notes("")) == 5
    finally:
        c.close()


def test_include_exercises_adds_a_card_per_exercise(col, tmp_path):
    from conftest import REAL_CONTENT, REPO
    from quizzer.practice.models import load_exercises

    catalog = load_catalog(REAL_CONTENT)
    exercises = [e for e in load_exercises(REAL_CONTENT, REPO / "exercises").values() if e.meta.day == 3]
    ids = catalog.questions_for(days={3})
    result = export_package(catalog, ids, tmp_path / "d3.apkg", exercises=exercises)
    import_into(col, result.path)
    assert len(col.find_notes("")) == len(ids) + len(exercises) and len(exercises) >= 2
    ex_notes = [col.get_note(n) for n in col.find_notes("tag:quizzer::kind::exercise")]
    assert {n["Id"] for n in ex_notes} == {e.id for e in exercises}
    note = ex_notes[0]
    solution = next(e for e in exercises if e.id == note["Id"]).solution.read_text()
    body = [line.strip() for line in solution.splitlines() if line.strip().startswith("return")][0]
    import html as html_mod
    import re

    visible = lambda s: html_mod.unescape(re.sub(r"<[^>]+>", "", s))  # noqa: E731
    card = note.cards()[0]
    assert body not in visible(card.question()) and body in visible(card.answer())
