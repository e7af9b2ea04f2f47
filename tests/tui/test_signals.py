"""Signals in a real terminal: the app runs in a pseudo-terminal (the standard library's pty), as a student
would run it, and is sent SIGTERM, SIGHUP or keys. It must end within a few seconds and hand the
terminal back: leave the alternate screen, show the cursor, stop mouse reporting.
"""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
HIDE_CURSOR, SHOW_CURSOR = b"\x1b[?25l", b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, as a login shell's would be,
    so that closing the pty's master sends SIGHUP like a dropped SSH connection."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class TerminalSession:
    """``python -m tui`` on a pty of the given size; everything it writes is collected in ``output``."""

    def __init__(self, *args: str, size=(80, 24)) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen([sys.executable, "-m", "tui", *args], stdin=slave, stdout=slave,
                                        stderr=slave, cwd=REPO, env=env, preexec_fn=_own_terminal)
        os.close(slave)
        self.output = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: the child closed its side
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, text: bytes, seconds: float = 20.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.output:
                return True
            if self.process.poll() is not None:
                self.read(0.2)
                return text in self.output
            self.read(0.1)
        return text in self.output

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_exit(self, seconds: float) -> int | None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.05)
            if self.process.poll() is not None:
                self.read(0.3)
                return self.process.returncode
        return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        try:
            os.close(self.master)
        except OSError:
            pass


@pytest.fixture
def session():
    sessions = []

    def start(*args, size=(80, 24)) -> TerminalSession:
        s = TerminalSession(*args, size=size)
        sessions.append(s)
        assert s.wait_for(b"units distinct"), s.output[-2000:]
        s.read(0.3)
        return s

    yield start
    for s in sessions:
        s.close()


def assert_terminal_restored(output: bytes) -> None:
    assert ENTER_ALT_SCREEN in output
    tail = output[output.rindex(ENTER_ALT_SCREEN):]
    assert LEAVE_ALT_SCREEN in tail, "still in the alternate screen"
    assert tail.rfind(SHOW_CURSOR) > tail.rfind(HIDE_CURSOR), "cursor left hidden"
    assert MOUSE_OFF in tail, "mouse reporting left on"
    after = output[output.rindex(LEAVE_ALT_SCREEN) + len(LEAVE_ALT_SCREEN):]
    assert b"Traceback" not in output and b"Error" not in after, after[-1500:]


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP)])
def test_a_signal_ends_the_app_cleanly_and_restores_the_terminal(session, signum, code):
    s = session()
    s.send(b"r")  # mid auto-run: the worker thread must not keep the process alive
    s.read(0.5)
    s.process.send_signal(signum)
    assert s.wait_exit(5) == code, s.output[-1500:]
    assert_terminal_restored(s.output)


def test_closing_the_terminal_ends_the_app(session):
    """A laptop lid closed over SSH: the terminal goes away (SIGHUP, then writes fail); no process left behind."""
    s = session()
    s.send(b"r")
    s.read(0.3)
    os.close(s.master)
    end = time.monotonic() + 5
    while time.monotonic() < end and s.process.poll() is None:
        time.sleep(0.05)
    assert s.process.poll() is not None, "the app outlived its terminal"


def test_ctrl_c_says_how_to_quit_and_q_quits(session):
    s = session()
    s.send(b"\x03")  # ctrl+c: Textual apps do not die on it; they say how to quit
    assert s.wait_for(b"to quit", 5)
    assert s.process.poll() is None
    s.send(b"q")
    assert s.wait_exit(5) == 0
    assert_terminal_restored(s.output)
