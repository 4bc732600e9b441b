"""Load and validate the content folder, reporting every problem with file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from quizzer.content.models import Bank, Course, Day, Question, SourceList

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

BANK_NAME = re.compile(r"^day(\d{2})_[a-z0-9_]+\.yaml$")
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Problem:
    """One content mistake, located as precisely as the YAML allows."""

    file: str
    line: int
    message: str
    question: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        if self.question:
            where += f"question {self.question}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class ContentError(Exception):
    """The content folder has mistakes; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' * (n != 1)} in the content; fix them and run `quizzer validate` again.")
        return "\n".join(lines)


@dataclass(frozen=True)
class TopicInfo:
    """Where a syllabus node sits: its day, week, titles from the day down, and course order."""

    id: str
    title: str
    day: int
    week: int
    path: tuple[str, ...]
    order: int
    is_leaf: bool
    sources: tuple[str, ...]


@dataclass
class Catalog:
    """Validated content: the syllabus, its topic index and every question in course order."""

    root: Path
    course: Course
    topics: dict[str, TopicInfo]
    questions: dict[str, Question]
    question_file: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""  # of the files as they were just before loading (course_index.fingerprint)

    @cached_property
    def lessons(self):
        """The study notes under ``lessons/``, read on first use, with their problems."""
        from quizzer.content.lessons import load_lessons

        return load_lessons(self.root, self.topics)

    @property
    def days(self) -> list[Day]:
        return [d for w in self.course.weeks for d in w.days]

    def day(self, number: int) -> Day | None:
        return next((d for d in self.days if d.day == number), None)

    def week_of_day(self, number: int) -> int | None:
        return next((w.week for w in self.course.weeks for d in w.days if d.day == number), None)

    def question_day(self, qid: str) -> int:
        return self.topics[self.questions[qid].topic].day

    def in_course_order(self) -> list[str]:
        """Question ids in the order new cards are introduced: day, topic, key before tricky."""

        def key(item: tuple[int, Question]) -> tuple[int, int, int, int]:
            index, q = item
            t = self.topics[q.topic]
            return (t.day, t.order, q.category != "key", index)

        return [q.id for _, q in sorted(enumerate(self.questions.values()), key=key)]

    def source_topics(self, source: str) -> set[str]:
        """Topic ids a seed-course module maps to, including every topic beneath them."""
        direct = {tid for tid, t in self.topics.items() if source in t.sources}
        return {tid for tid in self.topics if any(tid == d or tid.startswith(d + ".") for d in direct)}

    def questions_for(
        self, *, days: set[int] | None = None, source: str | None = None
    ) -> list[str]:
        """Question ids restricted to some days and/or one seed-course module."""
        ids = list(self.questions)
        if days is not None:
            ids = [q for q in ids if self.topics[self.questions[q].topic].day in days]
        if source is not None:
            topics = self.source_topics(source)
            ids = [q for q in ids if self.questions[q].topic in topics or source in self.questions[q].sources]
        return ids


