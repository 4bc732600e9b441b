"""Export the course as an Anki package that Anki's own importer accepts.

Decks, note types and note GUIDs are stable, derived from names and question ids, so a
re-export imported again updates notes in place and keeps the learner's Anki history.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import genanki

from quizzer.anki_render import to_html
from quizzer.atomic import replaced_atomically
from quizzer.answers import LETTERS
from quizzer.content import Catalog
from quizzer.content.models import Question

ROOT_DECK = "PyTorch Masterclass"
Progress = Callable[[int, int], None]

CSS = """
.card { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px; line-height: 1.45;
        text-align: left; max-width: 46em; margin: 0 auto; }
.meta { font-size: 0.75em; opacity: 0.7; margin-bottom: 0.6em; }
.badge { border: 1px solid currentColor; border-radius: 4px; padding: 0 4px; margin-right: 4px; }
.choice { margin: 0.3em 0; padding: 0.3em 0.5em; border-radius: 6px; border: 1px solid rgba(128,128,128,0.4); }
.choice.right { border: 2px solid #2da44e; }
.choice .why { font-size: 0.85em; opacity: 0.85; margin-top: 0.2em; }
.lesson { margin-top: 0.6em; font-size: 0.85em; opacity: 0.8; }
.explanation { margin-top: 0.8em; padding-top: 0.6em; border-top: 1px dashed rgba(128,128,128,0.6); }
.cloze { font-weight: bold; color: #0969da; }
.nightMode .cloze { color: #58a6ff; }
"""


def _stable_id(name: str) -> int:
    """A 47-bit id from a name: stable across exports, inside Anki's id range."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:12], 16) >> 1


META = '<div class="meta">{{Meta}}</div>'
MODELS = {
    "flashcard": genanki.Model(
        _stable_id("quizzer flashcard v1"), "quizzer · flashcard",
        fields=[{"name": f} for f in ("Question", "Answer", "Explanation", "Meta", "Id")],
        templates=[{"name": "Card 1", "qfmt": META + "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<div class="explanation">{{Explanation}}</div>'}],
        css=CSS),
    "mcq": genanki.Model(
        _stable_id("quizzer mcq v1"), "quizzer · multiple choice",
        fields=[{"name": f} for f in ("Question", "Choices", "Answer", "Review", "Explanation", "Meta", "Id")],
        templates=[{"name": "Card 1", "qfmt": META + "{{Question}}{{Choices}}",
                    "afmt": META + '{{Question}}<hr id="answer">{{Review}}<p><b>{{Answer}}</b></p>'
                            '<div class="explanation">{{Explanation}}</div>'}],
        css=CSS),
    "cloze": genanki.Model(
        _stable_id("quizzer cloze v1"), "quizzer · cloze",
        fields=[{"name": f} for f in ("Text", "Explanation", "Meta", "Id")],
        templates=[{"name": "Cloze", "qfmt": META + "{{cloze:Text}}",
                    "afmt": META + '{{cloze:Text}}<div class="explanation">{{Explanation}}</div>'}],
        css=CSS, model_type=genanki.Model.CLOZE),
    "typed": genanki.Model(
        _stable_id("quizzer typed v1"), "quizzer · type the answer",
        fields=[{"name": f} for f in ("Question", "Answer", "Explanation", "Meta", "Id")],
        templates=[{"name": "Card 1", "qfmt": META + "{{Question}}<br>{{type:Answer}}",
                    "afmt": META + '{{Question}}<hr id="answer">{{type:Answer}}<div class="explanation">{{Explanation}}</div>'}],
        css=CSS),
}


def deck_name(catalog: Catalog, day: int) -> str:
    d = catalog.day(day)
    return f"{ROOT_DECK}::Week {catalog.week_of_day(day)}::Day {day:02d} — {d.title}"


def note_tags(catalog: Catalog, q: Question) -> list[str]:
    t = catalog.topics[q.topic]
    tags = [f"quizzer::day::{t.day:02d}", f"quizzer::week::{t.week}", f"quizzer::topic::{q.topic}",
            f"quizzer::level::{q.level}", f"quizzer::kind::{q.kind}", q.category]
    parts = q.topic.split(".")
    ancestors = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]  # d03, d03.s2, d03.s2.1, …
    sources = set(q.sources) | {s for tid in ancestors if tid in catalog.topics for s in catalog.topics[tid].sources}
    tags += [f"quizzer::source::{s}" for s in sorted(sources)] + [f"quizzer::tag::{x}" for x in q.tags]
    return [tag.replace(" ", "_") for tag in tags]


def _meta(catalog: Catalog, q: Question) -> str:
    t = catalog.topics[q.topic]
    return (f'<span class="badge">{q.category.upper()}</span><span class="badge">{q.level}</span>'
            f"Day {t.day} · {html.escape(t.title)}")


def lesson_line(catalog: Catalog, q: Question) -> str:
    """Which lesson teaches the question (day, section, topic), for the back of its note."""
    place = catalog.lessons.place_of(q.topic)
    if place is None:
        return ""
    t = catalog.topics[place.heading.id]
    where = " › ".join(html.escape(p) for p in (f"Day {t.day}", *t.path[1:]))
    return (f'<div class="lesson">Lesson: {where} '
            f'<span class="badge">quizzer lesson {html.escape(place.heading.id)}</span></div>')


def make_note(catalog: Catalog, q: Question) -> genanki.Note:
    """One Anki note for one question; its GUID is derived from the question id only."""
    meta, guid = _meta(catalog, q), genanki.guid_for("quizzer", q.id)
    explanation = to_html(q.explanation) + lesson_line(catalog, q)
    if q.kind == "mcq":
        front = "".join(f'<div class="choice"><b>{letter})</b> {to_html(c.text)}</div>'
                        for letter, c in zip(LETTERS, q.choices))
        back = "".join(
            f'<div class="choice{" right" if c.correct else ""}"><b>{letter}) {"✓" if c.correct else "✗"}</b> {to_html(c.text)}'
            f'<div class="why">{to_html(c.why)}</div></div>' for letter, c in zip(LETTERS, q.choices))
        fields = [to_html(q.prompt), front, to_html(q.answer), back, explanation, meta, q.id]
        return genanki.Note(model=MODELS["mcq"], fields=fields, tags=note_tags(catalog, q), guid=guid)
    if q.kind == "cloze":
        fields = [to_html(q.prompt, keep_cloze=True), explanation, meta, q.id]
        return genanki.Note(model=MODELS["cloze"], fields=fields, tags=note_tags(catalog, q), guid=guid)
    if q.kind in ("numeric", "code_output"):
        # Anki compares typed text exactly; a one-line answer keeps that comparison fair
        answer = html.escape(" ".join(q.answer.split()) if q.kind == "code_output" else q.answer.strip())
        fields = [to_html(q.prompt), answer, explanation, meta, q.id]
        return genanki.Note(model=MODELS["typed"], fields=fields, tags=note_tags(catalog, q), guid=guid)
    fields = [to_html(q.prompt), to_html(q.answer), explanation, meta, q.id]
    return genanki.Note(model=MODELS["flashcard"], fields=fields, tags=note_tags(catalog, q), guid=guid)


def make_exercise_note(catalog: Catalog, ex) -> genanki.Note:
    """A flashcard for an exercise: the task (the stub's docstring) on the front, the reference
    solution on the back. Its GUID derives from the exercise id."""
    import ast

    stub = ex.stub.read_text(encoding="utf-8")
    task = ast.get_docstring(ast.parse(stub)) or ex.meta.title
    day = ex.meta.day
    meta = f'<span class="badge">EXERCISE</span>Day {day} · {html.escape(ex.meta.title)}'
    fields = [to_html(f"**Exercise `{ex.id}`** — how would you implement it?\n\n```text\n{task}\n```"),
              to_html("```python\n" + ex.solution.read_text(encoding="utf-8") + "\n```"),
              to_html("Run it for real with `quizzer check " + ex.id + "`."), meta, ex.id]
    t = catalog.topics.get(ex.meta.topics[0])
    tags = [f"quizzer::day::{day:02d}", "quizzer::kind::exercise", *(f"quizzer::topic::{tid}" for tid in ex.meta.topics)]
    if t:
        tags.append(f"quizzer::week::{t.week}")
    return genanki.Note(model=MODELS["flashcard"], fields=fields, tags=tags, guid=genanki.guid_for("quizzer-exercise", ex.id))


@dataclass(frozen=True)
class ExportResult:
    path: Path
    notes: int
    decks: dict[str, int]


def export_package(catalog: Catalog, question_ids: list[str], out: Path, progress: Progress | None = None,
                   timestamp: float | None = None, exercises: list | None = None) -> ExportResult:
    """Write ``out`` (.apkg) with one deck per course day; notes in course order, then exercises."""
    order = {qid: i for i, qid in enumerate(catalog.in_course_order())}
    ids = sorted(question_ids, key=order.__getitem__)
    decks: dict[int, genanki.Deck] = {}
    counts: dict[str, int] = {}
    for n, qid in enumerate(ids, 1):
        q = catalog.questions[qid]
        day = catalog.topics[q.topic].day
        if day not in decks:
            name = deck_name(catalog, day)
            decks[day] = genanki.Deck(_stable_id(name), name, description=html.escape(catalog.day(day).title))
        decks[day].add_note(make_note(catalog, q))
        counts[decks[day].name] = counts.get(decks[day].name, 0) + 1
        if progress:
            progress(n, len(ids))
    for ex in exercises or []:
        day = ex.meta.day
        if day not in decks:
            name = deck_name(catalog, day)
            decks[day] = genanki.Deck(_stable_id(name), name, description=html.escape(catalog.day(day).title))
        decks[day].add_note(make_exercise_note(catalog, ex))
        counts[decks[day].name] = counts.get(decks[day].name, 0) + 1
    out = Path(out)
    with replaced_atomically(out) as tmp:
        genanki.Package(list(decks.values())).write_to_file(str(tmp), timestamp=timestamp)
    return ExportResult(out, len(ids) + len(exercises or []), counts)
