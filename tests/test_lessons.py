"""Lessons: the format is validated with file and line, coverage counts them, the CLI prints them,
the course book exports with every link resolving, Anki notes name them, and the app opens them."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import write_lessons
from quizzer.cli import main
from quizzer.content import load_catalog
from quizzer.content.lessons import for_terminal

DAY1 = "lessons/day01"


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_catalog(root).lessons.problems]


def first_file(root: Path) -> Path:
    return sorted((root / DAY1).glob("*.md"))[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_lessons_have_no_problems_and_count_in_coverage(lesson_content, capsys):
    assert problems(lesson_content) == []
    assert main(["coverage", "--json", "--content", str(lesson_content)]) == 0
    days = {d["day"]: d for d in json.loads(capsys.readouterr().out)["days"]}
    assert days[1]["lesson_topics"] == days[1]["topics_total"] == 25
    assert days[2]["lesson_topics"] == days[2]["topics_total"]
    assert days[1]["lesson_words"] >= 120 * 25  # the filler is about 120 words a topic
    assert days[3]["lesson_topics"] == 0 and days[3]["lesson_words"] == 0


def test_a_topic_with_a_short_body_is_not_counted_as_taught(lesson_content, capsys):
    path = first_file(lesson_content)
    text = path.read_text(encoding="utf-8")
    start = text.index("### ", text.index("{#d01.s1.1.1}") - 80)
    end = text.index("### ", start + 5)
    path.write_text(text[:start] + "### Traditional statistical methods to modern deep learning {#d01.s1.1.1}\n\nToo short.\n\n"
                    + text[end:], encoding="utf-8")
    main(["coverage", "--json", "--content", str(lesson_content)])
    day1 = json.loads(capsys.readouterr().out)["days"][0]
    assert day1["lesson_topics"] == 24


DEFECTS = [
    # (what, how to break the first Day 1 file, the message expected)
    ("file name", lambda root, f: f.rename(f.with_name("Day01-intro.md")), "must be named dayNN_NNN_<slug>.md"),
    ("file of another day", lambda root, f: f.rename(f.with_name("day02_001_x.md")), "the file name says day 2 but it is in the folder of day 1"),
    ("numbering gap", lambda root, f: f.rename(f.with_name(f.name.replace("_001_", "_004_"))), "breaks the numbering of day 1: expected 001"),
    ("section of another day", lambda root, f: edit(f, "{#d01.s1}", "{#d02.s1}"), "names section d02.s1 of day 2, but the file is a day 1 lesson"),
    ("unknown topic id", lambda root, f: edit(f, "{#d01.s1.1.2}", "{#d01.s1.1.9}"), "unknown topic id 'd01.s1.1.9'"),
    ("duplicate topic id", lambda root, f: edit(f, "{#d01.s1.1.2}", "{#d01.s1.1.1}"), "topic d01.s1.1.1 already has a heading at"),
    ("topic with no heading", lambda root, f: edit(f, "### Key breakthrough moments: perceptron, backpropagation, deep networks {#d01.s1.1.2}",
                                                    "Key breakthrough moments"), "topic d01.s1.1.2 (Key breakthrough moments: perceptron, backpropagation, deep networks) has no lesson heading"),
    ("heading without id", lambda root, f: edit(f, "## Historical Evolution of Machine Learning {#d01.s1.1}", "## Historical Evolution"), "a ## heading carries its topic id"),
    ("wrong heading level", lambda root, f: edit(f, "### Key breakthrough moments: perceptron, backpropagation, deep networks {#d01.s1.1.2}",
                                                  "## Key breakthroughs {#d01.s1.1.2}"), "d01.s1.1.2 is a leaf topic: its heading is ###"),
    ("topic of another section", lambda root, f: edit(f, "What this section is about.", "## Business {#d01.s2.1}\n\nx"), "topic d01.s2.1 belongs to section d01.s2, but this file covers d01.s1"),
    ("broken link", lambda root, f: edit(f, "What this section is about.", "See [tensors](#d03.s1.1.1)."), "broken link #d03.s1.1.1: no lesson heading has that topic id"),
    ("file link", lambda root, f: edit(f, "What this section is about.", "See [x](day01_002_b.md)."), "link to a topic by its id"),
    ("placeholder", lambda root, f: edit(f, "What this section is about.", "TODO: write this"), "a TODO placeholder is left"),
    ("unchecked output", lambda root, f: edit(f, "What this section is about.", "```python\nprint(1)\n```\n\n```text\n1\n```"),
     "output after a ```python block goes in an ```output block"),
    ("stray output block", lambda root, f: edit(f, "What this section is about.", "Text.\n\n```output\n1\n```"),
     "an ```output block must come straight after the ```python block"),
    ("unclosed fence", lambda root, f: edit(f, "What this section is about.", "```python\nprint(1)"), "is never closed"),
]


@pytest.mark.parametrize("what, breaks, message", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_each_lesson_defect_is_named_with_file_and_line(lesson_content, capsys, what, breaks, message):
    breaks(lesson_content, first_file(lesson_content))
    found = problems(lesson_content)
    assert any(message in p for p in found), found
    assert all(re.match(r"^content/lessons/day0\d/[^:]+:\d+: ", p) or re.match(r"^content/lessons/day01/:\d+: ", p) for p in found), found
    assert main(["validate", "--content", str(lesson_content)]) == 1
    out = capsys.readouterr().out
    assert message in out and "problem" in out and "Traceback" not in out


def test_validate_day_filter_reports_only_that_days_lessons(lesson_content, capsys):
    edit(sorted((lesson_content / "lessons/day02").glob("*.md"))[0], "What this section is about.", "TODO")
    assert main(["validate", "--content", str(lesson_content)]) == 1
    assert "day02" in capsys.readouterr().out
    assert main(["validate", "--content", str(lesson_content), "--code", "--day", "1"]) == 0
    assert "day02" not in capsys.readouterr().out


@pytest.mark.slow
def test_validate_code_runs_lesson_blocks_and_checks_their_output(lesson_content, capsys):
    f = first_file(lesson_content)
    edit(f, "What this section is about.", "```python\nimport torch\nprint(torch.ones(2, 3).shape)\n```\n\n"
         "```output\ntorch.Size([3, 2])\n```\n\nAnd `torch.not_a_function` is mentioned.\n\n"
         "```python\nraise ValueError('boom')\n```\n\n```python norun\nimport torch\ntorch.cuda.synchronize()\n```")
    assert main(["validate", "--code", "--day", "1", "--content", str(lesson_content)]) == 1
    out = capsys.readouterr().out
    lines = f.read_text().splitlines()
    output_line = lines.index("```output") + 1
    raise_line = lines.index("raise ValueError('boom')")  # the fence is the line before: 1-based equals this index
    assert f"{f.name}:{output_line}: the code above prints:\ntorch.Size([2, 3])" in out
    assert f"{f.name}:{raise_line}: code raised ValueError: boom" in out
    assert "torch.not_a_function does not exist in torch" in out
    assert "cuda" not in out  # the norun block is not run
    edit(f, "torch.Size([3, 2])", "torch.Size([2, 3])")
    edit(f, "raise ValueError('boom')", "print('fine')")
    edit(f, "`torch.not_a_function`", "`torch.nn.functional.relu`")
    assert main(["validate", "--code", "--day", "1", "--content", str(lesson_content)]) == 0


def test_lesson_command_prints_a_topic_and_a_day(lesson_content, capsys):
    assert main(["lesson", "d01.s1.1.2", "--plain", "--content", str(lesson_content)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Key breakthrough moments") and "Topic d01.s1.1.2:" in out
    assert "d01.s1.1.3" not in out  # only that topic
    assert main(["lesson", "1", "--content", str(lesson_content)]) == 0
    out = capsys.readouterr().out
    assert "Deep Learning Fundamentals" in out and "Key Metrics and Evaluation" in out and "{#" not in out
    assert main(["lesson", "d01.s2", "--plain", "--content", str(lesson_content)]) == 0
    assert "Topic d01.s2.1.1:" in capsys.readouterr().out


@pytest.mark.parametrize("target, message", [("12", "Day 12 (LSTM and GRU Networks) has no lessons yet"),
                                             ("46", "there is no day 46"),
                                             ("d01.s9", "unknown topic 'd01.s9'")])
def test_lesson_command_explains_what_is_missing(lesson_content, capsys, target, message):
    assert main(["lesson", target, "--content", str(lesson_content)]) == 2
    err = capsys.readouterr().err
    assert message in err and "hint:" in err and "Traceback" not in err


def test_terminal_rendering_of_math_links_and_ids():
    text = for_terminal("### Softmax {#d04.s1.1.1}\n\n$\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$, see [losses](#d04.s3.1.1).\n\n"
                        "$$\n\\frac{\\partial L}{\\partial w}\n$$\n")
    assert text.startswith("### Softmax\n")
    assert "σ(z)_i = (e^(z_i))/(∑_j e^(z_j))" in text
    assert "losses (→ d04.s3.1.1)" in text
    assert "```text\n(∂L)/(∂w)\n```" in text


def _anchors_and_links(path: Path):
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    anchors, links = set(), []

    def walk(tokens):
        for t in tokens:
            if t.type in ("html_block", "html_inline"):
                anchors.update(re.findall(r'<a id="([^"]+)">', t.content))
            if t.type == "link_open":
                links.append(t.attrGet("href"))
            if t.children:
                walk(t.children)

    walk(tokens)
    return anchors, links


def test_export_notes_writes_the_book_with_every_link_resolving(lesson_content, tmp_path, capsys):
    # a cross-day link, to check it resolves into the other day's folder
    edit(sorted((lesson_content / "lessons/day02").glob("*.md"))[0], "What this section is about.",
         "Builds on [the history](#d01.s1.1.2) and [metrics](#d01.s3).")
    out = tmp_path / "book"
    assert main(["export", "notes", "--days", "1-3", "--out", str(out), "--content", str(lesson_content)]) == 0
    assert "Markdown files for 2 days" in capsys.readouterr().out  # Day 3 has neither lessons nor questions
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert files[0] == "README.md" and "day01/README.md" in files
    assert [f for f in files if f.startswith("day01/day01_")] == [
        "day01/" + p.name for p in sorted((lesson_content / DAY1).glob("*.md"))]
    checked = 0
    for rel in files:
        anchors, links = _anchors_and_links(out / rel)
        for href in links:
            if href.startswith("https://"):
                continue
            target, _, fragment = href.partition("#")
            dest = (out / rel).parent / target if target else out / rel
            assert dest.is_file(), (rel, href)
            if fragment:
                assert fragment in _anchors_and_links(dest)[0], (rel, href)
            checked += 1
    assert checked > 30
    day1 = (out / "day01" / first_file(lesson_content).name).read_text(encoding="utf-8")
    assert "{#" not in day1 and '<a id="d01.s1.1.1"></a>' in day1
    assert "## Key questions" in day1 and "## Tricky questions" in day1
    assert "#### d01-q002 · tricky" in day1 and "❌ 3 — 3 is odd" in day1 and "✅ 2 — 2 = 2×1" in day1
    assert "**Answer.** 6" in day1  # the numeric question of d01.s1.1.2
    day2 = (out / "day02" / sorted((lesson_content / "lessons/day02").glob("*.md"))[0].name).read_text(encoding="utf-8")
    assert "[the history](../day01/" in day2 and "PyTorch builds its graph […]" in day2


def test_export_notes_for_days_without_lessons_shows_the_questions(small_content, tmp_path, capsys):
    out = tmp_path / "book"
    assert main(["export", "notes", "--days", "2", "--out", str(out), "--content", str(small_content)]) == 0
    text = "\n".join(p.read_text() for p in (out / "day02").glob("day02_*.md"))
    assert "not written yet" in text and "#### d02-q002" in text and "It prints:" in text
    assert main(["export", "notes", "--days", "20", "--out", str(out), "--content", str(small_content)]) == 2
    assert "nothing to export" in capsys.readouterr().err


def test_anki_note_back_names_the_lesson(lesson_content, tmp_path):
    from conftest import SMALL_BANKS, write_content
    from quizzer.anki_export import make_note

    catalog = load_catalog(lesson_content)
    back = make_note(catalog, catalog.questions["d01-q003"]).fields
    explanation = back[2]  # Question, Answer, Explanation, …
    assert "Lesson: Day 1 › Deep Learning Fundamentals › Historical Evolution of Machine Learning › Key breakthrough" in explanation
    assert "quizzer lesson d01.s1.1.2" in explanation
    plain = load_catalog(write_content(tmp_path / "plain", SMALL_BANKS))  # no lessons at all
    assert not any("Lesson:" in f for f in make_note(plain, plain.questions["d01-q003"]).fields)


# -- the app -------------------------------------------------------------------------------------

@pytest.fixture
def lesson_ctx(lesson_content, db_url, clock):
    from quizzer.context import open_context

    context = open_context(db_url, lesson_content, "default", clock=clock)
    yield context
    context.close()


async def test_l_on_a_revealed_card_opens_its_lesson_and_esc_returns_to_the_same_card(lesson_ctx):
    from quizzer.store.models import ReviewRow
    from quizzer.tui.app import create_app

    app = create_app(lesson_ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "l")  # before the answer shows, l only says so
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen" and not app.screen.revealed
        await pilot.press("space", "l")
        await pilot.pause()
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "LessonScreen"
        assert reader.topic == "d01.s1.1.1"
        block = reader.blocks["d01.s1.1.1"]
        assert "Topic d01.s1.1.1:" in block.source and "{#" not in block.source
        body = reader.query_one("#lesson-body")
        assert body.scroll_y == block.virtual_region.y  # scrolled to the card's topic
        await pilot.press("3")  # keys for grading do nothing in the reader
        time.sleep(3.0)  # reading time is not answering time
        await pilot.press("escape")
        await pilot.pause()
        review = app.screen
        assert type(review).__name__ == "ReviewScreen"
        assert review.revealed and review.card.question_id == "d01-q001"
        with lesson_ctx.store.read() as s:
            assert s.scalars(select(ReviewRow)).all() == []  # nothing graded meanwhile
        await pilot.press("3")
        await pilot.pause()
        assert review.card.question_id == "d01-q002"
    with lesson_ctx.store.read() as s:
        rows = s.scalars(select(ReviewRow)).all()
    assert [(r.question_id, r.rating) for r in rows] == [("d01-q001", 3)]
    assert rows[0].duration_ms < 3000  # the 3 s spent reading are not counted


async def test_home_l_opens_the_reader_at_the_course_day_and_remembers_the_place(lesson_ctx, small_content):
    from quizzer.settings import reading_position
    from quizzer.tui.app import create_app

    app = create_app(lesson_ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "LessonScreen" and reader.topic == "d01.s1"
        await pilot.press("slash", *"d01.s1.3.2", "enter")  # search finds the topic that mentions it
        await pilot.pause()
        assert reader.topic == "d01.s1.3.2"
        await pilot.press("right_square_bracket")  # next section
        await pilot.pause()
        assert reader.section == "d01.s2"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert reading_position(lesson_ctx.store, lesson_ctx.profile_id) == "d01.s2"
    app = create_app(lesson_ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.topic == "d01.s2" and app.screen.section == "d01.s2"


async def test_the_reader_reviews_the_open_sections_questions(lesson_ctx):
    from quizzer.store.models import ReviewRow
    from quizzer.tui.app import create_app

    app = create_app(lesson_ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("c")  # contents: pick Day 2's first section from the tree
        tree = app.screen.query_one("#lesson-toc")
        app.screen.show("d02.s1")
        await pilot.pause()
        assert tree.cursor_node.data == "d02.s1"
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.screen.card.question_id == "d02-q001"  # only Day 2's section s1 questions
        await pilot.press("space", "3")
        await pilot.pause()
    with lesson_ctx.store.read() as s:
        assert [r.question_id for r in s.scalars(select(ReviewRow))] == ["d02-q001"]
