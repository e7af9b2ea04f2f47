"""Every key of the contract, driven through Pilot as a student would press it."""
from __future__ import annotations

import time

import pytest
from textual.command import CommandPalette

from tests.tui.conftest import explanation_text, notifications, palette_pick, status_text
from tui.screens.help import HelpScreen


async def test_space_steps_once_and_left_steps_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space")
        assert app.trainer.iteration == 3
        assert "iter 3 " in status_text(app)
        await pilot.press("left")
        assert app.trainer.iteration == 2
        assert "iter 2 " in status_text(app)


async def test_left_at_iteration_zero_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")
        assert app.trainer.iteration == 0
        assert any("iteration 0" in n for n in notifications(app))


async def test_stride_keys_cycle_1_10_100_1000(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.press("space")
        assert app.trainer.iteration == 10
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.stride == 1000  # stays at the largest
        assert "step ×1000" in status_text(app)
        await pilot.press("left_square_bracket", "left")
        assert app.stride == 100
        assert app.trainer.iteration == 0  # 10 - 100, clamped at 0


async def test_stepping_back_is_exact(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "space")
        first = app.trainer.snapshot()
        await pilot.press("space", "left")
        assert app.trainer.snapshot() == first


async def test_r_runs_in_a_worker_and_r_again_pauses_quickly(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(9):  # "as fast as it goes": the largest chunks, the slowest to stop
            await pilot.press("full_stop")
        await pilot.press("r")
        assert app.running
        for _ in range(200):
            await pilot.pause(0.01)
            if app.trainer.iteration > 0:
                break
        assert app.trainer.iteration > 0
        assert "running" in status_text(app)
        started = time.perf_counter()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        assert time.perf_counter() - started < 0.5  # generous for a loaded CI; the design is < 100 ms
        assert not app.running
        stopped_at = app.trainer.iteration
        await pilot.pause(0.05)
        assert app.trainer.iteration == stopped_at
        assert f"iter {stopped_at} " in status_text(app)
        assert "paused" in status_text(app)


async def test_step_while_running_pauses_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.press("space")
        await app.workers.wait_for_complete()
        assert not app.running
        at = app.trainer.iteration
        await pilot.pause(0.05)
        assert app.trainer.iteration == at


async def test_speed_keys_change_the_auto_run_speed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "100 it/s" in status_text(app)
        await pilot.press("full_stop")
        assert "200 it/s" in status_text(app)
        await pilot.press("comma", "comma")
        assert "50 it/s" in status_text(app)
        for _ in range(20):
            await pilot.press("greater_than_sign")
        assert "max it/s" in status_text(app)


async def test_z_and_x_reset_with_zeros_and_random(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "z")
        assert app.trainer.iteration == 0
        assert app.config.init == "zeros"
        assert "1 of 4 units distinct" in status_text(app)
        assert "init zeros" in status_text(app)
        assert "frozen" in status_text(app)
        assert any("starts again" in n for n in notifications(app))
        await pilot.press("x")
        assert app.config.init == "random"
        assert "4 of 4 units distinct" in status_text(app)
        assert "frozen" not in status_text(app)


async def test_c_opens_compare_mode(make_app):
    from tui.compare import CompareScreen  # issue 4: the placeholder toast became the mode itself

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CompareScreen)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_opens_and_lists_every_key(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for shown in ("space", "←", "] [", "r", "z", "x", "c", "ctrl+p", "ctrl+s", "? F1", "q", "+ -", "1 2 3 4"):
            assert shown in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_ctrl_s_saves_an_svg_in_the_working_directory(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        saved = list(tmp_path.glob("*.svg"))
        assert [p.name for p in saved] == ["flower-tanh-h4-zeros-iter0.svg"]
        assert "<svg" in saved[0].read_text()
        assert any(str(saved[0]) in n for n in notifications(app))


async def test_ctrl_p_palette_runs_a_setting_command(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await palette_pick(app, pilot, "Init zeros")
        assert app.config.init == "zeros"
        assert "1 of 4 units distinct" in status_text(app)


@pytest.mark.parametrize("key, field, expected", [
    ("i", "init", "random"),  # default init random -> the next scheme
    ("I", "init", "constant"),
    ("a", "activation", "sigmoid"),
    ("A", "activation", "leaky_relu"),
    ("d", "dataset", "circles"),
    ("D", "dataset", "spiral"),
    ("plus", "hidden", 5),
    ("minus", "hidden", 3),
    ("l", "lr", 2.0),
    ("L", "lr", 1.0),
    ("s", "scale", 0.1),
    ("S", "scale", 0.001),
    ("n", "seed", 2),
    ("N", "seed", 0),
])
async def test_setting_keys_reset_the_run_and_say_so(make_app, key, field, expected):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.press(key)
        value = app.config.resolved_scale if field == "scale" else getattr(app.config, field)
        if key == "i":
            expected = "xavier"
        assert value == expected
        assert app.trainer.iteration == 0
        assert any("starts again at iteration 0" in n for n in notifications(app))


async def test_a_bad_change_is_reported_and_changes_nothing(make_app):
    app = make_app(init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "s")  # a scale means nothing with zeros
        assert app.config.init == "zeros" and app.config.scale is None
        assert app.trainer.iteration == 1
        assert notifications(app) == ["zeros has no scale: press i or x first"]  # the app's words, not --scale's


async def test_hidden_units_stop_at_64(make_app):
    app = make_app(hidden=64)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        assert app.config.hidden == 64
        assert notifications(app) == ["64 hidden units is the most"]
        await pilot.press("minus")
        assert app.config.hidden == 32
        assert "32 of 32 units distinct" in status_text(app)


async def test_number_keys_pick_the_panel_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for number, panel_id in ((2, "weights"), (3, "loss"), (4, "boundary"), (1, "net")):
            await pilot.press(str(number))
            shown = [p.id for p in app.query(".panel") if p.display]
            assert shown == [panel_id]


async def test_explanation_follows_the_run(make_app):
    app = make_app(init="constant")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        assert "all 4 hidden units are identical" in explanation_text(app)
        await pilot.press("x")
        assert explanation_text(app).startswith("iteration 0: the 4 units start different")  # nothing learnt yet
        await pilot.press("space")  # 0.693048 -> 0.692981: both 0.6930 on the status bar, so not yet "fell"
        assert explanation_text(app).startswith("the loss has hardly moved: still 0.6930")
        await pilot.press("space", "space")
        assert explanation_text(app).startswith("learning: the loss fell from 0.6930 at iteration 0")


async def test_keys_typed_in_a_burst_act_in_order(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "space")  # stride 100, then step
        assert app.trainer.iteration == 100
        for key, action in (("left", "back"), ("right", "step"), ("space", "step")):  # no panel shadows them
            assert app.active_bindings[key].binding.action == action


async def test_arrow_keys_scroll_a_tall_weights_panel(make_app):
    app = make_app(hidden=64)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "pagedown", "down")
        assert app.query_one("#weights").scroll_y == 11
        await pilot.press("up")
        assert app.query_one("#weights").scroll_y == 10


@pytest.mark.parametrize("opening, shown", [(("question_mark",), "Help"), (("ctrl+p",), "for commands")])
async def test_ctrl_s_saves_what_a_modal_screen_shows(make_app, tmp_path, monkeypatch, opening, shown):
    """The help lists ctrl+s while it is open, and a modal screen hides the app's bindings: over the help and
    over the palette ctrl+s must save an SVG of the screen as it is, modal included."""
    monkeypatch.chdir(tmp_path)
    app = make_app(init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*opening)
        await pilot.pause()
        modal = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal  # still open: ctrl+s closed nothing
        saved = list(tmp_path.glob("*.svg"))
        assert [p.name for p in saved] == ["flower-tanh-h4-zeros-iter0.svg"]
        assert shown in saved[0].read_text().replace("&#160;", " ")
