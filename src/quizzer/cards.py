"""Operations on one card from the browser: its state as the learner sees it, history, reset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from quizzer.errors import UnknownItem
from quizzer.store import Store
from quizzer.store.models import CardRow, ReviewRow


def _own(s, profile_id: int, card_id: int) -> CardRow:
    row = s.get(CardRow, card_id)
    if row is None or row.profile_id != profile_id:
        raise UnknownItem(f"no card {card_id} in this profile")
    return row


STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


def state_label(card: CardRow, now: datetime) -> str:
    """What a card is to the learner now: suspended and buried first (they hide the card from
    review whatever its schedule), then new, learning, review or relearning."""
    if card.suspended:
        return "suspended"
    if card.buried_until is not None and card.buried_until > now:  # the store keeps times in UTC
        return "buried"
    return STATE_NAMES[0 if card.reps == 0 else card.state]


def history(store: Store, profile_id: int, card_id: int) -> list[ReviewRow]:
    """Every grading of the card, oldest first."""
    with store.read() as s:
        return list(s.scalars(select(ReviewRow).where(ReviewRow.profile_id == profile_id, ReviewRow.card_id == card_id)
                              .order_by(ReviewRow.reviewed_at, ReviewRow.id)))


def reset_card(store: Store, profile_id: int, card_id: int, now: datetime) -> None:
    """Forget the card: it becomes new again. Its review history is kept."""
    with store.write() as s:
        row = _own(s, profile_id, card_id)
        row.state, row.step, row.stability, row.difficulty = 1, 0, None, None
        row.due, row.last_review, row.reps, row.lapses = now, None, 0, 0
        row.introduced_at, row.buried_until = None, None
