"""Run the code in question banks and check it: snippets execute, printed answers match torch.

Runs every snippet in one separate worker interpreter (so the caller never imports torch):
each ```python block of a prompt, answer or explanation, and each question's ``verify`` code.
A block fenced as ```python norun is shown but not run (for code that needs a GPU or a network).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass

from quizzer.content.models import Question, code_blocks

TORCH_NAME = re.compile(r"(?<![\w.])torch(?:\.[A-Za-z_]\w*)+")


@dataclass(frozen=True)
class Snippet:
    question: str
    where: str  # prompt, answer, explanation, verify
    code: str
    needs: tuple[str, ...] = ()  # optional libraries; the snippet is skipped where one is missing


@dataclass(frozen=True)
class Finding:
    question: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"question {self.question}: {self.where}: {self.message}"


def snippets_of(q: Question) -> list[Snippet]:
    """Every runnable piece of code a question holds."""
    found = []
    for where in ("prompt", "answer", "explanation"):
        for info, code in code_blocks(getattr(q, where)):
            words = info.split()
            if words[:1] == ["python"] and "norun" not in words:
                found.append(Snippet(q.id, where, code))
    if q.verify:
        found.append(Snippet(q.id, "verify", q.verify))
    return found


def torch_names(q: Question) -> set[str]:
    """``torch.*`` names mentioned anywhere in a question."""
    texts = [q.prompt, q.answer, q.explanation, *(c.text + " " + c.why for c in q.choices or [])]
    return {m.rstrip(".") for t in texts for m in TORCH_NAME.findall(t)}


def normalise_output(text: str) -> str:
    """Printed output compared line by line, ignoring trailing spaces and blank edges."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def run_snippets(snippets: list[Snippet], names: list[str], timeout: float = 600) -> tuple[list[dict], dict[str, bool]]:
    """Execute snippets in a worker; return their results and which torch names exist."""
    payload = json.dumps({"snippets": [s.__dict__ for s in snippets], "names": names})
    proc = subprocess.run(
        [sys.executable, "-m", "quizzer.content._snippet_worker"],
        input=payload, capture_output=True, text=True, timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"snippet worker failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.splitlines()[-1])
    return result["snippets"], result["names"]


def check_questions(questions: list[Question]) -> list[Finding]:
    """Run every question's code; report failures, wrong printed answers and unknown torch names."""
    snippets = [s for q in questions for s in snippets_of(q)]
    names = sorted({n for q in questions for n in torch_names(q)})
    results, exists = run_snippets(snippets, names)
    findings = []
    by_question = {q.id: q for q in questions}
    for snip, res in zip(snippets, results):
        q = by_question[snip.question]
        if res["error"]:
            findings.append(Finding(q.id, snip.where, f"code raised {res['error']}"))
            continue
        if q.kind == "code_output" and snip.where == "prompt":
            got, want = normalise_output(res["stdout"]), normalise_output(q.answer)
            if got != want:
                findings.append(Finding(q.id, "answer", f"the code prints:\n{got}\nbut the answer says:\n{want}"))
        if q.kind == "numeric" and snip.where == "verify":
            lines = res["stdout"].strip().splitlines()
            try:
                value = float(lines[-1])
            except (IndexError, ValueError):
                findings.append(Finding(q.id, "verify", "verify code must print the number as its last line"))
                continue
            tol = q.tolerance or 0.0
            if not math.isclose(value, float(q.answer), rel_tol=0, abs_tol=max(tol, 1e-9)):
                findings.append(Finding(q.id, "answer", f"verify computes {value!r} but the answer is {q.answer}"))
    for q in questions:
        for name in sorted(torch_names(q)):
            if not exists.get(name, True):
                findings.append(Finding(q.id, "text", f"{name} does not exist in torch {exists.get('__version__', '')}".rstrip()))
    return findings


def missing_libraries(lessons, days: set[int] | None = None) -> dict[str, int]:
    """Optional library → how many lesson blocks of ``days`` need it and cannot run here."""
    import importlib.util

    missing: dict[str, int] = {}
    for f in lessons.files:
        if days is None or f.day in days:
            for b in f.blocks:
                for name in b.needs if b.runnable else ():
                    if importlib.util.find_spec(name) is None:
                        missing[name] = missing.get(name, 0) + 1
    return missing


def check_lessons(lessons, days: set[int] | None = None) -> list[str]:
    """Run every runnable block of the lessons of ``days`` (all when None) in one worker; report
    failures, output blocks that differ from what the code prints, and unknown ``torch.*`` names,
    each as ``file:line: message``."""
    files = [f for f in lessons.files if days is None or f.day in days]
    blocks = [(f, b) for f in files for b in f.blocks if b.runnable]
    snippets = [Snippet(f"{f.shown}:{b.line}", "lesson", b.code, b.needs) for f, b in blocks]
    mentions: dict[str, tuple[str, int]] = {}
    for f in files:
        for no, line in enumerate(f.lines, 1):
            for name in TORCH_NAME.findall(line):
                mentions.setdefault(name.rstrip("."), (f.shown, no))
    results, exists = run_snippets(snippets, sorted(mentions))
    messages = []
    for (f, b), res in zip(blocks, results):
        if res.get("skipped"):
            continue  # an optional library is missing; missing_libraries() says which
        if res["error"]:
            messages.append(f"{f.shown}:{b.line}: code raised {res['error'].rstrip()}")
            continue
        if b.output is not None:
            got, want = normalise_output(res["stdout"]), normalise_output(b.output)
            if got != want:
                messages.append(f"{f.shown}:{b.output_line}: the code above prints:\n{got}\nbut the output block says:\n{want}")
    for name, (shown, no) in sorted(mentions.items(), key=lambda item: item[1]):
        if not exists.get(name, True):
            messages.append(f"{shown}:{no}: {name} does not exist in torch {exists.get('__version__', '')}".rstrip())
    return messages
