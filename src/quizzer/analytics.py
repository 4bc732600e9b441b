"""Statistics in the spirit of Anki's, and beyond: activity, workload, true retention, FSRS
calibration on the learner's own history, and mastery of the course by week, day and topic."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from quizzer.history import LoggedReview, load_history
from quizzer.days import day_start
from quizzer.scheduler import make_scheduler, to_fsrs
from quizzer.settings import ProfileSettings, read_settings
from quizzer.snapshot import as_utc

MATURE_DAYS = 21  # Anki's threshold for a mature card, and ours for "mastered"


@dataclass(frozen=True)
class CardFigures:
    """The columns of a card that statistics use (what ``to_fsrs`` needs, and the counters)."""

    id: int
    question_id: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int
    suspended: bool
    retired: bool


def load_cards(reader, profile_id: int, question_ids: set[str] | None = None) -> list[CardFigures]:
    rows = reader.rows("""
        SELECT id, question_id, state, step, stability, difficulty, due, last_review, reps, lapses, suspended, retired
        FROM cards WHERE profile_id = :p""", p=profile_id)
    return [CardFigures(cid, qid, state, step, stab, diff, as_utc(due), as_utc(last), reps, lapses, bool(susp), bool(ret))
            for cid, qid, state, step, stab, diff, due, last, reps, lapses, susp, ret in rows
            if question_ids is None or qid in question_ids]


def activity(history: list[LoggedReview], now: datetime, boundary: int, days: int = 365) -> dict:
    """Reviews and minutes per learner day, the streak, and answer-button counts."""
    today = day_start(now, boundary)
    per_day: Counter[str] = Counter()
    minutes: defaultdict[str, float] = defaultdict(float)
    offsets: set[int] = set()
    for r in history:
        start = day_start(r.at, boundary)
        back = (today - start).days
        if back < days:
            key = start.astimezone().date().isoformat()
            per_day[key] += 1
            minutes[key] += r.duration_ms / 60000
        offsets.add(back)
    first = 0 if 0 in offsets else 1
    streak = first
    while streak in offsets:
        streak += 1
    buttons = Counter(r.rating for r in history)
    return {
        "reviews_per_day": dict(sorted(per_day.items())),
        "minutes_per_day": {k: round(v, 1) for k, v in sorted(minutes.items())},
        "streak": streak - first,
        "days_studied": len(per_day),
        "answer_buttons": {name: buttons.get(i, 0) for i, name in ((1, "again"), (2, "hard"), (3, "good"), (4, "easy"))},
    }


def true_retention(history: list[LoggedReview], now: datetime, boundary: int, periods=(7, 30, 365)) -> dict:
    """Share of review-state cards recalled (rating > Again), first review of the day per card,
    split young/mature by the scheduled interval."""
    today = day_start(now, boundary)
    seen: set[tuple[int, datetime]] = set()
    firsts = []
    for r in history:
        if r.state_before != 2 or r.last_review_before is None:
            continue
        key = (r.card_id, day_start(r.at, boundary))
        if key in seen:
            continue
        seen.add(key)
        interval = (r.due_before - r.last_review_before).total_seconds() / 86400
        firsts.append(((today - key[1]).days, interval >= MATURE_DAYS, r.rating > 1))
    out = {}
    for period in periods:
        rows = [f for f in firsts if f[0] < period]
        out[f"last_{period}_days"] = {
            group: _rate([ok for _, mature, ok in rows if want(mature)])
            for group, want in (("young", lambda m: not m), ("mature", lambda m: m), ("all", lambda m: True))}
    return out


def _rate(outcomes: list[bool]) -> dict:
    return {"reviews": len(outcomes), "retention": round(sum(outcomes) / len(outcomes), 4) if outcomes else None}


def calibration(history: list[LoggedReview], settings: ProfileSettings, bins: int = 20) -> dict:
    """Predicted recall (FSRS retrievability at review time) against what happened: per-bin
    means, log loss and RMSE(bins), the metrics of the srs-benchmark."""
    scheduler = make_scheduler(settings)
    decay, factor = scheduler._DECAY, scheduler._FACTOR  # the forgetting curve py-fsrs uses
    pairs = []
    for r in history:
        if r.state_before == 0 or r.stability_before is None or r.last_review_before is None:
            continue
        elapsed = (r.at - r.last_review_before).days
        if elapsed < 1:  # same-day repeats test short-term memory, which this curve does not model
            continue
        p = (1 + factor * elapsed / r.stability_before) ** decay
        pairs.append((p, 1.0 if r.rating > 1 else 0.0))
    if not pairs:
        return {"reviews": 0, "log_loss": None, "rmse_bins": None, "bins": []}
    eps = 1e-6
    log_loss = -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps)) for p, y in pairs) / len(pairs)
    grouped: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for p, y in pairs:
        grouped[min(int(p * bins), bins - 1)].append((p, y))
    table, sq = [], 0.0
    for b in sorted(grouped):
        rows = grouped[b]
        pred = sum(p for p, _ in rows) / len(rows)
        actual = sum(y for _, y in rows) / len(rows)
        sq += len(rows) * (pred - actual) ** 2
        table.append({"from": b / bins, "to": (b + 1) / bins, "reviews": len(rows),
                      "predicted": round(pred, 4), "actual": round(actual, 4)})
    return {"reviews": len(pairs), "log_loss": round(log_loss, 5), "rmse_bins": round(math.sqrt(sq / len(pairs)), 5),
            "bins": table}


def forecast(cards: list[CardFigures], now: datetime, boundary: int, seconds_per_review: float, days: int = 30) -> list[dict]:
    """Reviews due on each of the next ``days`` learner days (overdue counted today), as Anki's Future Due."""
    today = day_start(now, boundary)
    counts = Counter()
    for c in cards:
        if c.reps == 0 or c.suspended or c.retired:
            continue
        counts[max(0, (day_start(c.due, boundary) - today).days)] += 1
    return [{"day": i, "date": (today + timedelta(days=i)).astimezone().date().isoformat(), "reviews": counts.get(i, 0),
             "minutes": round(counts.get(i, 0) * seconds_per_review / 60, 1)} for i in range(days)]


