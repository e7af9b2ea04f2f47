"""The app's screen updates on their way to the terminal: as cell deltas (tui/screen_delta.py), paced by the
terminal itself, so that over a thin or stalled link only the newest screen waits and nothing queues.

``DeltaDisplay.display`` stands in for Textual's ``App._display`` (ShallowApp calls it first). Each compositor
update goes into the ScreenDelta's ``wanted`` grid, and the difference goes out as one write, unless one of two
things holds it back (then ``wanted`` keeps collecting, and the next write sends the newest state once):

- the write before has not left the process (``GuardedDriver.output_busy``, tui/terminal_guard.py: the pty is
  full); the driver's writer thread says when it has (``on_drained``);
- WINDOW writes are on their way to the terminal unanswered. Each write ends with a cursor position request
  (DSR, ``ESC [ 6 n``), which every terminal answers (xterm, tmux, screen, the Linux console, xterm.js in the
  browser). The answer comes back after the terminal has read everything before it, so the writes in flight are
  what the link holds: a slow link gets fewer frames, and a stalled one holds WINDOW at most (the pty and the
  link's own buffers never fill up with stale frames that would play back afterwards). A terminal that has
  never answered is not waited for; an answer lost on the way is given up after PATIENCE (a bare request goes
  out instead, 4 bytes, until one is answered).

A driver without ``output_busy`` (textual-serve's web driver) is paced by the answers alone.
"""
from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Callable

from textual._ansi_sequences import SYNC_END, SYNC_START
from textual._compositor import ChopsUpdate, LayoutUpdate

from tui.screen_delta import ScreenDelta

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

ASK_POSITION = "\x1b[6n"  # DSR 6: the terminal answers ESC [ row ; column R (Textual: events.CursorPosition)
WINDOW = 2  # writes on their way before the next waits for an answer: 2 keeps a key's effect from waiting a
# round trip behind a running frame's answer (frames come every 0.1 s, a round trip of 0.1 s is one of them)
PATIENCE = 1.0  # seconds without an answer before the oldest is taken as lost and a bare request goes out
UNANSWERED_LIMIT = 20  # requests never answered at all: the terminal does not answer; stop asking


