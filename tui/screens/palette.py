"""Command-palette commands, built from the run's current settings each time the palette opens."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import ShallowApp

HIDDEN_CHOICES = (1, 2, 3, 4, 5, 8, 16, 32, 64)


class RunCommands(Provider):
    """Every action of the app by name, plus one command per choice of every setting."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app: ShallowApp = self.app  # type: ignore[assignment]
        config = app.config

        def current(flag: bool) -> str:
            return " (current)" if flag else ""

        yield "Step", app.action_step, "train one stride"
        yield "Step back", app.action_back, "return one stride, exactly"
        yield "Run / pause", app.action_toggle_run, "continuous training"
        yield "Faster", app.action_faster, "more iterations per second"
        yield "Slower", app.action_slower, "fewer iterations per second"
        for stride in (1, 10, 100, 1000):
            yield f"Stride {stride}", partial(app.set_stride, stride), "iterations per step key"
        yield "Reset with zeros", app.action_zeros, "init zeros, iteration 0"
        yield "Reset with random", app.action_random, "init random (randn × 0.01), iteration 0"
        for scheme in INIT_SCHEMES:
            yield f"Init {scheme}{current(scheme == config.init)}", partial(app.change, init=scheme), "resets"
        for name in ACTIVATIONS:
            yield (f"Activation {name}{current(name == config.activation)}", partial(app.change, activation=name),
                   "resets")
        for name in DATASETS:
            yield f"Dataset {name}{current(name == config.dataset)}", partial(app.change, dataset=name), "resets"
        for n_h in HIDDEN_CHOICES:
            yield f"Hidden units {n_h}{current(n_h == config.hidden)}", partial(app.change, hidden=n_h), "resets"
        from tui.app import LEARNING_RATES, SCALES

        for lr in LEARNING_RATES:
            yield f"Learning rate {lr:g}{current(lr == config.lr)}", partial(app.change, lr=lr), "resets"
        for scale in SCALES:
            yield (f"Scale {scale:g}{current(scale == config.resolved_scale)}", partial(app.change, scale=scale),
                   "init scale; resets")
        yield f"Seed {config.seed + 1} (next)", app.action_next_seed, "new data and weights; resets"
        for number, name in ((1, "network"), (2, "weights"), (3, "loss chart"), (4, "decision boundary")):
            yield f"Show panel {number}: {name}", partial(app.action_panel, number), "small terminals"
        yield "Compare zeros vs random", app.action_compare, t("help.compare")
        yield "Lesson: why random init", app.action_lesson, t("help.lesson")
        yield "Export history (CSV)", app.action_export, t("help.export")
        yield "Save screenshot (SVG)", app.action_save_screenshot, "to the working directory"
        yield "Help", app.action_help, "every key"
        yield "Quit", app.action_quit, "leave shallow-tui"

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
