"""Generate the Days 1-33 part of content/course.yaml from the seed outline (run once)."""

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from outline import parse_outline  # noqa: E402


def main(outline: Path, out: Path) -> None:
    weeks = []
    for week in parse_outline(outline):
        days = []
        for day in week["days"]:
            did = f"d{day['day']:02d}"
            sections = []
            for si, sec in enumerate(day["sections"], 1):
                subs = []
                for bi, sub in enumerate(sec["subsections"], 1):
                    topics = [
                        {"id": f"{did}.s{si}.{bi}.{ti}", "title": t}
                        for ti, t in enumerate(sub["topics"], 1)
                    ]
                    subs.append({"id": f"{did}.s{si}.{bi}", "title": sub["title"], "topics": topics})
                sections.append({"id": f"{did}.s{si}", "title": sec["title"], "subsections": subs})
            days.append({"day": day["day"], "title": day["title"], "sections": sections})
        weeks.append({"week": week["week"], "title": week["title"], "days": days})
    doc = {"title": "Comprehensive Deep Learning with PyTorch — 45-Day Masterclass", "weeks": weeks}
    out.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