class DeltaDisplay:
    """One per app. For tests (Pilot runs headless, and then Textual writes nothing): ``record``, a list that
    gets every write instead of the driver, so the bytes a real terminal would get can be counted; ``busy``, in
    place of the driver's ``output_busy`` (then call ``drained()`` as the driver's writer thread would);
    ``ask``, to end writes with the position request in a test too (then call ``answered()`` as the terminal
    would answer); ``clock``, the time the pacing goes by."""

    def __init__(self, app: "App", record: list[str] | None = None, busy: Callable[[], bool] | None = None,
                 ask: bool | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.record = record
        self.busy = busy
        self.ask = ask  # None: ask when writing to a real terminal
        self.clock = clock
        self.delta: ScreenDelta | None = None
        self.owed = False  # an update is waiting: the pty is full, or the terminal has not answered
        self.held = 0  # times an update was held back (for tests and bench/ui.py)
        self.writes = 0
        self.bytes = 0
        self.answers = 0
        self._asked: deque[float] = deque()  # when each unanswered request went out
        self._unanswered_total = 0
        self._probe_timer = None
        self._drain_hooked = None

    # -- from Textual ------------------------------------------------------------------------------------
    def display(self, screen: "Screen", renderable) -> bool:
        """Handle one of Textual's ``_display`` calls; False to leave it to Textual (not a compositor update, an
        inline app)."""
        app = self.app
        if not isinstance(renderable, (LayoutUpdate, ChopsUpdate)):
            return renderable is None  # nothing to show (Textual ignores None too)
        driver = app._driver
        if driver is None or driver.is_inline:
            return False
        if app._batch_count:
            return True  # Textual drops an update made inside a batch; the batch's end repaints
        real = app._running and not app._closed and not app.is_headless
        if not real and self.record is None:
            return True
        size = app.size
        if self.delta is None:
            self.delta = ScreenDelta(size.width, size.height, app.console._color_system)
        elif (self.delta.width, self.delta.height) != (size.width, size.height):
            self.delta.resize(size.width, size.height)
        self.delta.apply(renderable)
        self.flush()
        return True

    def invalidate(self) -> None:
        """The terminal's screen was replaced (resumed after ctrl+z): send every cell next time."""
        if self.delta is not None:
            self.delta.invalidate()
            self._asked.clear()
            self.flush()

    # -- out to the terminal -------------------------------------------------------------------------------
    def flush(self) -> None:
        """Send what changed, unless held back (see the module's docstring); then it goes when that ends."""
        if self.delta is None:
            return
        self.owed = True  # set before looking, so a drained() or answered() that comes meanwhile finds it
        if self._output_busy() or self._waiting_for_answers():
            self.held += 1
            return
        self.owed = False
        app = self.app
        cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
        app._previous_cursor_position = cursor
        text = self.delta.flush((cursor.x, cursor.y))
        if not text:
            return
        if app._sync_available:
            text = SYNC_START + text + SYNC_END
        if self._asking():
            text += ASK_POSITION
            self._sent_request()
        self.writes += 1
        self._write(text)

    def _write(self, text: str) -> None:
        self.bytes += len(text.encode("utf-8"))
        if self.record is not None:
            self.record.append(text)
        else:
            driver = self.app._driver
            driver.write(text)
            driver.flush()

    def _output_busy(self) -> bool:
        busy = self.busy
        if busy is None and self.record is None:
            driver = self.app._driver
            busy = getattr(driver, "output_busy", None)
            if busy is not None and self._drain_hooked is not driver:
                self._drain_hooked = driver
                driver.on_drained = self.drained
        return busy is not None and busy()

    def drained(self) -> None:
        """The driver's writer thread: the terminal took every write. Flush on the app's loop if one is owed."""
        if self.owed:
            loop = self.app._loop
            if loop is not None and not loop.is_closed():
                try:
                    loop.call_soon_threadsafe(self._flush_owed)
                except RuntimeError:  # the loop closed meanwhile
                    pass

    def _flush_owed(self) -> None:
        if self.owed and self.app._running and not self.app._closed:
            self.flush()

    # -- pacing by the terminal's answers ------------------------------------------------------------------
    def _asking(self) -> bool:
        if self.ask is None:
            return self.record is None and self._unanswered_total < UNANSWERED_LIMIT
        return self.ask

    def _sent_request(self) -> None:
        self._asked.append(self.clock())
        if not self.answers:
            self._unanswered_total += 1

    def _waiting_for_answers(self) -> bool:
        if not self.answers or len(self._asked) < WINDOW:
            return False  # a terminal that never answered is not waited for
        if self._probe_timer is None:
            wait = max(0.01, self._asked[0] + PATIENCE - self.clock())  # Textual: a timer of 0 s divides by 0
            self._probe_timer = self.app.set_timer(wait, self._probe)
        return True

    def _probe(self) -> None:
        """PATIENCE went by: take the oldest request as lost, ask again (a bare request, no frame)."""
        self._probe_timer = None
        if len(self._asked) < WINDOW or not self.owed:
            return
        if self._asked[0] + PATIENCE > self.clock():  # answered meanwhile, and newer ones went out since
            self._waiting_for_answers()
            return
        self._asked.popleft()
        self._write(ASK_POSITION)
        self._sent_request()
        self._waiting_for_answers()

    def answered(self) -> None:
        """The terminal answered a position request (ShallowApp.on_event hands on events.CursorPosition)."""
        self.answers += 1
        if self._asked:
            self._asked.popleft()
        if self.owed and len(self._asked) < WINDOW:
            if self._probe_timer is not None:
                self._probe_timer.stop()
                self._probe_timer = None
            self.flush()
