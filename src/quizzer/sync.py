"""Bring a profile's cards in line with the content: add new questions, retire removed ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from quizzer.content import Catalog
from quizzer.store.models import CardRow, Setting


@dataclass(frozen=True)
class SyncResult:
    added: int
    retired: int
    restored: int


def sync_cards(session: Session, profile_id: int, catalog: Catalog, now: datetime) -> SyncResult:
    """New questions become new cards; a removed question's card is retired (never deleted,
    its history stays); an edited question keeps its card and schedule."""
    existing = {
        qid: (cid, retired, day, position)
        for cid, qid, retired, day, position in session.execute(
            select(CardRow.id, CardRow.question_id, CardRow.retired, CardRow.day, CardRow.position)
            .where(CardRow.profile_id == profile_id))
    }
    new_rows, changed = [], []
    restored = 0
    for position, qid in enumerate(catalog.in_course_order(), 1):
        day = catalog.question_day(qid)
        if qid not in existing:
            new_rows.append({
                "profile_id": profile_id, "question_id": qid, "state": 1, "step": 0, "due": now,
                "reps": 0, "lapses": 0, "suspended": False, "retired": False, "day": day,
                "position": position, "created_at": now,
            })
            continue
        cid, retired, old_day, old_position = existing[qid]
        if retired or old_day != day or old_position != position:
            restored += bool(retired)
            changed.append({"id": cid, "retired": False, "day": day, "position": position})
    gone = [cid for qid, (cid, retired, _, _) in existing.items() if qid not in catalog.questions and not retired]
    if new_rows:
        session.execute(insert(CardRow), new_rows)
    if changed:
        session.execute(update(CardRow), changed)
    if gone:
        session.execute(update(CardRow).where(CardRow.id.in_(gone)).values(retired=True))
    if catalog.fingerprint:  # lets read-only quick paths trust the cards to match these files
        session.merge(Setting(profile_id=profile_id, key="synced_content", value=catalog.fingerprint))
    return SyncResult(len(new_rows), len(gone), restored)
