"""The learner's day: it starts at a local hour (the day boundary, 4 a.m. by default, as in Anki).

Standard library only, so the quick paths can count "today" without loading the scheduler.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import lru_cache

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_start(now: datetime, boundary_hour: int) -> datetime:
    """The UTC instant the learner's current day began (local time, at ``boundary_hour``)."""
    # every UTC offset is a multiple of 15 minutes, so a 15-minute slot shares its day start;
    # caching by slot makes statistics over long histories cheap
    slot = int(now.timestamp()) // 900
    return _day_start_of_slot(slot, boundary_hour)


@lru_cache(maxsize=65536)
def _day_start_of_slot(slot: int, boundary_hour: int) -> datetime:
    local = datetime.fromtimestamp(slot * 900, timezone.utc).astimezone()
    start = local.replace(hour=boundary_hour, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(timezone.utc)


def next_day_start(now: datetime, boundary_hour: int) -> datetime:
    local_start = day_start(now, boundary_hour).astimezone()
    # add a calendar day in local time so a DST change does not shift the boundary hour
    nxt = (local_start + timedelta(days=1)).replace(hour=boundary_hour)
    return nxt.astimezone(timezone.utc)
