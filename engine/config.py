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
from engine.options import (ACTIVATIONS, DATASETS, DEFAULTS, FEATURES, INIT_SCHEMES, MAX_HIDDEN,  # noqa: F401
                            MAX_LAYERS, MAX_SAMPLES, RUN_OPTIONS, Option)

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
    """Initialise one parameter (W1, b1, W2, b2, … up to the network's WL, bL) with its own scheme, e.g.
    only the biases random. Which layers exist is the Config's to check."""

    parameter: str
    scheme: str
    scale: float | None = None

    def __post_init__(self) -> None:
        if parameter_layer(self.parameter, MAX_LAYERS + 1) is None:
            raise ConfigError("config.unknown_parameter", value=self.parameter, choices=_parameter_names(1))
        _check_choice("init", self.scheme, INIT_SCHEMES)
        if self.scale is not None:
            _check_float("scale", self.scale, minimum=0.0)

    @property
    def resolved_scale(self) -> float:
        return DEFAULT_SCALE[self.scheme] if self.scale is None else float(self.scale)


def parameter_layer(name: object, layers: int) -> int | None:
    """l of a parameter name W{l} or b{l}, if 1 ≤ l ≤ layers."""
    if not isinstance(name, str) or name[:1] not in ("W", "b") or not name[1:].isdigit() or name[1] == "0":
        return None
    l = int(name[1:])
    return l if l <= layers else None


def _parameter_names(hidden_layers: int) -> str:
    return ", ".join(f"{kind}{l}" for l in range(1, hidden_layers + 2) for kind in "Wb")


