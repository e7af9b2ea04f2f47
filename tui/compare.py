"""Compare mode: two runs on the same data and hyperparameters, differing only in initialisation, in lockstep.

Side A starts with zeros and side B with random weights; either side can be set to any scheme, scale or
per-parameter override (command palette: "Side A: only the biases random", "Side B: W1 random, W2 zeros").
Every step key moves both runs by the same number of iterations. The chart overlays both loss curves
and both unit gaps; each side has its own status line and its own network / weights / boundary panels.
Below 120 columns one side's panels show at a time and ``tab`` (or ``f``) flips between them.

Both runs are stepped on the UI thread (auto-run is a timer, not a worker): a tick is two short
``step`` calls, and nothing has to be locked.
"""
from __future__ import annotations

from functools import partial
from typing import Iterator

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError, InitOverride
from tui.i18n import app_error_text, t, translate_bindings
from tui.keys import DRIVE_KEYS, INIT_KEYS, RUN_KEYS, SETTING_KEYS
from tui.run_side import (LEARNING_RATES, SCALES, RunSide, TimedRuns, cycle, file_part, hidden_after, hidden_refusal,
                          move_weights_layer, next_in)
from tui.run_facts import REFERENCE_SCALE
from tui.screens.palette import ListedCommands
from tui.teardown import torn_down
from tui.widgets.boundary import DecisionBoundary
from tui.widgets.compare_chart import CompareChart
from tui.widgets.diagram import NetworkDiagram
from tui.widgets.run_frame import init_label
from tui.widgets.status import Part, fit_line, fit_lines, status_parts
from tui.widgets.weights import WeightsPanel

SIDES = ("A", "B")
DETAIL_PANELS = {1: "net", 2: "weights", 3: "boundary"}
BOTH_SIDES_WIDTH = 120  # from here both sides' detail panels fit next to each other


def presets(base: Config) -> dict[str, Config]:
    """Named initialisations beyond the plain schemes, built on ``base``'s hyperparameters."""
    random_01 = dict(scheme="random", scale=0.01)
    return {
        t("compare.only_biases"): base.replace(init="zeros", scale=None, overrides=tuple(  # every layer's bias
            InitOverride(f"b{l}", **random_01) for l in range(1, len(base.layers) + 2))),
        t("compare.w1_random"): base.replace(init="zeros", scale=None, overrides=(InitOverride("W1", **random_01),)),
        t("compare.w2_random"): base.replace(init="zeros", scale=None, overrides=(InitOverride("W2", **random_01),)),
    }


def side_configs(config: Config) -> tuple[Config, Config]:
    """A: zeros; B: the config's own init, or random when that is zeros. Same everything else."""
    a = config.replace(init="zeros", scale=None, overrides=(), compare=True)
    b = config.replace(compare=True) if config.init != "zeros" else config.replace(init="random", scale=None,
                                                                                      compare=True)
    return a, b


def lesson_side_configs(config: Config) -> tuple[Config, Config]:
    """c in the lesson: the lecture's contrast on the step's network (its data, units, activation, learning
    rate): A zeros, B the course's random ×0.01, whatever init the step (or the student) had chosen."""
    return (config.replace(init="zeros", scale=None, overrides=(), compare=True),
            config.replace(init="random", scale=REFERENCE_SCALE, overrides=(), compare=True))


def side_status(side: str, frame, width: int) -> Text:
    """One line: the side's letter, the contract's words (iter, loss, k of n units distinct, frozen or
    diverged), the accuracy, and the init where it fits: "acc 50.0%" against "acc 90.5%" is the lesson, and
    the chart's title names each side's init (at 80 columns, with 5-digit iterations, both did not fit).
    Two lines when the contract's words and the accuracy need them (a deep network's k of n per layer)."""
    badge = Text(f" {side} ", "bold reverse", end="")
    badge.append(" ")
    lines = fit_lines(status_parts(frame, settings=False), width - badge.cell_len).split("\n")
    text = Text(no_wrap=True, end="")
    for number, line in enumerate(lines):
        text.append_text(badge if number == 0 else Text("\n" + " " * badge.cell_len))
        text.append_text(line)
    return text


