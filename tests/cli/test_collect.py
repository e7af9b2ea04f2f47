"""shallow-tui collect PATH… [--csv OUT] (engine/collect.py): one sorted row per run from JSON exports and saved
headless outputs; files that are not runs are listed with the reason and skipped; the exit status says so."""
import csv
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from engine.config import Config
from engine.export import Replay
from engine.report import run
from engine.trainer import Trainer
from tests.cli.cli_run import run_cli
from tui.i18n import set_language

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english():
    yield
    set_language("en")


def collect_cli(argv, capsys):
    return run_cli(["collect", *argv], capsys)


def app_export(path: Path, user: str | None, monkeypatch, steps: int, **settings) -> dict:
    """A JSON export as the app's E writes it (tui/export.py), by ``user``."""
    if user is None:
        monkeypatch.delenv("USER", raising=False)
    else:
        monkeypatch.setenv("USER", user)
    trainer = Trainer(Config(**settings))
    trainer.step(steps)
    replay = Replay.of(trainer)
    text, _records = replace(replay, config=replay.config.replace(steps=steps)).render(path)
    path.write_text(text)
    return json.loads(text)


@pytest.fixture
def lab(tmp_path, monkeypatch):
    """A class's directory: two students' exports, a headless output, and four files that are not runs."""
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob" / "week2").mkdir(parents=True)
    app_export(tmp_path / "alice" / "a.json", "alice", monkeypatch, 120, init="zeros")
    app_export(tmp_path / "bob" / "week2" / "b.json", "bob", monkeypatch, 80, init="random", hidden=3)
    app_export(tmp_path / "alice" / "c.json", "alice", monkeypatch, 60, init="random", layers=(5, 2))
    headless = run(Config(init="constant", steps=40))
    (tmp_path / "run.json").write_text(json.dumps(headless))
    (tmp_path / "alice" / "broken.json").write_text('{"config": {"init": "zeros"')
    (tmp_path / "bob" / "notes.json").write_text('{"todo": ["read the lecture"]}')
    old = json.loads((tmp_path / "alice" / "a.json").read_text())
    del old["summary"]
    (tmp_path / "bob" / "old-export.json").write_text(json.dumps(old))
    bad = json.loads((tmp_path / "alice" / "a.json").read_text())
    bad["config"]["init"] = "magic"
    (tmp_path / "bob" / "bad.json").write_text(json.dumps(bad))
    (tmp_path / "alice" / "a.csv").write_text("iteration,loss\n0,0.69\n")  # not read: a directory's *.json only
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_directory_with_broken_and_foreign_files(lab, capsys):
    status, out, err = collect_cli([".", "--csv", "class.csv"], capsys)
    assert status == 1  # some files were skipped
    lines = out.splitlines()
    assert lines[0].split() == ["file", "user", "dataset", "init", "scale", "hidden", "iterations", "loss",
                                "accuracy", "distinct_units", "frozen"]
    # sorted by set-up (data set, init, scale, hidden layers), then user
    assert [line.split()[0] for line in lines[1:]] == ["run.json", "bob/week2/b.json", "alice/c.json",
                                                       "alice/a.json"]
    assert lines[4].split() == ["alice/a.json", "alice", "flower", "zeros", "-", "4", "120", "0.6931", "50.0%", "1",
                                "yes"]
    assert lines[2].split()[:7] == ["bob/week2/b.json", "bob", "flower", "random", "0.01", "3", "80"]
    assert lines[3].split()[5] == "5,2" and lines[1].split()[1:4] == ["flower", "constant", "0.5"]  # no user
    said = err.splitlines()
    assert said[:4] == [
        "skipped alice/broken.json: not valid JSON: Expecting ',' delimiter: line 1 column 28 (char 27)",
        "skipped bob/bad.json: its config's init: --init must be one of zeros, constant, random, xavier, he, "
        "got 'magic'",
        "skipped bob/notes.json: not a shallow-tui run (no config object)",
        "skipped bob/old-export.json: no summary (an export from an older shallow-tui: export it again)"]
    assert said[4:] == ["4 runs read, 4 files skipped", "wrote class.csv"]
    with open(lab / "class.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["file"] for row in rows] == [line.split()[0] for line in lines[1:]]
    b = json.loads((lab / "bob" / "week2" / "b.json").read_text())["summary"]
    assert rows[1] == {"file": "bob/week2/b.json", "user": "bob", "dataset": "flower", "init": "random",
                       "scale": "0.01", "hidden": "3", "iterations": "80", "loss": repr(b["loss"]),
                       "accuracy": repr(b["accuracy"]), "distinct_units": str(b["distinct_hidden_units"]),
                       "frozen": "false"}
    assert rows[3]["frozen"] == "true" and rows[3]["scale"] == ""


def test_every_file_a_run_is_exit_0_and_a_named_csv_or_missing_file_is_skipped(lab, capsys):
    status, out, err = collect_cli(["alice/a.json", "run.json"], capsys)
    assert status == 0 and len(out.splitlines()) == 3 and err == "2 runs read, 0 files skipped\n"
    status, out, err = collect_cli(["alice/a.csv", "gone.json", "alice/a.json"], capsys)
    assert status == 1 and len(out.splitlines()) == 2
    assert err.splitlines()[:2] == [
        "skipped alice/a.csv: a CSV export holds no config or summary: export the run as JSON (E in the app)",
        "skipped gone.json: no such file"]


def test_korean_reasons(lab, capsys):
    status, _out, err = collect_cli(["--lang", "ko", "bob/notes.json"], capsys)
    assert status == 1 and err.splitlines() == ["건너뜀 bob/notes.json: shallow-tui 실행 파일이 아닙니다 (config 객체가 없음)",
                                                "실행 0개를 읽고 파일 1개를 건너뜀"]


def test_an_existing_csv_is_never_overwritten_and_no_path_is_usage(lab, capsys):
    (lab / "class.csv").write_text("the teacher's own notes")
    status, _out, err = collect_cli(["alice/a.json", "--csv", "class.csv"], capsys)
    assert status == 2 and "class.csv already exists" in err.splitlines()[-1]
    assert (lab / "class.csv").read_text() == "the teacher's own notes"
    status, _out, err = collect_cli([], capsys)
    assert status == 2 and "PATH" in err


def test_collect_never_imports_textual(lab):
    code = ("import sys\nfrom tui.cli import main\nstatus = main(['collect', '.'])\n"
            "ui = sorted(n for n in sys.modules if n.split('.')[0] in {'textual', 'rich', 'textual_plotext', 'plotext'})\n"
            "print('UI', ui, status)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=lab, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.stdout.splitlines()[-1] == "UI [] 1", result.stderr
    assert "alice/a.json" in result.stdout  # it did collect
