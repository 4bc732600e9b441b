"""Checking typed answers: MCQ letters, numbers with tolerance, printed output; cloze display."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from quizzer.content.models import CLOZE, Question, within

LETTERS = "ABCDEF"  # an mcq has at most six choices


@dataclass(frozen=True)
class Verdict:
    correct: bool
    expected: str
    given: str
    diff: str = ""

    @property
    def given_shown(self) -> str:
        """The learner's answer as a verdict repeats it: a long paste is cut, saying how long it was."""
        return clip(self.given)

    @property
    def suggested_rating(self) -> int:
        """Good when right, Again when wrong; the learner may change it before confirming."""
        return 3 if self.correct else 1


def clip(text: str, limit: int = 160) -> str:
    """``text`` if short, else its start and how many characters it had (a verdict never echoes a
    5,000-character paste in full)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… ({len(text):,} characters)"


def correct_letters(q: Question) -> str:
    return "".join(LETTERS[i] for i, c in enumerate(q.choices or []) if c.correct)


def check_mcq(q: Question, given: str) -> Verdict:
    picked = "".join(sorted({ch for ch in given.upper() if ch in LETTERS[: len(q.choices or [])]}))
    want = correct_letters(q)
    return Verdict(picked == want, want, picked)


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", "").replace("_", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def check_numeric(q: Question, given: str) -> Verdict:
    value = _number(given)
    want = float(q.answer)
    tol = q.tolerance or 0.0
    ok = value is not None and math.isfinite(value) and within(value, want, tol)
    return Verdict(ok, q.answer.strip(), given.strip())


def normalise_ws(text: str) -> str:
    return " ".join(text.split())


_SAME = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "“": '"', "”": '"', "‘": "'",
                       "’": "'", "`": None, "×": "x"})


_COMPOUND = re.compile(r"(?<=[a-z]{2})[-\s]+(?=[a-z]{2})")  # the joint of a compound word


def normalise_typed(text: str) -> str:
    """A short typed answer as it is compared: what a keyboard cannot tell apart is the same
    (Unicode minus and dashes, curly quotes, backticks, spacing, case, a final full stop), and
    a compound word is the same with or without its hyphen or space (cross-entropy, cross
    entropy, crossentropy; the hyphen of ``p - y`` between single letters still counts)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).translate(_SAME).lower()
    text = _COMPOUND.sub("", text)
    return "".join(text.split()).rstrip(".")


def check_output(q: Question, given: str) -> Verdict:
    """Compare printed output with whitespace normalised; the diff shows where they part."""
    want = q.answer.strip()
    ok = normalise_ws(given) == normalise_ws(want)
    diff = "" if ok else "\n".join(clip(line) for line in list(difflib.unified_diff(
        want.splitlines(), given.strip().splitlines(), "expected", "yours", lineterm="", n=1))[:24])
    return Verdict(ok, want, given.strip(), diff)


def check_typed(q: Question, given: str) -> Verdict:
    if q.kind == "mcq":
        return check_mcq(q, given)
    if q.kind == "numeric":
        return check_numeric(q, given)
    if q.kind == "code_output":
        return check_output(q, given)
    if q.kind == "cloze":
        want = " / ".join(q.cloze_deletions)
        ok = [normalise_typed(g) for g in given.split("/")] == [normalise_typed(d) for d in q.cloze_deletions]
        return Verdict(ok, want, given.strip())
    raise ValueError(f"{q.kind} questions are self-graded")


def cloze_front(text: str, mask: str = "[...]") -> str:
    """The cloze with its deletions hidden (a hint, where given, replaces the dots)."""
    return CLOZE.sub(lambda m: f"[{m[3]}]" if m[3] else mask, text)


def cloze_back(text: str, mark: tuple[str, str] = ("**", "**")) -> str:
    """The cloze with its deletions revealed and marked."""
    return CLOZE.sub(lambda m: f"{mark[0]}{m[2]}{mark[1]}", text)


def strip_math(text: str) -> str:
    """LaTeX-style inline math as readable Unicode (\\(\\alpha^2\\) → α²), for terminals."""
    if "\\(" not in text:  # only inline \\( … \\) math is converted
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    conv = LatexNodes2Text(math_mode="text")

    def one(m: re.Match) -> str:
        try:
            return conv.latex_to_text(m[1])
        except Exception:  # keep the source if pylatexenc cannot parse it
            return m[0]

    return re.sub(r"\\\((.+?)\\\)", one, text, flags=re.S)
