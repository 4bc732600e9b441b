"""Self-assessment exams: auto-gradable questions balanced across topics and levels, answers
hidden until the end, a report by topic and level, and a comparison with the previous exam."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from quizzer.answers import check_typed
from quizzer.content import Catalog
from quizzer.errors import UserError
from quizzer.store import Store
from quizzer.store.models import Exam

GRADABLE = ("mcq", "numeric", "code_output", "cloze")


def pick_questions(catalog: Catalog, candidates: list[str], n: int, seed: int | None = None) -> list[str]:
    """Up to ``n`` auto-gradable questions, levels in equal shares and topics spread round-robin."""
    rng = random.Random(seed)
    pool = [q for q in candidates if catalog.questions[q].kind in GRADABLE]
    if not pool:
        raise UserError("no auto-gradable questions (mcq, numeric, code_output, cloze) in this scope",
                        "choose other days: quizzer exam --days 1-9")
    by_level: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in pool:
        by_level[catalog.questions[q].level][catalog.questions[q].topic].append(q)
    queues = {}
    for level, topics in by_level.items():
        order = list(topics)
        rng.shuffle(order)
        for t in order:
            rng.shuffle(topics[t])
        rounds = []  # one question per topic per round, so topics are spread before any repeats
        while any(topics[t] for t in order):
            rounds += [topics[t].pop() for t in order if topics[t]]
        queues[level] = rounds
    chosen = []
    while len(chosen) < n and any(queues.values()):
        for level in ("beginner", "intermediate", "advanced"):
            if queues.get(level) and len(chosen) < n:
                chosen.append(queues[level].pop(0))
    rng.shuffle(chosen)
    return chosen


@dataclass
class ExamRun:
    """An exam in progress: questions, answers so far, and the clock."""

    scope: str
    questions: list[str]
    started_at: datetime
    minutes: float | None
    answers: dict[str, str] = field(default_factory=dict)

    def time_left(self, now: datetime) -> float | None:
        if self.minutes is None:
            return None
        return self.minutes * 60 - (now - self.started_at).total_seconds()


def score(catalog: Catalog, run: ExamRun) -> list[dict]:
    out = []
    for qid in run.questions:
        q = catalog.questions[qid]
        given = run.answers.get(qid)
        verdict = check_typed(q, given) if given is not None else None
        out.append({"question": qid, "topic": q.topic, "level": q.level, "kind": q.kind, "given": given,
                    "expected": verdict.expected if verdict else check_typed(q, "").expected,
                    "correct": bool(verdict and verdict.correct)})
    return out


def report(catalog: Catalog, answers: list[dict], previous: Exam | None) -> dict:
    def tally(key):
        groups: dict[str, list[bool]] = defaultdict(list)
        for a in answers:
            groups[a[key]].append(a["correct"])
        return {k: {"correct": sum(v), "questions": len(v), "score": round(sum(v) / len(v), 3)} for k, v in groups.items()}

    by_topic = tally("topic")
    weak = sorted((t for t, v in by_topic.items() if v["score"] < 0.6), key=lambda t: by_topic[t]["score"])
    correct = sum(a["correct"] for a in answers)
    result = {"questions": len(answers), "correct": correct, "score": round(correct / len(answers), 3) if answers else 0.0,
              "by_level": tally("level"), "by_topic": {t: {**v, "title": catalog.topics[t].title} for t, v in by_topic.items()},
              "weak_topics": [{"topic": t, "title": catalog.topics[t].title} for t in weak]}
    if previous is not None:
        before = previous.correct / previous.questions if previous.questions else 0.0
        result["previous"] = {"date": previous.finished_at.isoformat(), "score": round(before, 3),
                              "change": round(result["score"] - before, 3)}
    return result


def save_exam(store: Store, profile_id: int, run: ExamRun, answers: list[dict], now: datetime) -> Exam | None:
    """Store the exam and return the previous one of the same scope (None if it is the first)."""
    with store.write() as s:
        previous = s.scalars(select(Exam).where(Exam.profile_id == profile_id, Exam.scope == run.scope)
                             .order_by(Exam.finished_at.desc()).limit(1)).first()
        s.add(Exam(profile_id=profile_id, scope=run.scope, started_at=run.started_at, finished_at=now,
                   questions=len(answers), correct=sum(a["correct"] for a in answers), answers=answers))
    return previous


def feed_as_reviews(session, card_ids: dict[str, int], answers: list[dict]) -> int:
    """Optionally count the exam as reviews: Good when right, Again when wrong."""
    for a in answers:
        if a["given"] is not None and a["question"] in card_ids:
            session.grade(card_ids[a["question"]], 3 if a["correct"] else 1, 0)
    return sum(a["given"] is not None for a in answers)
