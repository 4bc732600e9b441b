"""Generate content/sources.yaml from the seed course descriptions (run once; ids are then frozen)."""

import re
import sys
from pathlib import Path

import yaml

seeds = Path(sys.argv[1])
out = Path(sys.argv[2])
sources, seen = [], set()


def add(sid: str, course: str, title: str) -> None:
    if sid not in seen:
        seen.add(sid)
        sources.append({"id": sid, "course": course, "title": title})


for prefix, name, course in [("c2", "000_101ea7c7ced8d3a5.txt", "C2 PyTorch: Techniques and Ecosystem Tools"),
                             ("c3", "001_056c16debe9aada4.txt", "C3 PyTorch Advanced")]:
    for m in re.finditer(r"^- M(\d)-(L(\d)|A) : (.+?) — ", (seeds / name).read_text(), re.M):
        part = f"l{m[3]}" if m[3] else "a"
        add(f"{prefix}-m{m[1]}-{part}", course, f"M{m[1]}-{m[2]}: {m[4].strip()}")

notebook = None
for line in (seeds / "002_1e244e2dad355636.txt").read_text().splitlines():
    if m := re.match(r"^#### \*\*(\d\d)_(\w+)\.ipynb\*\*", line):
        notebook = (m[1], m[2])
    elif (m := re.match(r"^(\d)\. \*\*(.+?)\*\*", line)) and notebook:
        add(f"nb{notebook[0]}-s{m[1]}", f"29_pytorch notebook {notebook[0]}_{notebook[1]}", m[2].strip())

text = (seeds / "004_bb916c1d123778c9.txt").read_text()
core = text.split("### Core Concepts Covered", 1)[1].split("###", 1)[0]
for m in re.finditer(r"^\| \*\*(.+?)\*\*", core, re.M):
    slug = re.sub(r"[^a-z0-9]+", "-", m[1].lower()).strip("-")
    add(f"bc-{slug}", "Beginner PyTorch course summary", m[1])

header = "# Modules of the seed courses; syllabus topics map to them with `sources:`. Ids are frozen.\n"
out.write_text(header + yaml.safe_dump({"sources": sources}, sort_keys=False, allow_unicode=True, width=100))
print(len(sources))
