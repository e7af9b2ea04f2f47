"""A run as the UI shows it: its training points, RunFrames and panels (used by the app, compare mode and
the lesson), plus the timer-driven stepping that compare mode and the lesson share."""
from __future__ import annotations

import re
import time

from engine.config import Config
from engine.history import Record
from engine.plane import bounds_of
from engine.trainer import Trainer
from tui.i18n import t
from tui.run_facts import RunFactSource
from tui.widgets.boundary import DecisionBoundary
from tui.widgets.diagram import NetworkDiagram
from tui.widgets.loss_chart import LossChart
from tui.widgets.run_frame import RunFrame, TrainingPoints
from tui.widgets.weights import WeightsPanel


STRIDES = (1, 10, 100, 1000)  # iterations per step key: ] and [ move along these
# Auto-run speeds, iterations per second (of each run): > and < move along these. The app's worker thread
# also has None, "as fast as it goes"; screens stepped on the UI thread stop at 10 000 (a tick of 1000
# iterations at n_h = 4 is a few tens of milliseconds).
TIMED_SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)
# Pictures (chart, network, weights, boundary) while a run runs: at most this often. Numbers that change at 100
# iterations a second cannot be read faster, and the chart and thumbnails are the costly part of a frame.
PICTURE_INTERVAL = 1 / 4


def speed_text(speed: int | None) -> str:
    return t("speed.max") if speed is None else t("speed.per_second", speed=speed)


def speed_at_least(speed: float) -> int:
    """The slowest of TIMED_SPEEDS that is at least ``speed`` (or the fastest)."""
    return next((s for s in TIMED_SPEEDS if s >= speed), TIMED_SPEEDS[-1])


