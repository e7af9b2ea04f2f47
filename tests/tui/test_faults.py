"""Faults the app must survive: files that cannot be written, runs that diverge, floating-point overflow.

Tests run as root, where a chmod'ed directory does not stop writes, so "read-only" and "full disk" are
made with a path under a regular file, a directory that does not exist, and os.link/os.replace/fsync
raising the errno a full or read-only disk gives.
"""
from __future__ import annotations

import asyncio
import errno
import os
import warnings

import numpy as np
import pytest

from engine.activations import ACTIVATIONS, sigmoid
from engine.config import Config
from engine.network import stable_cost
from engine.trainer import Trainer
from tests.tui.conftest import notifications, palette_pick, status_text
from engine.safe_write import SafeWriteError, free_name, write_atomically

DIVERGING = dict(activation="relu", lr=1e6, scale=10.0)  # diverges at iteration 28 (tanh does not)


# -- tui/safe_write.py ---------------------------------------------------------------------------------
def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_write_atomically_writes_text_and_bytes(tmp_path):
    assert write_atomically(tmp_path / "a.txt", "é\n") == (tmp_path / "a.txt").resolve()
    assert (tmp_path / "a.txt").read_bytes() == "é\n".encode()
    write_atomically(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert leftovers(tmp_path) == []


def test_written_files_follow_the_umask_not_mkstemps_0600(tmp_path):
    import os
    import stat

    old = os.umask(0o027)
    try:
        written = write_atomically(tmp_path / "shot.svg", "<svg/>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o640


def test_write_atomically_never_overwrites(tmp_path):
    target = tmp_path / "run.json"
    target.write_text("precious")
    with pytest.raises(SafeWriteError) as caught:
        write_atomically(target, "new")
    assert str(caught.value) == f"not saved: {target} already exists"
    assert target.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_write_atomically_picks_a_free_name_when_asked(tmp_path):
    (tmp_path / "run.json").write_text("first")
    (tmp_path / "run-2.json").write_text("second")
    written = write_atomically(tmp_path / "run.json", "third", new_name=True)
    assert written.name == "run-3.json" and written.read_text() == "third"
    assert (tmp_path / "run.json").read_text() == "first"
    assert free_name(tmp_path / "other.json") == tmp_path / "other.json"


@pytest.mark.parametrize("where", ["missing-directory", "under-a-file"])
def test_write_atomically_reports_an_unwritable_directory_in_one_line(tmp_path, where):
    if where == "missing-directory":
        target = tmp_path / "no" / "such" / "out.svg"
    else:
        (tmp_path / "file").write_text("")
        target = tmp_path / "file" / "out.svg"
    with pytest.raises(SafeWriteError) as caught:
        write_atomically(target, "x")
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"not saved to {target}: ")
    assert "directory" in message


@pytest.mark.parametrize("failing", ["fsync", "link"])
def test_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch, failing):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(SafeWriteError, match="the disk is full"):
        write_atomically(tmp_path / "out.svg", "x" * 10_000)
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_it_renames_but_still_never_overwrites(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    assert write_atomically(tmp_path / "a.svg", "one").read_text() == "one"
    with pytest.raises(SafeWriteError, match="already exists"):
        write_atomically(tmp_path / "a.svg", "two")
    assert write_atomically(tmp_path / "a.svg", "two", new_name=True).name == "a-2.svg"
    assert (tmp_path / "a.svg").read_text() == "one"
    assert leftovers(tmp_path) == []


# -- screenshots ------------------------------------------------------------------------------------
async def test_ctrl_s_twice_keeps_both_screenshots(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flower-tanh-h4-random-0.01-iter0.svg").write_text("a student's earlier file")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["flower-tanh-h4-random-0.01-iter0-2.svg", "flower-tanh-h4-random-0.01-iter0-3.svg",
                     "flower-tanh-h4-random-0.01-iter0.svg"]
    assert (tmp_path / "flower-tanh-h4-random-0.01-iter0.svg").read_text() == "a student's earlier file"
    assert "<svg" in (tmp_path / "flower-tanh-h4-random-0.01-iter0-3.svg").read_text()


@pytest.mark.parametrize("fault", ["full-disk", "read-only", "directory-gone"])
async def test_a_screenshot_that_cannot_be_written_is_reported_and_the_app_keeps_running(
        make_app, tmp_path, monkeypatch, fault):
    monkeypatch.chdir(tmp_path)
    if fault == "directory-gone":
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()  # a lab machine cleaned /tmp under the student's feet
    else:
        code = errno.ENOSPC if fault == "full-disk" else errno.EROFS

        def refuse(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "fsync", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "ctrl+s", "space")
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].message.startswith("screenshot not saved")
        expected = {"full-disk": "the disk is full", "read-only": "read-only", "directory-gone": ""}[fault]
        assert expected in errors[0].message
        assert app.trainer.iteration == 2 and "iter 2 " in status_text(app)
        await pilot.press("q")
    assert app.return_code == 0
    if fault != "directory-gone":
        assert list(tmp_path.iterdir()) == []


