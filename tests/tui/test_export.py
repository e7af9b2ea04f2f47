"""Export: the history (iteration, loss, accuracy, unit gap, each unit's parameters) read back equals the run."""
from __future__ import annotations

import errno
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine import export
from engine.config import Config
from engine.trainer import Trainer
from tests.tui.conftest import notifications

REPO = Path(__file__).resolve().parents[2]


def _same_as_run(rows: list[dict], trainer: Trainer) -> None:
    records = trainer.history.records
    assert [r["iteration"] for r in rows[:len(records)]] == [r.iteration for r in records]
    for row, record in zip(rows, records):
        assert (row["loss"], row["accuracy"], row["unit_gap"]) == (record.loss, record.accuracy, record.unit_gap)
    last = rows[-1]
    assert last["iteration"] == trainer.iteration
    assert [u["W1"] for u in last["units"]] == trainer.params.W1.tolist()
    assert [u["b1"] for u in last["units"]] == trainer.params.b1[:, 0].tolist()
    assert [u["W2"] for u in last["units"]] == trainer.params.W2[0].tolist()
    assert last["b2"] == float(trainer.params.b2[0, 0])


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_round_trip_equals_the_run(tmp_path, suffix):
    trainer = Trainer(Config(hidden=3, init="random"))
    trainer.step(700)  # past 256 records: the history is downsampled (stride 4)
    assert trainer.history.stride > 1
    text, count = export.Replay.of(trainer).render(tmp_path / f"run{suffix}")
    path = export.write_new_file(tmp_path / f"run{suffix}", text)
    written = path.read_text()
    rows = export.from_csv(written) if suffix == ".csv" else json.loads(written)["history"]
    assert len(rows) == count == len(trainer.history.records) + 1
    _same_as_run(rows, trainer)
    if suffix == ".json":
        assert json.loads(written)["history_stride"] == trainer.history.stride


def test_rows_come_from_the_run_and_equal_a_full_replay(monkeypatch):
    """The recorded iterations come from the states the run kept (no training); they and the replayed
    current iteration are bit for bit what a replay of the whole run from iteration 0 gives."""
    trainer = Trainer(Config(hidden=5, init="random"))
    trainer.step(700)
    trainer.back(123)  # the history and the kept states are cut back together
    trainer.step(50)
    stepped = []
    real_step = Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self, n=1: stepped.append(n) or real_step(self, n))
    kept = export.Replay.of(trainer)
    rows = kept.rows()
    assert sum(stepped) <= 16  # only to the current iteration, from the last checkpoint before it
    monkeypatch.setattr(Trainer, "step", real_step)
    from_zero = export.Replay(kept.config, kept.data, {0: kept.states[0]}, {}, kept.iterations,
                              kept.current_iteration, kept.stride, kept.summary)
    assert rows == from_zero.rows()
    assert [row["iteration"] for row in rows] == list(kept.iterations)
    _same_as_run(rows, trainer)


def test_constant_init_rows_are_identical_units():
    trainer = Trainer(Config(hidden=4, init="constant"))
    trainer.step(50)
    rows = export.history_rows(trainer)
    assert all(row["unit_gap"] == 0.0 for row in rows)
    assert all(len({json.dumps(u) for u in row["units"]}) == 1 for row in rows)


def test_never_overwrites(tmp_path):
    target = tmp_path / "run.csv"
    target.write_text("keep me")
    with pytest.raises(export.ExportError, match="already exists"):
        export.write_new_file(target, "new")
    assert target.read_text() == "keep me"
    other = export.write_new_file(target, "new", new_name=True)
    assert other.name == "run-2.csv" and other.read_text() == "new" and target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run-2.csv", "run.csv"]  # no temporary file left


