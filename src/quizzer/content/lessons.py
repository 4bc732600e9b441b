"""The course's study notes: ``content/lessons/dayNN/dayNN_NNN_<slug>.md``, one file per section.

Every syllabus node of a day with lessons has one heading carrying its id (``### Title {#d03.s2.1.3}``),
so a question can open the paragraph that teaches its topic. This module reads the files, finds
every mistake in them (with file and line), and cuts out the text of a day, a section or a topic.
It needs neither YAML nor pydantic: the syllabus arrives as the catalog's topic index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from quizzer.content.loader import Problem

FILE_NAME = re.compile(r"^day(\d{2})_(\d{3})_([a-z0-9]+(?:_[a-z0-9]+)*)\.md$")
DAY_FOLDER = re.compile(r"^day(\d{2})$")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
HEADING_ID = re.compile(r"^(.*?)[ \t]*\{#([^}\s]+)\}$")
FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$")
LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)(?:[ \t]+\"[^\"]*\")?\)")
TODO = re.compile(r"^\s*TODO\b")
WORD = re.compile(r"[A-Za-z0-9][\w'’\-]*")
INLINE_CODE = re.compile(r"`[^`\n]*`")
INLINE_MATH = re.compile(r"\$[^$\n]+\$")
MIN_TOPIC_WORDS = 100  # a topic counts as taught from this many words of prose on
LEVEL_OF_DEPTH = {0: 1, 1: 2, 2: 3}  # section #, subsection ##, leaf topic ###
WHAT = {1: "section", 2: "subsection", 3: "leaf topic"}


def node_depth(topic_id: str) -> int:
    """0 for a section (``d03.s2``), 1 for a subsection, 2 for a leaf topic, -1 for a day."""
    return topic_id.count(".") - 1


def section_of(topic_id: str) -> str:
    return ".".join(topic_id.split(".")[:2])


@dataclass(frozen=True)
class Block:
    """A fenced block: its info string, its code, and the line of its opening fence."""

    info: str
    code: str
    line: int
    output: str | None = None  # the ```output block right after it, if any
    output_line: int = 0

    @property
    def runnable(self) -> bool:
        words = self.info.split()
        return words[:1] == ["python"] and "norun" not in words

    @property
    def needs(self) -> tuple[str, ...]:
        """Optional libraries the block imports, from ``needs=transformers`` in its info string:
        it runs where they are installed and is reported as skipped where they are not."""
        return tuple(name for word in self.info.split() if word.startswith("needs=")
                     for name in word.removeprefix("needs=").split(",") if name)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str | None
    line: int  # 1-based


@dataclass
class LessonFile:
    """One Markdown file of a day's lessons."""

    path: Path
    shown: str  # as printed in messages: content/lessons/day03/day03_002_….md
    day: int
    number: int
    text: str
    headings: list[Heading]
    blocks: list[Block]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def section(self) -> str | None:
        first = self.headings[0] if self.headings else None
        return first.id if first and first.level == 1 else None

    @property
    def title(self) -> str:
        return self.headings[0].title if self.headings else self.path.stem


@dataclass(frozen=True)
class Place:
    """Where a topic is taught: the file and the heading's line."""

    file: LessonFile
    heading: Heading


