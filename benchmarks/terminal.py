"""Time an app in a real pseudo-terminal, as a learner sees it: from starting the process, or from
a keypress, to an expected text appearing on screen."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$ ]*[a-zA-Z@`~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """A process on a pseudo-terminal of the given size; its output read as plain text."""

    def __init__(self, cmd: list[str], env: dict, size: tuple[int, int] = (120, 40)):
        self.master, slave = os.openpty()
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": "xterm-256color"},
                                     start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.text = b""  # output since the last wait matched (escape sequences removed)
        self._raw = b""

    def wait(self, pattern: bytes, timeout: float = 60.0) -> re.Match:
        """Read until ``pattern`` (a regular expression) shows; the text before it is dropped."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            found = re.search(pattern, self.text)
            if found:
                self.text = self.text[found.end():]
                return found
            if select.select([self.master], [], [], 0.01)[0]:
                try:
                    self._raw += os.read(self.master, 1 << 16)
                except OSError:  # the app ended
                    break
                cut = self._raw.rfind(b"\x1b")  # keep an escape sequence split across reads whole
                cut = cut if cut > len(self._raw) - 64 else len(self._raw)
                self.text += ANSI.sub(b"", self._raw[:cut])
                self._raw = self._raw[cut:]
        raise RuntimeError(f"{pattern!r} never showed; the screen ended with {self.text[-500:].decode(errors='replace')!r}")

    def send(self, keys: bytes) -> float:
        """Send keys; the time they were sent."""
        os.write(self.master, keys)
        return time.perf_counter()

    def since_start(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            self.proc.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def timeline(cmd: list[str], steps: list[tuple[bytes, bytes]], env: dict) -> list[float]:
    """Milliseconds from the start until each step's text shows; after each, send its keys."""
    term = Terminal(cmd, env)
    try:
        seen = []
        for text, keys in steps:
            term.wait(re.escape(text))
            seen.append(term.since_start())
            if keys:
                term.send(keys)
        return seen
    finally:
        term.close()


def grade_to_next_card(cmd: list[str], env: dict, cards: int) -> list[float]:
    """Review ``cards`` cards: reveal each (space, or Enter for a typed answer), then time the
    grade key (3, or Enter to accept the suggested grade) until the next card's header shows."""
    term = Terminal(cmd, env)
    times = []
    try:
        term.wait(rb"reviews due")
        term.send(b"\r")
        term.wait(rb"#1 ")
        for n in range(1, cards + 1):
            kind = term.wait(rb"(flashcard|cloze|mcq|numeric|code_output) \xc2\xb7").group(1)
            typed = kind in (b"numeric", b"code_output")
            term.send(b"\r" if typed else b" ")
            term.wait(rb"Again \xc2\xb7")  # the grade buttons show their intervals once revealed
            sent = term.send(b"\r" if typed else b"3")
            term.wait(rb"#%d " % (n + 1))
            times.append((time.perf_counter() - sent) * 1000)
        return times
    finally:
        term.close()