# The key line, in its order; each key's rank says which give way first on a narrow terminal (help never does).
KEY_LINE = (("compare.keys.step", 1), ("compare.keys.back", 6), ("compare.keys.run", 2), ("compare.keys.flip", 3),
            ("compare.keys.panel", 4), ("compare.keys.palette", 5), ("compare.keys.leave", 0), ("keyline.help", None))


def key_line(width: int) -> Text:
    return fit_line([Part(t(key), "", optional=rank is not None, rank=rank or 0) for key, rank in KEY_LINE], width)


class CompareCommands(ListedCommands):
    """Set either side to any scheme, scale or preset; flip; leave. Built from the current state."""

    def commands(self) -> Iterator[tuple[str, object, str]]:
        screen = self.screen
        if not isinstance(screen, CompareScreen):
            return
        resets = t("compare.cmd.resets")
        for side in SIDES:
            base = screen.sides[side].config
            for scheme in INIT_SCHEMES:
                yield (t("compare.cmd.init", side=side, scheme=scheme),
                       partial(screen.set_side, side, base.replace(init=scheme, scale=None, overrides=())), resets)
            for name, config in presets(base).items():
                yield t("compare.cmd.preset", side=side, preset=name), partial(screen.set_side, side, config), resets
            if base.init != "zeros":
                for scale in SCALES:
                    yield (t("compare.cmd.scale", side=side, scale=f"{scale:g}"),
                           partial(screen.set_side, side, base.replace(scale=scale)), resets)
        yield t("compare.cmd.flip"), screen.action_flip, ""
        yield t("compare.cmd.leave"), screen.action_leave, ""


