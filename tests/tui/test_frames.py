"""The frame pipeline (issue 13): what the app gives the terminal for each frame, in every screen, counted in
bytes (deterministic counts, no wall clock: the app's drawing clock is the test's); modal screens leave the
panels they cover alone; output the terminal has not taken holds the newest screen only; the training worker
never queues more than one frame message.

Pilot runs headless, where Textual writes nothing: ``DeltaDisplay.record`` collects what a terminal would get,
and pyte (a terminal emulator) shows it, next to what Textual's own output would have shown.
"""
from __future__ import annotations

import threading

import pyte
import pytest
from textual._compositor import ChopsUpdate, LayoutUpdate

from engine.config import Config
from tui import i18n
from tui.app import COUNTER_INTERVAL, COVERED_INTERVAL, SPEEDS, FrameReady, ShallowApp
from tui.screens.help import HelpScreen


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal:
    """Records what the app writes (as cell deltas) and what Textual itself would have written, each into a pyte
    screen of its own."""

    def __init__(self, app: ShallowApp, width: int, height: int) -> None:
        self.writes: list[str] = []
        self.full_repaints = 0
        self.shown, self.reference = pyte.Screen(width, height), pyte.Screen(width, height)
        self._shown, self._reference = pyte.Stream(self.shown), pyte.Stream(self.reference)
        display = app.delta_display
        display.record = self.writes
        original = display.display

        def both(screen, renderable):
            if isinstance(renderable, (LayoutUpdate, ChopsUpdate)) and not app._batch_count:
                self.full_repaints += isinstance(renderable, LayoutUpdate)
                self._reference.feed(renderable.render_segments(app.console))
            handled = original(screen, renderable)
            self._read()
            return handled

        display.display = both
        self._read_up_to = 0

    def _read(self) -> None:
        for text in self.writes[self._read_up_to:]:
            self._shown.feed(text)
        self._read_up_to = len(self.writes)

    def bytes(self) -> int:
        return sum(len(text.encode()) for text in self.writes)

    def cells(self, screen: pyte.Screen) -> list[list[tuple]]:
        return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
                 for c in (screen.buffer[y][x] for x in range(screen.columns))] for y in range(screen.lines)]

    def same_as_textual(self) -> bool:
        self._read()
        return self.cells(self.shown) == self.cells(self.reference)

    def text(self) -> str:
        self._read()
        return "\n".join(self.shown.display)


def running_app(clock: Clock | None = None, **settings) -> ShallowApp:
    app = ShallowApp(Config(**settings))
    if clock is not None:
        app.clock = clock
    return app


async def frames(app: ShallowApp, pilot, count: int, clock: Clock, iterations: int = 10) -> None:
    """``count`` auto-run frames at the default speed (100 it/s: 10 iterations each COUNTER_INTERVAL), drawn the
    way the worker's frames are drawn, each rendered before the next."""
    for _ in range(count):
        with app._lock:
            app.trainer.step(iterations)
            frame = app._make_frame(running=True)
        clock.now += COUNTER_INTERVAL
        app._show(frame, full=False)
        await pilot.pause()


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_the_terminal_shows_what_textual_would_have_shown_in_every_screen(language):
    i18n.set_language(language)
    try:
        app = running_app(Clock())
        terminal = Terminal(app, 80, 24)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            for keys in (["space"] * 3, ["3"], ["question_mark"], ["escape", "2"], ["ctrl+p"], ["escape"],
                         ["c", "space", "space"], ["tab", "3"], ["escape", "g"], ["n", "space"], ["escape", "z"]):
                for key in keys:
                    await pilot.press(key)
                await pilot.pause()
                await frames(app, pilot, 2, app.clock)
                assert terminal.same_as_textual(), keys
    finally:
        i18n.set_language("en")


BUDGET_PER_FRAME = {(80, 24): 16_000 * COUNTER_INTERVAL, (160, 48): 48_000 * COUNTER_INTERVAL}  # the KB/s goals


async def open_screen(app: ShallowApp, pilot, screen: str) -> None:
    if screen == "help":
        await pilot.press("question_mark")
    elif screen == "palette":
        await pilot.press("ctrl+p")
    elif screen == "prompt":
        from tui.screens.value_input import ValueInputScreen

        app.push_screen(ValueInputScreen("lr"))
    elif screen == "toast":
        app.notify("a notice over the running run", timeout=60)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("screen", ["main", "help", "palette", "prompt", "toast"])
