"""Build large synthetic stores for the benchmarks: many cards and a long review log."""

from __future__ import annotations

import json
import random
from pathlib import Path
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert

from quizzer.store import open_store
from quizzer.store.models import CardRow, ReviewRow


def build(url: str, cards: int, reviews: int, seed: int = 0, now: datetime | None = None):
    """A profile with ``cards`` cards (a quarter new) and ``reviews`` log rows over a year."""
    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    store = open_store(url)
    pid = store.profile_id("bench")
    rows = []
    for i in range(cards):
        new = i % 4 == 0
        last = now - timedelta(days=rng.uniform(0, 60))
        stability = rng.uniform(0.5, 120)
        rows.append({"profile_id": pid, "question_id": f"bench-{i:06d}", "state": 1 if new else 2, "step": 0 if new else None,
                     "stability": None if new else stability, "difficulty": None if new else rng.uniform(1, 10),
                     "due": now if new else last + timedelta(days=stability), "last_review": None if new else last,
                     "reps": 0 if new else rng.randint(1, 20), "lapses": 0 if new else rng.randint(0, 3), "suspended": False,
                     "retired": False, "day": 1 + i % 45, "position": i, "created_at": now - timedelta(days=365)})
    with store.write() as s:
        for start in range(0, len(rows), 20000):
            s.execute(insert(CardRow), rows[start:start + 20000])
    ids = list(range(1, cards + 1))
    start_time = now - timedelta(days=365)
    batch = []
    for n in range(reviews):
        at = start_time + timedelta(seconds=365 * 86400 * n / max(reviews, 1))
        stability = rng.uniform(0.5, 100)
        last = at - timedelta(days=rng.uniform(0.5, 30))
        memory = {"state": 2, "step": None, "stability": stability, "difficulty": 5.0, "due": (last + timedelta(days=stability)).isoformat(),
                  "last_review": last.isoformat(), "reps": 3, "lapses": 0}
        cid = rng.choice(ids)
        batch.append({"profile_id": pid, "card_id": cid, "question_id": f"bench-{cid - 1:06d}", "reviewed_at": at,
                      "rating": rng.choice((1, 3, 3, 3, 4)), "state_before": 2, "duration_ms": rng.randint(2000, 20000),
                      "before": memory, "after": memory, "kind": "review"})
        if len(batch) == 20000:
            with store.write() as s:
                s.execute(insert(ReviewRow), batch)
            batch = []
    if batch:
        with store.write() as s:
            s.execute(insert(ReviewRow), batch)
    from quizzer.settings import save_setting

    with store.write() as s:  # a heavy learner: limits high enough that the queue never runs dry
        save_setting(s, pid, "new_per_day", 9999)
        save_setting(s, pid, "reviews_per_day", 99999)
    if not store.is_sqlite:  # settle the server as a long-used store: otherwise autovacuum runs during the timings
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    return store, pid


if __name__ == "__main__":
    import sys

    build(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
    json.dump({"ok": True}, sys.stdout)


def full_course_lessons(dest: Path, words_per_day: int = 8000) -> Path:
    """A copy of the built-in content whose days without lessons get synthetic ones (every
    heading of the syllabus, ``words_per_day`` words of prose a day, a code block per section):
    the lesson reader and validation at the size of the finished 45-day course."""
    import re
    import shutil

    import yaml

    src = Path(__file__).resolve().parent.parent / "content"
    shutil.copytree(src, dest)
    course = yaml.safe_load((dest / "course.yaml").read_text(encoding="utf-8"))
    sentence = ("Gradient descent moves the parameters against the gradient of the loss, one small step at a time, "
                "and the learning rate sets how large each step is. ")
    for week in course["weeks"]:
        for day in week["days"]:
            folder = dest / "lessons" / f"day{day['day']:02d}"
            if folder.is_dir():
                continue
            folder.mkdir(parents=True)
            leaves = sum(len(sub["topics"]) for sec in day["sections"] for sub in sec["subsections"])
            per_topic = " ".join([sentence] * max(1, words_per_day // leaves // 25))
            for n, sec in enumerate(day["sections"], 1):
                slug = "_".join(re.sub(r"[^a-z0-9]+", "_", sec["title"].lower()).strip("_").split("_")[:5])
                out = [f"# {sec['title']} {{#{sec['id']}}}", "", sentence, "",
                       "```python", "import torch", "print(torch.ones(2).sum())", "```", "", "```output", "tensor(2.)", "```", ""]
                for sub in sec["subsections"]:
                    out += [f"## {sub['title']} {{#{sub['id']}}}", "", sentence, ""]
                    for t in sub["topics"]:
                        out += [f"### {t['title']} {{#{t['id']}}}", "", per_topic, "", f"See also [the day](#{sec['id']}).", ""]
                (folder / f"day{day['day']:02d}_{n:03d}_{slug}.md").write_text("\n".join(out), encoding="utf-8")
    return dest
