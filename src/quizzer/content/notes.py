"""The course book: ``quizzer export notes`` writes, per day, the numbered section files with the
lesson text followed by that section's key and tricky questions (answers, explanations, every
MCQ choice with why), a README per day and one for the course. Plain Markdown that renders on
GitHub; every internal link points at an anchor that exists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quizzer.content.lessons import FENCE, HEADING, HEADING_ID, TOPIC_LINK, node_depth, section_of
from quizzer.content.models import CLOZE

MATH_INLINE = re.compile(r"\\\((.+?)\\\)", re.S)
MATH_DISPLAY = re.compile(r"\\\[(.+?)\\\]", re.S)


@dataclass
class Page:
    """One file of the book: where it goes, which section it covers, and its text."""

    day: int
    name: str
    section: str
    parts: list[str]
    topics: list[str]


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_").split("_")
    return "_".join(words[:5]) or "section"


def _anchored(markdown: str) -> tuple[str, list[str]]:
    """Lesson text with each ``{#id}`` heading turned into an HTML anchor plus a plain heading."""
    out, ids, fence = [], [], None
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
            elif m[2].split()[:1] == ["python"]:
                line = line.replace(m[2], "python", 1)  # 'python norun' would hide the highlighting
            out.append(line)
            continue
        h = HEADING.match(line)
        m_id = HEADING_ID.match(h[2]) if h else None
        if m_id:
            ids.append(m_id[2])
            out += [f'<a id="{m_id[2]}"></a>', "", f"{h[1]} {m_id[1]}"]
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n", ids


def _math_for_github(text: str) -> str:
    text = MATH_DISPLAY.sub(lambda m: f"$${m[1]}$$", text)
    return MATH_INLINE.sub(lambda m: f"${m[1].strip()}$", text)


def question_markdown(catalog, qid: str) -> str:
    """One question as the book shows it: the prompt, then the answer and why."""
    q = catalog.questions[qid]
    head = f"#### {q.id} · {q.category} · {q.level} · {q.kind.replace('_', ' ')}"
    parts = [f'<a id="{q.id}"></a>', "", head, ""]
    if q.kind == "cloze":
        parts.append(CLOZE.sub(lambda m: f"[{m[3] or '…'}]", q.prompt))
    else:
        parts.append(q.prompt)
    parts.append("")
    if q.kind == "mcq":
        for c in q.choices or []:
            parts.append(f"- {'✅' if c.correct else '❌'} {c.text} — {c.why}")
        parts.append("")
        parts += ["**Answer.**", "", q.answer]
    elif q.kind == "code_output":
        parts += ["**Answer.** It prints:", "", "```text", q.answer.rstrip("\n"), "```"]
    elif q.kind == "numeric":
        tol = f" (within ±{q.tolerance:g})" if q.tolerance else ""
        parts += [f"**Answer.** {q.answer}{tol}"]
    else:
        parts += ["**Answer.**", "", q.answer]
    parts += ["", "**Why.**", "", q.explanation, ""]
    return _math_for_github("\n".join(parts))


def build_book(catalog, days: set[int] | None = None) -> dict[str, str]:
    """The whole book as ``{relative path: Markdown}``."""
    lessons = catalog.lessons
    wanted = [d for d in catalog.days if days is None or d.day in days]
    pages: list[Page] = []
    for day in wanted:
        files = lessons.day_files(day.day)
        day_questions = [qid for qid in catalog.in_course_order() if catalog.question_day(qid) == day.day]
        if not files and not day_questions:
            continue
        by_file: dict[str, list[str]] = {}
        if files:
            for f in files:
                text, ids = _anchored(f.text)
                pages.append(Page(day.day, f.path.name, f.section or "", [text], ids))
            for qid in day_questions:
                place = lessons.place_of(catalog.questions[qid].topic)
                name = place.file.path.name if place else files[0].path.name
                by_file.setdefault(name, []).append(qid)
        else:  # no study notes yet: the syllabus headings carry the questions
            for number, sec in enumerate(day.sections, 1):
                name = f"day{day.day:02d}_{number:03d}_{_slug(sec.title)}.md"
                body = [f'<a id="{sec.id}"></a>', "", f"# {sec.title}", "",
                        "_The study notes of this section are not written yet; its questions follow._", ""]
                ids = [sec.id]
                for sub in sec.subsections:
                    body += [f'<a id="{sub.id}"></a>', "", f"## {sub.title}", ""]
                    ids.append(sub.id)
                    for t in sub.topics:
                        body += [f'<a id="{t.id}"></a>', "", f"- {t.title}", ""]
                        ids.append(t.id)
                pages.append(Page(day.day, name, sec.id, ["\n".join(body)], ids))
            for qid in day_questions:
                sec = section_of(catalog.questions[qid].topic)
                page = next(p for p in pages if p.day == day.day and p.section == sec)
                by_file.setdefault(page.name, []).append(qid)
        for page in (p for p in pages if p.day == day.day):
            qids = by_file.get(page.name, [])
            for category, title in (("key", "Key questions"), ("tricky", "Tricky questions")):
                chosen = [q for q in qids if catalog.questions[q].category == category]
                if chosen:
                    page.parts.append(f"## {title}\n\n" + "\n".join(question_markdown(catalog, q) for q in chosen))
                    page.topics += chosen

    where: dict[str, Page] = {}
    for page in pages:
        for anchor in page.topics:
            where.setdefault(anchor, page)  # a continued section's anchor is in its first file
    book: dict[str, str] = {}

    def link(page: Page):
        def one(m: re.Match) -> str:
            target = where.get(m[2][1:]) or where.get(section_of(m[2][1:]))
            if target is None:  # a day left out of this export: keep the words, drop the link
                return f"{m[1]} ({m[2][1:]})"
            anchor = m[2][1:] if m[2][1:] in target.topics else section_of(m[2][1:])
            if target is page:
                return f"[{m[1]}](#{anchor})"
            prefix = "" if target.day == page.day else f"../day{target.day:02d}/"
            return f"[{m[1]}]({prefix}{target.name}#{anchor})"
        return one

    for page in pages:
        text = "\n\n".join(page.parts).rstrip() + "\n"
        nav = f"[Day {page.day} contents](README.md) · [Course contents](../README.md)\n\n"
        book[f"day{page.day:02d}/{page.name}"] = nav + TOPIC_LINK.sub(link(page), text)

    by_day: dict[int, list[Page]] = {}
    for page in pages:
        by_day.setdefault(page.day, []).append(page)
    index = [f"# {catalog.course.title}", "", "The course book: per day, the study notes of each section followed by its key "
             "and tricky questions with their answers.", ""]
    for week in catalog.course.weeks:
        rows = [d for d in week.days if days is None or d.day in days]
        if not rows:
            continue
        index += [f"## Week {week.week}: {week.title}", ""]
        for d in rows:
            if d.day in by_day:
                index.append(f"- [Day {d.day}: {d.title}](day{d.day:02d}/README.md)")
            else:
                index.append(f"- Day {d.day}: {d.title} (not written yet)")
        index.append("")
    book["README.md"] = "\n".join(index)
    for number, day_pages in by_day.items():
        day = catalog.day(number)
        lines = [f"# Day {number}: {day.title}", "", "[Course contents](../README.md)", ""]
        for page in day_pages:
            title = next((s.title for s in day.sections if s.id == page.section), page.section)
            continued = sum(p.section == page.section for p in day_pages[:day_pages.index(page)])
            lines.append(f"- [{title}{' (continued)' if continued else ''}]({page.name})")
            for tid in page.topics:
                if tid in catalog.topics and node_depth(tid) == 1:
                    lines.append(f"  - [{catalog.topics[tid].title}]({page.name}#{tid})")
            nq = sum(1 for t in page.topics if t in catalog.questions)
            if nq:
                lines.append(f"  - {nq} question{'s' * (nq != 1)}")
        book[f"day{number:02d}/README.md"] = "\n".join(lines) + "\n"
    return book


def write_book(book: dict[str, str], out: Path) -> int:
    """Write the book under ``out``; return the number of files written."""
    for rel, text in book.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(book)