@dataclass
class Lessons:
    """Every lesson file of the course, the place of every topic, and what is wrong with them."""

    root: Path
    files: list[LessonFile] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def days(self) -> list[int]:
        return sorted({f.day for f in self.files})

    def day_files(self, day: int) -> list[LessonFile]:
        return [f for f in self.files if f.day == day]

    def place_of(self, topic_id: str) -> Place | None:
        """The heading that teaches ``topic_id``, or the nearest ancestor's (a question may
        name a subsection); None where no lesson covers it."""
        parts = topic_id.split(".")
        for end in range(len(parts), 1, -1):
            place = self.places.get(".".join(parts[:end]))
            if place is not None:
                return place
        return None

    def topic_text(self, topic_id: str) -> str | None:
        """The Markdown of one topic's heading and everything under it."""
        place = self.place_of(topic_id)
        if place is None:
            return None
        if place.heading.level == 1:
            return self.section_text(place.heading.id)
        lines = place.file.lines
        start = place.heading.line - 1
        end = len(lines)
        for h in place.file.headings:
            if h.line > place.heading.line and h.level <= place.heading.level:
                end = h.line - 1
                break
        return "\n".join(lines[start:end]).strip() + "\n"

    def section_text(self, section_id: str) -> str:
        """A section's text, across the files it continues into."""
        return "\n\n".join(f.text.strip() for f in self.files if f.section == section_id) + "\n"

    def day_text(self, day: int) -> str:
        return "\n\n".join(f.text.strip() for f in self.day_files(day)) + "\n"

    @cached_property
    def words(self) -> dict[str, int]:
        """Prose words under each heading id (down to the next heading with an id)."""
        counts: dict[str, int] = {}
        for f in self.files:
            current = None
            for kind, line_no, text in _prose_lines(f.text):
                if kind == "heading":
                    h = next(h for h in f.headings if h.line == line_no)
                    if h.id:
                        current = h.id
                    continue
                if current is not None:
                    counts[current] = counts.get(current, 0) + count_words(text)
        return counts

    def day_words(self, day: int) -> int:
        return sum(count_words(t) for f in self.day_files(day) for kind, _, t in _prose_lines(f.text) if kind == "prose")

    def taught(self, topic_id: str) -> bool:
        """A leaf topic counts as taught once its heading has ``MIN_TOPIC_WORDS`` words of prose."""
        return topic_id in self.places and self.words.get(topic_id, 0) >= MIN_TOPIC_WORDS


def count_words(text: str) -> int:
    return len(WORD.findall(INLINE_MATH.sub(" ", INLINE_CODE.sub(lambda m: m[0].strip("`"), text))))


def _prose_lines(text: str):
    """``(kind, line, text)`` for each line outside fences and ``$$`` math: kind is heading or prose."""
    fence = None
    math = False
    for no, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence):].strip("`~"):
                fence = None
            continue
        m = FENCE.match(stripped)
        if m:
            fence = m[1]
            continue
        if stripped.startswith("$$"):
            if not (len(stripped) > 2 and stripped.endswith("$$") and stripped != "$$"):
                math = not math
            continue
        if math:
            continue
        if HEADING.match(line):
            yield "heading", no, line
        else:
            yield "prose", no, line


def parse_file(path: Path, shown: str, day: int, number: int) -> tuple[LessonFile, list[Problem]]:
    """Headings (outside code) and fenced blocks of one file, with the problems of its syntax."""
    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8")
    headings: list[Heading] = []
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line.strip()) if not line.startswith("    ") else None
        if m:
            fence, info, start = m[1], m[2], i + 1
            body = []
            i += 1
            while i < len(lines) and not (lines[i].strip().startswith(fence) and not lines[i].strip()[len(fence):].strip("`~")):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                problems.append(Problem(shown, start, f"the code block opened here with {fence} is never closed"))
            blocks.append(Block(info, "\n".join(body) + "\n", start))
            i += 1
            continue
        h = HEADING.match(line)
        if h:
            title, hid = h[2], None
            m_id = HEADING_ID.match(title)
            if m_id:
                title, hid = m_id[1], m_id[2]
            headings.append(Heading(len(h[1]), title, hid, i + 1))
        i += 1
    # pair each ```output block with the python block right before it
    paired: list[Block] = []
    for block in blocks:
        kind = block.info.split()[:1]
        prev = paired[-1] if paired else None
        adjacent = prev is not None and _only_blank_between(lines, prev.line, block.line)
        if kind == ["output"]:
            if prev is None or not adjacent or prev.info.split()[:1] != ["python"] or prev.output is not None:
                problems.append(Problem(shown, block.line, "an ```output block must come straight after the ```python block whose output it shows"))
            elif not prev.runnable:
                problems.append(Problem(shown, block.line, "an ```output block after a ```python norun block cannot be checked; show it as ```text with a sentence saying so"))
            else:
                paired[-1] = Block(prev.info, prev.code, prev.line, block.code, block.line)
            continue
        if kind == ["text"] and adjacent and prev.info.split()[:1] == ["python"] and prev.output is None:
            problems.append(Problem(shown, block.line, "output after a ```python block goes in an ```output block, so `validate --code` checks it"))
        paired.append(block)
    return LessonFile(path, shown, day, number, text, headings, paired), problems