# -- divergence ----------------------------------------------------------------------------------------
def test_the_diverging_settings_diverge_with_relu_and_not_with_tanh():
    relu = Trainer(Config(**DIVERGING))
    assert relu.step(100) < 40 and relu.diverged
    tanh = Trainer(Config(**{**DIVERGING, "activation": "tanh"}))
    assert tanh.step(100) == 100 and not tanh.diverged


async def test_divergence_stops_auto_run_and_back_and_reset_still_work(make_app):
    app = make_app(**DIVERGING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        for _ in range(300):
            await pilot.pause(0.01)
            if not app.running:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.running and app.trainer.diverged
        k = app.trainer.iteration
        assert 0 < k < 40
        assert any(f"diverged at iteration {k}" in n for n in notifications(app))
        assert "diverged" in status_text(app) and f"iter {k} " in status_text(app)
        await pilot.press("r")  # refuses to run on
        assert not app.running and app.trainer.iteration == k
        await pilot.press("left")
        assert app.trainer.iteration == k - 1 and not app.trainer.diverged
        assert "diverged" not in status_text(app)
        assert app.trainer.loss == app.trainer.loss  # finite again, not NaN
        await pilot.press("z")
        assert app.trainer.iteration == 0 and app.config.init == "zeros"
        await pilot.press("space")
        assert app.trainer.iteration == 1
        await pilot.press("q")
    assert app.return_code == 0


async def test_divergence_on_a_step_key_says_where(make_app):
    app = make_app(**DIVERGING)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "space")  # a stride of 100
        k = app.trainer.iteration
        assert app.trainer.diverged and k < 100
        assert any(f"diverged at iteration {k}" in n for n in notifications(app))
        await pilot.press("left_square_bracket", "left_square_bracket", "left")
        assert app.trainer.iteration == k - 1


def test_no_floating_point_warning_escapes_a_diverging_run():
    """Overflow must show as "diverged", never as a RuntimeWarning printed over the UI."""
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        for activation in ACTIVATIONS:
            trainer = Trainer(Config(activation=activation, lr=1e6, scale=1e3))
            trainer.step(200)
            snapshot = trainer.snapshot()
            trainer.back(5)
            trainer.snapshot()
            assert snapshot.loss is None or np.isfinite(snapshot.loss)


async def test_no_warning_escapes_the_app_while_it_diverges(make_app):
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        app = make_app(activation="leaky_relu", lr=1e6, scale=1e3, hidden=16)
        async with app.run_test(size=(200, 60)) as pilot:  # every panel drawn, boundary included
            await pilot.press("right_square_bracket", "right_square_bracket", "space", "left", "space")
            await pilot.pause()
            assert app.trainer.diverged
            await pilot.press("q")
        assert app.return_code == 0


# -- extreme inputs ------------------------------------------------------------------------------------
EXTREMES = np.array([-1e308, -1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4, 1e308])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_stay_finite_at_extreme_inputs(name):
    g = ACTIVATIONS[name]
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        value = g(EXTREMES)
        slope = g.prime(EXTREMES)
    assert np.all(np.isfinite(value)) and np.all(np.isfinite(slope))
    if name in ("tanh", "sigmoid"):
        assert value.min() >= (-1.0 if name == "tanh" else 0.0) and value.max() <= 1.0
        assert slope[0] == 0.0 and slope[-1] == 0.0  # saturated: flat, not NaN


def test_sigmoid_is_exact_at_the_ends_and_never_overflows():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        out = sigmoid(np.array([-1e308, -800.0, 0.0, 800.0, 1e308]), np.empty(5))
    assert out.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]


