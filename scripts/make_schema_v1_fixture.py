"""Write tests/fixtures/schema_v1.db: a store made by the first released schema (migration 1
only), with a profile, cards, reviews, a setting and a flag. Run once; the file is kept."""

import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from quizzer.store import migrations  # noqa: E402

out = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "schema_v1.db"
out.unlink(missing_ok=True)
engine = create_engine(f"sqlite:///{out}")
with engine.begin() as conn:
    conn.exec_driver_sql("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at VARCHAR(40) NOT NULL)")
    migrations.m001_initial(conn)
    conn.exec_driver_sql("INSERT INTO schema_version VALUES (1, '2026-01-05T08:00:00+00:00')")
engine.dispose()
t0 = datetime(2026, 1, 5, 8, 0)
fmt = "%Y-%m-%d %H:%M:%S.%f"
with sqlite3.connect(out) as db:
    db.execute("INSERT INTO profiles VALUES (1, 'default', ?)", (t0.strftime(fmt),))
    for i, qid in enumerate(["d01-q001", "d01-q002", "d03-q001"], 1):
        db.execute("INSERT INTO cards VALUES (?, 1, ?, 2, NULL, 3.2, 5.1, ?, ?, 2, 0, 0, NULL, 0, ?, ?, ?, ?)",
                   (i, qid, (t0 + timedelta(days=3)).strftime(fmt), t0.strftime(fmt), t0.strftime(fmt), int(qid[1:3]), i, t0.strftime(fmt)))
        for j, rating in enumerate((3, 3)):
            at = t0 + timedelta(minutes=10 * j)
            db.execute("INSERT INTO review_log (profile_id, card_id, question_id, reviewed_at, rating, state_before, duration_ms, "
                       "before, after, kind) VALUES (1, ?, ?, ?, ?, ?, 4000, '{}', '{}', 'review')",
                       (i, qid, at.strftime(fmt), rating, 0 if j == 0 else 1))
    db.execute("INSERT INTO settings VALUES (1, 'new_per_day', '15')")
    db.execute("INSERT INTO flags VALUES (1, 1, 'd01-q002', 'choice C unclear', ?, 0)", (t0.strftime(fmt),))
    db.execute("PRAGMA journal_mode=DELETE")
print(out, out.stat().st_size)