def memory(cards: list[CardFigures], settings: ProfileSettings, now: datetime,
           history: list[LoggedReview] = (), days: int = 30) -> tuple[dict, dict[int, float]]:
    """What FSRS predicts (average retrievability now, estimated total knowledge Σ R) beside what
    happened: the share of the last ``days`` days' answers that were right.

    The two differ on purpose: just after an Again the card's predicted recall is near 100% (it
    was shown the answer a minute ago), while the answer itself was wrong.
    """
    scheduler = make_scheduler(settings)
    r = {c.id: scheduler.get_card_retrievability(to_fsrs(c), now) for c in cards if c.reps > 0 and not c.retired}
    recent = [h.right for h in history if h.at >= now - timedelta(days=days)]
    return ({"reviewed_cards": len(r), "average_retrievability": round(sum(r.values()) / len(r), 4) if r else None,
             "estimated_total_knowledge": round(sum(r.values()), 1),
             "answered_right": round(sum(recent) / len(recent), 4) if recent else None,
             "answered": len(recent), "answered_days": days}, r)


def mastery(course, cards: list[CardFigures], retrievability: dict[int, float], exercises: dict | None = None,
            history: list[LoggedReview] = ()) -> dict:
    """Per week, day and topic (``course`` is a ``CourseIndex``): cards, introduced, mastered
    (stability ≥ 21 d), average predicted R, lapses, and the share of all answers that were right.

    The weakest topics are those answered wrong most often (then lowest R, most lapses)."""
    def blank():
        return {"cards": 0, "introduced": 0, "mastered": 0, "lapses": 0, "_r": [], "_right": [0, 0]}

    answers: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for h in history:
        answers[h.card_id][0] += h.right
        answers[h.card_id][1] += 1

    weeks, days, topics = defaultdict(blank), defaultdict(blank), defaultdict(blank)
    for c in cards:
        q = course.questions.get(c.question_id)
        if q is None or c.retired:
            continue
        t = course.topics[q.topic]
        leaf = q.topic
        for bucket in (weeks[t.week], days[t.day], topics[leaf]):
            bucket["cards"] += 1
            if c.reps > 0:
                bucket["introduced"] += 1
                bucket["lapses"] += c.lapses
                bucket["_r"].append(retrievability.get(c.id, 0.0))
                bucket["mastered"] += (c.stability or 0) >= MATURE_DAYS
            if c.id in answers:
                bucket["_right"][0] += answers[c.id][0]
                bucket["_right"][1] += answers[c.id][1]

    def done(bucket):
        rs = bucket.pop("_r")
        right, answered = bucket.pop("_right")
        bucket["average_retrievability"] = round(sum(rs) / len(rs), 4) if rs else None
        bucket["answered"] = answered
        bucket["answered_right"] = round(right / answered, 4) if answered else None
        return bucket

    topic_rows = []
    for tid, b in topics.items():
        b = done(b)
        topic_rows.append({"topic": tid, "title": course.topics[tid].title, "day": course.topics[tid].day, **b})
    weakest = sorted((t for t in topic_rows if t["answered"] and t["average_retrievability"] is not None),
                     key=lambda t: (t["answered_right"], t["average_retrievability"], -t["lapses"]))[:10]
    day_rows = []
    for d in sorted(days):
        row = {"day": d, "title": course.day_titles[d], **done(days[d])}
        if exercises is not None:
            row["exercises"] = exercises.get(d, {"passed": 0, "attempted": 0, "total": 0})
        day_rows.append(row)
    return {"weeks": [{"week": w, **done(weeks[w])} for w in sorted(weeks)], "days": day_rows,
            "topics": sorted(topic_rows, key=lambda t: course.topics[t["topic"]].order), "weakest_topics": weakest}


