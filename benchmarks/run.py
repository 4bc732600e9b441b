"""Speed figures for quizzer's quick paths. Run: python benchmarks/run.py

Prints medians over repeated runs; each CLI figure is a whole process, as a user waits for it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], runs: int = 7, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_process(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    sys.path.insert(0, str(REPO / "src"))
    from quizzer.content import load_catalog

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZZER_DB=str(Path(tmp) / "bench.db"))
        exe = [sys.executable, "-m", "quizzer"]
        subprocess.run(exe + ["stats", "--json"], check=True, capture_output=True, env=env)  # first run creates cards
        rows = [
            ("quizzer --help", wall(exe + ["--help"], env=env), 300),
            ("quizzer stats --json", wall(exe + ["stats", "--json"], env=env), 300),
            ("content load + validate, cold (new process)", wall([sys.executable, "-c",
             "from quizzer.content import load_catalog; load_catalog(__import__('quizzer.paths').paths.content_dir())"], env=env), 1500),
            ("content load + validate, warm", in_process(lambda: load_catalog(REPO / "content")), 300),
        ]
    print(f"{'figure':48} {'median ms':>10} {'target':>8}")
    for name, ms, target in rows:
        print(f"{name:48} {ms:10.0f} {'<' + str(target):>8} {'ok' if ms < target else 'MISSED'}")


if __name__ == "__main__":
    main()