# What the setting keys and the palette step through, in the app, compare mode and the lesson.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 1.2, 2.0, 3.0, 5.0, 10.0)
SCALES = (0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)  # ×100: where tanh saturates (lesson step 7)
HIDDEN_CHOICES = (1, 2, 3, 4, 5, 8, 16, 32, 64)
# The palette's networks: one layer, the course's assignment (C2W1: 10,5), a deep one, the widest the app takes.
LAYER_CHOICES = ((4,), (10, 5), (8, 8, 8), (64, 64, 64))
# Its inputs: the lecture's two, its three-feature network, all seven (TensorFlow Playground's).
FEATURE_CHOICES = (("x1", "x2"), ("x1", "x2", "x1x2"), ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"))
MAX_HIDDEN_UNITS = 64  # engine.config's limit, said in the app's words ("64 hidden units is the most")


def hidden_after(n_h: int, direction: int) -> int | None:
    """+ / - on the hidden units: one more or fewer up to 8, then doubling or halving (16, 32, 64); None
    past 1 or 64, where the key says why it does nothing instead of restarting the same network."""
    if direction > 0:
        return None if n_h >= MAX_HIDDEN_UNITS else min(MAX_HIDDEN_UNITS, n_h + 1 if n_h < 8 else n_h * 2)
    return None if n_h <= 1 else (n_h - 1 if n_h <= 8 else n_h // 2)


def hidden_refusal(direction: int) -> str:
    """What + at 64 or - at 1 says."""
    return t("app.hidden_most", most=MAX_HIDDEN_UNITS) if direction > 0 else t("app.hidden_fewest", fewest=1)


def next_in(choices: tuple, current, direction: int):
    """The next larger (direction 1) or smaller (-1) choice than ``current``, or None past the end."""
    if direction > 0:
        larger = [c for c in choices if c > current]
        return larger[0] if larger else None
    smaller = [c for c in choices if c < current]
    return smaller[-1] if smaller else None


def setting_text(name: str, value) -> str:
    """A changed setting as a toast says it: "lr 0.5", "layers 10,5", "features x1,x2,x1x2"."""
    if isinstance(value, tuple):
        return f"{name} " + ",".join(map(str, value))
    return f"{name} {value:g}" if isinstance(value, float) else f"{name} {value}"


def cycle(choices: tuple[str, ...], current: str, direction: int) -> str:
    """The next (direction 1) or previous (-1) name of ``choices`` after ``current``, round and round."""
    return choices[(choices.index(current) + direction) % len(choices)]


def next_stride(stride: int, direction: int) -> int:
    return STRIDES[max(0, min(len(STRIDES) - 1, STRIDES.index(stride) + direction))]


def points_of(trainer: Trainer) -> TrainingPoints:
    X, Y = trainer.data.X, trainer.data.Y
    return TrainingPoints(tuple(X[0].tolist()), tuple(X[1].tolist()), tuple(int(y) for y in Y[0].tolist()),
                          bounds_of(X))


def run_panels(prefix: str = "") -> tuple[NetworkDiagram, WeightsPanel, LossChart, DecisionBoundary]:
    """A run's four panels, ids ``net``, ``weights``, ``loss``, ``boundary`` after ``prefix``; the screen
    shows them (``.display``) and draws them (``.show(frame)``)."""
    return (NetworkDiagram(id=f"{prefix}net", classes="panel"), WeightsPanel(id=f"{prefix}weights", classes="panel"),
            LossChart(id=f"{prefix}loss", classes="panel"), DecisionBoundary(id=f"{prefix}boundary", classes="panel"))


def move_weights_layer(screen, panels, layers: int, direction: int, show_weights) -> None:
    """w / W on a screen with weights panels (compare mode's two move together): the next or previous hidden
    layer of ``layers``; a hidden weights panel is shown first (``show_weights``), at the layer it was on."""
    if layers < 2:
        screen.notify(t("app.one_hidden_layer"), severity="warning")
        return
    if not any(panel.display for panel in panels):
        show_weights()
        return
    for panel in panels:
        panel.move_layer(direction, layers)


class RunSide:
    """A run that the UI thread alone steps (no worker), so it needs no lock."""

    def __init__(self, config: Config) -> None:
        self.trainer = Trainer(config)
        self.points = points_of(self.trainer)

    @property
    def config(self) -> Config:
        return self.trainer.config

    def reset(self, config: Config | None = None) -> None:
        self.trainer.reset(config)
        self.reset_points()

    def reset_points(self) -> None:
        """After the trainer was reset from outside (e.g. a lesson step)."""
        self.points = points_of(self.trainer)

    def frame(self, running: bool = False, speed_label: str = "", stride: int = 1) -> RunFrame:
        return frame_of(self.trainer, self.points, running, speed_label, stride)


def frame_of(trainer: Trainer, points: TrainingPoints, running: bool, speed_label: str, stride: int,
             facts: RunFactSource | None = None) -> RunFrame:
    """The trainer's current state as plain values (call it while no other thread steps the trainer); with
    ``facts``, what the hints need to say about it too."""
    snapshot = trainer.snapshot()
    records = list(trainer.history.records)
    if not records or records[-1].iteration < snapshot.iteration:  # history lags one step behind
        records.append(Record(snapshot.iteration, snapshot.loss if snapshot.loss is not None else float("nan"),
                              snapshot.accuracy, snapshot.unit_gap, snapshot.test_accuracy))
    return RunFrame(trainer.config, snapshot, tuple(records), points, running, speed_label, stride,
                    facts.facts(trainer, snapshot.accuracy) if facts is not None else None)


class TimedRuns:
    """Mixin for screens whose runs the UI thread alone steps: step/back/stride keys, a run/pause timer
    and its speed (> faster, < slower). The screen provides ``stride``, ``redraw()`` and ``runs()``;
    ``speed`` (iterations per second, one of TIMED_SPEEDS) sets the auto-run pace; ``advance(n)`` may be
    overridden to report on each run."""

    TICK = 0.1  # seconds between auto-run ticks
    _timer = None
    speed = 100
    _carry = 0  # iterations × ticks per second owed by earlier ticks (below 10 it/s a tick is less than one)
    _pictures: dict | None = None  # widget -> the arguments of its newest show(), not drawn yet
    _pictures_timer = None
    _pictures_drawn_at = -1.0

    def show_picture(self, widget, *args) -> None:
        """``widget.show(*args)`` after the counters: on the screen update after the one that shows them (a key's
        numbers do not wait for the chart), and at most every PICTURE_INTERVAL while running (the newest)."""
        if self._pictures is None:
            self._pictures = {}
        first = not self._pictures
        self._pictures[widget] = args
        if not first or self._pictures_timer is not None:
            return
        wait = self._pictures_drawn_at + PICTURE_INTERVAL - time.monotonic() if self._timer is not None else 0
        if wait > 0:
            self._pictures_timer = self.set_timer(wait, self._draw_pictures_soon)
        else:
            self.call_after_refresh(self._draw_pictures)

    def _draw_pictures_soon(self) -> None:
        self._pictures_timer = None
        self.call_after_refresh(self._draw_pictures)

    def _draw_pictures(self) -> None:
        pending, self._pictures = self._pictures or {}, {}
        if not pending or not self.is_attached:
            return
        self._pictures_drawn_at = time.monotonic()
        with self.app.batch_update():
            for widget, args in pending.items():
                widget.show(*args)

    @staticmethod
    def update_changed(widget, content, layout: bool = False) -> None:
        """``widget.update(content)`` only when the content changed, and without a layout pass unless asked for (a
        line whose height the screen sets): Static.update lays the whole screen out again by default, for every
        line of every tick, and that was most of a running compare tick's cost."""
        if getattr(widget, "_shown_content", None) != content:
            widget._shown_content = content
            widget.update(content, layout=layout)

    def runs(self) -> list[RunSide]:
        raise NotImplementedError

    @property
    def speed_label(self) -> str:
        return speed_text(self.speed)

    def run_state(self) -> str:
        """"▶ running 100 it/s" or "paused (r runs at 100 it/s)", in the chosen language."""
        return t("status.running" if self._timer is not None else "status.paused", speed=self.speed_label)

    def action_faster(self) -> None:
        self._set_speed(1)

    def action_slower(self) -> None:
        self._set_speed(-1)

    def _set_speed(self, direction: int) -> None:
        index = TIMED_SPEEDS.index(self.speed) + direction
        self.speed = TIMED_SPEEDS[max(0, min(len(TIMED_SPEEDS) - 1, index))]
        self.redraw()  # the screen shows the speed: no toast over the panels

    def advance(self, n: int) -> None:
        for run in self.runs():
            run.trainer.step(n)

    def action_step(self) -> None:
        self.pause()
        self.advance(self.stride)
        self.redraw()

    def action_back(self) -> None:
        self.pause()
        for run in self.runs():
            run.trainer.back(self.stride)
        self.redraw()

    def action_toggle_run(self) -> None:
        if self._timer is not None:
            self.pause()
        else:
            self._carry = 0
            self._timer = self.set_interval(self.TICK, self._tick)
        self.redraw()

    def pause(self) -> None:
        """Stop the auto-run (r starts it again)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        n, self._carry = divmod(self._carry + self.speed, round(1 / self.TICK))  # integers: no drift
        if n == 0:
            return
        self.advance(n)
        if all(run.trainer.diverged for run in self.runs()):
            self.pause()
        self.redraw()

    def action_stride(self, direction: int) -> None:
        self.set_stride(next_stride(self.stride, direction))

    def set_stride(self, stride: int) -> None:
        """The palette's "Stride 10" and so on; the screen shows the stride."""
        self.stride = stride
        self.redraw()


def file_part(text: str) -> str:
    """``text`` as part of a file name: "zeros; b1 random 0.01" -> "zeros-b1-random-0.01"."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-")
