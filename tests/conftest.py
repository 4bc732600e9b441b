"""Shared fixtures: a temp data dir, a fixed clock, and a small content folder with every kind."""

from __future__ import annotations

import os
import shutil
import uuid
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL_CONTENT = REPO / "content"

# Two days, key before tricky within a topic, one of each kind.
SMALL_BANKS = {
    "day01_basics.yaml": """
        day: 1
        questions:
          - id: d01-q001
            topic: d01.s1.1.1
            kind: flashcard
            category: key
            level: beginner
            prompt: What is a tensor?
            answer: A multi-dimensional array.
            explanation: Tensors generalise matrices.
          - id: d01-q002
            topic: d01.s1.1.1
            kind: mcq
            category: tricky
            level: intermediate
            prompt: Which are even?
            answer: 2 and 4.
            explanation: Even numbers divide by two.
            choices:
              - {text: "2", correct: true, why: "2 = 2×1"}
              - {text: "3", why: "3 is odd"}
              - {text: "4", correct: true, why: "4 = 2×2"}
          - id: d01-q003
            topic: d01.s1.1.2
            kind: numeric
            category: key
            level: beginner
            prompt: How many elements does a 2×3 tensor have?
            answer: "6"
            explanation: 2 × 3 = 6.
    """,
    "day02_setup.yaml": """
        day: 2
        questions:
          - id: d02-q001
            topic: d02.s1.1.1
            kind: cloze
            category: key
            level: beginner
            prompt: PyTorch builds its graph {{c1::dynamically}}.
            answer: PyTorch builds its graph dynamically.
            explanation: Define-by-run.
          - id: d02-q002
            topic: d02.s1.1.1
            kind: code_output
            category: key
            level: advanced
            prompt: |
              What does this print?
              ```python
              print(1 + 1)
              ```
            answer: "2"
            explanation: Addition.
    """,
}


class FixedClock:
    """A clock the test moves by hand; UTC-aware as py-fsrs requires."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FixedClock:
    # noon UTC, well away from the 4 a.m. day boundary in any test timezone
    return FixedClock(datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test gets its own data dir; no test touches the real data.db."""
    monkeypatch.setenv("QUIZZER_DB", str(tmp_path / "data.db"))
    monkeypatch.setenv("QUIZZER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("QUIZZER_CONTENT", raising=False)
    monkeypatch.delenv("QUIZZER_PROFILE", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()


def write_content(root: Path, banks: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REAL_CONTENT / "course.yaml", root / "course.yaml")
    shutil.copy(REAL_CONTENT / "sources.yaml", root / "sources.yaml")
    (root / "days").mkdir(exist_ok=True)
    for name, text in banks.items():
        (root / "days" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


@pytest.fixture
def small_content(tmp_path) -> Path:
    return write_content(tmp_path / "content", SMALL_BANKS)


def pytest_generate_tests(metafunc):
    """Modules that set BOTH_BACKENDS = True run their store tests on SQLite and PostgreSQL."""
    if "backend" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_BACKENDS", False):
        metafunc.parametrize("backend", ["sqlite", "postgresql"])


@pytest.fixture
def backend() -> str:
    """The store backend of a test; SQLite unless its module asks for both."""
    return "sqlite"


@pytest.fixture
def db_url(backend, tmp_path):
    """A fresh empty database: a SQLite file, or a new PostgreSQL database when
    QUIZZER_TEST_PG_URL points at a server (.ci/run starts a throwaway one)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'data.db'}"
        return
    admin_url = os.environ.get("QUIZZER_TEST_PG_URL")
    if not admin_url:
        pytest.skip("no PostgreSQL server: set QUIZZER_TEST_PG_URL (see .ci/postgres.sh)")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"quizzer_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def ctx(small_content, db_url, clock):
    from quizzer.context import open_context

    context = open_context(db_url, small_content, "default", clock=clock)
    context.notices.clear()  # "new database created at <tmp path>" would put a toast in every screenshot
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    """A blinking cursor makes screenshots depend on timing; keep it steadily on."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def _seeded_fuzz():
    """py-fsrs fuzzes intervals with the global random generator; seed it so runs repeat."""
    import random

    random.seed(1234)


FILLER = ("A tensor is an array of numbers with a shape, a dtype and a device; this sentence stands in for "
          "the lesson prose that teaches the topic in the real course, so the test can count its words. ")


def write_lessons(root: Path, days=(1,), words: int = 120) -> Path:
    """Valid lessons for ``days`` of ``root``'s syllabus: every heading, ``words`` per topic or so."""
    import re

    import yaml

    course = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    body = (FILLER * (words // 33 + 1)).strip()
    for week in course["weeks"]:
        for day in week["days"]:
            if day["day"] not in days:
                continue
            folder = root / "lessons" / f"day{day['day']:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            for n, sec in enumerate(day["sections"], 1):
                slug = "_".join(re.sub(r"[^a-z0-9]+", "_", sec["title"].lower()).strip("_").split("_")[:4])
                out = [f"# {sec['title']} {{#{sec['id']}}}", "", "What this section is about.", ""]
                for sub in sec["subsections"]:
                    out += [f"## {sub['title']} {{#{sub['id']}}}", "", "How the topics below fit together.", ""]
                    for t in sub["topics"]:
                        out += [f"### {t['title']} {{#{t['id']}}}", "", f"Topic {t['id']}: {body}", ""]
                (folder / f"day{day['day']:02d}_{n:03d}_{slug}.md").write_text("\n".join(out), encoding="utf-8")
    return root


@pytest.fixture
def lesson_content(small_content) -> Path:
    """The small content with lessons for Days 1 and 2."""
    return write_lessons(small_content, (1, 2))
