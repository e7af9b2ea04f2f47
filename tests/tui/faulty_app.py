"""`shallow-tui` with a fault injected, for the crash and watchdog tests (run in a pty by tests/tui/lost_terminal.py):

    python tests/tui/faulty_app.py FAULT [shallow-tui options]

FAULT: ``step-raises`` (space raises ZeroDivisionError on the UI thread), ``thread-raises`` (r starts a plain
thread that raises), ``step-hangs`` (space blocks the event loop for an hour: only the watchdog can end it).
"""
from __future__ import annotations

import pathlib
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))

from tui.app import ShallowApp  # noqa: E402
from tui.cli import main  # noqa: E402


def _raise_in_step(self) -> None:
    1 / 0


def _hang_in_step(self) -> None:
    time.sleep(3600)


def _raise_in_a_thread(self) -> None:
    def broken() -> None:
        raise RuntimeError("injected fault in a plain thread")

    threading.Thread(target=broken, name="injected").start()


FAULTS = {"step-raises": ("action_step", _raise_in_step), "step-hangs": ("action_step", _hang_in_step),
          "thread-raises": ("action_toggle_run", _raise_in_a_thread)}

if __name__ == "__main__":
    name, function = FAULTS[sys.argv[1]]
    setattr(ShallowApp, name, function)
    raise SystemExit(main(sys.argv[2:]))
