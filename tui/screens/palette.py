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

HIDDEN_CHOICES = (1, 2, 3, 4, 5, 8, 16, 32, 64)


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


def run_screen(provider: Provider):
    """What the palette's run commands act on: "main" (the app's own run), or the compare or lesson screen
    it was opened over (also with help on top of them), which has runs of its own."""
    from tui.compare import CompareScreen
    from tui.lesson.screen import LessonScreen

    stack = provider.app.screen_stack
    below = stack[: stack.index(provider.screen) + 1] if provider.screen in stack else stack
    for screen in reversed(below):
        if isinstance(screen, (CompareScreen, LessonScreen)):
            return screen
    return "main"


class RunCommands(ListedCommands):
    """Every action of the app by name, plus one command per choice of every setting.

    Over compare mode the drive commands move both runs, and the data and hyperparameters change both sides
    (compare's change_both, as its keys do); the per-side init and scale are CompareCommands'. Over the
    lesson they drive the lesson's run; its settings belong to its steps, so none are offered there. The
    hidden main run underneath is never changed from either."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app: ShallowApp = self.app  # type: ignore[assignment]
        target = run_screen(self)
        if target == "main":
            yield from self._main_commands(app)
            return
        from tui.compare import CompareScreen

        compare = isinstance(target, CompareScreen)
        yield t("palette.step"), target.action_step, t("palette.step.help")
        yield t("palette.back"), target.action_back, t("palette.back.help")
        yield t("palette.run"), target.action_toggle_run, t("palette.run.help")
        yield t("palette.faster"), target.action_faster, t("palette.faster.help")
        yield t("palette.slower"), target.action_slower, t("palette.slower.help")
        for stride in (1, 10, 100, 1000):
            yield t("palette.stride", stride=stride), partial(target.set_stride, stride), t("palette.stride.help")
        if compare:
            config = target.sides["A"].config
            yield from self._both_sides_settings(target, config)
            for number, name in ((1, 1), (2, 2), (3, 4)):  # compare's three panels: network, weights, boundary
                yield (t("palette.panel", number=number, name=t(f"palette.panel.{name}")),
                       partial(target.action_panel, number), t("palette.panel.help"))
        else:
            for number in (1, 2, 3, 4):
                yield (t("palette.panel", number=number, name=t(f"palette.panel.{number}")),
                       partial(target.action_panel, number), t("palette.panel.help"))
        yield t("palette.export"), target.action_export, t("help.export")
        yield t("palette.export_json"), partial(target.action_export, "json"), t("help.export")
        yield t("palette.screenshot"), app.action_save_screenshot, t("palette.screenshot.help")
        yield t("palette.help"), app.action_help, t("palette.help.help")
        yield t("palette.quit"), app.action_quit, t("palette.quit.help")

    def _both_sides_settings(self, screen, config) -> Iterator[tuple[str, Callable[[], object], str]]:
        from tui.app import LEARNING_RATES

        def current(flag: bool) -> str:
            return t("palette.current") if flag else ""

        resets = t("compare.cmd.resets")
        for name in ACTIVATIONS:
            yield (t("palette.activation", name=name, current=current(name == config.activation)),
                   partial(screen.change_both, activation=name), resets)
        for name in DATASETS:
            yield (t("palette.dataset", name=name, current=current(name == config.dataset)),
                   partial(screen.change_both, dataset=name), resets)
        for n_h in HIDDEN_CHOICES:
            yield (t("palette.hidden", hidden=n_h, current=current(n_h == config.hidden)),
                   partial(screen.change_both, hidden=n_h), resets)
        for lr in LEARNING_RATES:
            yield (t("palette.lr", lr=f"{lr:g}", current=current(lr == config.lr)),
                   partial(screen.change_both, lr=lr), resets)
        yield t("palette.seed", seed=config.seed + 1), partial(screen.action_seed, 1), resets

    def _main_commands(self, app: "ShallowApp") -> Iterator[tuple[str, Callable[[], object], str]]:
        config = app.config

        def current(flag: bool) -> str:
            return t("palette.current") if flag else ""

        resets = t("palette.resets")
        yield t("palette.step"), app.action_step, t("palette.step.help")
        yield t("palette.back"), app.action_back, t("palette.back.help")
        yield t("palette.run"), app.action_toggle_run, t("palette.run.help")
        yield t("palette.faster"), app.action_faster, t("palette.faster.help")
        yield t("palette.slower"), app.action_slower, t("palette.slower.help")
        for stride in (1, 10, 100, 1000):
            yield t("palette.stride", stride=stride), partial(app.set_stride, stride), t("palette.stride.help")
        yield t("palette.zeros"), app.action_zeros, t("palette.zeros.help")
        yield t("palette.random"), app.action_random, t("palette.random.help")
        for scheme in INIT_SCHEMES:
            yield (t("palette.init", scheme=scheme, current=current(scheme == config.init)),
                   partial(app.change, init=scheme), resets)
        for name in ACTIVATIONS:
            yield (t("palette.activation", name=name, current=current(name == config.activation)),
                   partial(app.change, activation=name), resets)
        for name in DATASETS:
            yield (t("palette.dataset", name=name, current=current(name == config.dataset)),
                   partial(app.change, dataset=name), resets)
        for n_h in HIDDEN_CHOICES:
            yield (t("palette.hidden", hidden=n_h, current=current(n_h == config.hidden)),
                   partial(app.change, hidden=n_h), resets)
        from tui.app import LEARNING_RATES, SCALES

        for lr in LEARNING_RATES:
            yield t("palette.lr", lr=f"{lr:g}", current=current(lr == config.lr)), partial(app.change, lr=lr), resets
        for scale in SCALES:
            yield (t("palette.scale", scale=f"{scale:g}", current=current(scale == config.resolved_scale)),
                   partial(app.change, scale=scale), t("palette.scale.help"))
        yield t("palette.seed", seed=config.seed + 1), app.action_next_seed, t("palette.seed.help")
        for number in (1, 2, 3, 4):
            yield (t("palette.panel", number=number, name=t(f"palette.panel.{number}")),
                   partial(app.action_panel, number), t("palette.panel.help"))
        yield t("palette.compare"), app.action_compare, t("help.compare")
        yield t("palette.lesson"), app.action_lesson, t("help.lesson")
        yield t("palette.export"), app.action_export, t("help.export")
        yield t("palette.export_json"), partial(app.action_export, "json"), t("help.export")
        yield t("palette.screenshot"), app.action_save_screenshot, t("palette.screenshot.help")
        yield t("palette.help"), app.action_help, t("palette.help.help")
        yield t("palette.quit"), app.action_quit, t("palette.quit.help")
