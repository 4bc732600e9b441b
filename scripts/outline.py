"""Parse the masterclass outline (seed 003) into days, sections, subsections and leaf topics.

Used once to generate ``content/course.yaml`` for Days 1-33 and by the tests that pin the
syllabus to the outline.
"""

from __future__ import annotations

import re
from pathlib import Path

WEEK = re.compile(r"^## \*\*Week (\d+): (.+?)\*\*\s*$")
DAY = re.compile(r"^### \*\*Day (\d+): (.+?)\*\*\s*$")
SECTION = re.compile(r"^#### \*\*(.+?)\*\*\s*$")
SUBSECTION = re.compile(r"^- \*\*(.+?)\*\*\s*$")
LEAF = re.compile(r"^  - (.+?)\s*$")


def parse_outline(path: Path) -> list[dict]:
    """Return the outline's weeks, each with days → sections → subsections → leaves."""
    weeks: list[dict] = []
    seen_days: set[int] = set()
    day = section = subsection = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if m := WEEK.match(raw):
            if int(m[1]) in {w["week"] for w in weeks}:
                break  # the prompt repeats after the outline; stop at the repeat
            weeks.append({"week": int(m[1]), "title": m[2].strip(), "days": []})
            day = section = subsection = None
        elif m := DAY.match(raw):
            if int(m[1]) in seen_days:
                break
            seen_days.add(int(m[1]))
            day = {"day": int(m[1]), "title": m[2].strip(), "sections": []}
            weeks[-1]["days"].append(day)
            section = subsection = None
        elif (m := SECTION.match(raw)) and day is not None:
            section = {"title": m[1].strip(), "subsections": []}
            day["sections"].append(section)
            subsection = None
        elif (m := SUBSECTION.match(raw)) and section is not None:
            subsection = {"title": m[1].strip(), "topics": []}
            section["subsections"].append(subsection)
        elif (m := LEAF.match(raw)) and subsection is not None:
            subsection["topics"].append(m[1].strip())
        elif raw.startswith("----") and weeks and day is not None:
            break
    return weeks
