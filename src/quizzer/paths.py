"""Where quizzer finds its content and its database, with environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent.parent


def content_dir(override: str | os.PathLike | None = None) -> Path:
    """The content folder: ``--content``, then ``$QUIZZER_CONTENT``, then the built-in course."""
    chosen = override or os.environ.get("QUIZZER_CONTENT")
    if chosen:
        return Path(chosen).expanduser()
    bundled = PACKAGE_DIR / "_content"
    if bundled.is_dir():  # a wheel install carries the course inside the package
        return bundled
    return CHECKOUT_ROOT / "content"


def in_checkout() -> bool:
    """True when running from a source checkout (an editable install)."""
    return (CHECKOUT_ROOT / "pyproject.toml").is_file() and (CHECKOUT_ROOT / "content").is_dir()


def cache_dir() -> Path:
    """Where quick paths keep derived data: ``$QUIZZER_CACHE``, else ``$XDG_CACHE_HOME/quizzer``."""
    chosen = os.environ.get("QUIZZER_CACHE")
    if chosen:
        return Path(chosen).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quizzer"


def database_file(url: str) -> Path | None:
    """The file of a SQLite URL from ``database_url``; None for a server database or in-memory."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url[len(prefix):] in ("", ":memory:"):
        return None
    return Path(url[len(prefix):])


def database_url(override: str | None = None) -> str:
    """``--db``, then ``$QUIZZER_DB`` (a path or any SQLAlchemy URL), then ``data.db``.

    From a checkout the default file is ``data.db`` at the repository root; an installed
    package keeps it in ``$XDG_DATA_HOME/quizzer``.
    """
    chosen = override or os.environ.get("QUIZZER_DB")
    if chosen and "://" in chosen:
        return chosen
    if chosen:
        path = Path(chosen).expanduser()
    elif in_checkout():
        path = CHECKOUT_ROOT / "data.db"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        path = base / "quizzer" / "data.db"
    return f"sqlite:///{path.resolve()}"
