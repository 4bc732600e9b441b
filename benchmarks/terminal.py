"""Time an app in a real pseudo-terminal, as a learner sees it: from starting the process to each
expected text appearing on screen, with keys sent in between."""

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


def timeline(cmd: list[str], steps: list[tuple[bytes, bytes]], env: dict, size: tuple[int, int] = (120, 40),
             timeout: float = 60.0) -> list[float]:
    """Milliseconds from the start until each step's text shows; after each, send its keys.
    The app is closed with ctrl+q at the end."""
    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": "xterm-256color"},
                            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    seen, screen, pending = [], b"", list(steps)
    try:
        while pending and time.perf_counter() - start < timeout:
            if not select.select([master], [], [], 0.02)[0]:
                continue
            try:
                screen += os.read(master, 1 << 16)
            except OSError:  # the app ended
                break
            text, keys = pending[0]
            if text in ANSI.sub(b"", screen):
                seen.append((time.perf_counter() - start) * 1000)
                pending.pop(0)
                screen = b""
                if keys:
                    os.write(master, keys)
        if pending:
            raise RuntimeError(f"{pending[0][0]!r} never showed; the screen ended with "
                               f"{ANSI.sub(b'', screen)[-500:].decode(errors='replace')!r}")
    finally:
        try:
            os.write(master, b"\x11")  # ctrl+q
            proc.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        os.close(master)
    return seen
