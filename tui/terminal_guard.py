"""Textual's terminal driver, made safe for terminals that stall, hang up or vanish (a lab's SSH links and tmux).

Workaround for Textual 8.2.8 (``textual.drivers.linux_driver.LinuxDriver`` and ``drivers/_writer_thread.py``),
where a lost terminal can leave the process alive for ever:

1. ``WriterThread.run`` writes to ``sys.__stderr__`` with blocking writes and no ``try``: the first write to a
   hung-up terminal raises OSError (EIO) and the thread dies. Its queue is bounded (MAX_QUEUED_WRITES = 30)
   and ``WriterThread.write`` / ``stop`` use ``Queue.put`` with no timeout, so the next 30 writes fill it and
   the UI thread blocks in ``Queue.put`` for ever. A terminal that only stops reading (a congested link) blocks
   the thread inside ``write`` instead, and the UI thread again waits in ``Queue.put`` or in ``stop``'s join.
2. ``LinuxDriver._sigcont_application`` calls ``resume_application_mode`` on *every* SIGCONT, not only after its
   own SIGTSTP suspend, and the kernel sends SIGCONT with SIGHUP to a session leader whose terminal hangs up
   (what tmux kill-session and a dropped SSH connection do). So at a hang-up Textual starts a second writer
   thread and a second input thread on the dead terminal; the second writer dies at its first write, its
   queue fills, and the first writer is left parked in ``Queue.get`` (the stack seen in issue 11).
3. ``run_input_thread`` treats an empty read (EOF: a hung-up terminal) as "nothing to read" and selects again
   at once: 100 % CPU until ``exit_event`` is set, which never happens while the UI thread is blocked as in 1.
   An EIO from the read goes to ``App.panic`` as a traceback printed on the terminal that just went away.

Here: Textual's WriterThread writes to a ``TerminalOutput`` (set as the driver's ``_file``) that never raises
and never blocks for long (its own non-blocking descriptor of the terminal, waits in 0.1 s slices, drops what a
gone terminal cannot take and, once the app is exiting, what a stalled one has not taken by a deadline), so
the writer thread never dies and its queue always drains. ``GuardedDriver`` resumes only after its own
suspend, and reports an input EOF / EIO as a lost terminal (tui/signals.py's ``ExitGuard`` then ends the app,
and also watches the terminal for a hang-up, so an EOF never turns into a busy loop).

For issue 13 (skip frames when the terminal does not keep up): ``TerminalOutput.stalled_for()`` says how long
the terminal has been refusing output, and ``in_flight`` how much the UI thread has handed the writer thread that
the terminal has not taken yet; ``GuardedDriver.output_busy()`` is that count, and ``on_drained`` is called (from
the writer thread) each time it falls back to 0. tui/terminal_display.py holds screen updates back while output
is busy instead of queueing them. Nothing is ever cut in the middle while the app runs normally: the writer
waits, as before.
"""
from __future__ import annotations

import asyncio
import errno
import os
import select
import sys
import threading
import time
from typing import TYPE_CHECKING, Callable

from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

WAIT_SLICE = 0.1  # a stalled write looks again this often for a hang-up, a loss or an exit deadline
PIPE_CHUNK = 4096  # a blocking (non-terminal) descriptor gets chunks this big after POLLOUT, so a write never waits
GONE_ERRNOS = (errno.EIO, errno.EPIPE, errno.EBADF, errno.ENXIO, errno.ENODEV, errno.ECONNRESET)

# What Textual's stop_application_mode and disable_input send (mouse, bracketed paste, line wrap, in-band resize,
# the Kitty keyboard stack, alternate screen, cursor, focus events), for when they could not get out. CAN (\x18)
# first ends an escape sequence that a dropped write may have cut; SGR 0 ends a colour left on.
RESTORE = ("\x18\x1b[0m\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h\x1b[?2048l\x1b[<u"
           "\x1b[?1049l\x1b[?25h\x1b[?1004l")
LEAVE_ALT_SCREEN, FOCUS_EVENTS_OFF = b"\x1b[?1049l", b"\x1b[?1004l"


