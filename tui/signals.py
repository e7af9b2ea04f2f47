"""SIGTERM and SIGHUP end the app the way `q` does, so the terminal is handed back (alternate screen left,
cursor shown, mouse reporting off) and the process exits with 128 + the signal's number.

Without this, Python's default action kills the process on the spot and leaves the student's terminal in
raw mode with no cursor: `kill`, a scheduler ending a lab session, or an SSH connection that drops.
(Ctrl+C is a key in a Textual app, not a signal: it says how to quit; `q` quits.)
"""
from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def install_exit_signals(app: "App") -> None:
    """Call from the app's on_mount, in its event loop. Pilot tests (headless) keep the default handlers."""
    if app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for signum in EXIT_SIGNALS:
        try:
            loop.add_signal_handler(signum, _exit_on_signal, app, signum)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no POSIX signals
            pass


def _exit_on_signal(app: "App", signum: int) -> None:
    pause = getattr(app, "_pause_run", None)
    if pause is not None:  # stop the auto-run worker thread first, as `q` does
        pause()
    app.exit(return_code=128 + signum)
