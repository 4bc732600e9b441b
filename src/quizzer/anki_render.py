"""Markdown to the HTML an Anki card shows: highlighted code with inline styles, MathJax math."""

from __future__ import annotations

import html
import re
from functools import lru_cache

MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
CLOZE_MARK = re.compile(r"\{\{c\d+::.*?\}\}", re.S)
# A light box with its own background reads the same in Anki's light and night modes.
CODE_BOX = ("background:#f6f8fa;color:#24292f;border:1px solid #d0d7de;border-radius:6px;"
            "padding:8px 10px;overflow-x:auto;font-size:0.9em;line-height:1.35;text-align:left")


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight}).enable("table")
    return md


@lru_cache(maxsize=32)
def _lexer(name: str):
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(name) if name else TextLexer()
    except ClassNotFound:
        return TextLexer()


@lru_cache(maxsize=1)
def _formatter():
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(noclasses=True, nowrap=True, style="default")


def _highlight(code: str, lang: str, _attrs: str) -> str:
    from pygments import highlight

    name = (lang or "").split()[0] if lang else ""
    body = highlight(code, _lexer(name), _formatter())
    return f'<pre style="{CODE_BOX}"><code>{body}</code></pre>'


def to_html(markdown: str, keep_cloze: bool = False) -> str:
    """Render Markdown for Anki; math becomes MathJax ``\\( … \\)`` and survives untouched."""
    saved: list[str] = []

    def protect(m: re.Match) -> str:
        saved.append(m[0])
        return f"QZPROTECT{len(saved) - 1}X"

    text = MATH.sub(protect, markdown)
    if keep_cloze:
        text = CLOZE_MARK.sub(protect, text)
    out = _markdown().render(text)
    # inline code gets the same readable box colours as blocks
    out = out.replace("<code>", '<code style="background:#f6f8fa;color:#24292f;padding:0 3px;border-radius:3px">')
    out = out.replace(f'<pre style="{CODE_BOX}"><code style="background:#f6f8fa;color:#24292f;padding:0 3px;border-radius:3px">',
                      f'<pre style="{CODE_BOX}"><code>')
    for i, original in enumerate(saved):
        if original.startswith("{{"):  # a cloze deletion: keep Anki's syntax, escape the text inside
            head, _, rest = original[2:-2].partition("::")
            original = "{{" + head + "::" + html.escape(rest, quote=False) + "}}"
        else:
            original = html.escape(original, quote=False)
        out = out.replace(f"QZPROTECT{i}X", original)
    return out.strip()
