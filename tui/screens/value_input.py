"""Typing a setting's value (learning rate, scale, seed, hidden units, samples, noise, hidden layers, inputs,
test examples) from the palette.

The text goes through the same validation as the command line (engine.config.Config): a bad value
shows an error notification and changes nothing; a good one resets the run with it.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from engine.config import ConfigError
from tui.i18n import app_error_text, t, translate_bindings
from tui.keys import SCREENSHOT_KEY
from tui.screens.palette import ListedCommands, run_screen
from tui.screens.under_modal import DimmedBackdrop

if TYPE_CHECKING:
    from tui.app import ShallowApp

# option -> (what the student calls it: a table key, int or float)
TYPED_SETTINGS = {
    "lr": ("setting.lr", float),
    "scale": ("setting.scale", float),
    "seed": ("setting.seed", int),
    "hidden": ("setting.hidden", int),
    "samples": ("setting.samples", int),
    "noise": ("setting.noise", float),
    "layers": ("setting.layers", str),  # "10,5": the text goes to Config, which reads and checks lists
    "features": ("setting.features", str),  # "x1,x2,x1x2"
    "test_samples": ("setting.test_samples", int),
}
HINTS = {"layers": "setting.layers.hint", "features": "setting.features.hint"}  # how a list is typed
MAX_ECHO = 40  # characters of a bad entry repeated back in the message


def parse_setting(option: str, text: str) -> int | float | str:
    """The number typed for ``option``; ConfigError (one line) if it is not a number of the right kind."""
    label, kind = TYPED_SETTINGS[option]
    cleaned = text.strip()
    shown = cleaned if len(cleaned) <= MAX_ECHO else cleaned[:MAX_ECHO] + "…"
    if kind is str:
        return cleaned
    try:
        return kind(cleaned)
    except (ValueError, OverflowError):
        message = "setting.not_integer" if kind is int else "setting.not_number"
        raise ConfigError(t(message, label=t(label), text=repr(shown))) from None


# Over compare mode: the settings that are the same for both sides (the init scale is each side's own:
# compare's palette commands "Side A: scale …" set it).
BOTH_SIDES_SETTINGS = ("lr", "seed", "hidden", "samples", "noise", "layers", "features", "test_samples")


def typed_target(app: "ShallowApp", screen=None):
    """What a typed setting changes: "main" (the app's run), or the compare screen it was asked over
    (both sides); None over the lesson, whose steps set its run's settings."""
    from tui.lesson.screen import LessonScreen

    target = run_screen(app, screen)
    return None if isinstance(target, LessonScreen) else target


def apply_setting(app: "ShallowApp", option: str, text: str, target="main") -> bool:
    """Reset the run (``target`` "main") or both compare runs (a CompareScreen) with the typed value; on bad
    input notify and leave the runs as they were."""
    base = app.config if target == "main" else target.sides["A"].config
    try:
        value = parse_setting(option, text)
        base.replace(**{option: value})  # validates; the run is not touched yet
    except ConfigError as error:
        app.notify(app_error_text(error), severity="error", timeout=6)
        return False
    if target == "main":
        app.change(**{option: value})
        return True
    return target.change_both(**{option: value})


def current_value(app: "ShallowApp", option: str, target="main") -> str:
    config = app.config if target == "main" else target.sides["A"].config
    value = {"scale": config.resolved_scale, "noise": config.resolved_noise}.get(option, getattr(config, option))
    if isinstance(value, tuple):  # layers, features: as they are typed
        return ",".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


class ValueInputScreen(DimmedBackdrop, ModalScreen[None]):
    """One line to type a value into; enter applies it (and closes if it was good), escape cancels."""

    BINDINGS = [Binding("escape", "dismiss", "key.cancel", show=False), SCREENSHOT_KEY]
    DEFAULT_CSS = """
    ValueInputScreen { align: center middle; }
    ValueInputScreen > Vertical { width: 60; max-width: 100%; height: auto; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, option: str, target="main") -> None:
        super().__init__()
        translate_bindings(self)
        self.option = option
        self.target = target  # "main", or the compare screen whose two runs the value sets

    def compose(self) -> ComposeResult:
        label, _kind = TYPED_SETTINGS[self.option]
        app: ShallowApp = self.app  # type: ignore[assignment]
        value = current_value(app, self.option, self.target)
        prompt = "setting.prompt" if self.target == "main" else "setting.prompt_both"
        with Vertical():
            yield Static(t(prompt, label=t(label), value=value))
            if self.option in HINTS:
                yield Static(t(HINTS[self.option]), classes="hint")
            yield Input(placeholder=value, id="value")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.is_active:  # a second enter of a burst, after the first one closed this screen
            return
        if apply_setting(self.app, self.option, event.value, self.target):  # type: ignore[arg-type]
            self.dismiss()


class TypedSettingCommands(ListedCommands):
    """Palette commands "Type learning rate…" and so on, next to the fixed choices of RunCommands. Over
    compare mode only the settings both sides share (they set both); over the lesson none."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        target = typed_target(self.app, self.screen)  # type: ignore[arg-type]
        if target is None:
            return
        for option, (label, _kind) in TYPED_SETTINGS.items():
            if target == "main":
                yield t("setting.type", label=t(label)), partial(self._open, option, target), t("setting.type.help")
            elif option in BOTH_SIDES_SETTINGS:
                yield (t("setting.type", label=t(label)), partial(self._open, option, target),
                       t("compare.cmd.resets"))

    def _open(self, option: str, target) -> None:
        self.app.push_screen(ValueInputScreen(option, target))
