"""A non-editable install carries the course: the wheel holds the content and finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_contains_the_content_and_the_package_finds_it(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("quizzer-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    assert "quizzer/_content/course.yaml" in names
    assert any(n.startswith("quizzer/_content/days/day01_") for n in names)
    probe = "import quizzer.paths as p; print(p.content_dir()); print(p.in_checkout())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert out[0] == str(tmp_path / "site" / "quizzer" / "_content")
    assert out[1] == "False"
    validate = subprocess.run([sys.executable, "-m", "quizzer", "validate"], cwd=tmp_path, capture_output=True, text=True,
                              env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    assert validate.returncode == 0 and "content OK" in validate.stdout, validate.stderr
