"""Widgets the screens share, shaped so that showing the next card stays quick."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer, Static


class MarkdownText(Static):
    """Markdown rendered by Rich inside one widget, code blocks highlighted. Showing the next card
    is then a single update: Textual's Markdown widget mounts and styles a widget per block, which
    costs tens of milliseconds a card."""

    source = ""  # the Markdown last shown

    def show(self, text: str) -> None:
        from rich.markdown import Markdown  # not needed for the first screen

        self.source = text
        theme = "monokai" if self.app.current_theme.dark else "friendly"
        self.update(Markdown(text, code_theme=theme, inline_code_theme=theme))


class QuietFooter(Footer):
    """Textual's footer, rebuilt only when what it shows changes. Textual rebuilds it (a widget per
    key) on every focus change, which made moving to or from a typed-answer card slow."""

    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple((b.key, self.app.get_key_display(b), b.description, b.action, b.show, b.group, enabled, tooltip)
                          for _, b, enabled, tooltip in screen.active_bindings.values())
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
