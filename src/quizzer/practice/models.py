"""Exercise metadata (``content/exercises/<id>/exercise.yaml``) and where each file lives."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizzer import paths
from quizzer.errors import UnknownItem, UserError

EXERCISE_ID = r"^d\d{2}-[a-z0-9]+(-[a-z0-9]+)*$"


class Rules(BaseModel):
    """Static rules checked on the learner's source before anything runs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    forbid_calls: list[str] = Field([], description="attribute or function names that must not be called, e.g. cdist")
    no_loops: bool = Field(False, description="no for/while loops (and no comprehensions) in the solution")
    reason: str = Field("", description="why the rule exists, shown with the failure")


class ExerciseMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=EXERCISE_ID)
    day: int = Field(ge=1, le=45)
    title: str = Field(min_length=1)
    topics: list[str] = Field(min_length=1)
    file: str = Field(pattern=r"^[a-z0-9_]+\.py$", description="the learner's file name in exercises/dayNN/")
    hints: list[str] = Field(min_length=1)
    timeout: float = Field(30, gt=0, le=600)
    memory_mb: int = Field(3072, ge=256)
    device: Literal["any", "cuda"] = "any"
    rules: Rules = Rules()


@dataclass(frozen=True)
class Exercise:
    """An exercise with the paths of its hidden parts and of the learner's workspace file."""

    meta: ExerciseMeta
    folder: Path  # content/exercises/<id>: stub, solution, probe, checks (never shown before a pass)
    workspace: Path  # exercises/dayNN/<file>: what the learner edits

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def stub(self) -> Path:
        return self.folder / "stub.py"

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @property
    def wrong_solutions(self) -> list[Path]:
        return sorted((self.folder / "wrong").glob("*.py"))


def workspace_dir(override: str | None = None) -> Path:
    """The learner's exercise folder: ``$QUIZZER_EXERCISES``, the checkout's ``exercises/``, or ``~/quizzer-exercises``."""
    chosen = override or os.environ.get("QUIZZER_EXERCISES")
    if chosen:
        return Path(chosen).expanduser()
    if paths.in_checkout():
        return paths.CHECKOUT_ROOT / "exercises"
    return Path.home() / "quizzer-exercises"


def load_exercises(content: Path, workspace: Path | None = None) -> dict[str, Exercise]:
    """Every exercise under ``content/exercises``, in day order; UserError for a bad exercise.yaml."""
    workspace = workspace or workspace_dir()
    found: dict[str, Exercise] = {}
    root = Path(content) / "exercises"
    for meta_path in sorted(root.glob("*/exercise.yaml")):
        try:
            meta = ExerciseMeta.model_validate(yaml.safe_load(meta_path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise UserError(f"{meta_path}: {exc}".splitlines()[0] + " …", "fix the exercise metadata") from None
        if meta.id != meta_path.parent.name:
            raise UserError(f"{meta_path}: id {meta.id!r} differs from its folder name", "rename one of them")
        found[meta.id] = Exercise(meta, meta_path.parent, workspace / f"day{meta.day:02d}" / meta.file)
    return dict(sorted(found.items(), key=lambda kv: (kv[1].meta.day, kv[0])))


def get_exercise(exercises: dict[str, Exercise], exercise_id: str) -> Exercise:
    if exercise_id in exercises:
        return exercises[exercise_id]
    close = [e for e in exercises if exercise_id in e]
    raise UnknownItem(f"no exercise {exercise_id!r}",
                      f"did you mean {', '.join(close[:3])}?" if close else "list them with: quizzer exercises")


def stub_record(ex: Exercise) -> Path:
    """Where the workspace keeps the stub a learner's file was made from (hidden, beside it)."""
    return ex.workspace.with_name(f".{ex.workspace.name}.stub")


def place_stub(ex: Exercise) -> None:
    """Write the stub as the learner's file, remembering which stub it was."""
    ex.workspace.parent.mkdir(parents=True, exist_ok=True)
    stub = ex.stub.read_bytes()
    ex.workspace.write_bytes(stub)
    stub_record(ex).write_bytes(stub)


def ensure_workspace(ex: Exercise) -> Path:
    """The learner's file, created from the stub on first use; return its path.

    The workspace is the learner's (git ignores it), so a course update never overwrites their
    work: a newer stub replaces the file only while it is still exactly the stub it was made from.
    """
    if not ex.workspace.exists():
        place_stub(ex)
        return ex.workspace
    record = stub_record(ex)
    if record.exists() and ex.workspace.read_bytes() == record.read_bytes() != ex.stub.read_bytes():
        place_stub(ex)  # untouched since it was made: follow the course's new stub
    return ex.workspace