def test_log_loss_is_finite_and_right_far_from_zero():
    Y = np.array([[1.0, 0.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        confident_right = stable_cost(np.array([[800.0, -800.0]]), Y)
        confident_wrong = stable_cost(np.array([[-800.0, 800.0]]), Y)
        huge_wrong = stable_cost(np.array([[-1e300, 1e300]]), Y)
    assert confident_right == 0.0
    assert confident_wrong == pytest.approx(800.0)
    assert np.isfinite(huge_wrong) and huge_wrong == pytest.approx(1e300)


@pytest.mark.parametrize("scale", [10.0, 1e3])
async def test_the_loss_chart_draws_unit_gaps_above_one(make_app, scale):
    """At scale 10 every unit gap is > 10: plotext dropped them all and crashed on the empty series."""
    app = make_app(scale=scale)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        assert app.query_one("#loss").display
        assert app.trainer.snapshot().unit_gap > 10
        await pilot.press("q")
    assert app.return_code == 0


# -- typed values (palette: "Type learning rate…") ------------------------------------------------------
BAD_TYPED = ["", " ", "abc", "nan", "-inf", "inf", "1e309", "-1", "0", "1,5", "1.5.2", "0x10", "½", "9" * 5000,
             "1e13", "\x00", "🙂", "1 2", "--lr", "None"]


async def open_typed_setting(app, pilot, option: str) -> None:
    from tui.screens.value_input import ValueInputScreen

    app.push_screen(ValueInputScreen(option))
    await pilot.pause()
    assert isinstance(app.screen, ValueInputScreen)


@pytest.mark.parametrize("option", ["lr", "hidden", "seed", "scale", "samples", "noise"])
async def test_a_bad_typed_value_is_an_error_notification_and_changes_nothing(make_app, option):
    from textual.widgets import Input

    from tui.i18n import t
    from tui.screens.value_input import TYPED_SETTINGS

    label = t(TYPED_SETTINGS[option][0])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space")
        before = app.config
        await open_typed_setting(app, pilot, option)
        field = app.screen.query_one(Input)
        for text in BAD_TYPED:
            if option in ("seed", "noise", "scale") and text == "0":
                continue  # valid for these
            app._notifications.clear()
            field.value = text
            await pilot.press("enter")
            errors = [n.message for n in app._notifications if n.severity == "error"]
            assert len(errors) == 1 and "\n" not in errors[0], (text, errors)
            # in the app's words: the setting by its name ("learning rate: …"), never by its --option
            assert not errors[0].startswith("--") and label.rstrip("s") in errors[0], (text, errors)
            assert app.config == before and app.trainer.iteration == 2, text
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0] and app.config == before


@pytest.mark.parametrize("option, text, expected", [
    ("lr", " 0.05 ", 0.05), ("lr", "1e-3", 0.001), ("hidden", "7", 7), ("seed", "٣", 3), ("scale", "2.5", 2.5),
    ("samples", "1_000", 1000), ("noise", "0", 0.0),
])
async def test_a_good_typed_value_resets_the_run_with_it(make_app, option, text, expected):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await open_typed_setting(app, pilot, option)
        await pilot.press(*text)  # typed key by key, as a student would
        await pilot.press("enter")
        assert getattr(app.config, option) == expected
        assert app.trainer.iteration == 0 and app.screen is app.screen_stack[0]
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_typed_settings_are_in_the_palette(make_app):
    from tui.screens.value_input import ValueInputScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await palette_pick(app, pilot, "Type learning rate")
        assert isinstance(app.screen, ValueInputScreen) and app.screen.option == "lr"


# -- long runs (the full million: bench/long_run.py) ---------------------------------------------------
async def test_a_long_auto_run_keeps_bounded_records_and_steps_back_exactly(make_app):
    from tui.app import SPEEDS

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.speed_index = len(SPEEDS) - 1  # as fast as it goes
        await pilot.press("r")
        for _ in range(1500):
            await asyncio.sleep(0.01)
            if app.trainer.iteration >= 20_000:
                break
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reached = app.trainer.iteration
        assert reached >= 20_000 and not app.running
        capacity = app.trainer.history.capacity
        assert len(app.trainer.history.records) <= capacity
        assert len(app._frame.records) <= capacity + 1  # what the chart draws: downsampled, not 20 000 points
        assert len(app.trainer.checkpoints) < 400
        assert f"iter {reached} " in status_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "left")
        assert app.trainer.iteration == reached - 1000
        reference = Trainer(Config())
        reference.step(reached - 1000)
        assert app.trainer.params.equals(reference.params)  # back() replays bit for bit


@pytest.mark.parametrize("fill", [np.nan, np.inf, -np.inf, 1e300])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
async def test_every_panel_draws_non_finite_weights_without_a_warning(make_app, fill, activation):
    """A diverged run can hold inf/NaN weights; np.nanmax over an all-NaN thumbnail used to warn."""
    app = make_app(activation=activation)
    async with app.run_test(size=(200, 60)) as pilot:  # all four panels on screen
        with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
            warnings.simplefilter("error")
            with app._lock:
                app.trainer.params.flat[:-1] = fill  # W1, b1 and W2 (b2, the last number, stays)
                app.trainer.params.W1[0, 0] = 1.0
                app.trainer._evaluated_at = None  # the loss belongs to the new weights
            app._refresh_from_trainer()
            await pilot.pause()
            await pilot.press("2", "3", "4", "1")
        status = status_text(app)
        assert status.startswith("iter 0 · loss ") and len(status.split(" · ")[1]) < 20, status
        await pilot.press("q")
    assert app.return_code == 0
