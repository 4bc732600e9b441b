"""The built-in course meets its standard: the syllabus follows the outline, banks cover their
days, and every piece of code in the content runs and prints what the answers say."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REAL_CONTENT, REPO
from quizzer.content import load_catalog
from quizzer.content.snippets import check_questions
from quizzer.coverage import coverage

SEEDS = REPO.parent / "shared" / "seeds"
OUTLINE = SEEDS / "003_de67da8058d0aae1.txt"
# leaf bullets per day in the seed outline, Days 1-33 (1,032 in all)
OUTLINE_LEAVES = [25, 29, 29, 27, 28, 32, 28, 32, 35, 35, 32, 32, 32, 32, 32, 32, 28,
                  36, 32, 36, 24, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32]
BANK_DAYS = sorted(int(p.name[3:5]) for p in (REAL_CONTENT / "days").glob("day*.yaml"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REAL_CONTENT)


@pytest.fixture(scope="module")
def report(catalog):
    return {d["day"]: d for d in coverage(catalog)["days"]}


def test_syllabus_leaf_counts_per_day(catalog):
    counts = Counter(t.day for t in catalog.topics.values() if t.is_leaf)
    assert [counts[d] for d in range(1, 34)] == OUTLINE_LEAVES
    assert sum(OUTLINE_LEAVES) == 1032


@pytest.mark.skipif(not OUTLINE.is_file(), reason="seed outline not beside the checkout")
def test_syllabus_follows_the_outline_exactly(catalog):
    sys.path.insert(0, str(REPO / "scripts"))
    from outline import parse_outline

    for week in parse_outline(OUTLINE):
        for day in week["days"]:
            ours = catalog.day(day["day"])
            assert ours.title == day["title"]
            assert [s.title for s in ours.sections] == [s["title"] for s in day["sections"]]
            for sec, their in zip(ours.sections, day["sections"]):
                assert [b.title for b in sec.subsections] == [b["title"] for b in their["subsections"]]
                for sub, theirs in zip(sec.subsections, their["subsections"]):
                    assert [t.title for t in sub.topics] == theirs["topics"]


def test_days_one_to_nine_have_banks():
    assert set(range(1, 10)) <= set(BANK_DAYS)


def test_all_45_days_with_added_days_explained(catalog):
    assert [d.day for d in catalog.days] == list(range(1, 46))
    for day in catalog.days[33:]:
        leaves = sum(1 for t in catalog.topics.values() if t.day == day.day and t.is_leaf)
        assert 25 <= leaves <= 35, (day.day, leaves)
        assert day.rationale and len(day.rationale) > 20, day.day


def test_every_seed_module_maps_to_topics(catalog):
    assert len(catalog.sources) == 89
    unmapped = [s for s in catalog.sources if not catalog.source_topics(s)]
    assert unmapped == []
    c2_labs = [s for s in catalog.sources if s.startswith("c2-")]
    assert len(c2_labs) == 19  # 4 modules: 15 labs and 4 assignments


def test_coverage_json_reports_every_day(tmp_path):
    import json
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "quizzer", "coverage", "--json"], capture_output=True, text=True, check=True)
    report = json.loads(proc.stdout)
    assert report["total_questions"] == sum(d["questions"] for d in report["days"])
    day3 = next(d for d in report["days"] if d["day"] == 3)
    assert {"day", "title", "topics_total", "topics_covered", "questions", "tricky", "by_kind", "by_level", "uncovered"} <= set(day3)
    assert day3["topics_covered"] == day3["topics_total"] == 29 and day3["uncovered"] == []


@pytest.mark.parametrize("day", BANK_DAYS)
def test_bank_meets_the_standard(report, day):
    d = report[day]
    assert d["uncovered"] == [], f"Day {day}: leaf topics without a key question"
    assert d["tricky"] >= 12, f"Day {day}: only {d['tricky']} tricky questions"
    assert d["by_level"]["advanced"] * 4 >= d["questions"], f"Day {day}: under a quarter advanced"
    assert all(d["by_level"][lv] for lv in ("beginner", "intermediate")), d["by_level"]
    assert all(d["by_kind"][k] for k in d["by_kind"]), f"Day {day}: missing a kind: {d['by_kind']}"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_]+", text.lower()))


def test_no_duplicate_or_near_duplicate_prompts(catalog):
    items = [(q.id, _words(q.prompt + " " + " ".join(c.text for c in q.choices or []))) for q in catalog.questions.values()]
    clashes = []
    for i, (a, wa) in enumerate(items):
        for b, wb in items[i + 1:]:
            if len(wa) > 5 and len(wa & wb) / len(wa | wb) > 0.85:
                clashes.append((a, b))
    assert clashes == []


def test_no_prompt_gives_away_its_answer(catalog):
    leaks = []
    for q in catalog.questions.values():
        if q.kind == "cloze":
            shown = re.sub(r"\{\{c\d+::.*?\}\}", "", q.prompt).lower()
            leaks += [q.id for d in q.cloze_deletions if len(d) > 3 and re.search(rf"\b{re.escape(d.lower())}\b", shown)]
        elif q.kind == "flashcard" and len(q.answer) > 12 and q.answer.lower().rstrip(".") in q.prompt.lower():
            leaks.append(q.id)
    assert leaks == []


@pytest.mark.slow
def test_every_code_block_runs_and_every_printed_answer_is_true(catalog):
    findings = check_questions(list(catalog.questions.values()))
    assert [str(f) for f in findings] == []


LESSON_DAYS = sorted(int(p.name[3:5]) for p in (REAL_CONTENT / "lessons").glob("day*") if p.is_dir())


def test_days_one_to_nine_have_lessons():
    assert set(range(1, 10)) <= set(LESSON_DAYS)


def test_lessons_follow_the_format(catalog):
    assert [str(p) for p in catalog.lessons.problems] == []


@pytest.mark.parametrize("day", LESSON_DAYS)
def test_lessons_meet_the_standard(report, catalog, day):
    d = report[day]
    assert d["lesson_topics"] == d["topics_total"], f"Day {day}: topics with a short or missing lesson"
    assert d["lesson_words"] >= 250 * d["topics_total"], f"Day {day}: {d['lesson_words']} words"
    # every question of the day opens a lesson that teaches its topic
    lessons = catalog.lessons
    assert [q.id for q in catalog.questions.values() if catalog.topics[q.topic].day == day and lessons.place_of(q.topic) is None] == []


@pytest.mark.slow
def test_every_lesson_code_block_runs_and_shows_its_real_output(catalog):
    from quizzer.content.snippets import check_lessons

    assert check_lessons(catalog.lessons) == []


def test_a_snippet_that_sets_print_options_does_not_change_what_the_next_prints():
    from quizzer.content.snippets import Snippet, run_snippets

    results, _ = run_snippets([
        Snippet("a", "lesson", "import torch\ntorch.set_printoptions(precision=2)\nprint(torch.tensor([0.925]))"),
        Snippet("b", "lesson", "import torch\nprint(torch.tensor([0.925]))"),
    ], [])
    assert [r["stdout"] for r in results] == ["tensor([0.93])\n", "tensor([0.9250])\n"]


def test_a_block_that_needs_a_missing_library_is_skipped_and_said_not_failed():
    from quizzer.content.snippets import Snippet, run_snippets

    results, _ = run_snippets([
        Snippet("a", "lesson", "import no_such_library_here\nprint(1)", ("no_such_library_here",)),
        Snippet("b", "lesson", "print(2)"),
    ], [])
    assert results[0] == {"stdout": "", "error": None, "skipped": ["no_such_library_here"]}
    assert results[1]["stdout"] == "2\n"


def test_every_library_a_lesson_needs_is_an_optional_extra_of_the_project():
    """needs=NAME must name a library that pip install -e ".[dev]" installs, so CI runs the block."""
    import re
    import tomllib

    from quizzer.content.lessons import load_lessons

    project = tomllib.loads((REAL_CONTENT.parent / "pyproject.toml").read_text())["project"]
    dev = {re.split(r"[<>=\[ ]", r, maxsplit=1)[0].lower() for r in project["optional-dependencies"]["dev"]}
    catalog = load_catalog(REAL_CONTENT)
    needed = {name for f in load_lessons(REAL_CONTENT, catalog.topics).files for b in f.blocks for name in b.needs}
    assert needed <= dev, needed - dev