class CompareScreen(TimedRuns, Screen):
    """Zeros vs random (by default) side by side; see the module docstring."""

    COMMANDS = Screen.COMMANDS | {CompareCommands}
    DEFAULT_CSS = """
    CompareScreen { layout: vertical; }
    #cmp-title { height: 1; background: $primary-background; }
    .cmp-status { height: 1; background: $boost; }
    /* 3 : 2, so that at 80×24 the chart has 8 rows to draw in (5 at 1 : 1): both losses above both gaps */
    #cmp-chart { height: 3fr; border: round $primary; border-title-style: bold; }
    #cmp-details { height: 2fr; }
    .cmp-side { width: 1fr; height: 1fr; }
    .cmp-label { height: 1; }
    #cmp-keys { height: 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        *DRIVE_KEYS,
        Binding("tab,f", "flip", "compare.flip", key_display="tab"),
        Binding("z", "zeros", "key.zeros", show=False),
        Binding("x", "random", "key.random", show=False),
        Binding("c,escape", "leave", "compare.leave"),
        *INIT_KEYS,
        *RUN_KEYS,
        *SETTING_KEYS,
        Binding("1", "panel(1)", "key.network", show=False),
        Binding("2", "panel(2)", "key.weights", show=False),
        Binding("3,4", "panel(3)", "key.boundary", show=False),
    ]

    def __init__(self, config: Config, configs: tuple[Config, Config] | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        a, b = configs or side_configs(config)
        self.sides = {"A": RunSide(a), "B": RunSide(b)}
        self.stride = 1
        self.shown_side = "A"
        self.panel = 2

    # -- layout --------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="cmp-title")
        for side in SIDES:
            yield Static(id=f"cmp-status-{side}", classes="cmp-status")
        yield CompareChart(id="cmp-chart")
        with Horizontal(id="cmp-details"):
            for side in SIDES:
                with Vertical(id=f"cmp-side-{side}", classes="cmp-side"):
                    yield Static(id=f"cmp-label-{side}", classes="cmp-label")
                    yield NetworkDiagram(id=f"net-{side}", classes="panel")
                    yield WeightsPanel(id=f"weights-{side}", classes="panel")
                    yield DecisionBoundary(id=f"boundary-{side}", classes="panel")
        # A key line rather than a Footer: it fits the keys compare mode needs (tab, 1 2 3, ^p) in 80 columns.
        yield Static(id="cmp-keys")

    def on_mount(self) -> None:
        if torn_down(self):  # pushed just before an exit: nothing of it was mounted (tui/teardown.py)
            return
        self._apply_layout()
        self.redraw()

    def on_resize(self) -> None:
        self._apply_layout()
        self.redraw()

    @property
    def both_shown(self) -> bool:
        return self.app.size.width >= BOTH_SIDES_WIDTH

    def _apply_layout(self) -> None:
        for side in SIDES:
            self.query_one(f"#cmp-side-{side}").display = self.both_shown or side == self.shown_side
            for number, name in DETAIL_PANELS.items():
                self.query_one(f"#{name}-{side}").display = number == self.panel

    # -- drawing -------------------------------------------------------------------------------------
    def redraw(self) -> None:
        running = self._timer is not None
        frames = {side: run.frame(running, stride=self.stride) for side, run in self.sides.items()}
        width = self.app.size.width
        config = frames["A"].config
        with self.app.batch_update():
            title = Text(t("compare.title", dataset=config.dataset, activation=config.activation,
                           hidden=",".join(map(str, config.layers)), lr=f"{config.lr:g}"), style="bold", no_wrap=True,
                      end="")
            state = t("compare.running") if running else t("compare.paused")
            right = " · ".join((t("status.stride", stride=self.stride), self.speed_label, state))
            details = t("compare.details", side=self.shown_side) + " · " + right
            if not self.both_shown and title.cell_len + cell_len(details) + 3 <= width:  # 2 spaces between
                right = details  # at 80 columns there is no room: the side's label line above its panel says it
            gap = width - title.cell_len - cell_len(right) - 1
            if gap >= 1:
                title.append(" " * gap + right + " ")
            title.truncate(width, overflow="ellipsis")
            self.query_one("#cmp-title", Static).update(title)
            self.query_one("#cmp-keys", Static).update(key_line(width))
            status_rows = 0
            for side in SIDES:
                status = side_status(side, frames[side], width)
                widget = self.query_one(f"#cmp-status-{side}", Static)
                lines = status.plain.count("\n") + 1
                if widget.styles.height is None or widget.styles.height.value != lines:
                    widget.styles.height = lines
                widget.update(status)
                status_rows += lines
            self._keep_toasts_below(1 + status_rows)
            self.query_one("#cmp-chart", CompareChart).show(frames)
            for side in SIDES:
                if not (self.both_shown or side == self.shown_side):
                    continue
                label = Text(f" {side} ", "bold reverse", no_wrap=True, overflow="ellipsis", end="")
                label.append(" " + t("compare.side", side=side, init=init_label(frames[side].config)), "bold")
                self.query_one(f"#cmp-label-{side}", Static).update(label)
                self.query_one(f"#{DETAIL_PANELS[self.panel]}-{side}").show(frames[side])

    def _keep_toasts_below(self, rows: int) -> None:
        """Toasts start below the title and both status lines (app.tcss says 3 rows: one line each), which take
        two lines each for a deep network's k of n per layer."""
        from textual.widgets._toast import ToastRack  # Textual's toast holder (not exported)

        for rack in self.query(ToastRack):
            if rack.styles.margin.top != rows:
                rack.styles.margin = (rows, 0, 0, 0)

    # -- stepping --------------------------------------------------------------------------------------
    def runs(self) -> list[RunSide]:
        return list(self.sides.values())

    def advance(self, n: int) -> None:
        for side, run in self.sides.items():
            was = run.trainer.diverged
            run.trainer.step(n)
            if run.trainer.diverged and not was:
                self.notify(t("compare.diverged", side=side, iteration=run.trainer.iteration), severity="warning")

    # -- changing the runs ---------------------------------------------------------------------------
    def set_side(self, side: str, config: Config) -> None:
        """Give one side a new init (both restart, so they stay in lockstep)."""
        self.pause()
        self.sides[side].reset(config)
        other = "B" if side == "A" else "A"
        self.sides[other].reset()
        self.notify(t("compare.set", side=side, init=init_label(config)), timeout=3)
        self.redraw()

    def change_both(self, **changes) -> bool:
        """A hyperparameter or the data: the same for both sides, both restart. False (and an error toast)
        if a side refuses the value; then nothing changes."""
        try:
            configs = {side: run.config.replace(**changes) for side, run in self.sides.items()}
        except ConfigError as error:
            self.notify(app_error_text(error), severity="error")
            return False
        self.pause()
        for side, run in self.sides.items():
            run.reset(configs[side])
        what = ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in changes.items())
        self.notify(t("compare.reset", what=what), timeout=3)
        self.redraw()
        return True

    def action_zeros(self) -> None:
        self.set_side(self.shown_side, self.sides[self.shown_side].config.replace(init="zeros", scale=None,
                                                                                  overrides=()))

    def action_random(self) -> None:
        self.set_side(self.shown_side, self.sides[self.shown_side].config.replace(init="random", scale=None,
                                                                                  overrides=()))

    def action_cycle_init(self, direction: int) -> None:
        config = self.sides[self.shown_side].config
        scheme = cycle(INIT_SCHEMES, config.init, direction)
        self.set_side(self.shown_side, config.replace(init=scheme, scale=None, overrides=()))

    def action_scale(self, direction: int) -> None:
        config = self.sides[self.shown_side].config
        if config.init == "zeros":
            self.notify(t("app.no_scale"), severity="warning")
            return
        scale = next_in(SCALES, config.resolved_scale, direction)
        if scale is not None:
            self.set_side(self.shown_side, config.replace(scale=scale))

    def action_cycle_activation(self, direction: int) -> None:
        self._cycle_both("activation", ACTIVATIONS, direction)

    def action_cycle_dataset(self, direction: int) -> None:
        self._cycle_both("dataset", DATASETS, direction)

    def _cycle_both(self, name: str, choices: tuple[str, ...], direction: int) -> None:
        self.change_both(**{name: cycle(choices, getattr(self.sides["A"].config, name), direction)})

    def action_hidden(self, direction: int) -> None:
        hidden = hidden_after(self.sides["A"].config.hidden, direction)
        if hidden is None:
            self.notify(hidden_refusal(direction), severity="warning")
            return
        self.change_both(hidden=hidden)

    def action_learning_rate(self, direction: int) -> None:
        lr = next_in(LEARNING_RATES, self.sides["A"].config.lr, direction)
        if lr is not None:
            self.change_both(lr=lr)

    def action_seed(self, direction: int) -> None:
        self.change_both(seed=max(0, self.sides["A"].config.seed + direction))

    # -- looking -------------------------------------------------------------------------------------
    def action_flip(self) -> None:
        if self.both_shown:
            self.notify(t("compare.both_panels"), timeout=2)
        self.shown_side = "B" if self.shown_side == "A" else "A"
        self._apply_layout()
        self.redraw()

    def action_panel(self, number: int) -> None:
        self.panel = number
        self._apply_layout()
        self.redraw()

    def action_scroll_panels(self, lines: int) -> None:
        for side in SIDES:
            for name in ("net", "weights"):
                panel = self.query_one(f"#{name}-{side}")
                if panel.display:
                    panel.scroll_relative(y=lines, animate=False)

    def action_weights_layer(self, direction: int) -> None:
        """w / W: both sides' weights panels to the next or previous hidden layer (the sides share the layers)."""
        panels = [self.query_one(f"#weights-{side}", WeightsPanel) for side in SIDES]
        move_weights_layer(self, panels, len(self.sides["A"].config.layers), direction, lambda: self.action_panel(2))

    def action_export(self, fmt: str = "csv") -> None:
        from tui.export import start_exports

        start_exports(self.app, [(run.trainer, f"compare-{side}-") for side, run in self.sides.items()], fmt=fmt)

    def screenshot_name(self) -> str:
        """ctrl+s here: "shallow-tui-compare-iter100-zeros-vs-random-0.01.svg"."""
        a, b = (init_label(self.sides[side].config) for side in SIDES)
        return f"shallow-tui-compare-iter{self.sides['A'].trainer.iteration}-{file_part(a)}-vs-{file_part(b)}.svg"

    def action_leave(self) -> None:
        self.pause()
        self.app.clear_notifications()  # compare mode's notices stay with it
        self.dismiss()
