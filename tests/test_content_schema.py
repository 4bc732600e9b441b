"""Content validation: every mistake is reported with its file, line and field."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from conftest import SMALL_BANKS, write_content
from quizzer.content import ContentError, load_catalog


def problems_for(tmp_path, banks: dict[str, str]) -> list:
    root = write_content(tmp_path / "c", banks)
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return info.value.problems


def bank(body: str, day: int = 1) -> str:
    return f"day: {day}\nquestions:\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n"


GOOD = """
- id: d01-q001
  topic: d01.s1.1.1
  kind: flashcard
  category: key
  level: beginner
  prompt: P
  answer: A
  explanation: E
"""


def test_small_content_loads_in_course_order(small_content):
    catalog = load_catalog(small_content)
    assert catalog.in_course_order() == ["d01-q001", "d01-q002", "d01-q003", "d02-q001", "d02-q002"]
    assert catalog.questions["d01-q002"].multiple is True


def test_real_content_is_valid():
    from conftest import REAL_CONTENT

    catalog = load_catalog(REAL_CONTENT)
    assert len(catalog.days) >= 33
    assert catalog.questions, "the built-in course has no questions"


def test_malformed_yaml_names_file_and_line(tmp_path):
    [p] = problems_for(tmp_path, {"day01_x.yaml": "day: 1\nquestions:\n  - id: d01-q001\n    prompt: [unclosed\n"})
    assert p.file.endswith("days/day01_x.yaml")
    assert p.line in (4, 5)
    assert "malformed YAML" in p.message


def test_unknown_field(tmp_path):
    [p] = problems_for(tmp_path, {"day01_x.yaml": bank(GOOD + "  colour: red\n")})
    assert (p.question, p.field, p.line) == ("d01-q001", "colour", 11)
    assert "unknown field" in p.message


def test_wrong_type_and_missing_field(tmp_path):
    body = GOOD.replace("level: beginner", "level: expert").replace("  answer: A\n", "")
    found = {(p.field, p.line) for p in problems_for(tmp_path, {"day01_x.yaml": bank(body)})}
    assert ("level", 7) in found  # wrong value, on its own line
    assert ("answer", 3) in found  # missing: reported at the question


def test_duplicate_id_across_files(tmp_path):
    second = bank(GOOD.replace("d01.s1.1.1", "d01.s1.1.2"))
    problems = problems_for(tmp_path, {"day01_a.yaml": bank(GOOD), "day01_b.yaml": second})
    dup = [p for p in problems if "duplicate id" in p.message]
    assert dup and dup[0].file.endswith("day01_b.yaml") and dup[0].field == "id"
    assert "day01_a.yaml:3" in dup[0].message


def test_topic_not_in_syllabus(tmp_path):
    [p] = problems_for(tmp_path, {"day01_x.yaml": bank(GOOD.replace("d01.s1.1.1", "d01.s9.9.9"))})
    assert (p.question, p.field, p.line) == ("d01-q001", "topic", 4)
    assert "not in the syllabus" in p.message


def test_mcq_without_correct_choice(tmp_path):
    body = GOOD.replace("kind: flashcard", "kind: mcq") + "  choices:\n    - {text: a, why: x}\n    - {text: b, why: y}\n"
    [p] = problems_for(tmp_path, {"day01_x.yaml": bank(body)})
    assert (p.question, p.field) == ("d01-q001", "choices")
    assert "correct: true" in p.message


def test_cloze_without_deletion(tmp_path):
    [p] = problems_for(tmp_path, {"day01_x.yaml": bank(GOOD.replace("kind: flashcard", "kind: cloze"))})
    assert (p.question, p.field) == ("d01-q001", "prompt")
    assert "{{c1::" in p.message


def test_every_problem_reported_at_once(tmp_path):
    banks = {"day01_a.yaml": bank(GOOD.replace("level: beginner", "level: x")),
             "day02_b.yaml": "day: 2\nquestions: [oops\n"}
    problems = problems_for(tmp_path, banks)
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {"day01_a.yaml", "day02_b.yaml"}


def test_non_utf8_bank(tmp_path):
    root = write_content(tmp_path / "c", {})
    (root / "days" / "day01_x.yaml").write_bytes(b"day: 1\nquestions: []\n# caf\xe9\n")
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    assert "UTF-8" in str(info.value) and ":3:" in str(info.value)


def test_cli_validate_prints_every_problem_without_traceback(tmp_path):
    banks = dict(SMALL_BANKS)
    banks["day01_basics.yaml"] = SMALL_BANKS["day01_basics.yaml"].replace("level: intermediate", "level: wizard")
    root = write_content(tmp_path / "c", banks)
    proc = subprocess.run([sys.executable, "-m", "quizzer", "validate", "--content", str(root)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "days/day01_basics.yaml:" in proc.stderr and "question d01-q002: level:" in proc.stderr
    assert "hint:" in proc.stderr


def test_app_refuses_invalid_content_with_the_same_message(tmp_path):
    root = write_content(tmp_path / "c", {"day01_x.yaml": "day: 1\nquestions: [oops\n"})
    proc = subprocess.run([sys.executable, "-m", "quizzer", "--content", str(root)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "day01_x.yaml:" in proc.stderr and "malformed YAML" in proc.stderr
    assert "Traceback" not in proc.stderr


def numeric(prompt: str, answer: str, tolerance: str) -> str:
    return (GOOD.replace("kind: flashcard", "kind: numeric").replace("prompt: P", f"prompt: {prompt}")
            .replace("answer: A", f'answer: "{answer}"') + f"  tolerance: {tolerance}\n")


@pytest.mark.parametrize("prompt, answer, tolerance", [
    ("What is 2/3? Give it to 2 decimal places.", "0.6667", "0.001"),       # 0.67 would be marked wrong
    ("The rate, to 2 significant figures?", "5.69e-05", "5.0e-08"),         # so would 5.7e-05
    ("A probability, to three decimal places.", "0.6415", "0.0001"),       # and 0.642
])
def test_numeric_prompt_whose_tolerance_rejects_the_precision_it_asks_for(tmp_path, prompt, answer, tolerance):
    [p] = problems_for(tmp_path, {"day01_x.yaml": bank(numeric(prompt, answer, tolerance))})
    assert (p.question, p.field) == ("d01-q001", "tolerance")
    assert "the prompt asks for" in p.message and "use a tolerance of at least" in p.message


def test_numeric_answers_at_the_precision_asked_for_are_accepted(tmp_path):
    from quizzer.answers import check_typed

    root = write_content(tmp_path / "c", {"day01_x.yaml": bank(
        numeric("A probability, to 3 decimal places.", "0.6415", "0.0005")
        + numeric("What is 2/3? Give it to 2 decimal places.", "0.6667", "0.005").replace("d01-q001", "d01-q002"))})
    questions = load_catalog(root).questions
    assert check_typed(questions["d01-q001"], "0.642").correct and check_typed(questions["d01-q001"], "0.641").correct
    assert not check_typed(questions["d01-q001"], "0.643").correct
    assert check_typed(questions["d01-q002"], "0.67").correct and not check_typed(questions["d01-q002"], "0.68").correct
    assert not check_typed(questions["d01-q002"], "nan").correct


def test_cloze_answers_are_compared_as_a_keyboard_types_them(tmp_path):
    from quizzer.answers import check_typed

    body = (GOOD.replace("kind: flashcard", "kind: cloze")
            .replace("prompt: P", "prompt: 'The gradient is {{c1::p − y}} and the op is {{c2::`x.mul_(2)`}}.'"))
    q = load_catalog(write_content(tmp_path / "c", {"day01_x.yaml": bank(body)})).questions["d01-q001"]
    for typed in ["p - y / x.mul_(2)", "P-Y / `x.mul_(2)`", "p – y/x.mul_(2).", "p−y / x.mul_( 2 )"]:
        assert check_typed(q, typed).correct, typed
    assert not check_typed(q, "y - p / x.mul_(2)").correct
    assert not check_typed(q, "p - y").correct  # one deletion left out
    body = GOOD.replace("kind: flashcard", "kind: cloze").replace("prompt: P", "prompt: 'The loss is {{c1::cross-entropy}}.'")
    compound = load_catalog(write_content(tmp_path / "d", {"day01_x.yaml": bank(body)})).questions["d01-q001"]
    for typed in ["cross-entropy", "cross entropy", "Crossentropy", "cross‑entropy"]:
        assert check_typed(compound, typed).correct, typed
    assert not check_typed(compound, "entropy").correct