def _only_blank_between(lines: list[str], first_open: int, second_open: int) -> bool:
    """True when nothing but blank lines separates the block opened at ``first_open`` from the next."""
    j = first_open  # index of the line after the opening fence
    fence = FENCE.match(lines[first_open - 1].strip())[1]
    while j < len(lines) and not (lines[j].strip().startswith(fence) and not lines[j].strip()[len(fence):].strip("`~")):
        j += 1
    return all(not lines[k].strip() for k in range(j + 1, second_open - 1))


def load_lessons(root: Path, topics: dict) -> Lessons:
    """Read ``root/lessons``; ``topics`` is the catalog's topic index (id → TopicInfo).

    Every problem is collected, not raised: the reader still shows what it can.
    """
    root = Path(root)
    folder = root / "lessons"
    lessons = Lessons(root)
    if not folder.is_dir():
        return lessons

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            return str(path)

    problems = lessons.problems
    for day_dir in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if not day_dir.is_dir():
            if day_dir.suffix == ".md" and day_dir.name.lower() != "readme.md":
                problems.append(Problem(shown(day_dir), 1, "a lesson file belongs in its day's folder, lessons/dayNN/"))
            continue
        dm = DAY_FOLDER.match(day_dir.name)
        if not dm:
            problems.append(Problem(shown(day_dir), 1, "a lesson folder must be named dayNN (e.g. day03)"))
            continue
        day = int(dm[1])
        numbers: list[tuple[int, LessonFile]] = []
        for path in sorted(day_dir.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            fm = FILE_NAME.match(path.name)
            if not fm:
                problems.append(Problem(shown(path), 1, "a lesson file must be named dayNN_NNN_<slug>.md (lower case, e.g. day03_002_advanced_tensor_operations.md)"))
                continue
            if int(fm[1]) != day:
                problems.append(Problem(shown(path), 1, f"the file name says day {int(fm[1])} but it is in the folder of day {day}"))
                continue
            try:
                lesson, errs = parse_file(path, shown(path), day, int(fm[2]))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(shown(path), 1, f"cannot be read as UTF-8 text: {exc}"))
                continue
            problems += errs
            numbers.append((lesson.number, lesson))
        numbers.sort(key=lambda item: item[0])
        for want, (got, lesson) in enumerate(numbers, 1):
            if got != want:
                problems.append(Problem(lesson.shown, 1, f"file number {got:03d} breaks the numbering of day {day}: expected {want:03d} (numbers run 001, 002, … without gaps)"))
                break
        lessons.files += [lesson for _, lesson in numbers]
    _check_structure(lessons, topics)
    _check_links(lessons)
    return lessons


