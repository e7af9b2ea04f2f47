"""Command-palette commands, built from the run's current settings each time the palette opens, and the
base class of every provider of the app (here, compare mode, typed settings)."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import ShallowApp



class ListedCommands(Provider):
    """A provider that lists its commands as (name, callback, help) from ``commands()``, built anew each
    time the palette asks: all of them before anything is typed, the matching ones after."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


def run_screen(app, screen=None):
    """What the palette's run commands act on: "main" (the app's own run), or the compare or lesson screen
    ``screen`` (the palette's) was opened over (also with help on top of them), which has runs of its own."""
    from tui.compare import CompareScreen
    from tui.lesson.screen import LessonScreen

    stack = app.screen_stack
    below = stack[: stack.index(screen) + 1] if screen in stack else stack
    for candidate in reversed(below):
        if isinstance(candidate, (CompareScreen, LessonScreen)):
            return candidate
    return "main"


class RunCommands(ListedCommands):
    """Every action of the app by name, plus one command per choice of every setting.

    Over compare mode the drive commands move both runs, and the data and hyperparameters change both sides
    (compare's change_both, as its keys do); the per-side init and scale are CompareCommands'. Over the
    lesson they drive the lesson's run, and offer what its own keys do: its steps, and init, activation,
    hidden units and scale (each step sets the data, learning rate and seed). The hidden main run
    underneath is never changed from either."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        from tui.compare import CompareScreen
        from tui.run_side import FEATURE_CHOICES, HIDDEN_CHOICES, LAYER_CHOICES, LEARNING_RATES, SCALES

        app: ShallowApp = self.app  # type: ignore[assignment]
        if hasattr(self.screen, "question_commands"):  # a lesson's question: its answers, not the run behind it
            yield from self.screen.question_commands()
            yield t("palette.help"), app.action_help, t("palette.help.help")
            yield t("palette.quit"), app.action_quit, t("palette.quit.help")
            return
        target = run_screen(app, self.screen)
        main, compare = target == "main", isinstance(target, CompareScreen)
        lesson = not main and not compare
        runs = app if main else target  # what the drive, panel and export commands act on
        config = app.config if main else target.sides["A"].config if compare else target.run.config
        change = app.change if main else target.change_both if compare else target.change
        resets = t("compare.cmd.resets") if compare else t("palette.resets")

        def current(flag: bool) -> str:
            return t("palette.current") if flag else ""

        yield t("palette.step"), runs.action_step, t("palette.step.help")
        yield t("palette.back"), runs.action_back, t("palette.back.help")
        yield t("palette.run"), runs.action_toggle_run, t("palette.run.help")
        yield t("palette.faster"), runs.action_faster, t("palette.faster.help")
        yield t("palette.slower"), runs.action_slower, t("palette.slower.help")
        for stride in (1, 10, 100, 1000):
            yield t("palette.stride", stride=stride), partial(runs.set_stride, stride), t("palette.stride.help")
        if lesson:
            yield t("palette.lesson_next"), target.action_next_step, t("palette.lesson_steps.help")
            yield t("palette.lesson_previous"), target.action_previous_step, t("palette.lesson_steps.help")
            yield t("palette.lesson_leave"), target.action_leave, t("palette.lesson_leave.help")
        if main:
            yield t("palette.zeros"), app.action_zeros, t("palette.zeros.help")
            yield t("palette.random"), app.action_random, t("palette.random.help")
        if not compare:
            for scheme in INIT_SCHEMES:
                yield (t("palette.init", scheme=scheme, current=current(scheme == config.init)),
                       partial(change, init=scheme), resets)
        # the data and hyperparameters: the app's run, both compare sides, or the lesson's run
        for name in ACTIVATIONS:
            yield (t("palette.activation", name=name, current=current(name == config.activation)),
                   partial(change, activation=name), resets)
        if not lesson:
            for name in DATASETS:
                yield (t("palette.dataset", name=name, current=current(name == config.dataset)),
                       partial(change, dataset=name), resets)
        for n_h in HIDDEN_CHOICES:
            yield (t("palette.hidden", hidden=n_h, current=current(n_h == config.hidden)),
                   partial(change, hidden=n_h), resets)
        if not lesson:  # each lesson step sets its network
            for layers in LAYER_CHOICES:
                yield (t("palette.layers", layers=",".join(map(str, layers)), current=current(layers == config.layers)),
                       partial(change, layers=layers), resets)
            for features in FEATURE_CHOICES:
                yield (t("palette.features", features=",".join(features), current=current(features == config.features)),
                       partial(change, features=features), resets)
            for lr in LEARNING_RATES:
                yield t("palette.lr", lr=f"{lr:g}", current=current(lr == config.lr)), partial(change, lr=lr), resets
        if not compare:
            for scale in SCALES:
                yield (t("palette.scale", scale=f"{scale:g}", current=current(scale == config.resolved_scale)),
                       partial(change, scale=scale), t("palette.scale.help"))
        if main:
            yield t("palette.seed", seed=config.seed + 1), app.action_next_seed, t("palette.seed.help")
        elif compare:
            yield t("palette.seed", seed=config.seed + 1), partial(target.action_seed, 1), resets
        # compare has three panels (network, weights, boundary); the app and the lesson four
        panels = ((1, 1), (2, 2), (3, 4)) if compare else ((1, 1), (2, 2), (3, 3), (4, 4))
        for number, name in panels:
            yield (t("palette.panel", number=number, name=t(f"palette.panel.{name}")),
                   partial(runs.action_panel, number), t("palette.panel.help"))
        yield t("palette.next_layer"), partial(runs.action_weights_layer, 1), t("palette.layer.help")
        yield t("palette.previous_layer"), partial(runs.action_weights_layer, -1), t("palette.layer.help")
        if main:
            yield t("palette.compare"), app.action_compare, t("help.compare")
            yield t("palette.lesson"), app.action_lesson, t("help.lesson")
        yield t("palette.export"), runs.action_export, t("help.export")
        yield t("palette.export_json"), partial(runs.action_export, "json"), t("help.export")
        yield t("palette.screenshot"), app.action_save_screenshot, t("palette.screenshot.help")
        yield t("palette.help"), app.action_help, t("palette.help.help")
        yield t("palette.quit"), app.action_quit, t("palette.quit.help")