def _own_descriptor(fd: int) -> tuple[int, bool]:
    """A descriptor of the terminal behind ``fd`` with an open file description of its own, so O_NONBLOCK on it
    does not reach the shell that shares ``fd`` (and is left blocking after we exit). Not a terminal: a dup,
    blocking, written in PIPE_CHUNK pieces after poll says there is room."""
    try:
        return os.open(os.ttyname(fd), os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY), True
    except OSError:
        return os.dup(fd), False


def _poll(fd: int, events: int, seconds: float) -> list[tuple[int, int]]:
    """One poll of ``fd`` (a poll object of its own: the writer thread and the exit path may wait at once)."""
    poller = select.poll()
    poller.register(fd, events)
    return poller.poll(seconds * 1000)


class TerminalOutput:
    """A file for Textual's WriterThread: writes reach the terminal or are dropped, never an exception, never an
    unbounded wait once ``close_soon`` set a deadline, nothing at all once the terminal is ``lost``."""

    def __init__(self, fd: int = 2, on_lost: Callable[[str], None] | None = None) -> None:
        self.fd, self._nonblocking = _own_descriptor(fd)
        stream = sys.__stderr__
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = getattr(stream, "errors", None) or "replace"
        self.on_lost = on_lost
        self.lost: str | None = None  # why the terminal is gone (every write is dropped from then on)
        self.deadline: float | None = None  # monotonic time after which a write that cannot complete is dropped
        self.torn = False  # a write was cut: the terminal may be inside an escape sequence
        self.restored = False  # Textual's restore (or RESTORE) got out, up to its last sequence
        self._left_alt_screen = False
        self.bytes_written = 0
        self.bytes_dropped = 0
        self._waiting_since: float | None = None
        self._lock = threading.Lock()  # the WriterThread, and restore() from the exit path
        self.in_flight = 0  # characters handed to the writer thread (``expect``) and not yet written or dropped
        self.on_drained: Callable[[], None] | None = None  # called by the writer thread when in_flight gets to 0
        self._count_lock = threading.Lock()  # in_flight: the UI thread adds, the writer thread takes away

    # -- what WriterThread uses ----------------------------------------------------------------------------
    def write(self, text: str) -> int:
        data = text.encode(self.encoding, self.errors)
        try:
            with self._lock:
                complete = self._write(data)
        finally:
            self._taken(len(text))
        if complete:  # Textual 8.2.8 leaves the alternate screen, then shows the cursor, then ends focus events
            self._left_alt_screen = self._left_alt_screen or LEAVE_ALT_SCREEN in data
            self.restored = self.restored or (self._left_alt_screen and FOCUS_EVENTS_OFF in data)
        return len(text)

    def expect(self, characters: int) -> None:
        """The UI thread queued a write of this many characters for the writer thread."""
        with self._count_lock:
            self.in_flight += characters

    def _taken(self, characters: int) -> None:
        with self._count_lock:
            self.in_flight = max(0, self.in_flight - characters)
            drained = self.in_flight == 0
        callback = self.on_drained
        if drained and callback is not None:
            callback()

    def flush(self) -> None:
        """Nothing is buffered: ``write`` hands every byte to the kernel (or drops it)."""

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    # -- state ---------------------------------------------------------------------------------------------
    def stalled_for(self) -> float:
        """Seconds the current write has waited for the terminal to take more (0.0 when it keeps up)."""
        since = self._waiting_since
        return 0.0 if since is None else time.monotonic() - since

    def close_soon(self, seconds: float) -> None:
        """From now on a write waits at most until ``seconds`` from now (the app is exiting); callable from any
        thread or a signal handler (a float assignment)."""
        deadline = time.monotonic() + seconds
        if self.deadline is None or deadline < self.deadline:
            self.deadline = deadline

    def mark_lost(self, reason: str) -> None:
        if self.lost is None:
            self.lost = reason
            if self.on_lost is not None:
                self.on_lost(reason)

    def restore(self, seconds: float = 0.3) -> bool:
        """Send RESTORE if Textual's own restore did not get out (stalled, cut, or never reached); True if the
        terminal took it."""
        if not self.restored and self.lost is None:
            self.restored = self.say(RESTORE, seconds)
        return self.restored

    def say(self, text: str, seconds: float = 0.5) -> bool:
        """Write ``text`` with a budget of its own (the exit deadline may have passed): at most about ``seconds``,
        even while the writer thread holds a stalled write. True if all of it got out."""
        locked = self._lock.acquire(timeout=seconds)  # the writer lets go within WAIT_SLICE once past its deadline
        try:
            return self._write(text.encode(self.encoding, self.errors), time.monotonic() + seconds)
        finally:
            if locked:
                self._lock.release()

    # -- the writing itself --------------------------------------------------------------------------------
    def _write(self, data: bytes, deadline: float | None = None) -> bool:
        """Write all of ``data`` unless the terminal is lost or the deadline passes (``deadline``, else
        ``self.deadline``, looked at again after every wait: close_soon may come from another thread); True if
        all of it got out."""
        view = memoryview(data)
        try:
            while view:
                limit = deadline if deadline is not None else self.deadline
                if self.lost is not None or (limit is not None and time.monotonic() >= limit):
                    self.bytes_dropped += len(view)
                    self.torn = self.torn or len(view) < len(data)
                    return False
                written = self._write_some(view)
                self.bytes_written += written
                view = view[written:]
                if view:
                    if self._waiting_since is None:
                        self._waiting_since = time.monotonic()
                    self._wait_for_room(limit)
            return True
        finally:
            self._waiting_since = None

    def _write_some(self, view: memoryview) -> int:
        if not self._nonblocking:
            ready = _poll(self.fd, select.POLLOUT, 0)
            if not ready or not ready[0][1] & select.POLLOUT:
                return 0
            view = view[:PIPE_CHUNK]
        try:
            return os.write(self.fd, view)
        except (BlockingIOError, InterruptedError):
            return 0
        except OSError as error:
            self.mark_lost(f"write: {os.strerror(error.errno)}" if error.errno in GONE_ERRNOS else f"write: {error}")
            return 0

    def _wait_for_room(self, deadline: float | None) -> None:
        timeout = WAIT_SLICE
        if deadline is not None:
            timeout = max(0.0, min(timeout, deadline - time.monotonic()))
        for _fd, events in _poll(self.fd, select.POLLOUT, timeout):
            if events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) and not events & select.POLLOUT:
                self.mark_lost("the terminal hung up")


