"""Layers: the core never imports textual or torch; the quick CLI paths stay light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = ["quizzer.content", "quizzer.store", "quizzer.scheduler", "quizzer.review", "quizzer.sync",
        "quizzer.context", "quizzer.stats", "quizzer.answers", "quizzer.coverage", "quizzer.plain",
        "quizzer.settings", "quizzer.content.snippets", "quizzer.quick", "quizzer.home", "quizzer.days",
        "quizzer.content.lessons", "quizzer.content.notes"]


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_without_textual_or_torch(module):
    mods = loaded_after(f"import {module}")
    assert "textual" not in mods and "torch" not in mods


def test_app_never_imports_torch():
    mods = loaded_after("import quizzer.tui.app, quizzer.tui.screens.review, quizzer.tui.screens.home, quizzer.tui.screens.lessons")
    assert "textual" in mods and "torch" not in mods


def test_stats_json_path_imports_neither(tmp_path, small_content):
    code = (f"import sys; sys.argv=['quizzer','stats','--json','--content',{str(small_content)!r}]\n"
            "from quizzer.cli import main\nimport contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): main()")
    mods = loaded_after(code)
    assert "textual" not in mods and "torch" not in mods
