"""Carry quizzer's scheduling into Anki: due dates, intervals and FSRS memory state.

genanki writes notes but no scheduling, so this builds a real Anki collection with Anki's own
engine (the optional ``anki`` package), sets each card's state from the store, and exports it.
"""

from __future__ import annotations

import math
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from quizzer.atomic import replaced_atomically
from quizzer.errors import UserError
from quizzer.store import Store
from quizzer.store.models import CardRow


def _require_anki():
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        raise UserError("exporting with progress needs Anki's engine, the 'anki' package",
                        "install it with: pip install 'quizzer[anki]'") from None


def apply_progress(package: Path, out: Path, store: Store, profile_id: int, now: datetime,
                   desired_retention: float) -> int:
    """Import ``package`` into a new Anki collection, set scheduling from the store, export to
    ``out`` with scheduling. Returns the number of cards that carry progress."""
    _require_anki()
    from anki.cards import FSRSMemoryState
    from anki.collection import (Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions,
                                 ImportAnkiPackageRequest)
    from anki.consts import (CARD_TYPE_LRN, CARD_TYPE_RELEARNING, CARD_TYPE_REV, QUEUE_TYPE_LRN,
                             QUEUE_TYPE_REV, QUEUE_TYPE_SUSPENDED)

    with store.read() as s:
        rows = {c.question_id: c for c in s.scalars(select(CardRow).where(CardRow.profile_id == profile_id))}
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            col.import_anki_package(ImportAnkiPackageRequest(
                package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)))
            col.set_config("fsrs", True)
            config = col.decks.get_config(1)
            config["desiredRetention"] = desired_retention
            col.decks.update_config(config)
            today = col.sched.today
            local_today = now.astimezone().date()
            carried = 0
            for cid in col.find_cards(""):
                card = col.get_card(cid)
                row = rows.get(card.note()["Id"])
                if row is None or row.reps == 0:
                    if row is not None and row.suspended:
                        card.queue = QUEUE_TYPE_SUSPENDED
                        col.update_card(card)
                    continue
                card.reps, card.lapses = row.reps, row.lapses
                card.memory_state = FSRSMemoryState(stability=row.stability, difficulty=row.difficulty)
                if row.state == 2:
                    card.type, card.queue = CARD_TYPE_REV, QUEUE_TYPE_REV
                    card.ivl = max(1, round((row.due - row.last_review).total_seconds() / 86400))
                    card.due = today + (row.due.astimezone().date() - local_today).days
                else:
                    card.type = CARD_TYPE_LRN if row.state == 1 else CARD_TYPE_RELEARNING
                    card.queue = QUEUE_TYPE_LRN
                    card.due = math.floor(row.due.timestamp())
                    card.left = 1
                    card.ivl = 0 if row.state == 1 else 1
                if row.suspended:
                    card.queue = QUEUE_TYPE_SUSPENDED
                card.factor = 2500
                col.update_card(card)
                carried += 1
            with replaced_atomically(out) as partial:
                col.export_anki_package(out_path=str(partial), limit=None, options=ExportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False))
        finally:
            col.close()
    return carried
