"""Every sentence the engine says to a user, in English, by key.

An error raised with a key keeps it (``error.key``, ``error.values``), so a user interface can say
the same in another language: tui/i18n.py holds a Korean text for every key here, with the same
``{fields}``. ``str(error)`` is always the English sentence, one line.
"""
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -- configuration (engine/config.py) ---------------------------------------------------------------
    "config.choice": "--{name} must be one of {choices}, got {value!r}",
    "config.integer": "--{name} must be an integer, got {value!r}",
    "config.integer_range": "--{name} must be an integer from {low} to {high}, got {value}",
    "config.number": "--{name} must be a number, got {value!r}",
    "config.huge_integer": "--{name} is out of range, got an integer of about {sign}10^{power}",
    "config.finite": "--{name} must be a finite number, got {value}",
    "config.greater": "--{name} must be greater than {minimum:g}, got {value:g}",
    "config.at_least": "--{name} must be at least {minimum:g}, got {value:g}",
    "config.too_large": "--{name} is too large to be useful, got {value:g}",
    "config.scale_with_zeros": "--scale has no effect with --init zeros; leave it out or pick another init",
    "config.flag": "--{name} must be true or false, got {value!r}",
    "config.list_empty": "--{name} needs at least one item, like {example}",
    "config.list_syntax": "--{name} must be a list with commas, like {example}, got {value!r}",
    "config.sizes_range": "--{name}: each hidden layer has {low} to {high} units, got {value}",
    "config.sizes_count": "--{name}: at most {most} hidden layers, got {count}",
    "config.names_unknown": "--{name}: unknown {value!r}; choose from {choices}",
    "config.names_twice": "--{name}: {value!r} is given twice",
    "config.hidden_and_layers": "--hidden {hidden} and --layers {layers} disagree (--hidden N is --layers N)",
    "config.unknown_parameter": "unknown parameter {value!r}; choose from {choices}",
    "config.overrides_type": "overrides must be a tuple of InitOverride",
    "config.override_twice": "each parameter may be overridden only once",
    "config.overrides_table": 'overrides must be a table like {{"b1": {{"init": "random", "scale": 0.01}}}}',
    "config.text": "--{name} must be text, got {value!r}",
    # -- config files (engine/config_file.py) ------------------------------------------------------------
    "config_file.missing": "--config {path}: no such file",
    "config_file.unreadable": "--config {path}: cannot read it: {reason}",
    "config_file.not_text": "--config {path}: not a text file (TOML or JSON)",
    "config_file.syntax": "--config {path}: not valid {format}: {detail}",
    "config_file.not_a_table": "--config {path}: must hold keys and values (a TOML file or a JSON object)",
    "config_file.unknown_key": "--config {path}: unknown key {setting!r}; the keys are {keys}",
    "config_file.not_here": "--config {path}: {setting!r} is a command-line option, not a key of a config file",
    "config_file.bad_value": "--config {path}: {setting}: {reason}",
    "config_file.settings": "--config {path}: {reason}",
    # -- shallow-tui collect (engine/collect.py): why a file is skipped ----------------------------------------
    "collect.missing": "no such file",
    "collect.unreadable": "cannot read it: {reason}",
    "collect.csv": "a CSV export holds no config or summary: export the run as JSON (E in the app)",
    "collect.not_text": "not a text file",
    "collect.not_json": "not valid JSON: {detail}",
    "collect.foreign": "not a shallow-tui run (no config object)",
    "collect.unknown_key": "its config has a key this version does not know: {setting!r}",
    "collect.bad_value": "its config's {setting}: {reason}",
    "collect.bad_config": "its config cannot be run: {reason}",
    "collect.no_summary": "no summary (an export from an older shallow-tui: export it again)",
    "collect.bad_summary": "its summary's {key} is not valid: {value!r}",
    # -- writing files (engine/safe_write.py, engine/export.py) -----------------------------------------
    "write.exists": "not saved: {path} already exists",
    "write.no_free_name": "not saved: no free name next to {path}",
    "write.failed": "not saved to {path}: {reason}",
    "export.exists": "not exported: {path} already exists (choose another name)",
    "export.no_free_name": "not exported: no free name next to {path}",
    "export.failed": "not exported to {path}: {reason}",
    "export.extension": "export file must end in .csv or .json, got {path!r}",
    # why a write failed (``reason`` above), by errno name
    "reason.ENOSPC": "the disk is full",
    "reason.EDQUOT": "the disk quota is exceeded",
    "reason.EROFS": "the file system is read-only",
    "reason.EACCES": "permission denied",
    "reason.EPERM": "permission denied",
    "reason.ENOENT": "the directory does not exist",
    "reason.ENOTDIR": "a part of the path is not a directory",
    "reason.EEXIST": "a file with that name already exists",
    "reason.ENAMETOOLONG": "the file name is too long",
}


def say(key: str, **values) -> str:
    """The English sentence for ``key`` with ``values`` filled in."""
    return MESSAGES[key].format(**values)


class Explained:
    """Mixin for errors that are sentences from MESSAGES: keeps the key and the values."""

    key: str | None = None
    values: dict = {}

    def _explain(self, key: str, values: dict) -> str:
        self.key, self.values = key, values
        return say(key, **values)