class GuardedDriver(LinuxDriver):
    """LinuxDriver whose output is a TerminalOutput and which resumes only after its own suspend. The app
    running it has an ``exit_guard`` (tui/signals.py's ExitGuard)."""

    def __init__(self, app: "App", **options) -> None:
        super().__init__(app, **options)
        self.guard = app.exit_guard
        self._file = self.guard.output  # Textual's WriterThread(self._file) writes here
        self._suspended_here = False

    def start_application_mode(self) -> None:
        self.guard.attach_loop(asyncio.get_running_loop(), self)
        super().start_application_mode()

    def write(self, data: str) -> None:
        output = self.guard.output
        output.expect(len(data))
        try:
            super().write(data)
        except BaseException:
            output._taken(len(data))
            raise

    def output_busy(self) -> bool:
        """A write is still on its way to the terminal (queued, or waiting for the terminal to take it)."""
        return self.guard.output.in_flight > 0

    @property
    def on_drained(self) -> Callable[[], None] | None:
        return self.guard.output.on_drained

    @on_drained.setter
    def on_drained(self, callback: Callable[[], None] | None) -> None:
        self.guard.output.on_drained = callback

    def _sigtstp_application(self, *args) -> None:
        self._suspended_here = self._auto_restart
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args) -> None:
        # Textual resumes on any SIGCONT; the kernel sends one at every hang-up (see the module's docstring, 2).
        if self._suspended_here and self.guard.output.lost is None:
            self._suspended_here = False
            super()._sigcont_application(*args)

    def _run_input_thread(self) -> None:
        """Textual's wrapper, except that a read error is a lost terminal, not a traceback on it (docstring, 3)."""
        try:
            self.run_input_thread()
        except OSError as error:
            self.guard.terminal_lost(f"read: {os.strerror(error.errno) if error.errno else error}")
        except BaseException as error:  # a bug in the input thread: reported, and the app ends (tui/crash_report)
            self.guard.crashed_in_thread(error, "textual-input")

    def stop_input(self) -> None:
        """End the input thread's loop now (it would otherwise select on a hung-up terminal, which is always
        readable, at full speed until shutdown)."""
        self.exit_event.set()
