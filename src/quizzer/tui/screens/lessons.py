"""The lesson reader: contents (day → section → topic) beside the text of one section.

Opened from home at the course day, or from a revealed card at that card's topic; Esc goes back
to exactly where the learner was. The section shown is rendered topic by topic, so the reader can
scroll to the paragraph that teaches a card's topic.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Input, Static, Tree

from quizzer.content.lessons import for_terminal, node_depth, section_of
from quizzer.settings import save_reading_position
from quizzer.tui.widgets import MarkdownText, QuietFooter


class LessonScreen(Screen[None]):
    AUTO_FOCUS = "#lesson-body"
    BINDINGS = [
        Binding("escape", "leave", "Back", id="lesson.back"),
        Binding("slash", "search", "Search", id="lesson.search"),
        Binding("n", "next_match", "Next match", id="lesson.next_match"),
        Binding("right_square_bracket", "section(1)", "Next section", id="lesson.next_section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", id="lesson.previous_section"),
        Binding("c", "contents", "Contents", id="lesson.contents"),
        Binding("r", "review_section", "Review section", id="lesson.review"),
    ]

    def __init__(self, topic: str, from_card: bool = False) -> None:
        super().__init__()
        self.topic = topic
        self.from_card = from_card
        self.section: str | None = None
        self.blocks: dict[str, MarkdownText] = {}
        self.matches: list[str] = []
        self.match_index = -1

    @property
    def lessons(self):
        return self.app.ctx.catalog.lessons

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-header")
        yield Input(placeholder="search the lessons; Enter finds, n goes to the next match, Esc closes", id="lesson-search")
        with Horizontal(id="lesson-main"):
            yield Tree("Lessons", id="lesson-toc")
            yield VerticalScroll(id="lesson-body")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._build_contents()
        self.show(self.topic)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "review_section":
            return not self.from_card  # reviewing from inside a review would nest sessions
        return True

    # -- contents -----------------------------------------------------------------------------
    def _build_contents(self) -> None:
        catalog = self.app.ctx.catalog
        tree = self.query_one("#lesson-toc", Tree)
        tree.show_root = False
        tree.guide_depth = 2
        self.nodes = {}
        written = set(self.lessons.days())
        for day in catalog.days:
            if day.day not in written:
                continue
            day_node = tree.root.add(f"Day {day.day}: {escape(day.title)}", data=day.id)
            for sec in day.sections:
                sec_node = day_node.add(escape(sec.title), data=sec.id)
                self.nodes[sec.id] = sec_node
                for sub in sec.subsections:
                    for t in sub.topics:
                        self.nodes[t.id] = sec_node.add_leaf(escape(t.title), data=t.id)

    @on(Tree.NodeSelected, "#lesson-toc")
    def _chosen(self, event: Tree.NodeSelected) -> None:
        topic = event.node.data
        if isinstance(topic, str) and node_depth(topic) >= 0:
            self.show(topic)
            self.query_one("#lesson-body").focus()

    def action_contents(self) -> None:
        self.query_one("#lesson-toc", Tree).focus()

    # -- the text -------------------------------------------------------------------------------
    def show(self, topic: str) -> None:
        """Show ``topic``'s section with ``topic`` at the top of the view."""
        place = self.lessons.place_of(topic)
        if place is None:
            self.query_one("#lesson-header", Static).update(f"No lesson teaches {escape(topic)} yet.")
            return
        topic = place.heading.id
        section = section_of(topic)
        if section != self.section:
            self._render_section(section)
        self.topic = topic
        catalog = self.app.ctx.catalog
        t = catalog.topics[topic]
        path = " › ".join(escape(p) for p in t.path)
        self.query_one("#lesson-header", Static).update(f"[b]Lesson[/b] · {path}   [dim]{topic}[/dim]")
        node = self.nodes.get(topic) or self.nodes.get(section)
        if node is not None:
            tree = self.query_one("#lesson-toc", Tree)
            parent = node.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            self.call_after_refresh(tree.move_cursor, node)  # once the expanded lines exist
        block = self._block_for(topic)
        if block is not None:
            self.call_after_refresh(lambda: self.query_one("#lesson-body").scroll_to_widget(block, top=True, animate=False))
        if self.app.ready:
            save_reading_position(self.app.ctx.store, self.app.ctx.profile_id, topic)

    def _block_for(self, topic: str) -> MarkdownText | None:
        parts = topic.split(".")
        for end in range(len(parts), 1, -1):
            block = self.blocks.get(".".join(parts[:end]))
            if block is not None:
                return block
        return None

    def _render_section(self, section: str) -> None:
        body = self.query_one("#lesson-body", VerticalScroll)
        body.remove_children()
        self.blocks = {}
        chunks = _chunks(self.lessons.section_text(section))
        widgets = [MarkdownText(classes="lesson-block") for _ in chunks]
        for widget, (topic, _) in zip(widgets, chunks):
            if topic:
                self.blocks.setdefault(topic, widget)
        body.mount_all(widgets)
        for widget, (_, text) in zip(widgets, chunks):
            widget.show(for_terminal(text))
        body.scroll_home(animate=False)
        self.section = section

    def action_section(self, step: int) -> None:
        sections = [f.section for f in self.lessons.files if f.section]
        ordered = list(dict.fromkeys(sections))
        if self.section not in ordered:
            return
        i = ordered.index(self.section) + step
        if 0 <= i < len(ordered):
            self.show(ordered[i])

    # -- search ----------------------------------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one("#lesson-search", Input)
        box.add_class("shown")
        box.focus()

    @on(Input.Submitted, "#lesson-search")
    def _search(self, event: Input.Submitted) -> None:
        query = event.value.strip().lower()
        if not query:
            return
        self.matches = [tid for tid, place in self.lessons.places.items()
                        if node_depth(tid) == 2 and query in (self.lessons.topic_text(tid) or "").lower()]
        self.match_index = -1
        if not self.matches:
            self.notify(f"No lesson mentions {event.value!r}.")
            return
        self.query_one("#lesson-body").focus()
        self.action_next_match()

    def action_next_match(self) -> None:
        if not self.matches:
            self.notify("Search first with /.")
            return
        self.match_index = (self.match_index + 1) % len(self.matches)
        topic = self.matches[self.match_index]
        self.show(topic)
        self.notify(f"Match {self.match_index + 1} of {len(self.matches)}: {self.app.ctx.catalog.topics[topic].title}")

    # -- leaving, reviewing ------------------------------------------------------------------------
    def action_leave(self) -> None:
        box = self.query_one("#lesson-search", Input)
        if box.has_focus:
            box.remove_class("shown")
            self.query_one("#lesson-body").focus()
            return
        self.dismiss(None)

    def action_review_section(self) -> None:
        if self.section is None:
            return
        from quizzer.review import Focus
        from quizzer.tui.screens.review import ReviewScreen

        catalog = self.app.ctx.catalog
        ids = [qid for qid, q in catalog.questions.items() if section_of(q.topic) == self.section]
        if not ids:
            self.notify("This section has no questions yet.")
            return
        self.app.push_screen(ReviewScreen(Focus(questions=frozenset(ids))))


def _chunks(markdown: str) -> list[tuple[str | None, str]]:
    """Split a section's Markdown at each heading with an id: ``(topic id, text)`` in order."""
    from quizzer.content.lessons import FENCE, HEADING, HEADING_ID

    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    fence = None
    for line in markdown.splitlines():
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence):].strip("`~"):
                fence = None
        elif FENCE.match(stripped):
            fence = FENCE.match(stripped)[1]
        else:
            h = HEADING.match(line)
            m = HEADING_ID.match(h[2]) if h else None
            if m:
                chunks.append((m[2], []))
        chunks[-1][1].append(line)
    return [(tid, "\n".join(lines)) for tid, lines in chunks if "\n".join(lines).strip()]
