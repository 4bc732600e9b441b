"""Content coverage: per day, which topics have key questions, and the mix of kinds and levels."""

from __future__ import annotations

from collections import Counter

from quizzer.content import Catalog
from quizzer.content.models import KINDS, LEVELS


def coverage(catalog: Catalog) -> dict:
    """Per day and per seed source: topics covered by a key question, questions by kind/level,
    and the lessons: ``lesson_topics`` counts leaf topics whose lesson heading has at least
    ``MIN_TOPIC_WORDS`` words of prose; ``lesson_words`` the prose words of the day's lessons."""
    days = []
    lessons = catalog.lessons
    for day in catalog.days:
        leaves = [t for t in catalog.topics.values() if t.day == day.day and t.is_leaf]
        qs = [q for q in catalog.questions.values() if catalog.topics[q.topic].day == day.day]
        covered = {q.topic for q in qs if q.category == "key"}
        kinds, levels = Counter(q.kind for q in qs), Counter(q.level for q in qs)
        days.append({
            "day": day.day,
            "week": catalog.week_of_day(day.day),
            "title": day.title,
            "topics_total": len(leaves),
            "topics_covered": sum(t.id in covered for t in leaves),
            "questions": len(qs),
            "key": sum(q.category == "key" for q in qs),
            "tricky": sum(q.category == "tricky" for q in qs),
            "by_kind": {k: kinds.get(k, 0) for k in KINDS},
            "by_level": {lv: levels.get(lv, 0) for lv in LEVELS},
            "uncovered": [t.id for t in leaves if t.id not in covered],
            "lesson_topics": sum(lessons.taught(t.id) for t in leaves),
            "lesson_words": lessons.day_words(day.day),
        })
    sources = []
    for sid, title in catalog.sources.items():
        topics = catalog.source_topics(sid)
        sources.append({"id": sid, "title": title, "topics": len(topics),
                        "questions": len(catalog.questions_for(source=sid))})
    return {"total_questions": len(catalog.questions), "days": days, "sources": sources}
