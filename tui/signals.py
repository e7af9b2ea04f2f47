"""How the app's process ends, whatever its terminal does: SIGTERM, SIGHUP, a terminal that hangs up or stops
taking output, `q`, a crash. It always ends within a few seconds and hands the terminal back as far as the
terminal still takes anything (alternate screen left, cursor shown, mouse reporting off, termios restored).

``ExitGuard`` (one per process, installed by ``tui.app.run_app`` for a real terminal; Pilot tests run without):

- SIGTERM / SIGHUP get plain ``signal.signal`` handlers, which run even while the event loop is blocked (an
  ``asyncio`` ``add_signal_handler`` callback would wait for the loop). The handler only records the signal,
  gives pending output a deadline and wakes the guard's thread through a pipe (async-signal-safe).
- The guard's thread ("shallow-exit-guard") asks the app to exit as `q` does (from the loop, with
  ``call_soon_threadsafe``), watches the terminal for a hang-up (poll for POLLHUP: no CPU while it waits), and is
  the watchdog: once an exit has begun, if the process is still there GRACE seconds later it restores the
  terminal without waiting and ends the process with ``os._exit``. That covers a loop stuck anywhere,
  interpreter shutdown waiting for a thread, and anything not foreseen here.
- The driver (tui/terminal_guard.py) reports a terminal that fails a write or a read as lost: the same exit.

Exit status: 128 + the signal's number; 129 (as SIGHUP) for a terminal that went away; 1 after a crash
(tui/crash_report.py); else the app's own.
"""
from __future__ import annotations

import io
import os
import select
import signal
import sys
import termios
import threading
import time
from typing import TYPE_CHECKING

from tui import crash_report
from tui.i18n import t

if TYPE_CHECKING:
    import asyncio

    from textual.app import App

EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
GRACE = 2.0  # seconds from the start of an exit to the hard exit, if the orderly one has not finished
WRITE_BUDGET = 1.0  # once exiting, output that a stalled terminal has not taken by then is dropped
LOST_TERMINAL_STATUS = 128 + signal.SIGHUP
CRASH_STATUS = 1
_APP_EXITS, _LOST = 0, 255  # bytes on the wake pipe besides signal numbers