def _check_structure(lessons: Lessons, topics: dict) -> None:
    problems = lessons.problems
    for lesson in lessons.files:
        day_id = f"d{lesson.day:02d}"
        first = lesson.headings[0] if lesson.headings else None
        first_text = next((i + 1 for i, line in enumerate(lesson.lines) if line.strip()), 1)
        if first is None or first.level != 1 or first.id is None or first.line != first_text:
            problems.append(Problem(lesson.shown, first_text, f"a lesson file starts with its section's heading, e.g. '# Title {{#{day_id}.s1}}'"))
            continue
        sid = first.id
        if sid not in topics or node_depth(sid) != 0:
            problems.append(Problem(lesson.shown, first.line, f"{sid!r} is not a section id of the syllabus (content/course.yaml)"))
            continue
        if topics[sid].day != lesson.day:
            problems.append(Problem(lesson.shown, first.line, f"names section {sid} of day {topics[sid].day}, but the file is a day {lesson.day} lesson"))
            continue
        for h in lesson.headings:
            if h.level > 3:
                if h.id:
                    problems.append(Problem(lesson.shown, h.line, f"only #, ## and ### headings carry topic ids; '{'#' * h.level}' headings are free"))
                continue
            if h.id is None:
                problems.append(Problem(lesson.shown, h.line, f"a {'#' * h.level} heading carries its topic id, e.g. '{'#' * h.level} {h.title} {{#…}}'"))
                continue
            info = topics.get(h.id)
            if info is None:
                problems.append(Problem(lesson.shown, h.line, f"unknown topic id {h.id!r} (not in content/course.yaml)"))
                continue
            if h.level == 1 and h is not first:
                problems.append(Problem(lesson.shown, h.line, "a lesson file has one # heading, its section's; start another file for the next section"))
                continue
            if section_of(h.id) != sid:
                problems.append(Problem(lesson.shown, h.line, f"topic {h.id} belongs to section {section_of(h.id)}, but this file covers {sid}"))
                continue
            depth = node_depth(h.id)
            if depth not in LEVEL_OF_DEPTH:
                problems.append(Problem(lesson.shown, h.line, f"{h.id} is a day id; a day has no heading of its own"))
                continue
            if LEVEL_OF_DEPTH[depth] != h.level:
                problems.append(Problem(lesson.shown, h.line, f"{h.id} is a {WHAT[LEVEL_OF_DEPTH[depth]]}: its heading is {'#' * LEVEL_OF_DEPTH[depth]}"))
                continue
            if h.level == 1 and h.id in lessons.places:
                index = lessons.files.index(lesson)
                if index > 0 and lessons.files[index - 1].section == sid:
                    continue  # a section continued in the next file
                problems.append(Problem(lesson.shown, h.line, f"section {sid} continues here, but the file before is not its file; continuation files follow each other"))
                continue
            if h.id in lessons.places:
                was = lessons.places[h.id]
                problems.append(Problem(lesson.shown, h.line, f"topic {h.id} already has a heading at {was.file.shown}:{was.heading.line}"))
                continue
            lessons.places[h.id] = Place(lesson, h)
        for i, line in enumerate(lesson.lines, 1):
            if TODO.match(line):
                problems.append(Problem(lesson.shown, i, "a TODO placeholder is left in the lesson"))
    # order: sections in syllabus order, files in number order
    for day in lessons.days():
        files = [f for f in lessons.day_files(day) if f.section in topics]
        orders = [topics[f.section].order for f in files]
        for a, b, f in zip(orders, orders[1:], files[1:]):
            if b < a:
                problems.append(Problem(f.shown, 1, f"section {f.section} comes before the previous file's section in the syllabus; number the files in syllabus order"))
        missing = [t for t in topics.values() if t.day == day and node_depth(t.id) >= 1 and t.id not in lessons.places]
        for t in missing:
            home = next((f for f in files if f.section == section_of(t.id)), None)
            where = home.shown if home else f"{lessons.root.name}/lessons/day{day:02d}/"
            heading = "#" * LEVEL_OF_DEPTH[node_depth(t.id)]
            problems.append(Problem(where, 1, f"topic {t.id} ({t.title}) has no lesson heading; add '{heading} {t.title} {{#{t.id}}}'"))


def _check_links(lessons: Lessons) -> None:
    for lesson in lessons.files:
        for kind, no, text in _prose_lines(lesson.text):
            for m in LINK.finditer(text):
                target = m[2]
                if target.startswith(("http://", "https://", "mailto:")):
                    continue
                if target.startswith("#"):
                    if target[1:] not in lessons.places:
                        lessons.problems.append(Problem(lesson.shown, no, f"broken link {target}: no lesson heading has that topic id"))
                    continue
                lessons.problems.append(Problem(lesson.shown, no, f"link {target!r}: link to a topic by its id, e.g. (#d03.s2.1.3), or to a full https:// URL"))


