"""Which program opens a learner's exercise file: ``$VISUAL``, ``$EDITOR``, else a common editor."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

from quizzer.errors import UserError

FALLBACKS = ("nano", "vim", "vi")


def editor_command(path: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv that opens ``path`` in the learner's editor.

    ``$VISUAL`` then ``$EDITOR`` (which may carry arguments, e.g. ``code --wait``), else the first
    of nano, vim and vi on ``PATH``. Raises a ``UserError`` that says what to set when none exists.
    """
    env = os.environ if environ is None else environ
    search = env.get("PATH", os.defpath)
    for var in ("VISUAL", "EDITOR"):
        value = env.get(var, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError:
            raise UserError(f"${var} is not a valid command line: {value!r}",
                            f"set {var} to an editor, e.g. export {var}=vim") from None
        if shutil.which(argv[0], path=search) is None:
            raise UserError(f"${var} names {argv[0]!r}, which is not installed or not on PATH",
                            f"set {var} to an installed editor (e.g. export {var}=vi), or open {path} yourself")
        return [*argv, path]
    for name in FALLBACKS:
        found = shutil.which(name, path=search)
        if found:
            return [found, path]
    raise UserError("no text editor found: $VISUAL and $EDITOR are unset and none of nano, vim, vi is installed",
                    f"set EDITOR (e.g. export EDITOR=emacs), or open {path} in any editor and press c to check")