def exercise_days(reader, profile_id: int, course) -> dict[int, dict]:
    """Per course day: exercises passed, attempted and in total (``course`` is a ``CourseIndex``)."""
    rows = reader.rows("""
        SELECT s.exercise_id, s.status,
               (SELECT COUNT(*) FROM exercise_attempts a WHERE a.profile_id = s.profile_id AND a.exercise_id = s.exercise_id)
        FROM exercise_state s WHERE s.profile_id = :p""", p=profile_id)
    marks = {eid: (status, attempts) for eid, status, attempts in rows}
    out: dict[int, dict] = {}
    for eid, day in course.exercise_days.items():
        row = out.setdefault(day, {"passed": 0, "attempted": 0, "total": 0})
        row["total"] += 1
        status, attempts = marks.get(eid, ("not_started", 0))
        if attempts:
            row["attempted"] += 1
            row["passed"] += status == "passed"
    return out


def full_stats(reader, profile_id: int, now: datetime, course=None, question_ids: set[str] | None = None,
               exercises: dict | None = None) -> dict:
    """Every figure behind ``quizzer stats --json`` (restricted to ``question_ids`` when given).

    ``reader`` is a ``Store`` or a ``Snapshot``; ``course`` a ``CourseIndex`` for mastery.
    """
    settings = read_settings(reader, profile_id)
    cards = load_cards(reader, profile_id, question_ids)
    history = load_history(reader, profile_id, question_ids=question_ids)
    boundary = settings.day_boundary_hour
    recent = [r.duration_ms for r in history[-1000:] if r.duration_ms > 0]
    per_review = (sum(recent) / len(recent) / 1000) if recent else 10.0
    mem, r = memory(cards, settings, now, history)
    out = {
        "activity": activity(history, now, boundary),
        "forecast": forecast(cards, now, boundary, per_review),
        "seconds_per_review": round(per_review, 1),
        "retention": {"desired": settings.desired_retention, **true_retention(history, now, boundary)},
        "memory": mem,
        "calibration": calibration(history, settings),
    }
    if course is not None:
        out["mastery"] = mastery(course, cards, r, exercises, history)
    return out