async def test_bytes_per_frame_over_a_running_run_stay_within_the_goal(size, screen):
    """Twenty frames (two seconds at the default speed) after the screen opened: the bytes the terminal gets,
    per frame, stay under the issue's goal (16 KB/s at 80×24, 48 KB/s at 160×48, at 10 frames a second) with
    room to spare; the status bar's iteration is on screen and current."""
    clock = Clock()
    app = running_app(clock)
    terminal = Terminal(app, *size)
    async with app.run_test(size=size, notifications=True) as pilot:
        await frames(app, pilot, 5, clock)
        await open_screen(app, pilot, screen)
        await frames(app, pilot, 1, clock)
        before = terminal.bytes()
        await frames(app, pilot, 20, clock)
        per_frame = (terminal.bytes() - before) / 20
        assert per_frame <= BUDGET_PER_FRAME[size] / 2, per_frame
        if screen == "toast":
            assert "a notice over the running run" in terminal.text()
        assert f"iter {app.trainer.iteration}" in terminal.text()  # the help and the palette leave it in sight
        assert terminal.same_as_textual()


async def test_a_modal_over_a_running_run_leaves_the_covered_panels_alone():
    clock = Clock()
    app = running_app(clock)
    terminal = Terminal(app, 120, 40)
    async with app.run_test(size=(120, 40)) as pilot:
        await frames(app, pilot, 3, clock)
        drawn: list[str] = []
        for panel_id in ("net", "weights", "loss", "boundary"):
            panel = app.query_one(f"#{panel_id}")
            show = panel.show
            panel.show = lambda frame, show=show, panel_id=panel_id: (drawn.append(panel_id), show(frame))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        repaints = terminal.full_repaints
        seconds = 3
        await frames(app, pilot, round(seconds / COUNTER_INTERVAL), clock)
        assert len(drawn) <= 4 * (seconds / COVERED_INTERVAL + 1)  # main screen: 4 panels × 4 a second = 48
        assert terminal.full_repaints == repaints  # Textual's own: the whole screen for every frame underneath
        weights = app.query_one("#weights")
        for _ in range(round(COVERED_INTERVAL / COUNTER_INTERVAL)):  # until a frame comes between panel draws
            await frames(app, pilot, 1, clock)
            if f"iter {app.trainer.iteration}" not in weights.border_title:
                break
        assert f"iter {app.trainer.iteration}" not in weights.border_title
        await pilot.press("escape")
        await pilot.pause()
        assert f"iter {app.trainer.iteration}" in weights.border_title  # at once, not a second later


