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
    seed: int | None = None  # draws the same questions again: quizzer exam --seed N

    def time_left(self, now: datetime) -> float | None:
        if self.minutes is None:
            return None
        return self.minutes * 60 - (now - self.started_at).total_seconds()


def plan_exam(catalog: Catalog, now: datetime, *, days=None, week: int | None = None, source: str | None = None,
              n: int = 20, minutes: float | None = None, seed: int | None = None) -> ExamRun:
    """An exam ready to sit, the same from the CLI and the app: checked options, a named scope,
    the questions drawn, and the seed that draws them again (chosen here when none is given)."""
    from quizzer.review import focus_for

    if n < 1 or n > 500:
        raise UserError(f"--n {n} is out of range", "ask for 1 to 500 questions")
    if minutes is not None and minutes <= 0:
        raise UserError("--minutes must be positive", "e.g. --minutes 20")
    focus = focus_for(catalog, days, week, source)
    if focus.questions is not None:
        candidates = sorted(focus.questions)
    else:
        candidates = catalog.questions_for(days=set(focus.days) if focus.days else None)
    scope = (f"days {min(days)}-{max(days)}" if days else f"week {week}" if week
             else f"source {source}" if source else "whole course")
    seed = random.randrange(1, 1_000_000) if seed is None else seed
    return ExamRun(scope, pick_questions(catalog, candidates, n, seed), now, minutes, seed=seed)


def days_reached(store: Store, profile_id: int) -> set[int]:
    """Days 1 to the latest course day with a studied card (Day 1 before any): an exam's default scope."""
    from sqlalchemy import func

    from quizzer.store.models import CardRow

    with store.read() as s:
        last = s.scalar(select(func.max(CardRow.day)).where(CardRow.profile_id == profile_id, CardRow.reps > 0))
    return set(range(1, (last or 1) + 1))


def score(catalog: Catalog, run: ExamRun) -> list[dict]:
    """Each question's verdict, with what the report shows: the prompt's first line and the explanation."""
    out = []
    for qid in run.questions:
        q = catalog.questions[qid]
        given = run.answers.get(qid)
        verdict = check_typed(q, given) if given is not None else None
        out.append({"question": qid, "topic": q.topic, "level": q.level, "kind": q.kind, "given": given,
                    "expected": verdict.expected if verdict else check_typed(q, "").expected,
                    "correct": bool(verdict and verdict.correct),
                    "prompt": next((line for line in q.prompt.strip().splitlines() if line.strip()), ""),
                    "explanation": q.explanation.strip()})
    return out


def finish_exam(store: Store, profile_id: int, catalog: Catalog, run: ExamRun, now: datetime,
                as_reviews: bool = False, session=None) -> dict:
    """Score, store and report an exam, for the CLI and the app alike.

    An exam left before any answer is not recorded (a 0% would stand as the score later exams
    are compared with); ``report["recorded"]`` says which. With ``as_reviews`` each answer also
    counts as a review through ``session`` (a ``ReviewSession``).
    """
    answers = score(catalog, run)
    answered = sum(a["given"] is not None for a in answers)
    previous = save_exam(store, profile_id, run, answers, now) if answered else None
    rep = report(catalog, answers, previous)
    rep.update(recorded=bool(answered), answered=answered, seed=run.seed, scope=run.scope, answers=answers)
    if as_reviews and answered and session is not None:
        with store.read() as s:
            from quizzer.store.models import CardRow

            ids = dict(s.execute(select(CardRow.question_id, CardRow.id).where(CardRow.profile_id == profile_id)).all())
        rep["counted_as_reviews"] = feed_as_reviews(session, ids, answers)
    return rep


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
        earlier = s.scalars(select(Exam).where(Exam.profile_id == profile_id, Exam.scope == run.scope)
                            .order_by(Exam.finished_at.desc()).limit(20))
        # an exam left before any answer (recorded by older versions) is no score to compare with
        previous = next((e for e in earlier if any(a.get("given") is not None for a in e.answers)), None)
        s.add(Exam(profile_id=profile_id, scope=run.scope, started_at=run.started_at, finished_at=now,
                   questions=len(answers), correct=sum(a["correct"] for a in answers), answers=answers))
    return previous


def feed_as_reviews(session, card_ids: dict[str, int], answers: list[dict]) -> int:
    """Optionally count the exam as reviews: Good when right, Again when wrong."""
    for a in answers:
        if a["given"] is not None and a["question"] in card_ids:
            session.grade(card_ids[a["question"]], 3 if a["correct"] else 1, 0)
    return sum(a["given"] is not None for a in answers)
