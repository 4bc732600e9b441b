"""Settings: one field per setting, validated with the allowed range, saved per profile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from quizzer.errors import UserError
from quizzer.settings import FIELDS, describe_range, load_settings, parse_text, parse_value, save_setting, show_value
from quizzer.tui.widgets import QuietFooter

EDITABLE = ["course_day", "desired_retention", "new_per_day", "reviews_per_day", "learning_steps", "relearning_steps",
            "maximum_interval", "enable_fuzzing", "day_boundary_hour", "theme", "keys"]


class SettingsScreen(Screen):
    AUTO_FOCUS = "#set-course_day"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "leave", "Back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Static("Edit a value and press ctrl+s to save. Each change is checked against its allowed range.")
            with self.app.ctx.store.read() as s:
                current = load_settings(s, self.app.ctx.profile_id)
            for name in EDITABLE:
                with Horizontal(classes="setting-row"):
                    yield Label(f"{name.replace('_', ' ')}", classes="setting-name")
                    yield Input(show_value(name, getattr(current, name)), id=f"set-{name}", classes="setting-input")
                    yield Label(f"{FIELDS[name].description} Allowed: {describe_range(name)}.", classes="setting-help")
            yield Static(id="settings-status")
        yield QuietFooter()

    def action_save(self) -> None:
        app = self.app
        errors, changed = [], []
        with app.ctx.store.read() as s:
            current = load_settings(s, app.ctx.profile_id)
        values = {}
        for name in EDITABLE:
            text = self.query_one(f"#set-{name}", Input).value
            try:
                value = parse_text(name, text)
                parse_value(name, value)
            except UserError as exc:
                errors.append(f"{exc.message} ({exc.hint})" if exc.hint else exc.message)
                continue
            values[name] = value
        status = self.query_one("#settings-status", Static)
        if errors:
            status.update("✗ Not saved:\n" + "\n".join(errors))
            return
        with app.ctx.store.write() as s:
            for name, value in values.items():
                if getattr(current, name) != getattr(parse_value(name, value), name):
                    save_setting(s, app.ctx.profile_id, name, value)
                    changed.append(name)
        app.session.reload_settings()
        app.apply_settings()
        status.update("✓ Saved: " + (", ".join(changed) if changed else "nothing changed"))

    def action_leave(self) -> None:
        self.app.pop_screen()