class ExitGuard:
    """See the module's docstring. ``output`` is the TerminalOutput that GuardedDriver writes through (None when
    another driver runs, e.g. textual-serve's web driver)."""

    def __init__(self, app: "App") -> None:
        from textual.drivers.linux_driver import LinuxDriver

        from tui.terminal_guard import GuardedDriver, TerminalOutput

        self.app = app
        self.output = None
        if app.driver_class is LinuxDriver and os.isatty(2):
            self.output = TerminalOutput(2, on_lost=self.terminal_lost)
            app.driver_class = GuardedDriver
        app.exit_guard = self
        # Textual prints a crash's traceback here once the terminal is restored (or on a dead one); the one
        # line and the report file (tui/crash_report.py) replace it.
        from rich.console import Console

        app.error_console = Console(file=io.StringIO(), markup=False, highlight=False, width=100)
        self.status: int | None = None  # decided by the first signal, loss or crash
        self.reason: str | None = None
        self._app_told = False
        self._loop: "asyncio.AbstractEventLoop | None" = None
        self._driver = None
        self._saved_termios = None
        if os.isatty(0):
            try:
                self._saved_termios = termios.tcgetattr(0)
            except termios.error:
                pass
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)  # a signal handler must never block on a full pipe
        self._thread = threading.Thread(target=self._watch, name="shallow-exit-guard", daemon=True)
        self._thread.start()
        for signum in EXIT_SIGNALS:
            signal.signal(signum, self._on_signal)
        self._old_excepthook = threading.excepthook
        threading.excepthook = self._thread_crashed

    # -- called by the driver, the app, handlers --------------------------------------------------------
    def attach_loop(self, loop: "asyncio.AbstractEventLoop", driver) -> None:
        self._loop, self._driver = loop, driver

    def _on_signal(self, signum: int, _frame) -> None:
        """A plain signal handler: no locks, no loop; the guard's thread does the rest."""
        if self.status is None:
            self.status, self.reason = 128 + signum, signal.Signals(signum).name
        if self.output is not None:
            self.output.close_soon(WRITE_BUDGET)
        self._wake(signum)

    def terminal_lost(self, reason: str) -> None:
        """Any thread: the terminal failed a read or a write, or hung up. Stop writing to it and reading it."""
        if self.output is not None and self.output.lost is None:
            self.output.lost = reason
        if self._driver is not None:
            self._driver.stop_input()
        if self.status is None:
            self.status, self.reason = LOST_TERMINAL_STATUS, reason
        self._wake(_LOST)

    def exit_begun(self) -> None:
        """The app is exiting (`q`, a crash, a signal or loss it was told of): output gets a deadline, the
        watchdog starts counting."""
        if self.output is not None:
            self.output.close_soon(WRITE_BUDGET)
        self._wake(_APP_EXITS)

    def crashed(self, error: BaseException, where: str, during_exit: bool = False) -> None:
        """An unexpected exception: a report file, then the app ends (its status: CRASH_STATUS). One raised
        ``during_exit`` is written down only (see crash_report.record)."""
        crash_report.record(error, where, self.app, during_exit=during_exit)
        if during_exit:
            return
        if self.status is None:
            self.status, self.reason = CRASH_STATUS, where
        self._wake(_LOST)

    def crashed_in_thread(self, error: BaseException, where: str) -> None:
        self.crashed(error, where)

    def _thread_crashed(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: a thread that is not a Textual worker died of an exception."""
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            self.crashed(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    def _wake(self, code: int) -> None:
        try:
            os.write(self._wake_write, bytes([code]))
        except OSError:  # the pipe is full: the thread has wake-ups enough to read
            pass

    # -- the guard's thread ----------------------------------------------------------------------------
    def _watch(self) -> None:
        poller = select.poll()
        poller.register(self._wake_read, select.POLLIN)
        terminals = [fd for fd in (0, 2) if os.isatty(fd)]
        for fd in terminals:
            poller.register(fd, 0)  # no events asked for: poll reports only POLLHUP / POLLERR / POLLNVAL
        deadline = None
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
            try:
                ready = poller.poll(timeout)
            except InterruptedError:
                continue
            if deadline is not None and time.monotonic() >= deadline:
                self._hard_exit()
                return
            for fd, _events in ready:
                if fd == self._wake_read:
                    codes = os.read(self._wake_read, 64)
                    if any(code != _APP_EXITS for code in codes):
                        self._ask_app_to_exit()
                else:
                    poller.unregister(fd)
                    self.terminal_lost("the terminal hung up")
                    continue
                if deadline is None:
                    deadline = time.monotonic() + GRACE

    def _ask_app_to_exit(self) -> None:
        loop = self._loop
        if self._app_told or loop is None or loop.is_closed():
            return  # not started yet, or already done: the watchdog ends the process if need be
        try:
            loop.call_soon_threadsafe(self._exit_app)
            self._app_told = True
        except RuntimeError:  # the loop closed meanwhile
            pass

    def _exit_app(self) -> None:
        """On the app's loop: what `q` does, with the status the signal, loss or crash decided."""
        pause = getattr(self.app, "_pause_run", None)
        if pause is not None:
            pause()  # stop the auto-run worker thread first, as `q` does
        self.app.exit(return_code=self.exit_status())

    def _hard_exit(self) -> None:
        """The orderly exit did not finish within GRACE: hand the terminal back without waiting, and go."""
        try:
            if self.output is not None:
                self.output.restore(0.2)
            self._restore_termios()
            self._say_crash(0.2)
        finally:
            os._exit(self.exit_status())

    # -- the end of run_app ----------------------------------------------------------------------------
    def finish(self) -> int:
        """After ``app.run()`` returned: make sure the terminal is handed back, say a crash in one line; the
        process's exit status. The watchdog stays armed until the interpreter is gone."""
        self.exit_begun()
        if self.output is not None and self.output.lost is None:
            self.output.restore(0.5)
        self._restore_termios()
        leftover = self.app.error_console.file.getvalue()
        if leftover and crash_report.first() is None:
            self._say(leftover, 0.5)  # something Textual wanted said (e.g. App.exit's message)
        self._say_crash(0.5)
        return self.exit_status()

    def end_process(self, status: int) -> None:
        """Leave now, without the interpreter's teardown (module clean-up, atexit, joining worker threads): on
        a loaded server that teardown alone took seconds (bench/soak.py, 30 sessions on 2 cores: processes
        with no Python frame left still running 5 s after their terminal went), and nothing in it is needed
        once finish() handed the terminal back."""
        streams = (sys.stdout, sys.__stdout__) if self.output is None or self.output.lost else (
            sys.stdout, sys.__stdout__, sys.stderr, sys.__stderr__)  # the web driver writes to stdout
        for stream in streams:
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)

    def exit_status(self) -> int:
        if crash_report.first() is not None:
            return CRASH_STATUS
        if self.status is not None:
            return self.status
        return self.app.return_code or 0

    def _say_crash(self, seconds: float) -> None:
        report = crash_report.first()
        if report is not None:
            self._say(crash_report.one_line(report) + "\n", seconds)

    def _say(self, text: str, seconds: float) -> None:
        if self.output is None:
            print(text, end="", file=sys.__stderr__, flush=True)
        elif self.output.lost is None:
            self.output.say(text.replace("\n", "\r\n"), seconds)  # CR too: termios may not be restored

    def _restore_termios(self) -> None:
        if self._saved_termios is not None and (self.output is None or self.output.lost is None):
            try:
                termios.tcsetattr(0, termios.TCSANOW, self._saved_termios)
            except termios.error:
                pass
