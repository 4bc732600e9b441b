"""Pydantic models for the YAML content: the syllabus and the per-day question banks."""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

QUESTION_ID = r"^d\d{2}-q\d{3}$"
TOPIC_ID = r"^d\d{2}(\.s\d+(\.\d+){0,2})?$"
SOURCE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CLOZE = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.*?))?\}\}", re.S)
CODE_BLOCK = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.S | re.M)

Kind = Literal["flashcard", "mcq", "cloze", "code_output", "numeric"]
Category = Literal["key", "tricky"]
Level = Literal["beginner", "intermediate", "advanced"]
KINDS: tuple[str, ...] = ("flashcard", "mcq", "cloze", "code_output", "numeric")
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def code_blocks(markdown: str) -> list[tuple[str, str]]:
    """Return ``(info string, code)`` for every fenced code block in ``markdown``."""
    return [(m[1].strip(), m[2]) for m in CODE_BLOCK.finditer(markdown)]


class Choice(Strict):
    """One option of a multiple-choice question, with why it is right or wrong."""

    text: str = Field(min_length=1)
    correct: bool = False
    why: str = Field(min_length=1)


class Question(Strict):
    """A review item; ``id`` is the permanent key of its review history."""

    id: str = Field(pattern=QUESTION_ID)
    topic: str = Field(pattern=TOPIC_ID)
    kind: Kind
    category: Category
    level: Level
    prompt: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    choices: list[Choice] | None = None
    tolerance: float | None = Field(default=None, ge=0)
    verify: str | None = None
    tags: list[str] = []
    sources: list[str] = []

    @field_validator("sources")
    @classmethod
    def _source_ids(cls, value: list[str]) -> list[str]:
        for source in value:
            if not re.match(SOURCE_ID, source):
                raise ValueError(f"source id {source!r} is not lower-case words joined by '-'")
        return value

    @model_validator(mode="after")
    def _kind_rules(self) -> Question:
        if self.kind == "mcq":
            if not self.choices or not 2 <= len(self.choices) <= 6:
                raise ValueError("choices: an mcq needs two to six choices")
            if not any(c.correct for c in self.choices):
                raise ValueError("choices: an mcq needs at least one choice marked 'correct: true'")
        elif self.choices is not None:
            raise ValueError(f"choices: only mcq questions have choices, this one is {self.kind}")
        if self.kind == "cloze" and not CLOZE.search(self.prompt):
            raise ValueError("prompt: a cloze needs at least one deletion like {{c1::answer}}")
        if self.kind == "numeric":
            try:
                value = float(self.answer)
            except ValueError:
                raise ValueError(f"answer: a numeric answer must be a number, got {self.answer!r}") from None
            if not math.isfinite(value):
                raise ValueError("answer: a numeric answer must be finite")
            problem = precision_problem(self.prompt, value, self.tolerance or 0.0)
            if problem:
                raise ValueError(problem)
        elif self.tolerance is not None:
            raise ValueError("tolerance: only numeric questions have a tolerance")
        if self.kind == "code_output":
            runnable = [code for info, code in code_blocks(self.prompt) if info.split()[:1] == ["python"]]
            if len(runnable) != 1:
                raise ValueError("prompt: a code_output question needs exactly one ```python block")
        return self

    @property
    def multiple(self) -> bool:
        """True when an mcq has more than one correct choice."""
        return sum(c.correct for c in self.choices or []) > 1

    @property
    def snippet(self) -> str | None:
        """The code a ``code_output`` question runs."""
        for info, code in code_blocks(self.prompt):
            if info.split()[:1] == ["python"]:
                return code
        return None

    @property
    def cloze_deletions(self) -> list[str]:
        """The hidden texts of a cloze, in order."""
        return [m[2] for m in CLOZE.finditer(self.prompt)]


def within(given: float, want: float, tolerance: float) -> bool:
    """The numeric grading rule (shared with the answer checker): an absolute tolerance, with
    room for the binary rounding of decimals such as 0.642 − 0.6415."""
    return abs(given - want) <= max(tolerance, 1e-9) * (1 + 1e-9) + 1e-12


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
PRECISION = re.compile(r"\b(\d+|one|two|three|four|five|six)\s+(decimal places?|decimals?|significant (?:figures?|digits?))", re.I)


def precision_problem(prompt: str, value: float, tolerance: float) -> str | None:
    """A numeric prompt that asks for N decimal places (or N significant figures) must accept the
    answer rounded so: otherwise a learner who does exactly what it asks is marked wrong."""
    m = PRECISION.search(" ".join(prompt.split()))
    if not m:
        return None
    n = int(m[1]) if m[1].isdigit() else _WORDS[m[1].lower()]
    if n < 1 and "significant" in m[2].lower():
        return f"prompt: asks for {m[0]!r}; a number has at least one significant figure"
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(value))
    if "dec" in m[2].lower():
        step = Decimal(1).scaleb(-n)
    else:
        step = Decimal(1).scaleb(exact.adjusted() - n + 1) if value else Decimal(1)
    rounded = float(exact.quantize(step, rounding=ROUND_HALF_UP))  # as a learner rounds: half up
    if not within(rounded, value, tolerance):
        need = abs(rounded - value)
        return (f"tolerance: the prompt asks for {m[0]}, but the answer so rounded ({rounded:g}) is off by "
                f"{need:.3g}, more than the tolerance {tolerance:g}; use a tolerance of at least {need:.3g} "
                f"(half a unit of the last place asked for is the usual choice)")
    return None


class Bank(Strict):
    """One day's question bank, ``content/days/dayNN_<slug>.yaml``."""

    day: int = Field(ge=1, le=45)
    questions: list[Question] = []


class Topic(Strict):
    id: str = Field(pattern=TOPIC_ID)
    title: str = Field(min_length=1)
    sources: list[str] = []


class Subsection(Strict):
    id: str = Field(pattern=TOPIC_ID)
    title: str = Field(min_length=1)
    sources: list[str] = []
    topics: list[Topic] = Field(min_length=1)


class Section(Strict):
    id: str = Field(pattern=TOPIC_ID)
    title: str = Field(min_length=1)
    sources: list[str] = []
    subsections: list[Subsection] = Field(min_length=1)


class Day(Strict):
    day: int = Field(ge=1, le=45)
    title: str = Field(min_length=1)
    rationale: str | None = None
    sections: list[Section] = Field(min_length=1)

    @property
    def id(self) -> str:
        return f"d{self.day:02d}"


class Week(Strict):
    week: int = Field(ge=1)
    title: str = Field(min_length=1)
    days: list[Day] = Field(min_length=1)


class Course(Strict):
    """The syllabus, ``content/course.yaml``: weeks → days → sections → subsections → topics."""

    title: str
    weeks: list[Week] = Field(min_length=1)


class Source(Strict):
    """A module of a seed course (a lab, an assignment, a notebook section, a concept)."""

    id: str = Field(pattern=SOURCE_ID)
    course: str
    title: str


class SourceList(Strict):
    sources: list[Source] = []
