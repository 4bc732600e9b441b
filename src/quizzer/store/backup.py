"""Rotating backups of a SQLite store with SQLite's online backup API, and restoring one."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizzer.errors import StoreError

KEEP = 10  # newest backups kept; older ones are deleted


def backup_dir(db: Path) -> Path:
    return db.parent / ".quizzer-backups"


def list_backups(db: Path) -> list[Path]:
    """Backups of ``db``, newest first."""
    folder = backup_dir(db)
    return sorted(folder.glob(f"{db.stem}-*.db"), reverse=True) if folder.is_dir() else []


def make_backup(db: Path, reason: str = "manual", now: datetime | None = None) -> Path:
    """Copy ``db`` consistently (even while another process writes) and rotate old copies."""
    now = now or datetime.now(timezone.utc)
    folder = backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db.stem}-{now:%Y%m%d-%H%M%S-%f}-{reason}.db"
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    except sqlite3.DatabaseError as exc:
        dst.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"cannot back up {db}: {exc}", "the database may be damaged; see quizzer restore") from None
    finally:
        src.close()
        dst.close()
    for old in list_backups(db)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(db: Path, now: datetime | None = None) -> Path | None:
    """Back up once a day: only when the newest backup is older than 24 hours."""
    now = now or datetime.now(timezone.utc)
    newest = list_backups(db)[:1]
    if newest and datetime.fromtimestamp(newest[0].stat().st_mtime, timezone.utc) > now - timedelta(days=1):
        return None
    return make_backup(db, "daily", now) if db.exists() and db.stat().st_size > 0 else None


def is_healthy(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def last_good_backup(db: Path) -> Path | None:
    return next((b for b in list_backups(db) if is_healthy(b)), None)


def restore(db: Path, source: Path | None = None) -> tuple[Path, Path | None]:
    """Replace ``db`` with ``source`` (default: the newest healthy backup). The current file is
    kept as a backup first when it can be read. Returns (restored from, safety copy)."""
    source = source or last_good_backup(db)
    if source is None:
        raise StoreError(f"no healthy backup of {db} found in {backup_dir(db)}", "make one with: quizzer backup")
    if not is_healthy(source):
        raise StoreError(f"{source} is not a healthy SQLite database", "pick another file from quizzer backup --list")
    safety = None
    if db.exists():
        if is_healthy(db):
            safety = make_backup(db, "before-restore")
        else:
            safety = db.with_name(db.name + f".damaged-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}")
            db.rename(safety)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(db)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return source, safety
