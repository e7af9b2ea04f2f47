"""A config file (``shallow-tui --config FILE``): a teacher's lab settings, or a run exported by the app or printed
by ``--headless``, read into the option table's names (engine/options.py) and checked key by key.

TOML (stdlib ``tomllib``; the ``tomli`` backport on Python 3.10) unless the name ends in ``.json``. The keys are
the long option names that may be set in a file (``dataset``, ``init``, ``lock`` …). A JSON document with a
``config`` object (every export, every headless output) is read from that object, so a run reruns from its own
file. A missing or unreadable file, bad syntax, an unknown key or a bad value raise ``ConfigFileError``: one line
that names the file and the key. Plain Python: no NumPy, no UI.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from engine.config import Config, ConfigError, InitOverride, check_value
from engine.messages import Explained
from engine.options import BY_NAME, CONFIG_FILE, OPTIONS, RUN_OPTIONS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Written in an export's config block by Config.resolved when a run has per-parameter inits (compare's presets).
OVERRIDES = "overrides"
FILE_KEYS = tuple(option.name for option in OPTIONS if CONFIG_FILE in option.applies) + (OVERRIDES,)


class ConfigFileError(Explained, ValueError):
    """The config file cannot be used; ``str(error)`` is one line naming the file (and the key)."""

    def __init__(self, key: str, **values):
        super().__init__(self._explain(key, values))


@dataclass(frozen=True)
class ConfigFile:
    path: str
    values: dict  # option name -> checked value, only the keys the file sets (null in JSON: not set)
    is_run: bool  # a run's own file (an export or a headless output), not a hand-written one


def read(path: str) -> ConfigFile:
    """The file's settings, each checked against the option table; ConfigFileError on the first problem."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise ConfigFileError("config_file.missing", path=path) from None
    except OSError as error:
        raise ConfigFileError("config_file.unreadable", path=path, reason=error.strerror or str(error)) from None
    is_json = path.lower().endswith(".json")
    try:
        document = json.loads(data) if is_json else tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigFileError("config_file.not_text", path=path) from None
    except ValueError as error:  # json.JSONDecodeError and tomllib.TOMLDecodeError are ValueErrors
        raise ConfigFileError("config_file.syntax", path=path, format="JSON" if is_json else "TOML",
                              detail=str(error)) from None
    if not isinstance(document, dict):
        raise ConfigFileError("config_file.not_a_table", path=path)
    is_run = isinstance(document.get("config"), dict)
    settings = document["config"] if is_run else document
    return ConfigFile(path, {key: checked(path, key, value) for key, value in settings.items() if value is not None},
                      is_run)


def checked(path: str, key: str, value: object) -> object:
    """The file's ``key`` = ``value``, checked against the option table; ConfigFileError names the file and key."""
    if key not in FILE_KEYS:
        place = "config_file.not_here" if key in BY_NAME else "config_file.unknown_key"
        raise ConfigFileError(place, path=path, setting=key, keys=", ".join(FILE_KEYS))
    try:
        if key == OVERRIDES:
            return _overrides(value)
        return check_value(BY_NAME[key], value)
    except ConfigError as error:
        raise ConfigFileError("config_file.bad_value", path=path, setting=key, reason=error) from None


def _overrides(value: object) -> tuple[InitOverride, ...]:
    """``{"b1": {"init": "random", "scale": 0.01}, …}``, as Config.resolved writes them."""
    if not isinstance(value, dict) or not all(isinstance(item, dict) for item in value.values()):
        raise ConfigError("config.overrides_table")
    overrides = []
    for parameter, item in value.items():
        if set(item) - {"init", "scale"} or "init" not in item:
            raise ConfigError("config.overrides_table")
        overrides.append(InitOverride(parameter, item["init"], item.get("scale")))
    return tuple(overrides)


def applies_in(values: dict, accepted: frozenset[str]) -> dict:
    """The file's settings that mean something where it is used (headless, the app): a lab's file serves both,
    so ``lesson`` or ``lock`` are left out of a headless run and ``every`` out of the app, never refused."""
    return {key: value for key, value in values.items()
            if key == OVERRIDES or BY_NAME[key].applies & accepted}


def merged(file_values: dict, command_line: dict) -> dict:
    """The file's settings under the command line's (only what was given there): an option given on the command
    line replaces the file's, and also drops the file's values that say the same thing (--hidden drops the file's
    layers) or were resolved from it (--init drops the file's scale, --seed its init_seed, --dataset its noise)."""
    out = dict(file_values)
    for name in command_line:
        option = BY_NAME[name]
        out.pop(name, None)
        for other, _message in option.conflicts:
            out.pop(other, None)
        for other in OPTIONS:
            if other.follows == name or any(conflict == name for conflict, _message in other.conflicts):
                out.pop(other.name, None)
        if name == "init":
            out.pop(OVERRIDES, None)
    out.update(command_line)
    return out


def config_of(values: dict) -> Config:
    """The run's options among ``values`` (what was given); Config fills in the rest from the table."""
    overrides = values.get(OVERRIDES)
    return Config(**{option.name: values[option.name] for option in RUN_OPTIONS if option.name in values},
                  **({"overrides": overrides} if overrides else {}))
