"""Move a profile's whole history between machines as JSON: cards, reviews, settings, flags,
exercises and exams. Importing into an empty profile reproduces it exactly."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from quizzer.atomic import replaced_atomically
from quizzer.errors import UserError
from quizzer.store import Store
from quizzer.store.models import CardRow, Exam, ExerciseAttempt, ExerciseState, Flag, ReviewRow, Setting

FORMAT = "quizzer-progress"
VERSION = 1
TABLES = [("cards", CardRow), ("review_log", ReviewRow), ("settings", Setting), ("flags", Flag),
          ("exercise_state", ExerciseState), ("exercise_attempts", ExerciseAttempt), ("exams", Exam)]


def _row(obj) -> dict:
    out = {}
    for col in sa_inspect(type(obj)).columns:
        value = getattr(obj, col.key)
        out[col.key] = value.isoformat() if isinstance(value, datetime) else value
    return out


def export_progress(store: Store, profile_id: int, profile: str) -> dict:
    with store.read() as s:
        data = {"format": FORMAT, "version": VERSION, "profile": profile}
        for name, model in TABLES:
            order = model.key if model is Setting else model.id
            rows = s.scalars(select(model).where(model.profile_id == profile_id).order_by(order)).all()
            data[name] = [{k: v for k, v in _row(r).items() if k != "profile_id"} for r in rows]
    return data


def _parse(model, row: dict) -> dict:
    cols = {c.key: c for c in sa_inspect(model).columns}
    out = {}
    for key, value in row.items():
        if key not in cols:
            raise UserError(f"unknown field {key!r} in {model.__tablename__}", "was the file written by a newer quizzer?")
        if value is not None and cols[key].type.__class__.__name__ == "UTCDateTime":
            value = datetime.fromisoformat(value)
        out[key] = value
    return out


def import_progress(store: Store, profile_id: int, data: dict) -> dict[str, int]:
    """Load an export into an empty profile (card and log ids are remapped); all or nothing."""
    if data.get("format") != FORMAT:
        raise UserError("this file is not a quizzer progress export", "make one with: quizzer export progress")
    if data.get("version", 0) > VERSION:
        raise UserError(f"the export is format version {data['version']}; this quizzer reads up to {VERSION}", "upgrade quizzer")
    counts = {}
    with store.write() as s:
        if s.scalar(select(ReviewRow.id).where(ReviewRow.profile_id == profile_id).limit(1)) is not None:
            raise UserError("this profile already has reviews; import into a new profile", "pass --profile NEW_NAME")
        for existing in s.scalars(select(CardRow).where(CardRow.profile_id == profile_id)):
            s.delete(existing)  # unreviewed cards from a first sync; the import replaces them
        s.flush()
        card_ids: dict[int, int] = {}
        for name, model in TABLES:
            rows = data.get(name, [])
            for raw in rows:
                values = _parse(model, raw)
                old_id = values.pop("id", None)
                if model is ReviewRow:
                    values["card_id"] = card_ids[values["card_id"]]
                if model is Setting:
                    existing = s.get(Setting, (profile_id, values["key"]))
                    if existing is not None:
                        existing.value = values["value"]
                        continue
                obj = model(profile_id=profile_id, **values)
                s.add(obj)
                if model is CardRow:
                    s.flush()
                    card_ids[old_id] = obj.id
            counts[name] = len(rows)
    return counts


def write_export(data: dict, out: Path) -> None:
    with replaced_atomically(out) as tmp:
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")


def read_export(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path} does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path} is not valid JSON: {exc}", "was the file cut short while copying?") from None
