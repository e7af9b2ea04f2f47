"""--config FILE (engine/config_file.py): a lab's TOML or JSON file, or a run's own export / headless output, read
into the option table's names; the command line wins; every bad file is one line naming the file and the key."""
import json
import os
import tomllib
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest

from engine import config_file
from engine.config import Config
from engine.export import Replay
from engine.options import BY_NAME, CONFIG_FILE, LOCKABLE, OPTIONS
from engine.trainer import Trainer
from tests.cli.cli_run import run_cli
from tui.i18n import set_language

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english():
    yield
    set_language("en")


def headless(argv, capsys):
    status, out, err = run_cli(["--headless", *argv], capsys)
    assert status == 0, err
    return json.loads(out)


def test_version_is_pyprojects(capsys):
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    status, out, _err = run_cli(["--version"], capsys)
    assert status == 0 and out == f"shallow-tui {pyproject}\n" and version("shallow-tui") == pyproject


def test_a_headless_output_reruns_bit_for_bit(tmp_path, capsys):
    first = headless(["--steps", "350", "--init", "constant", "--hidden", "5", "--every", "50", "--seed", "4"], capsys)
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps(first))
    assert headless(["--config", str(saved)], capsys) == first  # the same iterations, loss, history, every bit


@pytest.mark.parametrize("settings", [dict(), dict(init="constant", hidden=3), dict(layers=(5, 3), init="he"),
                                      dict(dataset="moons", activation="relu", lr=0.5, init_seed=9)])
def test_an_apps_json_export_reruns_to_the_same_iteration_and_loss(tmp_path, capsys, settings):
    """As the app's E writes it (tui/export.py: the config's steps is the iteration reached)."""
    trainer = Trainer(Config(**settings))
    trainer.step(237)
    replay = Replay.of(trainer)
    replay = replace(replay, config=replay.config.replace(steps=replay.current_iteration))
    text, _records = replay.render("x.json")
    exported = tmp_path / "alice-run.json"
    exported.write_text(text)
    again = headless(["--config", str(exported)], capsys)
    assert again["iterations"] == 237 == json.loads(text)["iterations"]
    assert again["loss"] == json.loads(text)["history"][-1]["loss"] == trainer.loss  # bit for bit
    summary = json.loads(text)["summary"]  # where the run stood, in the headless output's own keys and values
    assert set(summary) == {"iterations", "loss", "accuracy", "test_accuracy", "distinct_hidden_units", "unit_gap",
                            "layers", "frozen", "diverged"}
    assert summary == {key: again[key] for key in summary}


def test_compare_presets_overrides_come_back_from_an_export(tmp_path, capsys):
    from engine.config import InitOverride

    config = Config(init="zeros", overrides=(InitOverride("b1", "random", 0.01), InitOverride("b2", "random", 0.01)))
    trainer = Trainer(config.replace(steps=40))
    trainer.step(40)
    text, _ = Replay.of(trainer).render("x.json")
    path = tmp_path / "preset.json"
    path.write_text(text)
    assert config_file.read(str(path)).values["overrides"] == config.overrides
    assert headless(["--config", str(path)], capsys)["loss"] == trainer.loss


LAB = """\
dataset = "moons"
hidden = 3
init = "constant"
scale = 0.25
lr = 0.5
steps = 120
lock = ["init", "scale"]
lesson = false
lang = "en"
"""


def test_a_lab_toml_sets_the_run_and_the_command_line_wins(tmp_path, capsys):
    lab = tmp_path / "lab.toml"
    lab.write_text(LAB)
    report = headless(["--config", str(lab)], capsys)  # lock and lesson are the app's: left out headless
    assert report["config"] | {} == Config(dataset="moons", hidden=3, init="constant", scale=0.25, lr=0.5,
                                           steps=120).resolved()
    assert headless(["--config", str(lab), "--lr", "0.1", "--steps", "3"], capsys)["config"]["lr"] == 0.1
    # an option given drops what the file resolved from it or said the same way
    assert headless(["--config", str(lab), "--init", "random"], capsys)["config"]["scale"] == 0.01
    assert headless(["--config", str(lab), "--layers", "4,2", "--steps", "1"], capsys)["config"]["layers"] == [4, 2]