@dataclass(frozen=True)
class Config:
    """Everything that defines a run: the run's options of engine/options.py, with the table's defaults.

    ``None`` for noise/scale/every means "the default for the choice" (or none)."""

    dataset: str = DEFAULTS["dataset"]
    samples: int = DEFAULTS["samples"]
    test_samples: int = DEFAULTS["test_samples"]  # 0: no test set
    noise: float | None = DEFAULTS["noise"]
    features: tuple[str, ...] = DEFAULTS["features"]  # also "x1,x2,x1x2" or a list
    hidden: int | None = None  # None: the first of ``layers``, else the table's 4; --hidden N is --layers N
    layers: tuple[int, ...] | None = None  # hidden layer sizes n[1] … n[L-1]; also "10,5" or a list
    activation: str = DEFAULTS["activation"]
    init: str = DEFAULTS["init"]
    scale: float | None = DEFAULTS["scale"]
    lr: float = DEFAULTS["lr"]
    seed: int = DEFAULTS["seed"]
    init_seed: int | None = DEFAULTS["init_seed"]  # None: seed + 1
    steps: int = DEFAULTS["steps"]
    every: int | None = DEFAULTS["every"]
    compare: bool = DEFAULTS["compare"]
    overrides: tuple[InitOverride, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for option in RUN_OPTIONS:
            value = getattr(self, option.name)
            if value is not None or self.__dataclass_fields__[option.name].default is not None:
                object.__setattr__(self, option.name, check_value(option, value))  # None: not set, the default
        self._resolve_layers()
        if self.scale is not None and self.init == "zeros" and self.scale != 0:
            raise ConfigError("config.scale_with_zeros")
        if not isinstance(self.overrides, tuple) or not all(isinstance(o, InitOverride) for o in self.overrides):
            raise ConfigError("config.overrides_type")
        names = [o.parameter for o in self.overrides]
        if len(set(names)) != len(names):
            raise ConfigError("config.override_twice")
        for override in self.overrides:
            if parameter_layer(override.parameter, len(self.layers) + 1) is None:
                raise ConfigError("config.unknown_parameter", value=override.parameter,
                                  choices=_parameter_names(len(self.layers)))

    def _resolve_layers(self) -> None:
        """``hidden`` and ``layers`` say the same: hidden is the first hidden layer's size (both given must agree)."""
        if self.layers is None:
            hidden = DEFAULTS["hidden"] if self.hidden is None else self.hidden
            object.__setattr__(self, "hidden", hidden)
            object.__setattr__(self, "layers", (hidden,))
        elif self.hidden is None:
            object.__setattr__(self, "hidden", self.layers[0])
        elif self.hidden != self.layers[0]:
            raise ConfigError("config.hidden_and_layers", hidden=self.hidden, layers=",".join(map(str, self.layers)))

    # -- resolved values -------------------------------------------------------------------------
    @property
    def resolved_noise(self) -> float:
        from engine.datasets import DEFAULT_NOISE  # local: datasets imports config

        return DEFAULT_NOISE[self.dataset] if self.noise is None else float(self.noise)

    @property
    def resolved_scale(self) -> float:
        return DEFAULT_SCALE[self.init] if self.scale is None else float(self.scale)

    @property
    def resolved_init_seed(self) -> int:
        """The seed of the initial weights: seed + 1 unless given, as the C1W3 notebook's seed 2 for its data's 1."""
        return self.seed + 1 if self.init_seed is None else self.init_seed

    @property
    def resolved_layers(self) -> list[int]:  # the JSON's config block writes lists
        return list(self.layers)

    @property
    def resolved_features(self) -> list[str]:
        return list(self.features)

    def init_for(self, parameter: str) -> tuple[str, float]:
        """(scheme, scale) that initialises ``parameter``, after per-parameter overrides.

        ``init`` and ``scale`` set every weight matrix W1 … WL; biases start at 0 (as in the course)
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
        if "hidden" in changes and "layers" not in changes:  # the first hidden layer's size; the others stay
            changes["layers"] = None if changes["hidden"] is None else (changes["hidden"], *self.layers[1:])
        elif "layers" in changes and "hidden" not in changes:
            changes["hidden"] = None
        return dataclasses.replace(self, **changes)


def check_value(option: Option, value: object) -> object:
    """``value`` for ``option`` (any option of the table: a config file sets program options too), of the table's
    kind and within its limits (else ConfigError); lists as tuples."""
    name = option.flag[2:]  # as the student types it: init-seed
    if option.kind == "choice":
        _check_choice(name, value, option.choices)
    elif option.kind == "int":
        _check_int(name, value, *option.limits)
    elif option.kind == "float":
        minimum, strict = option.limits
        _check_float(name, value, minimum, strict)
    elif option.kind == "flag" and not isinstance(value, bool):
        raise ConfigError("config.flag", name=name, value=value)
    elif option.kind == "sizes":
        return _sizes(name, value, *option.limits)
    elif option.kind == "names":
        return _names(name, value, option.choices)
    elif option.kind == "text" and not isinstance(value, str):
        raise ConfigError("config.text", name=name, value=value)
    return value


def _items(name: str, value: object, example: str) -> list:
    """The items of a list written as "a,b" (command line) or given as a list or tuple (config file, code)."""
    if isinstance(value, (str, list, tuple)) and not (value.strip() if isinstance(value, str) else value):
        raise ConfigError("config.list_empty", name=name, example=example)
    if isinstance(value, str):
        items = [item.strip() for item in value.split(",")]
        if "" in items:  # "10,,5", "", "x1,"
            raise ConfigError("config.list_syntax", name=name, example=example, value=value)
        return items
    if isinstance(value, (list, tuple)):
        return list(value)
    raise ConfigError("config.list_syntax", name=name, example=example, value=value)


def _sizes(name: str, value: object, low: int, high: int, most: int) -> tuple[int, ...]:
    sizes = []
    for item in _items(name, value, "10,5"):
        if isinstance(item, str):
            try:
                item = int(item)
            except ValueError:
                raise ConfigError("config.list_syntax", name=name, example="10,5", value=value) from None
        if isinstance(item, bool) or not isinstance(item, int):
            raise ConfigError("config.list_syntax", name=name, example="10,5", value=value)
        if not low <= item <= high:
            raise ConfigError("config.sizes_range", name=name, low=low, high=high, value=item)
        sizes.append(item)
    if len(sizes) > most:
        raise ConfigError("config.sizes_count", name=name, most=most, count=len(sizes))
    return tuple(sizes)


def _names(name: str, value: object, choices: tuple[str, ...]) -> tuple[str, ...]:
    names = _items(name, value, ",".join(choices[:2]))
    for item in names:
        if item not in choices:
            raise ConfigError("config.names_unknown", name=name, value=item, choices=", ".join(choices))
    for item in names:
        if names.count(item) > 1:
            raise ConfigError("config.names_twice", name=name, value=item)
    return tuple(names)


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