DISPLAY_MATH = re.compile(r"^[ \t]*\$\$(.+?)\$\$[ \t]*$", re.S | re.M)
INLINE_MATH_SPAN = re.compile(r"(?<![\\$\w])\$([^$\n]+?)\$(?![\w$])")
TOPIC_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\((#[^)\s]+)\)")


@lru_cache(maxsize=1)
def _latex_converter():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    def frac(node, l2tobj) -> str:
        parts = [l2tobj.nodelist_to_text([arg]).strip() if arg else "" for arg in node.nodeargd.argnlist[-2:]]
        return "/".join(p if len(p) <= 1 or p.isalnum() else f"({p})" for p in parts)

    db = get_default_latex_context_db()
    db.add_context_category("quizzer", prepend=True, macros=[
        MacroTextSpec("frac", simplify_repl=frac), MacroTextSpec("dfrac", simplify_repl=frac),
        *(MacroTextSpec(name, simplify_repl=f" {name} ")
          for name in ("log", "exp", "max", "min", "arg", "sin", "cos", "tanh", "det", "tr", "lim", "sup", "inf")),
        MacroTextSpec("|", simplify_repl="‖"), MacroTextSpec("lVert", simplify_repl="‖"), MacroTextSpec("rVert", simplify_repl="‖"),
        # relations keep a space either side, as a reader would write them
        *(MacroTextSpec(name, simplify_repl=f" {symbol} ") for name, symbol in (
            ("ne", "≠"), ("neq", "≠"), ("iff", "⇔"), ("implies", "⇒"), ("approx", "≈"), ("leq", "≤"), ("le", "≤"),
            ("geq", "≥"), ("ge", "≥"), ("in", "∈"), ("to", "→"), ("rightarrow", "→"), ("Rightarrow", "⇒"),
            ("leftarrow", "←"), ("sim", "∼"), ("propto", "∝"), ("equiv", "≡"), ("mapsto", "↦"))),
    ])
    return LatexNodes2Text(latex_context=db, math_mode="text")


def _grouped(m: re.Match) -> str:
    inner = m[2]
    if inner.isalnum() or (inner.startswith("(") and inner.endswith(")")):
        return m[1] + inner
    return f"{m[1]}({inner})"


def _latex_text(latex: str) -> str:
    """LaTeX as readable Unicode; a fraction of several symbols keeps its parentheses."""
    # a sub- or superscript of several symbols keeps its grouping: s_{t-1} → s_(t-1), not s_t-1
    latex = re.sub(r"([_^])\{([^{}]{2,})\}", _grouped, latex)
    try:
        return re.sub(r"  +", " ", _latex_converter().latex_to_text(latex)).strip()
    except Exception:  # keep the source where pylatexenc cannot parse it
        return latex.strip()


def for_terminal(markdown: str) -> str:
    """Lesson Markdown as a terminal shows it: heading ids dropped, math as Unicode (display
    math in its own block), topic links as their text with the topic id beside it."""
    out: list[str] = []
    fence = None
    for line in markdown.splitlines():
        stripped = line.strip()
        if fence:
            out.append(line)
            if stripped.startswith(fence) and not stripped[len(fence):].strip("`~"):
                fence = None
            continue
        m = FENCE.match(stripped)
        if m:
            fence = m[1]
            if m[2].split()[:1] == ["output"]:
                line = line.replace("output", "text", 1)
            out.append(line)
            continue
        h = HEADING.match(line)
        if h:
            m_id = HEADING_ID.match(h[2])
            out.append(f"{h[1]} {m_id[1] if m_id else h[2]}")
            continue
        out.append(line)
    text = "\n".join(out)
    text = DISPLAY_MATH.sub(lambda m: "```text\n" + _latex_text(m[1]) + "\n```", text)
    text = INLINE_MATH_SPAN.sub(lambda m: _latex_text(m[1]), text)
    return TOPIC_LINK.sub(lambda m: f"{m[1]} (→ {m[2][1:]})", text)