def test_a_run_file_resolved_values_follow_what_the_command_line_changes(tmp_path, capsys):
    run = headless(["--steps", "5", "--dataset", "moons"], capsys)
    path = tmp_path / "run.json"
    path.write_text(json.dumps(run))
    again = headless(["--config", str(path), "--seed", "7", "--dataset", "flower"], capsys)["config"]
    assert again["init_seed"] == 8 and again["noise"] == Config(dataset="flower").resolved_noise
    assert again["layers"] == run["config"]["layers"] and again["steps"] == 5


def test_a_plain_json_config_is_read_too(tmp_path, capsys):
    path = tmp_path / "lab.json"
    path.write_text(json.dumps({"hidden": 2, "layers": [2], "steps": 4, "features": "x1,x2,x1x2"}))
    assert headless(["--config", str(path)], capsys)["config"]["features"] == ["x1", "x2", "x1x2"]


def test_every_file_key_is_an_option_of_the_table():
    assert set(config_file.FILE_KEYS) == {o.name for o in OPTIONS if CONFIG_FILE in o.applies} | {"overrides"}
    assert "lesson" in config_file.FILE_KEYS and "lock" in config_file.FILE_KEYS  # the lesson's later keys go here
    assert set(LOCKABLE) == {o.name for o in OPTIONS if o.lockable} and {"init", "scale", "hidden"} <= set(LOCKABLE)


BAD = [  # (file name, its text, what the line must name)
    ("unknown.toml", 'hiden = 3\n', "'hiden'"),
    ("type.toml", 'hidden = "3"\n', "hidden:"),
    ("range.toml", 'hidden = 65\n', "hidden:"),
    ("choice.toml", 'init = "zero"\n', "init:"),
    ("bool.toml", 'lesson = "yes"\n', "lesson:"),
    ("float_for_int.toml", 'steps = 1e3\n', "steps:"),
    ("lock.toml", 'lock = ["steps"]\n', "lock:"),
    ("lang.toml", 'lang = "fr"\n', "lang:"),
    ("command_line_only.toml", 'port = 9000\n', "'port'"),
    ("syntax.toml", 'hidden = \n', "line 1"),
    ("together.toml", 'lesson = true\ncompare = true\n', "--lesson"),
    ("zeros_scale.toml", 'init = "zeros"\nscale = 0.5\n', "--scale"),
    ("array.json", "[1, 2]", "array.json"),
    ("syntax.json", "{\"hidden\": 3,}", "JSON"),
    ("overrides.json", '{"overrides": {"b1": "random"}}', "overrides:"),
    ("binary.toml", b"\xff\xfe\x00", "binary.toml"),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name, text, named", BAD, ids=[case[0] for case in BAD])
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(tmp_path, capsys, monkeypatch, name, text, named, lang):
    import tui.cli

    monkeypatch.setattr(tui.cli, "_run_headless", lambda *a: pytest.fail("must be refused before training"))
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    for argv in (["--headless", "--config", str(path)], ["--config", str(path)]):
        if name in ("together.toml", "lesson.toml") and "--headless" in argv:
            continue  # the lesson is the app's: headless leaves it out
        status, out, err = run_cli([*argv, "--lang", lang], capsys)
        assert status == 2 and out == "" and err.count("\n") == 1, err
        assert str(path) in err and named in err and "Traceback" not in err, err
        if lang == "ko":
            assert any("\uac00" <= ch <= "\ud7a3" for ch in err), err


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_missing_or_unreadable_file_is_one_line(tmp_path, capsys, lang):
    unreadable = tmp_path / "secret.toml"
    unreadable.write_text("hidden = 3\n")
    unreadable.chmod(0)
    cases = [tmp_path / "nowhere.toml", tmp_path]  # a directory is not a file either
    if not os.access(unreadable, os.R_OK):  # root reads anything
        cases.append(unreadable)
    for path in cases:
        status, out, err = run_cli(["--config", str(path), "--lang", lang], capsys)
        assert status == 2 and out == "" and err.count("\n") == 1 and str(path) in err, err