def test_unwritable_directory_is_a_clear_message(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # root ignores chmod, so refuse the way a read-only dir does
    with pytest.raises(export.ExportError) as caught:
        export.write_new_file(tmp_path / "run.csv", "x")
    assert str(caught.value).startswith("not exported to ") and "permission denied" in str(caught.value)


async def test_e_key_exports_and_says_where(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(hidden=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = list(tmp_path.glob("*.csv"))
        assert len(files) == 1
        rows = export.from_csv(files[0].read_text())
        _same_as_run(rows, app.trainer)
        assert any(n.endswith(f" to {files[0].name}") for n in notifications(app))  # in the working directory
        await pilot.press("e")  # the same name again: a new one, and the message says so
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(list(tmp_path.glob("*.csv"))) == 2
        assert any("already existed" in n for n in notifications(app))


async def test_e_key_in_a_read_only_place_is_a_notification(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("read-only" in n for n in notifications(app))
        assert app.is_running


async def test_shift_e_exports_json_and_the_palette_offers_it(make_app, tmp_path, monkeypatch):
    from tui.screens.palette import RunCommands

    monkeypatch.chdir(tmp_path)
    app = make_app(hidden=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = list(tmp_path.glob("*.json"))
        assert [f.name for f in files] == ["flower-tanh-h2-random-0.01-iter2.json"] and not list(tmp_path.glob("*.csv"))
        document = json.loads(files[0].read_text())
        _same_as_run(document["history"], app.trainer)
        assert document["iterations"] == 2 and document["config"]["hidden"] == 2
        assert document["config"]["steps"] == 2  # so `--headless --steps 2` with this config reruns it
        assert any(n.endswith(f" to {files[0].name}") for n in notifications(app))  # in the working directory
        names = [name for name, _, _ in RunCommands(app.screen).commands()]
        assert "Export history as JSON" in names


async def test_shift_e_in_the_lesson_and_compare_exports_json(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "space", "E")
        await app.workers.wait_for_complete()
        await pilot.press("escape", "g", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["compare-A-flower-tanh-h4-zeros-iter1.json", "compare-B-flower-tanh-h4-random-0.01-iter1.json",
                     "lesson-step1-flower-tanh-h2-zeros-iter0.json"]
    assert all(json.loads((tmp_path / name).read_text())["history"] for name in names)


async def test_e_in_compare_exports_both_sides(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "space", "space", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    names = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert names == ["compare-A-flower-tanh-h4-zeros-iter2.csv", "compare-B-flower-tanh-h4-random-0.01-iter2.csv"]


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_headless_export_round_trip_and_refusal(tmp_path):
    result = _cli("--headless", "--steps", "40", "--every", "10", "--hidden", "3", "--export", "run.json",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    document = json.loads((tmp_path / "run.json").read_text())
    assert [h["iteration"] for h in document["history"]] == [h["iteration"] for h in report["history"]]
    for mine, theirs in zip(document["history"], report["history"]):
        assert (mine["loss"], mine["accuracy"], mine["unit_gap"]) == (theirs["loss"], theirs["accuracy"],
                                                                       theirs["unit_gap"])
    assert "run.json" in result.stderr and result.stderr.count("\n") == 1
    again = _cli("--headless", "--steps", "40", "--export", "run.json", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr and again.stderr.count("\n") == 1
    assert again.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["--headless", "--export", "run.txt"], "must end in .csv or .json"),
    (["--export", "run.csv"], "--export works with --headless"),
    (["--headless", "--export", "missing/run.csv"], "does not exist"),
    (["--lang", "fr"], "--lang must be one of en, ko"),
    (["--port", "8000"], "--port works with --serve"),
    (["--serve", "--port", "70000"], "--port must be an integer from 1 to 65535"),
    (["--lesson", "--headless"], "--lesson opens the app"),
    (["--lesson", "--steps", "500"], "--steps opens the app's own run at that iteration"),
    (["--compare", "--steps", "500"], "--steps opens the app's own run at that iteration"),
])
def test_bad_new_options_are_one_line_exit_2(tmp_path, args, message):
    result = _cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_headless_export_imports_no_ui(tmp_path):
    code = ("import sys, json; from tui.cli import main; main(['--headless', '--steps', '5', '--export', "
            f"{str(tmp_path / 'r.csv')!r}]); "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
    assert (tmp_path / "r.csv").exists()


async def test_a_long_export_says_it_started_and_a_second_request_meanwhile_is_refused(make_app, tmp_path,
                                                                                         monkeypatch):
    """An export still being written after STARTED_AFTER (a slow disk) says so, and pressing e again while it
    is written (nothing seemed to happen) writes no duplicate. Here the writing waits for an event."""
    import threading

    import tui.export as tui_export

    monkeypatch.chdir(tmp_path)
    release = threading.Event()
    real_export_now = tui_export.export_now

    def slow_export_now(jobs):
        release.wait(10)
        return real_export_now(jobs)

    monkeypatch.setattr(tui_export, "export_now", slow_export_now)
    app = make_app(hidden=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space", "e")
        for _ in range(100):  # still writing after STARTED_AFTER (0.5 s): it says so
            await pilot.pause(0.05)
            if any("exporting" in n for n in notifications(app)):
                break
        assert any("exporting iterations 0…3 to flower-tanh-h2-random-0.01-iter3.csv" in n for n in notifications(app))
        await pilot.press("e", "E")
        await pilot.pause()
        assert any("still being written" in n for n in notifications(app))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [p.name for p in tmp_path.iterdir()] == ["flower-tanh-h2-random-0.01-iter3.csv"]
        await pilot.press("e")  # done: the next request is taken
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(list(tmp_path.glob("*.csv"))) == 2


async def test_compare_export_is_one_request_for_both_sides(make_app, tmp_path, monkeypatch):
    import tui.export as tui_export

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tui_export, "STARTED_AFTER", 60)  # a loaded machine must not make it say "exporting"
    app = make_app()
    said = []  # every toast, also those the two "exported" toasts retire at 80×24
    notify = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **options: (said.append(message), notify(message, **options)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "space", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert not any(m.startswith("exporting") for m in said)  # done before STARTED_AFTER: no "exporting" toast
    assert [m for m in said if m.startswith("exported")] == [  # one toast for both files
        "exported 2 records (iterations 0…1, every 1) to compare-A-flower-tanh-h4-zeros-iter1.csv, "
        "compare-B-flower-tanh-h4-random-0.01-iter1.csv"]
    assert len(list(tmp_path.glob("*.csv"))) == 2


async def test_an_export_that_breaks_says_so_once_and_not_that_training_stopped(make_app, tmp_path, monkeypatch):
    import tui.export as tui_export

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tui_export, "STARTED_AFTER", 0.3)

    def broken(jobs):
        raise ValueError("a bug in render")

    monkeypatch.setattr(tui_export, "export_now", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)  # past STARTED_AFTER: the stopped timer must not say "exporting" now
        assert notifications(app) == ["not exported: ValueError: a bug in render"]
        assert app.is_running and not list(tmp_path.iterdir())
        await pilot.press("e")  # not stuck "busy"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert notifications(app).count("not exported: ValueError: a bug in render") == 2


async def test_one_record_is_singular(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = [n for n in notifications(app) if n.startswith("exported")]
        assert done and done[0].startswith("exported 1 record (iterations 0…0"), done


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_deep_run_with_other_inputs_and_a_test_set_round_trips(tmp_path, suffix):
    """--layers 10,5 --features x1,x2,x1x2 --test-samples 50 (issue 14 point 8): every layer's units with their
    inputs' names, the test accuracy after the accuracy (the run's own, recorded or replayed), read back
    equal to the run; a replay from iteration 0 gives the same rows."""
    trainer = Trainer(Config(layers=(10, 5), features="x1,x2,x1x2", test_samples=50, samples=80, init="he"))
    trainer.step(300)
    kept = export.Replay.of(trainer)
    text, count = kept.render(tmp_path / f"run{suffix}")
    rows = export.from_csv(text) if suffix == ".csv" else json.loads(text)["history"]
    assert rows == kept.rows() and count == len(rows) == len(trainer.history.records) + 1
    records = trainer.history.records
    assert [(r["iteration"], r["accuracy"], r["test_accuracy"]) for r in rows[:-1]] == \
        [(r.iteration, r.accuracy, r.test_accuracy) for r in records]
    last, p = rows[-1], trainer.params
    assert last["iteration"] == 300 and last["test_accuracy"] == trainer.test_accuracy()
    assert [u["W1"] for u in last["units"]] == p.W(1).tolist() and len(last["units"][0]["W1"]) == 3
    assert [u["W2"] for u in last["units2"]] == p.W(2).tolist() and [u["W3"] for u in last["units2"]] == p.W(3)[0].tolist()
    assert last["b3"] == float(p.b(3)[0, 0])
    from_zero = export.Replay(kept.config, kept.data, {0: kept.states[0]}, {}, kept.iterations,
                              kept.current_iteration, kept.stride, kept.summary)
    assert from_zero.rows() == rows
    if suffix == ".csv":
        header = text.splitlines()[0].split(",")
        assert header[:5] == ["iteration", "loss", "accuracy", "test_accuracy", "unit_gap"]
        assert "W1_h1_x1x2" in header and "W2_h5_h10" in header and header[-2:] == ["W3_h5", "b3"]


def test_without_a_test_set_the_columns_stay_as_they_were():
    trainer = Trainer(Config(layers=(3, 2), samples=40))
    trainer.step(3)
    rows = export.Replay.of(trainer).rows()
    assert "test_accuracy" not in rows[0] and export.to_csv(rows).startswith("iteration,loss,accuracy,unit_gap,")
