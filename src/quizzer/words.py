"""How counts read in messages: ``1 review``, ``2 reviews``, never ``1 reviews``."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, plural unless n is 1 (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else many or word + 's'}"
