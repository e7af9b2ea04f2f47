"""engine.report: the headless result has every contract key, plain JSON values, null for non-finite."""
import json
import math

import pytest

from engine.config import Config
from engine.report import run
from engine.trainer import Trainer

CONTRACT_KEYS = {"config", "iterations", "loss", "accuracy", "test_accuracy", "distinct_hidden_units", "unit_gap",
                 "layers", "frozen", "diverged"}
CONFIG_KEYS = {"dataset", "samples", "test_samples", "noise", "features", "hidden", "layers", "activation", "init",
               "scale", "lr", "seed", "init_seed", "steps", "every", "compare"}


def strict_json(report):
    """Round-trip through JSON that refuses NaN and infinity, as a lab script's parser would."""
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(json.dumps(report, allow_nan=False), parse_constant=refuse)


def test_keys_and_values_of_a_default_run():
    report = strict_json(run(Config(steps=500)))
    assert set(report) == CONTRACT_KEYS
    assert set(report["config"]) == CONFIG_KEYS
    assert report["config"]["noise"] == 0.2 and report["config"]["scale"] == 0.01 and report["config"]["every"] is None
    assert report["iterations"] == 500
    trainer = Trainer(Config())
    trainer.step(500)
    assert report["loss"] == trainer.loss and report["accuracy"] == trainer.net.accuracy()
    assert report["distinct_hidden_units"] == 4 and report["unit_gap"] > 0
    assert report["frozen"] is False and report["diverged"] is False


def test_zero_steps_reports_the_initial_cost():
    report = run(Config(steps=0))
    assert report["iterations"] == 0 and round(report["loss"], 6) == 0.693048


@pytest.mark.parametrize("steps, every, expected", [
    (30, 10, [0, 10, 20, 30]),
    (25, 10, [0, 10, 20]),
    (3, 1, [0, 1, 2, 3]),
    (5, 100, [0]),
    (0, 4, [0]),
])
def test_history_entries_every_k_iterations_from_zero(steps, every, expected):
    report = strict_json(run(Config(steps=steps, every=every, samples=20)))
    assert [entry["iteration"] for entry in report["history"]] == expected
    assert all(set(entry) == {"iteration", "loss", "accuracy", "unit_gap"} for entry in report["history"])
    assert report["iterations"] == steps


def test_history_loss_is_the_cost_before_that_iterations_update():
    report = run(Config(steps=3000, every=1000))
    losses = [entry["loss"] for entry in report["history"]]
    assert [round(loss, 6) for loss in losses] == [0.693048, 0.288083, 0.254385, 0.233864]
    assert report["history"][-1]["loss"] == report["loss"]


def test_symmetric_runs_report_identical_units():
    zeros = strict_json(run(Config(init="zeros", steps=200)))
    assert zeros["frozen"] is True and zeros["distinct_hidden_units"] == 1 and zeros["unit_gap"] == 0.0
    assert zeros["accuracy"] == 0.5 and zeros["config"]["scale"] == 0.0
    constant = strict_json(run(Config(init="constant", steps=200, every=100)))
    assert constant["frozen"] is False and constant["distinct_hidden_units"] == 1
    assert all(entry["unit_gap"] == 0.0 for entry in constant["history"])
    assert constant["config"]["scale"] == 0.5


def test_one_hidden_unit_has_no_gap():
    report = strict_json(run(Config(hidden=1, steps=10, every=5)))
    assert report["unit_gap"] is None and report["distinct_hidden_units"] == 1
    assert all(entry["unit_gap"] is None for entry in report["history"])


def test_diverging_run_reports_null_loss_and_stops():
    report = strict_json(run(Config(activation="relu", lr=1e6, scale=10.0, steps=1000)))
    assert report["diverged"] is True and report["loss"] is None and report["frozen"] is False
    assert 0 < report["iterations"] < 1000
    with_history = strict_json(run(Config(activation="relu", lr=1e6, scale=10.0, steps=1000, every=5)))
    history = with_history["history"]
    assert history[-1]["iteration"] == with_history["iterations"] == report["iterations"]
    assert history[-1]["loss"] is None
    assert all(entry["loss"] is not None and math.isfinite(entry["loss"]) for entry in history[:-1])
    assert [entry["iteration"] for entry in history[:-1]] == list(range(0, history[-1]["iteration"], 5))
