"""A light index of the course for statistics (each question's and exercise's day, the topics
and their titles), cached as JSON under the content's fingerprint so quick paths skip the YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from quizzer import paths

FORMAT = 2  # bump when the cached JSON changes shape


@dataclass(frozen=True)
class QuestionRef:
    topic: str
    day: int


@dataclass(frozen=True)
class TopicRef:
    title: str
    day: int
    week: int
    order: int


@dataclass
class CourseIndex:
    """Which day, week and topic each question and exercise belongs to, and the titles."""

    fingerprint: str
    title: str
    questions: dict[str, QuestionRef]
    topics: dict[str, TopicRef]
    day_titles: dict[int, str]
    exercise_days: dict[str, int]

    @classmethod
    def of(cls, catalog, exercises: dict, fingerprint: str) -> CourseIndex:
        return cls(fingerprint, catalog.course.title,
                   {qid: QuestionRef(q.topic, catalog.topics[q.topic].day) for qid, q in catalog.questions.items()},
                   {tid: TopicRef(t.title, t.day, t.week, t.order) for tid, t in catalog.topics.items()},
                   {d.day: d.title for d in catalog.days},
                   {eid: ex.meta.day for eid, ex in exercises.items()})

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "title": self.title,
                           "questions": {k: [v.topic, v.day] for k, v in self.questions.items()},
                           "topics": {k: [v.title, v.day, v.week, v.order] for k, v in self.topics.items()},
                           "days": {str(k): v for k, v in self.day_titles.items()}, "exercises": self.exercise_days})

    @classmethod
    def from_json(cls, text: str) -> CourseIndex | None:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            return None
        return cls(data["fingerprint"], data["title"], {k: QuestionRef(*v) for k, v in data["questions"].items()},
                   {k: TopicRef(*v) for k, v in data["topics"].items()},
                   {int(k): v for k, v in data["days"].items()}, data["exercises"])


def fingerprint(root: Path) -> str:
    """Changes whenever a content file is added, removed or edited (by path, size and mtime)."""
    digest = hashlib.sha1(str(Path(root).resolve()).encode())
    for folder, _dirs, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _cache_file(root: Path) -> Path:
    key = hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return paths.cache_dir() / f"course-{key}.json"


def cached_index(root: Path) -> CourseIndex | None:
    """The cached index of ``root`` if it matches the files now there, else None."""
    try:
        index = CourseIndex.from_json(_cache_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return index if index is not None and index.fingerprint == fingerprint(root) else None


def save_index(index: CourseIndex, root: Path) -> None:
    """Cache the index; a cache that cannot be written only costs speed, so errors are ignored."""
    from quizzer.atomic import replaced_atomically

    try:
        with replaced_atomically(_cache_file(root)) as tmp:
            tmp.write_text(index.to_json(), encoding="utf-8")
    except OSError:
        pass
