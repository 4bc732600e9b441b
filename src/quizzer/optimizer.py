"""Fit the 21 FSRS-6 parameters to the learner's own reviews with fsrs-rs (the Rust optimizer
Anki uses), judge them on later reviews held out, and adopt them only if they predict better."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime

from quizzer.errors import UserError
from quizzer.history import fsrs_items, load_history
from quizzer.settings import load_settings, save_setting
from quizzer.store import Store

MIN_REVIEWS = 400  # below this a fit mostly learns noise; Anki suggests optimizing monthly


@dataclass(frozen=True)
class FitReport:
    reviews: int
    train_items: int
    test_items: int
    default: dict
    fitted: dict
    parameters: list[float]
    adopted: bool
    seconds: float
    fitted_at: str


def _require():
    try:
        import fsrs_rs_python  # noqa: F401
    except ImportError:
        raise UserError("fitting FSRS needs the 'fsrs-rs-python' package", "install it with: pip install 'quizzer[optimize]'") from None


def fit(store: Store, profile_id: int, now: datetime, holdout: float = 0.2, save: bool = True) -> FitReport:
    """Train on the earlier reviews, evaluate default and fitted parameters on the later ones."""
    _require()
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

    start = time.perf_counter()
    with store.read() as s:
        settings = load_settings(s, profile_id)
    history = load_history(store, profile_id)
    if len(history) < MIN_REVIEWS:
        raise UserError(f"only {len(history)} reviews so far; fitting needs at least {MIN_REVIEWS}",
                        "keep reviewing; quizzer suggests a fit once enough reviews have accumulated")
    items = fsrs_items(history, settings.day_boundary_hour)
    cut = int(len(items) * (1 - holdout))
    train, test = [i for _, i in items[:cut]], [i for _, i in items[cut:]]
    current = list(settings.parameters or DEFAULT_PARAMETERS)
    fitted = FSRS(current).compute_parameters(train)
    before, after = FSRS(current).evaluate(test), FSRS(fitted).evaluate(test)
    better = after.log_loss < before.log_loss
    report = FitReport(len(history), len(train), len(test),
                       {"log_loss": round(before.log_loss, 5), "rmse_bins": round(before.rmse_bins, 5)},
                       {"log_loss": round(after.log_loss, 5), "rmse_bins": round(after.rmse_bins, 5)},
                       [round(p, 4) for p in fitted], better, round(time.perf_counter() - start, 3), now.isoformat())
    if save:
        with store.write() as s:
            if better:
                save_setting(s, profile_id, "parameters", report.parameters)
            from quizzer.store.models import Setting

            row = s.get(Setting, (profile_id, "fit_history"))
            entry = {k: v for k, v in asdict(report).items() if k != "parameters"}
            if row is None:
                s.add(Setting(profile_id=profile_id, key="fit_history", value=[entry]))
            else:
                row.value = [*row.value, entry]
    return report


def reschedule(store: Store, profile_id: int) -> int:
    """Recompute every card's memory state and due date by replaying its log with the profile's
    current parameters (py-fsrs's reschedule_card). Returns the number of cards changed."""
    from collections import defaultdict

    from fsrs import Card, ReviewLog
    from sqlalchemy import select

    from quizzer.scheduler import RATINGS, apply_fsrs, make_scheduler
    from quizzer.store.models import CardRow, ReviewRow

    with store.read() as s:
        scheduler = make_scheduler(load_settings(s, profile_id).model_copy(update={"enable_fuzzing": False}))
    changed = 0
    with store.write() as s:
        logs = defaultdict(list)
        for r in s.scalars(select(ReviewRow).where(ReviewRow.profile_id == profile_id, ReviewRow.kind == "review")
                           .order_by(ReviewRow.reviewed_at, ReviewRow.id)):
            logs[r.card_id].append(ReviewLog(card_id=r.card_id, rating=RATINGS[r.rating], review_datetime=r.reviewed_at,
                                             review_duration=r.duration_ms))
        for row in s.scalars(select(CardRow).where(CardRow.profile_id == profile_id, CardRow.reps > 0)):
            if row.id not in logs:
                continue
            new = scheduler.reschedule_card(Card(card_id=row.id, due=logs[row.id][0].review_datetime), logs[row.id])
            if (new.stability, new.due) != (row.stability, row.due):
                apply_fsrs(row, new)
                changed += 1
    return changed
