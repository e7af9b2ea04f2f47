"""One validated configuration shared by the CLI, the app and the engine.

Its fields, their defaults and their limits are the options of a run in engine/options.py (the one table
of options); ``__post_init__`` checks every field against that table, and a bad value raises
``ConfigError`` whose message is a single line fit to show a student as it is ("--hidden must be an
integer from 1 to 64, got 0").
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from engine.messages import MESSAGES, Explained
from engine.options import (ACTIVATIONS, DATASETS, DEFAULTS, INIT_SCHEMES, MAX_HIDDEN, MAX_SAMPLES,  # noqa: F401
                            RUN_OPTIONS, Option)

PARAMETERS = ("W1", "b1", "W2", "b2")

# Each scheme's --scale when none is given: randn multiplier for random/xavier/he, the value for constant.
DEFAULT_SCALE = {"zeros": 0.0, "constant": 0.5, "random": 0.01, "xavier": 1.0, "he": 1.0}


class ConfigError(Explained, ValueError):
    """A configuration value that cannot be used; the message is one line for the user.

    Raised with a key of engine.messages (``ConfigError("config.integer", name="hidden", value="x")``),
    or with a sentence a user interface has already worded in its own language (then ``key`` is None).
    """

    def __init__(self, key: str, **values):
        super().__init__(self._explain(key, values) if key in MESSAGES else key)


@dataclass(frozen=True)
class InitOverride:
    """Initialise one parameter (W1, b1, W2 or b2) with its own scheme, e.g. only the biases random."""

    parameter: str
    scheme: str
    scale: float | None = None

    def __post_init__(self) -> None:
        if self.parameter not in PARAMETERS:
            raise ConfigError("config.unknown_parameter", value=self.parameter, choices=", ".join(PARAMETERS))
        _check_choice("init", self.scheme, INIT_SCHEMES)
        if self.scale is not None:
            _check_float("scale", self.scale, minimum=0.0)

    @property
    def resolved_scale(self) -> float:
        return DEFAULT_SCALE[self.scheme] if self.scale is None else float(self.scale)


@dataclass(frozen=True)
class Config:
    """Everything that defines a run: the run's options of engine/options.py, with the table's defaults.

    ``None`` for noise/scale/every means "the default for the choice" (or none)."""

    dataset: str = DEFAULTS["dataset"]
    samples: int = DEFAULTS["samples"]
    noise: float | None = DEFAULTS["noise"]
    hidden: int = DEFAULTS["hidden"]
    activation: str = DEFAULTS["activation"]
    init: str = DEFAULTS["init"]
    scale: float | None = DEFAULTS["scale"]
    lr: float = DEFAULTS["lr"]
    seed: int = DEFAULTS["seed"]
    steps: int = DEFAULTS["steps"]
    every: int | None = DEFAULTS["every"]
    compare: bool = DEFAULTS["compare"]
    overrides: tuple[InitOverride, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for option in RUN_OPTIONS:
            value = getattr(self, option.name)
            if value is not None or option.default is not None:  # None: not set, the choice's own default
                _check(option, value)
        if self.scale is not None and self.init == "zeros" and self.scale != 0:
            raise ConfigError("config.scale_with_zeros")
        if not isinstance(self.overrides, tuple) or not all(isinstance(o, InitOverride) for o in self.overrides):
            raise ConfigError("config.overrides_type")
        names = [o.parameter for o in self.overrides]
        if len(set(names)) != len(names):
            raise ConfigError("config.override_twice")

    # -- resolved values -------------------------------------------------------------------------
    @property
    def resolved_noise(self) -> float:
        from engine.datasets import DEFAULT_NOISE  # local: datasets imports config

        return DEFAULT_NOISE[self.dataset] if self.noise is None else float(self.noise)

    @property
    def resolved_scale(self) -> float:
        return DEFAULT_SCALE[self.init] if self.scale is None else float(self.scale)

    @property
    def layers(self) -> tuple[int, ...]:
        """The hidden layers' sizes, n[1] … n[L-1]."""
        return (self.hidden,)

    @property
    def resolved_init_seed(self) -> int:
        """The seed of the initial weights: seed + 1, as the C1W3 notebook's seed 2 for its data's seed 1."""
        return self.seed + 1

    def init_for(self, parameter: str) -> tuple[str, float]:
        """(scheme, scale) that initialises ``parameter``, after per-parameter overrides.

        ``init`` and ``scale`` set the weights W1 and W2; biases start at 0 (as in the course)
        unless an override says otherwise, e.g. "only the biases random".
        """
        for override in self.overrides:
            if override.parameter == parameter:
                return override.scheme, override.resolved_scale
        if parameter.startswith("b"):
            return "zeros", 0.0
        return self.init, self.resolved_scale

    def resolved(self) -> dict:
        """Every option of the run with its default filled in, in the table's order: the ``config`` object of
        the headless JSON and of every export."""
        out = {}
        for option in RUN_OPTIONS:
            value = getattr(self, "resolved_" + option.name, getattr(self, option.name))
            out[option.name] = float(value) if option.kind == "float" and value is not None else value
        if self.overrides:
            out["overrides"] = {o.parameter: {"init": o.scheme, "scale": o.resolved_scale} for o in self.overrides}
        return out

    def replace(self, **changes) -> "Config":
        """A new validated Config; raises ConfigError and leaves this one untouched on bad input.

        Changing ``init`` drops an explicit ``scale`` unless one is given too, since a scale means
        something different for each scheme (0.5 as a constant is not 0.5 as a randn multiplier).
        """
        if "init" in changes and "scale" not in changes and changes["init"] != self.init:
            changes["scale"] = None
        return dataclasses.replace(self, **changes)


def _check(option: Option, value: object) -> None:
    """``value`` for ``option`` has the table's kind and is within its limits (else ConfigError)."""
    if option.kind == "choice":
        _check_choice(option.name, value, option.choices)
    elif option.kind == "int":
        _check_int(option.name, value, *option.limits)
    elif option.kind == "float":
        minimum, strict = option.limits
        _check_float(option.name, value, minimum, strict)
    elif option.kind == "flag" and not isinstance(value, bool):
        raise ConfigError("config.flag", name=option.name, value=value)


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError("config.choice", name=name, choices=", ".join(choices), value=value)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError("config.integer", name=name, value=value)
    if not low <= value <= high:
        raise ConfigError("config.integer_range", name=name, low=low, high=high, value=value)


def _check_float(name: str, value: object, minimum: float, strict: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError("config.number", name=name, value=value)
    if isinstance(value, int) and abs(value) > 1e12:  # 10**400 overflows math.isfinite and f"{value:g}"
        raise ConfigError("config.huge_integer", name=name, sign="-" if value < 0 else "",
                          power=int(value.bit_length() * 0.30103))
    if not math.isfinite(value):
        raise ConfigError("config.finite", name=name, value=value)
    if strict and value <= minimum:
        raise ConfigError("config.greater", name=name, minimum=minimum, value=value)
    if not strict and value < minimum:
        raise ConfigError("config.at_least", name=name, minimum=minimum, value=value)
    if abs(value) > 1e12:
        raise ConfigError("config.too_large", name=name, value=value)