class _Located:
    """A parsed YAML document plus the line of every mapping key and sequence item."""

    def __init__(self, data: Any, lines: dict[tuple, int]):
        self.data = data
        self.lines = lines

    def line(self, loc: tuple) -> int:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def _index_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int], depth: int = 0) -> None:
    if depth > 50:
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[path + (key.value,)] = key.start_mark.line + 1
                _index_lines(value, path + (key.value,), lines, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _index_lines(item, path + (i,), lines, depth + 1)


def _read_yaml(path: Path, shown: str) -> _Located:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError([Problem(shown, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(shown, line, f"not valid UTF-8 (byte {raw[exc.start]:#04x}); save the file as UTF-8")]) from None
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise ContentError([Problem(shown, line, f"malformed YAML: {what}")]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ContentError([Problem(shown, 1, f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    return _Located(data, lines)


def _describe(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see content/README.md for the schema)"
    if kind == "missing":
        return "required field is missing"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _validate(model: type[BaseModel], doc: _Located, shown: str) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            question = None
            if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
                items = doc.data.get("questions") if isinstance(doc.data, dict) else None
                if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
                    question = str(items[loc[1]].get("id", f"#{loc[1] + 1}"))
                else:
                    question = f"#{loc[1] + 1}"
                field_loc = loc[2:]
            else:
                field_loc = loc
            message = _describe(error)
            # a model-level rule names its field at the start of the message
            if not field_loc and ": " in message and " " not in message.split(": ", 1)[0]:
                name, message = message.split(": ", 1)
                field_loc = (name,)
                loc = loc + (name,)
            field_name = ".".join(str(p) for p in field_loc) or None
            problems.append(Problem(shown, doc.line(loc), message, question, field_name))
        return None, problems


def _topic_index(course: Course) -> dict[str, TopicInfo]:
    topics: dict[str, TopicInfo] = {}
    order = 0

    def add(node_id: str, title: str, day: int, week: int, path: tuple[str, ...], leaf: bool, sources) -> None:
        nonlocal order
        order += 1
        topics[node_id] = TopicInfo(node_id, title, day, week, path, order, leaf, tuple(sources))

    for week in course.weeks:
        for day in week.days:
            add(day.id, day.title, day.day, week.week, (day.title,), False, ())
            for sec in day.sections:
                add(sec.id, sec.title, day.day, week.week, (day.title, sec.title), False, sec.sources)
                for sub in sec.subsections:
                    path = (day.title, sec.title, sub.title)
                    add(sub.id, sub.title, day.day, week.week, path, False, sub.sources)
                    for t in sub.topics:
                        add(t.id, t.title, day.day, week.week, path + (t.title,), True, t.sources)
    return topics


def _course_problems(course: Course, doc: _Located, shown: str, sources: dict[str, str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    days: set[int] = set()
    for wi, week in enumerate(course.weeks):
        for di, day in enumerate(week.days):
            loc = ("weeks", wi, "days", di)
            if day.day in days:
                problems.append(Problem(shown, doc.line(loc + ("day",)), f"day {day.day} appears twice", field="day"))
            days.add(day.day)
            for si, sec in enumerate(day.sections):
                sloc = loc + ("sections", si)
                nodes = [(sloc, sec)]
                for bi, sub in enumerate(sec.subsections):
                    bloc = sloc + ("subsections", bi)
                    nodes.append((bloc, sub))
                    nodes += [(bloc + ("topics", ti), t) for ti, t in enumerate(sub.topics)]
                for nloc, node in nodes:
                    if not node.id.startswith(day.id + "."):
                        problems.append(Problem(shown, doc.line(nloc + ("id",)), f"topic id {node.id!r} must start with {day.id}.", field="id"))
                    if node.id in seen:
                        problems.append(Problem(shown, doc.line(nloc + ("id",)), f"topic id {node.id!r} is used twice", field="id"))
                    seen.add(node.id)
                    for s in node.sources:
                        if sources and s not in sources:
                            problems.append(Problem(shown, doc.line(nloc + ("sources",)), f"unknown source {s!r} (not in sources.yaml)", field="sources"))
    return problems


def load_catalog(root: Path) -> Catalog:
    """Load ``root`` (a content folder); raise ContentError listing every problem found."""
    from quizzer.course_index import fingerprint

    root = Path(root)
    problems: list[Problem] = []
    # taken before reading, so an edit made while loading shows as a change next time
    files_seen = fingerprint(root) if root.is_dir() else ""

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            return str(path)

    course_path = root / "course.yaml"
    if not course_path.is_file():
        raise ContentError([Problem(shown(course_path), 1, "the syllabus file is missing; a content folder needs course.yaml and days/")])

    sources: dict[str, str] = {}
    sources_path = root / "sources.yaml"
    if sources_path.is_file():
        try:
            doc = _read_yaml(sources_path, shown(sources_path))
            parsed, errs = _validate(SourceList, doc, shown(sources_path))
            problems += errs
            if parsed:
                sources = {s.id: s.title for s in parsed.sources}
        except ContentError as exc:
            problems += exc.problems

    try:
        doc = _read_yaml(course_path, shown(course_path))
        course, errs = _validate(Course, doc, shown(course_path))
        problems += errs
    except ContentError as exc:
        problems += exc.problems
        course = None
    if course is None:
        raise ContentError(problems)
    problems += _course_problems(course, doc, shown(course_path), sources)
    topics = _topic_index(course)

    questions: dict[str, Question] = {}
    question_file: dict[str, str] = {}
    question_line: dict[str, int] = {}
    bank_days: dict[int, str] = {}
    days_dir = root / "days"
    for path in sorted(days_dir.glob("*.yaml")) if days_dir.is_dir() else []:
        name = shown(path)
        match = BANK_NAME.match(path.name)
        if not match:
            problems.append(Problem(name, 1, "a bank file must be named dayNN_<slug>.yaml (lower case, e.g. day03_tensors.yaml)"))
            continue
        try:
            doc = _read_yaml(path, name)
        except ContentError as exc:
            problems += exc.problems
            continue
        bank, errs = _validate(Bank, doc, name)
        problems += errs
        if bank is None:
            continue
        if bank.day != int(match[1]):
            problems.append(Problem(name, doc.line(("day",)), f"the file name says day {int(match[1])} but the bank says day {bank.day}", field="day"))
        if bank.day in bank_days:
            problems.append(Problem(name, doc.line(("day",)), f"day {bank.day} already has a bank in {bank_days[bank.day]}", field="day"))
        bank_days[bank.day] = name
        for i, q in enumerate(bank.questions):
            line = doc.line(("questions", i))
            if q.id in questions:
                problems.append(Problem(name, doc.line(("questions", i, "id")), f"duplicate id, already used at {question_file[q.id]}:{question_line[q.id]}", q.id, "id"))
                continue
            if not q.id.startswith(f"d{bank.day:02d}-"):
                problems.append(Problem(name, doc.line(("questions", i, "id")), f"ids in the day {bank.day} bank start with d{bank.day:02d}-", q.id, "id"))
            topic = topics.get(q.topic)
            if topic is None:
                problems.append(Problem(name, doc.line(("questions", i, "topic")), f"topic {q.topic!r} is not in the syllabus (content/course.yaml)", q.id, "topic"))
                continue
            if topic.day != bank.day:
                problems.append(Problem(name, doc.line(("questions", i, "topic")), f"topic {q.topic!r} belongs to day {topic.day}, not day {bank.day}", q.id, "topic"))
            for s in q.sources:
                if s not in sources:
                    problems.append(Problem(name, doc.line(("questions", i, "sources")), f"unknown source {s!r} (not in content/sources.yaml)", q.id, "sources"))
            questions[q.id] = q
            question_file[q.id] = name
            question_line[q.id] = line
    if problems:
        raise ContentError(problems)
    return Catalog(root, course, topics, questions, {q: f"{question_file[q]}:{question_line[q]}" for q in questions}, sources,
                   files_seen)
