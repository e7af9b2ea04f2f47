"""The app's file names say what was on screen (tui/file_names.py): user, screen, data set, activation, hidden
layers, init and scale, iteration; exports and screenshots alike; the JSON export carries the user and a summary."""
from __future__ import annotations

import json

import pytest

from engine.config import Config, InitOverride
from tui.file_names import run_file_name
from tests.tui.conftest import notifications


@pytest.mark.parametrize("config, name", [
    (Config(), "flower-tanh-h4-random-0.01-iter7.csv"),
    (Config(init="zeros", hidden=3, dataset="moons", activation="relu"), "moons-relu-h3-zeros-iter7.csv"),
    (Config(layers=(10, 5), init="he"), "flower-tanh-h10x5-he-1-iter7.csv"),
    (Config(init="zeros", overrides=(InitOverride("b1", "random", 0.01),)),
     "flower-tanh-h4-zeros-b1-random-0.01-iter7.csv"),
])
def test_a_name_says_the_data_the_network_the_init_and_the_iteration(config, name):
    assert run_file_name(config, 7, "csv") == name


def test_the_user_comes_first_and_is_made_safe_for_a_file_name(monkeypatch):
    monkeypatch.setenv("USER", "alice")
    assert run_file_name(Config(init="zeros"), 100, "csv") == "alice-flower-tanh-h4-zeros-iter100.csv"
    monkeypatch.setenv("USER", "bob/../x y")
    assert run_file_name(Config(init="zeros"), 0, "svg", "lesson-step3") == \
        "bob-..-x-y-lesson-step3-flower-tanh-h4-zeros-iter0.svg"


async def test_export_and_screenshot_of_one_moment_share_the_name(make_app, tmp_path, monkeypatch):
    """e, E and ctrl+s at iteration 2 of alice's run: one name, three extensions; the JSON says who and where."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("USER", "alice")
    app = make_app(layers=(6, 3), init="xavier", activation="sigmoid", dataset="xor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "e", "E")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not [n for n in notifications(app) if "not" in n.split()]  # nothing refused
    stem = "alice-xor-sigmoid-h6x3-xavier-1-iter2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.csv", f"{stem}.json", f"{stem}.svg"]
    document = json.loads((tmp_path / f"{stem}.json").read_text())
    assert document["user"] == "alice"
    summary = document["summary"]
    assert summary["iterations"] == 2 == document["history"][-1]["iteration"]
    assert summary["loss"] == document["history"][-1]["loss"]
    assert [layer["units"] for layer in summary["layers"]] == [6, 3]
    assert summary["frozen"] is False and summary["diverged"] is False
    csv_header = (tmp_path / f"{stem}.csv").read_text().splitlines()[0]
    assert csv_header.startswith("iteration,loss,accuracy,unit_gap,")  # the CSV stays a plain table


async def test_a_frozen_zero_run_says_so_in_its_summary(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "E")
        await app.workers.wait_for_complete()
    document = json.loads((tmp_path / "flower-tanh-h4-zeros-iter1.json").read_text())
    assert document["user"] is None
    summary = document["summary"]
    assert summary["frozen"] is True and summary["distinct_hidden_units"] == 1 and summary["unit_gap"] == 0.0
