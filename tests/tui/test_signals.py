"""Signals in a real terminal: the app runs in a pseudo-terminal (the standard library's pty), as a student
would run it, and is sent SIGTERM, SIGHUP or keys. It must end within a few seconds and hand the
terminal back: leave the alternate screen, show the cursor, stop mouse reporting.
"""
from __future__ import annotations

import signal
import sys
import time

import pytest

from tests.tui.lost_terminal import ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR, PtySession

MOUSE_OFF = b"\x1b[?1000l"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")


@pytest.fixture
def session():
    sessions = []

    def start(*args, size=(80, 24)) -> PtySession:
        s = PtySession(args, size=size)
        sessions.append(s)
        assert s.wait_for(b"units distinct", 20), bytes(s.output[-2000:])
        s.read(0.3)
        return s

    yield start
    for s in sessions:
        s.close()


def _exit_status(s: PtySession, seconds: float) -> int | None:
    s.lost_at = time.monotonic()
    return s.process.returncode if s.gone_within(seconds) is not None else None


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
    assert _exit_status(s, 5) == code, bytes(s.output[-1500:])
    s.read(0.3)
    assert_terminal_restored(bytes(s.output))


def test_closing_the_terminal_ends_the_app(session):
    """A laptop lid closed over SSH: the terminal goes away (SIGHUP, then writes fail); no process left behind."""
    s = session()
    s.send(b"r")
    s.read(0.3)
    s.drop()
    assert s.gone_within(5) is not None, "the app outlived its terminal"


def test_ctrl_c_says_how_to_quit_and_q_quits(session):
    s = session()
    s.send(b"\x03")  # ctrl+c: Textual apps do not die on it; they say how to quit
    assert s.wait_for(b"to quit", 5)
    assert s.process.poll() is None
    s.send(b"q")
    assert _exit_status(s, 5) == 0
    s.read(0.3)
    assert_terminal_restored(bytes(s.output))
