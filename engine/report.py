"""The headless run: train a Config for ``steps`` iterations and describe the result as plain data.

This is what ``shallow-tui --headless`` prints as JSON; every key of the public contract is here.
Non-finite numbers become ``None`` (JSON null), never NaN. ``distinct_hidden_units`` and ``unit_gap``
describe the first hidden layer; ``layers`` has the same for every hidden layer.
"""
from __future__ import annotations

import math

from engine import symmetry
from engine.config import Config
from engine.trainer import Trainer


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _history_entry(trainer: Trainer) -> dict:
    loss = trainer.loss
    entry = {
        "iteration": trainer.iteration,
        "loss": _finite(loss),
        "accuracy": trainer.net.accuracy(),
        "unit_gap": _finite(symmetry.unit_gap(trainer.params.units)),
    }
    if trainer.test_net is not None:  # only with --test-samples: the entries of older runs keep their four keys
        entry["test_accuracy"] = trainer.test_accuracy()
    return entry


def layer_summaries(trainer: Trainer) -> list[dict]:
    """One entry per hidden layer: its units, how many are distinct, the smallest gap between two of them."""
    summaries = []
    for l in range(1, trainer.params.L):
        rows = trainer.params.unit_rows(l)
        summaries.append({"units": rows.shape[0], "distinct_units": symmetry.distinct_units(rows),
                          "unit_gap": _finite(symmetry.unit_gap(rows))})
    return summaries


def summary(trainer: Trainer) -> dict:
    """Where the run stands: the headless output's keys after ``config``, and the ``summary`` of a JSON export."""
    loss = trainer.loss  # evaluates the current parameters (sets diverged if their loss is not finite)
    layers = layer_summaries(trainer)
    return {
        "iterations": trainer.iteration,
        "loss": _finite(loss),
        "accuracy": trainer.net.accuracy(),
        "test_accuracy": trainer.test_accuracy(),
        "distinct_hidden_units": layers[0]["distinct_units"],  # the first hidden layer, as for one hidden layer
        "unit_gap": layers[0]["unit_gap"],
        "layers": layers,
        "frozen": trainer.frozen,
        "diverged": trainer.diverged,
    }


def run(config: Config) -> dict:
    """Train ``config.steps`` iterations (stopping early if the loss stops being finite)."""
    trainer = Trainer(config)
    history: list[dict] | None = [] if config.every else None
    if history is None:
        trainer.step(config.steps)
    else:
        # One entry every K iterations, from iteration 0: the cost of the parameters *before* that
        # iteration's update, as the course notebook prints "Cost after iteration i".
        while True:
            history.append(_history_entry(trainer))
            if trainer.diverged or trainer.iteration >= config.steps:
                break
            if trainer.step(min(config.every, config.steps - trainer.iteration)) == 0:
                break
            if trainer.iteration % config.every and not trainer.diverged:
                break  # stopped at `steps`, between two entries
        if trainer.diverged and history[-1]["iteration"] != trainer.iteration:
            history.append(_history_entry(trainer))
    report = {"config": config.resolved(), **summary(trainer)}
    if history is not None:
        report["history"] = history
    return report
