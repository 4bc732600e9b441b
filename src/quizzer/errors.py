"""Named exceptions for mistakes a user can fix; the CLI and TUI show them as one message."""

from __future__ import annotations


class UserError(Exception):
    """A user-fixable problem: ``message`` says where and what, ``hint`` what to do."""

    def __init__(self, message: str, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        return self.message + (f"\nhint: {self.hint}" if self.hint else "")


class StoreError(UserError):
    """The database cannot be opened or used (locked, damaged, too new, bad URL)."""


class UnknownItem(UserError):
    """An id, profile or setting name that does not exist."""