async def test_frames_coalesce_to_the_newest_while_the_terminal_is_not_taking_output():
    clock = Clock()
    app = running_app(clock)
    busy = [False]
    terminal = Terminal(app, 80, 24)
    app.delta_display.busy = lambda: busy[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await frames(app, pilot, 2, clock)
        writes = len(terminal.writes)
        busy[0] = True
        await frames(app, pilot, 30, clock, iterations=7)
        assert len(terminal.writes) == writes  # nothing queued behind the stalled write
        assert app.delta_display.held >= 30
        busy[0] = False
        app.delta_display.drained()  # as the writer thread says when the terminal has taken everything
        await pilot.pause()
        assert len(terminal.writes) == writes + 1  # the newest screen, once
        assert f"iter {app.trainer.iteration}" in terminal.text()
        assert terminal.same_as_textual()


async def test_the_worker_queues_one_frame_message_however_long_the_ui_is_held_up():
    app = running_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.speed_index = len(SPEEDS) - 1  # as fast as it goes: a frame every chunk
        posted: list[FrameReady] = []
        made = threading.Semaphore(0)
        post, make = app.post_message, app._make_frame

        def counting_post(message):
            if isinstance(message, FrameReady):
                posted.append(message)
            return post(message)

        def counting_make(running):
            frame = make(running)
            if running:
                made.release()
            return frame

        app.post_message, app._make_frame = counting_post, counting_make
        await pilot.press("r")
        assert made.acquire(timeout=30)
        before = len(posted)
        for _ in range(5):  # the UI thread held up (as in a blocked write) while the worker makes 5 frames
            assert made.acquire(timeout=30)
        assert len(posted) - before <= 1
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()


async def test_after_a_resume_every_cell_is_sent_again():
    clock = Clock()
    app = running_app(clock)
    terminal = Terminal(app, 80, 24)
    async with app.run_test(size=(80, 24)) as pilot:
        await frames(app, pilot, 2, clock)
        small = terminal.bytes()
        app.app_resume_signal.publish(app)
        await pilot.pause()
        assert terminal.bytes() - small > 1000  # the whole screen, on a new alternate screen
        assert terminal.same_as_textual()


async def test_writes_wait_for_the_terminal_to_answer_and_a_lost_answer_is_asked_again():
    """Each write ends with a cursor position request; WINDOW unanswered writes hold the next one back (a slow or
    stalled link gets fewer frames, never a queue of them); an answer lets the newest screen go, once; an answer
    that never comes is given up after PATIENCE, and a bare request (no frame) asks again."""
    from tui.terminal_display import ASK_POSITION, PATIENCE, WINDOW

    clock = Clock()
    app = running_app(clock)
    terminal = Terminal(app, 80, 24)
    display = app.delta_display
    display.ask, display.clock = True, clock
    async with app.run_test(size=(80, 24)) as pilot:
        await frames(app, pilot, 1, clock)
        display.answered()  # the terminal answers: from now on it is waited for
        for _ in range(WINDOW):
            display.answered()
        writes = len(terminal.writes)
        await frames(app, pilot, WINDOW, clock)
        assert len(terminal.writes) == writes + WINDOW
        assert all(text.endswith(ASK_POSITION) for text in terminal.writes[-WINDOW:])
        await frames(app, pilot, 10, clock)
        assert len(terminal.writes) == writes + WINDOW  # held: WINDOW on their way, none answered
        display.answered()
        await pilot.pause()
        assert len(terminal.writes) == writes + WINDOW + 1  # the newest screen, once
        assert f"iter {app.trainer.iteration}" in terminal.text()
        assert terminal.same_as_textual()
        clock.now += PATIENCE + 0.1  # no answer comes
        await frames(app, pilot, 1, clock)
        for _ in range(20):
            await pilot.pause()
            if terminal.writes[-1] == ASK_POSITION:
                break
        assert terminal.writes[-1] == ASK_POSITION  # asked again, without a frame


def test_the_output_counts_what_is_on_its_way_and_says_when_the_terminal_has_taken_it():
    """TerminalOutput.in_flight (what GuardedDriver.output_busy reads): up while the writer waits on a pty nobody
    reads, 0 once the reader takes it all, and on_drained called then (tui/terminal_display.py flushes there)."""
    import os
    import pty
    import threading
    import tty

    from tui.terminal_guard import TerminalOutput

    master, slave = pty.openpty()
    tty.setraw(slave)
    output = TerminalOutput(slave)
    drained = threading.Event()
    output.on_drained = drained.set
    text = "x" * (1 << 20)  # far more than a pty holds
    output.expect(len(text))
    writer = threading.Thread(target=output.write, args=(text,), daemon=True)
    writer.start()
    try:
        while output.stalled_for() == 0.0 and writer.is_alive():
            writer.join(0.01)
        assert output.in_flight == len(text) and not drained.is_set()
        got = 0
        while got < len(text):
            got += len(os.read(master, 1 << 16))
        assert drained.wait(10)
        assert output.in_flight == 0
    finally:
        writer.join(5)
        for fd in (master, slave, output.fd):
            try:
                os.close(fd)
            except OSError:
                pass


@pytest.mark.parametrize("key", ["c", "g"])
async def test_a_running_compare_or_lesson_tick_lays_nothing_out_again(key):
    """A tick changes numbers in lines of fixed height: Static.update's default layout pass (the whole screen
    arranged again, ~12 ms at 80×24) for each of them, ten times a second, was most of a running tick's cost."""
    from textual.screen import Screen

    app = running_app()
    terminal = Terminal(app, 80, 24)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        trainer = screen.runs()[0].trainer
        passes = []
        original = Screen._refresh_layout

        def counting(self, *args, **kwargs):
            passes.append(self)
            return original(self, *args, **kwargs)

        Screen._refresh_layout = counting
        try:
            for _ in range(10):
                screen._tick()  # as the auto-run timer does, ten times a second
                await pilot.pause()
        finally:
            Screen._refresh_layout = original
        assert trainer.iteration == screen.speed  # ten ticks: a second's worth
        assert f"iter {trainer.iteration} " in terminal.text()
        assert passes == []
