"""``shallow-tui collect PATH…``: a class's runs in one table, one row per run, from the JSON files the app
exports (``E``, with their ``summary``) and the outputs of ``--headless`` saved to files.

A directory is searched for ``*.json`` files (its subdirectories too: one per student is common); a file named
on the command line is read whatever its name. A file that cannot be read, is not JSON, or is not a run of
this program (no ``config``, or a config this version cannot read, or no summary) is *skipped*, with the
reason: the caller lists it and says so in its exit status. Plain Python: no NumPy, no UI (a test proves that
collect never imports textual).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from engine import config_file
from engine.config import Config, ConfigError

# The table's columns, in order: the CSV's header, and the printed table's.
COLUMNS = ("file", "user", "dataset", "init", "scale", "hidden", "iterations", "loss", "accuracy",
           "distinct_units", "frozen")
# What a run's summary holds (the JSON export's "summary", a headless output's top level), and its type.
SUMMARY_KEYS = {"iterations": int, "loss": float, "accuracy": float, "distinct_hidden_units": int,
                "unit_gap": float, "frozen": bool, "diverged": bool}
NULLABLE = {"loss", "unit_gap"}  # non-finite numbers are written as null


@dataclass(frozen=True)
class Skipped:
    """A file that is not in the table: ``key`` (a sentence of engine/messages.py) and its values say why."""

    path: str
    key: str
    values: dict


@dataclass(frozen=True)
class Run:
    path: str
    user: str
    config: Config
    summary: dict

    def row(self) -> dict:
        """The run's row, plain values (numbers as numbers, the layers as "10,5")."""
        c, s = self.config, self.summary
        init = c.init + "".join(f"; {o.parameter} {o.scheme}" + ("" if o.resolved_scale is None else
                                                                 f" {o.resolved_scale:g}") for o in c.overrides)
        return {"file": self.path, "user": self.user, "dataset": c.dataset, "init": init,
                "scale": None if c.init == "zeros" else c.resolved_scale, "hidden": ",".join(map(str, c.layers)),
                "iterations": s["iterations"], "loss": s["loss"], "accuracy": s["accuracy"],
                "distinct_units": s["distinct_hidden_units"], "frozen": s["frozen"]}

    def sort_key(self) -> tuple:
        """Runs of the same set-up side by side (data set, init, scale, layers), then by user and file."""
        c = self.config
        return (c.dataset, c.init, c.resolved_scale or 0.0, c.layers, self.user, self.path)


def files_in(paths: list[str]) -> list[str]:
    """Every file to read: a directory's ``*.json`` files (all depths, sorted), a file as it is, a missing path
    too (reading it says why)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            out += sorted(str(p) for p in Path(path).rglob("*.json") if p.is_file())
        else:
            out.append(path)
    return out


def read_run(path: str) -> Run | Skipped:
    """``path``'s run, or why it is skipped. Never raises for a bad file."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return Skipped(path, "collect.missing", {})
    except OSError as error:
        return Skipped(path, "collect.unreadable", {"reason": error.strerror or str(error)})
    if path.lower().endswith(".csv"):  # an export's plain table: no config, no summary
        return Skipped(path, "collect.csv", {})
    try:
        document = json.loads(data)
    except UnicodeDecodeError:
        return Skipped(path, "collect.not_text", {})
    except ValueError as error:  # json.JSONDecodeError
        return Skipped(path, "collect.not_json", {"detail": str(error)})
    if not isinstance(document, dict) or not isinstance(document.get("config"), dict):
        return Skipped(path, "collect.foreign", {})
    try:
        values = {key: config_file.checked(path, key, value) for key, value in document["config"].items()
                  if value is not None}
        config = config_file.config_of(values)
    except config_file.ConfigFileError as error:  # a key this version does not know, or a value it refuses
        if error.key == "config_file.bad_value":
            return Skipped(path, "collect.bad_value", {"setting": error.values["setting"],
                                                       "reason": error.values["reason"]})
        return Skipped(path, "collect.unknown_key", {"setting": error.values.get("setting", "?")})
    except ConfigError as error:  # settings that do not go together
        return Skipped(path, "collect.bad_config", {"reason": error})
    summary = document.get("summary", document)  # an export's summary, or a headless output's own keys
    if not isinstance(summary, dict):
        return Skipped(path, "collect.no_summary", {})
    for key, kind in SUMMARY_KEYS.items():
        value = summary.get(key, ...)
        if value is ...:
            return Skipped(path, "collect.no_summary", {})
        if not _is(value, kind, key in NULLABLE):
            return Skipped(path, "collect.bad_summary", {"key": key, "value": value})
    user = document.get("user")
    return Run(path, user if isinstance(user, str) else "", config, {key: summary[key] for key in SUMMARY_KEYS})


def _is(value: object, kind: type, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind is bool or isinstance(value, bool):  # JSON true is not a number, and 1 is not true
        return kind is bool and isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and value >= 0
    return isinstance(value, (int, float)) and math.isfinite(value)


def collect(paths: list[str]) -> tuple[list[Run], list[Skipped]]:
    """The runs among ``paths`` (sorted: see Run.sort_key) and the files skipped (in the order found)."""
    runs, skipped = [], []
    for path in files_in(paths):
        result = read_run(path)
        (runs if isinstance(result, Run) else skipped).append(result)
    return sorted(runs, key=Run.sort_key), skipped


def _cell(name: str, value: object) -> str:
    """A value as the printed table shows it: loss to 4 decimals (as the app's status bar), accuracy in percent."""
    if value is None:
        return "-" if name != "user" else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "loss":
        return f"{value:.4f}"
    if name == "accuracy":
        return f"{value:.1%}"
    if name == "scale":
        return f"{value:g}"
    return str(value)


def table(runs: list[Run]) -> str:
    """The runs as aligned text columns, with a header line."""
    rows = [list(COLUMNS)] + [[_cell(name, value) for name, value in run.row().items()] for run in runs]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in rows) + "\n"


def to_csv(runs: list[Run]) -> str:
    """The same table as CSV (numbers as written in the runs' files; empty for null; true/false)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for run in runs:
        writer.writerow({name: "" if value is None else str(value).lower() if isinstance(value, bool) else value
                         for name, value in run.row().items()})
    return out.getvalue()
