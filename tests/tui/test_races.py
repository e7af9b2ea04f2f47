"""Crashes bench/soak.py found (random keys in ptys, 30 students on a busy machine) and a failure bench/fuzz.py
found, each made to happen here on purpose: the timing they hit by chance is forced, or waited for as a
condition, never slept through.
"""
from __future__ import annotations

import asyncio
import itertools

import pytest
from textual.command import Hits, Provider
from textual.notifications import Notification

from tui.app import ShallowApp


async def until(condition, seconds: float = 5.0) -> bool:
    """Wait until ``condition()`` holds (True), or ``seconds`` have passed (False)."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


# -- toasts -------------------------------------------------------------------------------------------------
async def test_a_toast_timing_out_while_the_old_ones_retire_is_no_crash(make_app, monkeypatch):
    """The soak's "dictionary changed size during iteration" in _retire_old_toasts: Textual forgets an expired
    toast whenever its collection is read (iterated, or asked its length), so a toast timing out between two
    reads of one pass changed the dict under that pass. The clock here moves on every reading, so the oldest
    toast is alive at the pass's first look and expired at the next."""
    import textual.notifications

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # room for 2 toasts (TOAST_ROWS 6) at 24 rows
        await pilot.pause()
        app.clear_notifications()
        readings = itertools.count(9.0, 2.0)
        monkeypatch.setattr(textual.notifications, "time", lambda: next(readings))
        expiring = Notification("times out at 10", timeout=10.0, raised_at=0.0)
        lasting = [Notification(f"toast {n}", timeout=1e12, raised_at=0.0) for n in range(3)]
        for notification in (expiring, *lasting):
            app._notifications._notifications[notification.identity] = notification  # as Notify adds them
        app._retire_old_toasts()
        monkeypatch.undo()
        assert [n.message for n in app._notifications] == ["toast 1", "toast 2"]  # the newest that fit


# -- an exit right after a key ----------------------------------------------------------------------------
@pytest.mark.parametrize("action", ["help", "compare", "lesson", "command_palette", "panel(3)"])
async def test_a_screen_or_panel_a_key_opened_just_before_the_exit_raises_nothing(make_app, action):
    """The soak's "while exiting" NoMatches (help, compare, lesson and palette on_mount) and MountError (the loss
    chart's first draw): the key's action runs, and the exit (a lost terminal, q in the same burst) comes before
    what it opened has mounted. Textual then mounts nothing (tui/teardown.py); nothing may raise. Pilot hands
    any exception of a handler or a worker to the test when the app ends."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # at 80×24 the loss chart (3) is not drawn until chosen
        await pilot.pause()
        await app.run_action(action)  # pushes the screen (or asks for the chart's picture); nothing awaited
        app.exit()
        await pilot.pause()  # the exit under way: what the key opened meets it


async def test_a_window_shrunk_below_the_minimum_just_before_the_exit_raises_nothing(make_app):
    """The same with a resize (the soak shrinks windows to 40×12): the app pushes TooSmallScreen, and the exit comes
    before it has mounted. The Resize is handled by the app's own handler, as Textual's driver would deliver it."""
    from textual import events
    from textual.geometry import Size

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.on_resize(events.Resize(Size(40, 12), Size(40, 12)))  # below 60×16: pushes TooSmallScreen
        app.exit()
        await pilot.pause()


# -- the command palette --------------------------------------------------------------------------------
class SlowProvider(Provider):
    """A command provider with no hits, slow in the two ways the loaded machine of the soak was: a search ends only
    once the palette has begun to close, and its shutdown (which the palette's Unmount awaits) only once the
    palette's searches and its "No matches" countdown are over. Both wait on those conditions (5 s at most)."""

    async def startup(self) -> None:
        self.palette = self.app.screen  # the palette being opened

    async def search(self, query: str) -> Hits:
        await until(lambda: self.palette._closing)
        return
        yield

    async def shutdown(self) -> None:
        palette = self.palette

        def settled() -> bool:
            searching = [w for w in palette.workers if w.node is palette and not w.is_finished]
            countdown = palette._no_matches_timer
            return not searching and (countdown is None or countdown._task is None or countdown._task.done())

        await until(settled)


async def test_keys_after_escape_in_one_burst_start_no_search_in_the_closed_palette(make_app, monkeypatch):
    """The soak's NoMatches('CommandList') in CommandPalette._show_no_matches (Textual 8.2.8), traced: in a burst
    such as "4 escape ? r" the app forwards each key to the palette's input as it reads it, and the escape acts
    (dismisses the palette) only when it comes back up unhandled, so the keys after it are already in the input.
    Their Input.Changed reached the dismissed palette, whose _input started a new search; the search ended
    without hits after the palette's timers had been stopped and started the 0.5 s "No matches" countdown, whose
    callback ran after the palette's Unmount, its widgets gone. Here the Changed of "?r" reaches the palette right
    after the escape's action, as in the trace."""
    from textual.command import CommandInput
    from textual.widgets import Input

    monkeypatch.setattr(ShallowApp, "COMMANDS", ShallowApp.COMMANDS | {SlowProvider})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        command_input = palette.query_one(CommandInput)
        palette._action_escape()  # the escape binding: cancel the search, dismiss
        palette.post_message(Input.Changed(command_input, "?r"))  # on its way up from the input
        assert await until(lambda: palette._task is None)  # the palette's teardown is over
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.is_running


# -- the run paused by compare mode or the lesson -----------------------------------------------------------
@pytest.mark.parametrize("key", ["c", "g"])
async def test_compare_or_the_lesson_over_a_running_run_leaves_its_status_paused_and_current(make_app, key):
    """bench/fuzz.py (seed 49, on a loaded machine): after compare mode the main status bar read "iter 117 ▶
    running" with the run paused at 147. c and g pause the run, and its last frame, drawn while it ran and a
    chunk behind, was never replaced: the status said running under compare or the lesson and after them."""
    from tests.tui.conftest import status_text

    app = make_app()
    async with app.run_test(size=(109, 40)) as pilot:
        await pilot.press("r")
        assert await until(lambda: app.trainer.iteration > 0 and "running" in status_text(app))
        await pilot.press(key)
        assert await until(lambda: app.screen is not app.screen_stack[0])
        await pilot.press("escape")
        assert await until(lambda: app.screen is app.screen_stack[0])
        await pilot.pause()
        status = " ".join(status_text(app).split())
        assert not app.running
        assert "running" not in status, status
        assert f"iter {app.trainer.iteration} " in status, (status, app.trainer.iteration)
