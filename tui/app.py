"""The shallow-tui app: owns the run (one Trainer), the keys, the layout and the auto-run worker.

Threading: the Trainer is not thread-safe, so every use of it happens under ``self._lock``, by the UI
thread (step, back, reset) or by the auto-run worker thread, never both. The worker posts RunFrames
(plain values) to the UI; a generation counter, bumped by every UI-side change, drops frames that a
worker computed before that change.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError
from engine.trainer import Trainer
from engine.safe_write import SafeWriteError, write_atomically
from tui.i18n import app_error_text, error_text, t, translate_bindings
from tui.keys import DRIVE_KEYS, INIT_KEYS, PANEL_KEYS, RUN_KEYS, SETTING_KEYS
from tui.run_side import (LEARNING_RATES, SCALES, cycle, frame_of, hidden_after, hidden_refusal, move_weights_layer,
                          next_in, next_stride, points_of, run_panels, setting_text, speed_text)
from tui.run_facts import RunFactSource
from tui.screens.command_palette import BurstSafeCommandPalette
from tui.screens.help import HelpScreen
from tui.screens.palette import RunCommands
from tui.screens.value_input import TypedSettingCommands
from tui.widgets.explanation import Explanation
from tui.widgets.key_footer import KeyFooter
from tui.widgets.run_frame import RunFrame
from tui.widgets.status import StatusBar, TitleBar, line_count, status_parts

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, None)  # iterations/s; None: as fast as it goes
DEFAULT_SPEED = 100

MIN_WIDTH, MIN_HEIGHT = 60, 16
ALL_PANELS_WIDTH, ALL_PANELS_HEIGHT = 110, 34  # from here all four panels fit (120×40 does)
PAIR_HEIGHT = 36  # narrow but tall: two panels stacked

FRAME_INTERVAL = 1 / 20  # at most ~20 frames a second
SLOW_INTERVAL = 1 / 4  # panels (weights, thumbnails, boundary, chart): a few frames a second while running
CHUNK_SECONDS = 0.04  # "as fast as it goes" trains in chunks this long, so a pause lands within 100 ms

# app.tcss gives toasts at most half the screen, above the status bar, explanation and footer; this many rows
# fit a toast with a three-line message (its margin, padding and text), so half the height holds that many.
TOAST_ROWS = 6

PANEL_IDS = {1: "net", 2: "weights", 3: "loss", 4: "boundary"}
# The weights table too: its numbers change every iteration, unreadable at 20 a second, and each redraw
# re-sends the whole panel (its title carries the iteration): ~100 KB/s at 160×48 when drawn every frame.
SLOW_PANELS = ("net", "weights", "loss", "boundary")
PICTURE_PANELS = ("net", "loss", "boundary")


class FrameReady(Message):
    """A frame from the auto-run worker; a newer one replaces an older one still in the queue."""

    def __init__(self, frame: RunFrame, generation: int) -> None:
        super().__init__()
        self.frame = frame
        self.generation = generation

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FrameReady)


class RunStopped(Message):
    """The worker stopped by itself: the loss diverged, or the run reached the iteration it was to run to."""

    def __init__(self, token: int) -> None:
        super().__init__()
        self.token = token


def layout_for(width: int, height: int) -> str:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return "too-small"
    if width >= ALL_PANELS_WIDTH and height >= ALL_PANELS_HEIGHT:
        return "all"
    if width >= ALL_PANELS_WIDTH:
        return "pair-wide"
    if height >= PAIR_HEIGHT:
        return "pair-tall"
    return "single"


def panels_shown(layout: str, selected: int) -> tuple[int, ...]:
    if layout == "all":
        return (1, 2, 3, 4)
    if layout.startswith("pair"):
        return (1, 2) if selected in (1, 2) else (3, 4)
    return (selected,)


class ShallowApp(App):
    """Step a shallow network's training and watch why its weights must start random."""

    CSS_PATH = "app.tcss"
    TITLE = "shallow-tui"
    COMMANDS = App.COMMANDS | {RunCommands, TypedSettingCommands}
    BINDINGS = [
        # Not priority bindings: those overtake ordinary keys typed in a burst ("]] " stepped before the
        # stride changed) and would fire inside the palette's input. Panels take no focus instead, so
        # no scroll binding shadows ← or space.
        *DRIVE_KEYS,
        Binding("z", "zeros", "key.zeros"),
        Binding("x", "random", "key.random"),
        *INIT_KEYS,
        Binding("c", "compare", "key.compare"),
        Binding("g", "lesson", "key.lesson"),
        Binding("question_mark,f1", "help", "key.help", key_display="?"),
        Binding("q", "quit", "key.quit"),
        *RUN_KEYS,
        *SETTING_KEYS,
        *PANEL_KEYS,
        Binding("ctrl+s", "save_screenshot", "key.screenshot", show=False),
        Binding("pageup", "scroll_panels(-10)", "key.page_up", show=False),
        Binding("pagedown", "scroll_panels(10)", "key.page_down", show=False),
    ]

    exit_guard = None  # tui/signals.ExitGuard, set by run_app on a real terminal (Pilot tests run without one)
    RECENT_KEYS = 40  # the last keys a crash report lists

    def __init__(self, config: Config | None = None, lesson: bool = False, start_at: int = 0) -> None:
        super().__init__()
        self.recent_keys: deque[str] = deque(maxlen=self.RECENT_KEYS)
        translate_bindings(self)  # the descriptions above are table keys; --lang is known by now
        self._open_lesson = lesson
        self._start_at = start_at  # --steps N: the run opens trained to iteration N (a teacher's starting point)
        self._run_until: int | None = None  # an auto-run that stops by itself at this iteration
        self.trainer = Trainer(config or Config())
        self._opening_config = self.trainer.config  # the first screen (this run, untouched) mentions the lesson
        self._lock = threading.Lock()
        self._generation = 0
        self._run_token: int | None = None
        self._next_token = 0
        self._wake = threading.Event()
        self.stride = 1
        self.speed_index = SPEEDS.index(DEFAULT_SPEED)
        self.selected_panel = 1
        self.layout_mode = ""
        self._points = points_of(self.trainer)
        self._facts = RunFactSource()  # what the explanation line measures: the start, the ×0.01 yardstick
        self._frame: RunFrame | None = None
        self._last_slow_draw = 0.0
        self._pictures_pending = False
        self.terminal_size = (80, 24)

    # -- state ---------------------------------------------------------------------------------------
    @property
    def config(self) -> Config:
        return self.trainer.config

    @property
    def running(self) -> bool:
        return self._run_token is not None

    @property
    def speed_label(self) -> str:
        return speed_text(SPEEDS[self.speed_index])

    def _make_frame(self, running: bool) -> RunFrame:
        """Call with the lock held. A run to --steps N goes as fast as it can, not at the speed setting: say so."""
        until = self._run_until
        speed = self.speed_label if until is None or not running else t("speed.until", iteration=until)
        return frame_of(self.trainer, self._points, running, speed, self.stride, self._facts)

    # -- layout --------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        with Grid(id="panels"):
            yield from run_panels()
        yield StatusBar(id="status")
        yield Explanation(id="explanation")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.terminal_size = (self.size.width, self.size.height)
        self._apply_layout()
        self._refresh_from_trainer()
        if self._open_lesson:
            self.action_lesson()
        elif self.config.compare:
            self.action_compare()
        elif self._start_at:
            self._start_run(until=self._start_at)  # in the worker, as fast as it goes: the screen stays live
        self._cover_if_too_small()

    def on_resize(self, event) -> None:
        self.terminal_size = (event.size.width, event.size.height)  # self.size may not be updated yet
        self._apply_layout()
        self._cover_if_too_small()
        if self._frame is not None:
            self._show(self._frame, full=True)

    def _cover_if_too_small(self) -> None:
        """Below the minimum, TooSmallScreen covers whatever screen is up (and keeps keys from it); at the
        minimum or above, it leaves."""
        from tui.screens.too_small import TooSmallScreen

        covered = isinstance(self.screen, TooSmallScreen)
        if self.layout_mode == "too-small":
            if covered:
                self.screen.show_size(*self.terminal_size)
            else:
                self.push_screen(TooSmallScreen((MIN_WIDTH, MIN_HEIGHT)))
        elif covered:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Below the minimum size the palette (a priority binding, which a modal screen does not stop) stays
        shut: nothing but q acts there."""
        if self.layout_mode == "too-small" and action not in ("quit", "help_quit"):
            return False
        return True

    def _apply_layout(self) -> None:
        width, height = self.terminal_size
        mode = layout_for(width, height)
        self.layout_mode = mode
        if mode == "too-small":  # TooSmallScreen covers the panels: nothing to lay out
            return
        grid = self.query_one("#panels", Grid)
        grid.set_classes(mode)
        shown = panels_shown(mode, self.selected_panel)
        for number, panel_id in PANEL_IDS.items():
            self.query_one(f"#{panel_id}").display = number in shown
        if self._frame is not None:
            self.query_one("#status", StatusBar).styles.height = line_count(status_parts(self._frame), width - 2)

    # -- drawing -------------------------------------------------------------------------------------
    def _show(self, frame: RunFrame, full: bool) -> None:
        """Counters every frame; slow panels only when ``full`` or at most SLOW_INTERVAL apart."""
        self._frame = frame
        if self.layout_mode == "too-small":
            return
        now = time.monotonic()
        slow_due = full or now - self._last_slow_draw >= SLOW_INTERVAL
        width = self.terminal_size[0]
        with self.batch_update():
            status = self.query_one("#status", StatusBar)
            lines = line_count(status_parts(frame), width - 2)
            if status.styles.height is None or status.styles.height.value != lines:
                status.styles.height = lines
            self.query_one("#title", TitleBar).show(frame, panels_shown(self.layout_mode, self.selected_panel), width)
            self.query_one("#status", StatusBar).show(frame, width)
            welcome = frame.snapshot.iteration == 0 and frame.config == self._opening_config
            self.query_one("#explanation", Explanation).show(frame, welcome, width)
            if slow_due:
                self._last_slow_draw = now
                if full:
                    # A key (step, back, reset) shows its counters and weights in the very next screen update;
                    # the costly pictures (thumbnails, chart, boundary: ~40 ms at 160×48) follow in the one
                    # after, from the newest frame, so a held-down key doesn't queue one picture per press.
                    self._draw_panels(frame, ("weights",))
                    if not self._pictures_pending:
                        self._pictures_pending = True
                        self.call_after_refresh(self._draw_pending_pictures)
                else:
                    self._draw_panels(frame, SLOW_PANELS)

    def _draw_panels(self, frame: RunFrame, panel_ids: tuple[str, ...]) -> None:
        main = self.screen_stack[0]  # the panels' screen, even while help or compare is on top
        for panel_id in panel_ids:
            panel = main.query_one(f"#{panel_id}")
            if panel.display:  # a hidden panel costs nothing; it is drawn when shown
                panel.show(frame)

    def _draw_pending_pictures(self) -> None:
        self._pictures_pending = False
        if self._frame is not None and self.layout_mode != "too-small":
            with self.batch_update():
                self._draw_panels(self._frame, PICTURE_PANELS)

    def _refresh_from_trainer(self) -> None:
        """After a UI-side change: invalidate in-flight worker frames and draw everything now."""
        with self._lock:
            self._generation += 1
            frame = self._make_frame(self.running)
        self._show(frame, full=True)

    # -- auto-run ------------------------------------------------------------------------------------
    def _start_run(self, until: int | None = None) -> None:
        """Start the auto-run worker; with ``until``, at full speed up to that iteration, where it pauses."""
        if self.trainer.diverged:
            self.notify(t("app.diverged_already"), severity="warning")
            return
        self._run_until = until
        self._next_token += 1
        self._run_token = self._next_token
        self._wake.clear()
        self._train_in_background(self._run_token)
        self._refresh_from_trainer()

    def _pause_run(self) -> bool:
        """Stop the worker; it finishes its current chunk (≤ CHUNK_SECONDS) and leaves. True if it ran."""
        was_running = self.running
        self._run_token = None
        self._run_until = None
        self._wake.set()
        return was_running

    @work(thread=True, exclusive=True, group="autorun", exit_on_error=False)
    def _train_in_background(self, token: int) -> None:
        worker = get_current_worker()
        seconds_per_iteration = 1e-4
        carry = 0.0
        until = self._run_until
        while self._run_token == token and not worker.is_cancelled:
            speed = SPEEDS[self.speed_index] if until is None else None
            interval = FRAME_INTERVAL if speed is None else max(FRAME_INTERVAL, 1.0 / speed)
            if speed is None:
                n = max(1, int(CHUNK_SECONDS / seconds_per_iteration))
            else:
                carry += speed * interval
                n, carry = int(carry), carry - int(carry)
            started = time.perf_counter()
            with self._lock:
                if self._run_token != token:
                    break
                if until is not None:
                    n = min(n, until - self.trainer.iteration)
                done = self.trainer.step(n)
                if done:
                    spent = (time.perf_counter() - started) / done
                    seconds_per_iteration = 0.7 * seconds_per_iteration + 0.3 * spent
                frame = self._make_frame(running=True)
                generation = self._generation
                diverged = self.trainer.diverged
            self.post_message(FrameReady(frame, generation))
            if diverged or (until is not None and frame.snapshot.iteration >= until):
                self.post_message(RunStopped(token))
                return
            wait = interval - (time.perf_counter() - started)
            if wait > 0:
                self._wake.wait(wait)  # a pause sets the event: no sleeping through it

    def on_frame_ready(self, message: FrameReady) -> None:
        if message.generation == self._generation and self.running:
            self._show(message.frame, full=False)

    def on_run_stopped(self, message: RunStopped) -> None:
        if self._run_token == message.token:
            self._run_token = None
            self._run_until = None
            self._refresh_from_trainer()
            if self.trainer.diverged:
                self._notify_diverged()

    def _notify_diverged(self) -> None:
        self.notify(t("app.diverged_at", iteration=self.trainer.iteration), severity="warning", timeout=8)

    def notify(self, message: str, **options) -> None:
        """Textual's notify (also for every screen's), and then the oldest toasts leave until the rest fit in
        the room app.tcss gives them. Textual stacks a new toast below the older ones and, its rack being
        hidden, never scrolls down to it: without this a burst (z x z) would keep the newest out of sight.
        The lesson shows its notices in its own text box instead (LessonScreen.show_notice): a toast there
        covered the panel the step asks the student to watch."""
        if threading.get_ident() != self._thread_id:  # Textual's own notify is the thread-safe one (no waiting
            super().notify(message, **options)  # on the UI thread: it may be gone with the terminal)
            return
        # (Not self.screen: while the app shuts down the stack may be empty, and that raises.)
        show_notice = getattr(self.screen_stack[-1], "show_notice", None) if self.screen_stack else None
        if show_notice is not None:
            show_notice(message, options.get("severity", "information"), options.get("timeout"))
            return
        super().notify(message, **options)
        self.call_later(self._retire_old_toasts)  # queued after the notification itself, so it counts it

    def _retire_old_toasts(self) -> None:
        from textual.widgets._toast import Toast  # Textual's toast widget (not exported)

        room = max(1, self.size.height // 2 // TOAST_ROWS)
        old = list(self._notifications)[:-room]  # oldest first
        if not old:
            return
        for notification in old:
            self._unnotify(notification, refresh=False)
        retired = {notification.identity for notification in old}
        for screen in self.screen_stack:  # each screen has its own rack of toasts
            for toast in screen.query(Toast):
                if toast._notification.identity in retired:
                    toast.parent.remove()  # its holder, as Textual does when a toast times out

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._run_token = None
            self.notify(t("app.training_stopped", error=event.worker.error), severity="error")
            self._refresh_from_trainer()

    # -- actions: training ---------------------------------------------------------------------------
    def action_step(self) -> None:
        self._pause_run()
        with self._lock:
            done = self.trainer.step(self.stride)
        if done < self.stride and self.trainer.diverged:
            self._notify_diverged()
        self._refresh_from_trainer()

    def action_back(self) -> None:
        self._pause_run()
        with self._lock:
            undone = self.trainer.back(self.stride)
        if not undone:
            self.notify(t("app.at_start"))
        self._refresh_from_trainer()

    def action_toggle_run(self) -> None:
        if self._pause_run():
            self._refresh_from_trainer()
        else:
            self._start_run()

    def action_faster(self) -> None:
        self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
        self._after_speed_change()

    def action_slower(self) -> None:
        self.speed_index = max(0, self.speed_index - 1)
        self._after_speed_change()

    def _after_speed_change(self) -> None:
        self._refresh_from_trainer()  # the status bar shows the speed

    def set_stride(self, stride: int) -> None:
        self.stride = stride  # the status bar shows it ("step ×10"): no toast to cover the panels
        self._refresh_from_trainer()

    def action_stride(self, direction: int) -> None:
        self.set_stride(next_stride(self.stride, direction))

    # -- actions: changing the run (each resets it) --------------------------------------------------
    def change(self, **changes) -> None:
        """Reset the run with new settings; a bad value is reported and changes nothing."""
        try:
            config = self.config.replace(**changes)
        except ConfigError as error:
            self.notify(app_error_text(error), severity="error")
            return
        self._pause_run()
        with self._lock:
            self.trainer.reset(config)
            self._points = points_of(self.trainer)
        what = ", ".join(setting_text(name, getattr(config, name)) for name, value in changes.items()
                         if value is not None)  # as the config read it: typed "10, 5" says "layers 10,5"
        self.notify(t("app.restarted", what=what or t("app.reset")), timeout=3)
        self._refresh_from_trainer()

    def action_zeros(self) -> None:
        self.change(init="zeros", scale=None)

    def action_random(self) -> None:
        self.change(init="random", scale=None)

    def action_cycle_init(self, direction: int) -> None:
        self.change(init=cycle(INIT_SCHEMES, self.config.init, direction), scale=None)

    def action_cycle_activation(self, direction: int) -> None:
        self.change(activation=cycle(ACTIVATIONS, self.config.activation, direction))

    def action_cycle_dataset(self, direction: int) -> None:
        self.change(dataset=cycle(DATASETS, self.config.dataset, direction))

    def action_hidden(self, direction: int) -> None:
        hidden = hidden_after(self.config.hidden, direction)
        if hidden is None:
            self.notify(hidden_refusal(direction), severity="warning")
            return
        self.change(hidden=hidden)

    def action_learning_rate(self, direction: int) -> None:
        lr = next_in(LEARNING_RATES, self.config.lr, direction)
        if lr is None:
            self.notify(t("app.lr_largest" if direction > 0 else "app.lr_smallest", lr=f"{self.config.lr:g}"),
                        severity="warning")
            return
        self.change(lr=lr)

    def action_scale(self, direction: int) -> None:
        if self.config.init == "zeros":
            self.notify(t("app.no_scale"), severity="warning")
            return
        scale = next_in(SCALES, self.config.resolved_scale, direction)
        if scale is None:
            self.notify(t("app.scale_largest" if direction > 0 else "app.scale_smallest",
                          scale=f"{self.config.resolved_scale:g}"), severity="warning")
            return
        self.change(scale=scale)

    def action_seed(self, direction: int) -> None:
        self.change(seed=self.config.seed + direction)

    def action_next_seed(self) -> None:
        self.action_seed(1)

    # -- actions: looking ----------------------------------------------------------------------------
    def action_panel(self, number: int) -> None:
        self.selected_panel = number
        self._apply_layout()
        if self.layout_mode == "all":
            self.notify(t("app.all_panels"), timeout=2)
        if self._frame is not None:
            self._show(self._frame, full=True)

    def action_scroll_panels(self, lines: int) -> None:
        """The panels take no focus (see BINDINGS), so the app scrolls the tall ones (n_h up to 64)."""
        for panel_id in ("net", "weights"):
            panel = self.query_one(f"#{panel_id}")
            if panel.display:
                panel.scroll_relative(y=lines, animate=False)

    def action_weights_layer(self, direction: int) -> None:
        """w / W: the weights panel's next or previous hidden layer (shown first if it is hidden)."""
        from tui.widgets.weights import WeightsPanel

        panels = list(self.screen_stack[0].query(WeightsPanel))
        move_weights_layer(self, panels, len(self.config.layers), direction, lambda: self.action_panel(2))

    def action_compare(self) -> None:
        """Zeros vs this run's init (random if it is zeros) on its data and hyperparameters (tui/compare.py); c or
        escape returns. From the lesson: zeros vs random ×0.01 on the step's network (the lesson paused), not on
        the run underneath it."""
        from tui.compare import CompareScreen, lesson_side_configs
        from tui.lesson.screen import LessonScreen

        self._pause_run()
        self.clear_notifications()  # a notice belongs to the screen that raised it
        if isinstance(self.screen, LessonScreen):
            self.screen.pause()
            self.screen.clear_notice()
            config = self.screen.run.config
            self.push_screen(CompareScreen(config, lesson_side_configs(config)))
            return
        self.push_screen(CompareScreen(self.config))

    def action_lesson(self) -> None:
        """The guided lesson (tui/lesson/); escape returns to this run, untouched."""
        from tui.lesson.screen import LessonScreen

        self._pause_run()
        self.clear_notifications()  # the main run's notices stay with it
        self.push_screen(LessonScreen())

    def action_export(self, fmt: str = "csv") -> None:
        """The run's history as CSV (e) or JSON (E) in the working directory (tui/export.py), written off
        the UI thread."""
        from tui.export import start_export

        start_export(self, self.trainer, lock=self._lock, fmt=fmt)

    def action_command_palette(self) -> None:
        """Textual's palette, except that a burst of Enters cannot pop the screen under it."""
        if self.use_command_palette and not BurstSafeCommandPalette.is_open(self):
            self.push_screen(BurstSafeCommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def get_system_commands(self, screen):
        """Textual's own palette commands, in the chosen language; its Quit and Screenshot are left out, as
        the app has its own (q, and ctrl+s, which names the file after the run)."""
        yield SystemCommand(t("palette.theme"), t("palette.theme.help"), self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(t("palette.keys"), t("palette.keys.hide"), self.action_hide_help_panel)
        else:
            yield SystemCommand(t("palette.keys"), t("palette.keys.show"), self.action_show_help_panel)

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit (Textual's own message, translated)."""
        for key, active_binding in self.active_bindings.items():
            if active_binding.binding.action in ("quit", "app.quit"):
                self.notify(t("app.quit_hint", key=key), title=t("app.quit_title"))
                return

    def action_help(self) -> None:
        from tui.lesson.question import QuestionScreen
        from tui.lesson.screen import LessonScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(lesson=isinstance(self.screen, (LessonScreen, QuestionScreen))))

    def screenshot_name(self) -> str:
        return f"shallow-tui-iter{self.trainer.iteration}-{self.config.init}.svg"

    def action_save_screenshot(self) -> None:
        """An SVG in the working directory, written atomically under a free name (never over a file), named
        after what is on screen: the topmost screen that has a ``screenshot_name`` (compare mode, the
        lesson), else the main run (also under help or the palette)."""
        named = [s for s in reversed(self.screen_stack) if hasattr(s, "screenshot_name")]
        name = named[0].screenshot_name() if named else self.screenshot_name()
        try:
            svg = self.export_screenshot()
            path = write_atomically(os.path.join(os.getcwd(), name), svg, new_name=True)
        except OSError as error:  # full disk, read-only or vanished directory: say so, keep running
            self.notify(t("app.screenshot_failed", error=error_text(error)) if isinstance(error, SafeWriteError) else
                        t("app.screenshot_error", error=error), severity="error", timeout=8)
            return
        self.notify(t("app.screenshot_saved", path=path), timeout=6)

    async def action_quit(self) -> None:
        self._pause_run()
        self.exit(0)

    # -- ending: see tui/signals.py (signals, a lost terminal, the watchdog) and tui/crash_report.py --------
    _exiting = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if self._exiting:
                return  # keys typed after the exit began would act on screens being torn down
            if not event.is_forwarded:  # each key once, as the terminal sent it
                self.recent_keys.append(event.key)
        await super().on_event(event)

    def exit(self, *args, **kwargs) -> None:
        self._exiting = True
        if self.exit_guard is not None:
            self.exit_guard.exit_begun()  # output gets a deadline; the watchdog starts counting
        super().exit(*args, **kwargs)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one path for an exception in a handler, a widget or the app. On a real terminal: a report
        file and one line (tui/crash_report.py), and ``panic`` with a short text instead of Textual's traceback
        with every frame's locals, which takes seconds to render on a loaded machine. (Pilot tests keep
        Textual's own handling, which hands the exception to the test.)"""
        if self.exit_guard is None:
            super()._handle_exception(error)
            return
        # After the exit began, handlers still queued can meet screens being torn down: that is written down
        # but does not turn the exit (a lost terminal, q) into a crash.
        self.exit_guard.crashed(error, "the UI thread", during_exit=self._exiting)
        self._exiting = True
        self.exit_guard.exit_begun()
        self.panic(f"{type(error).__name__}: {error}")


def run_app(config: Config, lesson: bool = False, start_at: int = 0) -> int:
    """Open the app on ``config`` (its run trained to ``start_at``), then end the process with its exit status.
    Whatever the terminal does, the process ends within a few seconds (tui/signals.py), and a crash is
    reported, never silent."""
    from tui.signals import ExitGuard

    app = ShallowApp(config, lesson=lesson, start_at=start_at)
    guard = ExitGuard(app)
    try:
        app.run()
    except Exception as error:  # raised out of Textual itself (its start or shutdown)
        guard.crashed(error, "Textual's run")
    guard.end_process(guard.finish())  # does not return: see ExitGuard.end_process
    return 0
