"""A learner's exercises in the store: status, attempts, and spaced re-solving with FSRS.

A pass is graded like a card (Good, or Hard after hints, Again after giving up), so an exercise
comes back for re-solving when FSRS says it is due; then the learner's solution is moved aside
and the stub restored, so they write it again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, State
from sqlalchemy import select

from quizzer.practice.models import Exercise, place_stub
from quizzer.practice.runner import CheckResult
from quizzer.scheduler import make_scheduler
from quizzer.settings import load_settings
from quizzer.store import Store
from quizzer.store.models import ExerciseAttempt, ExerciseState


@dataclass(frozen=True)
class Standing:
    exercise_id: str
    status: str  # not_started | failing | passed | due
    due: datetime | None
    attempts: int
    hints_shown: int


def _state(s, profile_id: int, exercise_id: str) -> ExerciseState:
    row = s.scalars(select(ExerciseState).where(ExerciseState.profile_id == profile_id,
                                                ExerciseState.exercise_id == exercise_id)).first()
    if row is None:
        row = ExerciseState(profile_id=profile_id, exercise_id=exercise_id, status="not_started",
                            hints_shown=0, gave_up=False, passes=0)
        s.add(row)
        s.flush()
    return row


def record_attempt(store: Store, profile_id: int, result: CheckResult, now: datetime) -> ExerciseState:
    """Store a check run; a pass schedules the exercise for re-solving with FSRS."""
    with store.read() as s:
        settings = load_settings(s, profile_id)
    with store.write() as s:
        s.add(ExerciseAttempt(profile_id=profile_id, exercise_id=result.exercise, started_at=now, status=result.status,
                              device=result.device, seconds=result.seconds,
                              passed_checks=sum(c["status"] == "pass" for c in result.checks), total_checks=len(result.checks)))
        row = _state(s, profile_id, result.exercise)
        if result.passed:
            rating = Rating.Again if row.gave_up else Rating.Hard if row.hints_shown else Rating.Good
            card = Card(card_id=row.id or 1, state=State(row.state) if row.state else State.Learning, step=row.step,
                        stability=row.stability, difficulty=row.difficulty, due=row.due or now, last_review=row.last_review)
            # exercises skip the minute-scale learning steps: re-solving the same day teaches little
            scheduler = make_scheduler(settings.model_copy(update={"learning_steps": [], "relearning_steps": []}))
            card, _ = scheduler.review_card(card, rating, now)
            row.state, row.step, row.stability, row.difficulty = int(card.state), card.step, card.stability, card.difficulty
            row.due, row.last_review = card.due, now
            row.status, row.passes, row.gave_up, row.hints_shown = "passed", row.passes + 1, False, 0
        elif result.status != "skipped" and row.status != "passed":
            row.status = "failing"
        return row


def standings(store: Store, profile_id: int, now: datetime) -> dict[str, Standing]:
    with store.read() as s:
        rows = {r.exercise_id: r for r in s.scalars(select(ExerciseState).where(ExerciseState.profile_id == profile_id))}
        counts: dict[str, int] = {}
        for exercise_id in s.scalars(select(ExerciseAttempt.exercise_id).where(ExerciseAttempt.profile_id == profile_id)):
            counts[exercise_id] = counts.get(exercise_id, 0) + 1
    out = {}
    for eid, r in rows.items():
        status = "due" if r.status == "passed" and r.due is not None and r.due <= now else r.status
        out[eid] = Standing(eid, status, r.due, counts.get(eid, 0), r.hints_shown)
    return out


def standing(store: Store, profile_id: int, exercise_id: str, now: datetime) -> Standing:
    return standings(store, profile_id, now).get(exercise_id, Standing(exercise_id, "not_started", None, 0, 0))


def reveal_hint(store: Store, profile_id: int, ex: Exercise) -> tuple[int, str]:
    """The next hint (1-based number and text); the last one repeats once all are shown."""
    with store.write() as s:
        row = _state(s, profile_id, ex.id)
        row.hints_shown = min(row.hints_shown + 1, len(ex.meta.hints))
        n = row.hints_shown
    return n, ex.meta.hints[n - 1]


def give_up(store: Store, profile_id: int, ex: Exercise) -> None:
    with store.write() as s:
        _state(s, profile_id, ex.id).gave_up = True


def can_see_solution(store: Store, profile_id: int, ex: Exercise) -> bool:
    with store.read() as s:
        row = s.scalars(select(ExerciseState).where(ExerciseState.profile_id == profile_id,
                                                    ExerciseState.exercise_id == ex.id)).first()
    return row is not None and (row.passes > 0 or row.gave_up)


def reset_workspace(ex: Exercise, now: datetime) -> str | None:
    """Restore the stub; keep the learner's file as a dated backup. Returns the backup name."""
    backup = None
    if ex.workspace.exists():
        if ex.workspace.read_bytes() == ex.stub.read_bytes():
            return None
        backup = ex.workspace.with_name(f"{ex.workspace.stem}.{now:%Y%m%d-%H%M%S}.bak.py")
        shutil.copy2(ex.workspace, backup)
    place_stub(ex)
    return backup.name if backup else None


def progress_line(marks, exercises, width: int = 20) -> str:
    """``[██████░░░░] 7/43 done``: exercises passed (due again counts as done once passed)."""
    done = sum(1 for ex in exercises if marks.get(ex) and marks[ex].status in ("passed", "due"))
    total = len(exercises)
    filled = round(width * done / total) if total else 0
    return f"[{'█' * filled}{'░' * (width - filled)}] {done}/{total} done"
