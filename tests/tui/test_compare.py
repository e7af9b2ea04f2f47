"""Compare mode: two runs in lockstep, differing only in init; each with its own status and panels."""
from __future__ import annotations

import html

import pytest

from engine.config import Config, InitOverride
from tui.compare import CompareScreen, presets, side_configs
from tests.tui.conftest import palette_pick, screen_lines
from tui.i18n import t


def _screen_text(app) -> str:
    """The screen's characters (the SVG's text, with its non-breaking spaces as spaces)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_c_opens_compare_and_steps_both_sides_in_lockstep(make_app):
    app = make_app(hidden=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("space", "space", "space", "right_square_bracket", "space")
        await pilot.pause()
        a, b = screen.sides["A"].trainer, screen.sides["B"].trainer
        assert a.iteration == b.iteration == 13
        assert a.config.init == "zeros" and b.config.init == "random"
        assert a.snapshot().distinct_units == 1
        assert b.snapshot().distinct_units == 4
        status_a = str(screen.query_one("#cmp-status-A").render())
        status_b = str(screen.query_one("#cmp-status-B").render())
        assert "iter 13" in status_a and "1 of 4 units distinct" in status_a and "frozen" in status_a
        assert "iter 13" in status_b and "4 of 4 units distinct" in status_b
        await pilot.press("left")
        assert a.iteration == b.iteration == 3
        assert app.trainer.iteration == 0  # the main run is not touched
        await pilot.press("c")
        assert not isinstance(app.screen, CompareScreen)


async def test_compare_flag_opens_compare_and_same_data_and_hyperparameters():
    from tui.app import ShallowApp

    app = ShallowApp(Config(compare=True, hidden=3, lr=0.5, init="constant"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        a, b = screen.sides["A"].trainer, screen.sides["B"].trainer
        assert a.config.init == "zeros" and b.config.init == "constant"
        assert (a.data.X == b.data.X).all()
        assert a.config.replace(init="constant") == b.config


async def test_flip_shows_the_other_sides_panels_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert screen.query_one("#cmp-side-A").display and not screen.query_one("#cmp-side-B").display
        await pilot.press("tab")
        assert screen.shown_side == "B"
        assert screen.query_one("#cmp-side-B").display and not screen.query_one("#cmp-side-A").display
        assert "side B: random 0.01" in str(screen.query_one("#cmp-label-B").render())
        await pilot.press("3")  # boundary panel of side B
        assert screen.query_one("#boundary-B").display and not screen.query_one("#weights-B").display


async def test_both_sides_panels_at_120_columns(make_app):
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert screen.query_one("#cmp-side-A").display and screen.query_one("#cmp-side-B").display


async def test_palette_preset_sets_one_side_and_restarts_both(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "space", "space")
        screen = app.screen
        only_biases = presets(screen.sides["A"].config)[t("compare.only_biases")]
        screen.set_side("A", only_biases)
        await pilot.pause()
        a, b = screen.sides["A"].trainer, screen.sides["B"].trainer
        assert a.iteration == b.iteration == 0
        assert a.config.overrides == (InitOverride("b1", "random", 0.01), InitOverride("b2", "random", 0.01))
        assert not a.params.W1.any() and a.params.b1.any()
        names = [name for name, _, _ in _commands(screen)]
        assert "Side B: W1 random, W2 zeros" in names and "Side A: init he" in names


def _commands(screen):
    from tui.compare import CompareCommands

    class Listed(CompareCommands):  # no palette needed to list them (a subclass: CompareCommands stays as it is)
        screen = property(lambda self: self.__dict__["_screen"])

    provider = Listed.__new__(Listed)
    provider.__dict__["_screen"] = screen
    return list(provider.commands())


def test_side_configs_differ_only_in_init():
    a, b = side_configs(Config(hidden=5, seed=3, init="zeros"))
    assert a.init == "zeros" and b.init == "random"
    assert a.replace(init="random") == b


async def test_ctrl_s_screenshots_compare_mode(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # 100 iterations: after 1 the losses are 0.6931 and 0.6930, on one row of a chart that starts at 0
        await pilot.press("c", "right_square_bracket", "right_square_bracket", "space", "ctrl+s")
        await pilot.pause()
    files = list(tmp_path.glob("*.svg"))
    assert [f.name for f in files] == ["compare-flower-tanh-h4-zeros-vs-random-0.01-iter100.svg"]  # not the main run's
    svg = html.unescape(files[0].read_text()).replace("\xa0", " ")
    assert "1 of 4 units distinct" in svg and "4 of 4 units distinct" in svg
    assert "AAAA" in svg and "BBBB" in svg  # the chart's curves, drawn with their side's letter


async def test_chart_overlays_both_loss_curves_and_both_gaps_named_without_colour(make_app, monkeypatch):
    """At 80×24 the chart is eight rows: no legend box over it; each curve is drawn with its side's letter."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "right_square_bracket", "right_square_bracket", "space", "space", "space")
        await pilot.pause()
        lines = screen_lines(app)
        plot = "\n".join(lines[4:12])  # the plot's rows
        for letter in "ABab":  # loss A, loss B, gap A, gap B: every curve visible, none hidden by another
            assert letter * 8 in plot, (letter, plot)
        assert "loss A" not in plot and "gap B" not in plot  # plotext's legend is gone
        assert "A zeros: loss A gap a · B random 0.01: loss B gap b" in lines[3]  # the top edge: which is which
        assert "loss: left axis · unit gap: right axis, log" in lines[14]  # the bottom edge: which axis is which


async def test_korean_compare_key_line_fits_80_columns(make_app):
    from rich.cells import cell_len

    from tui import i18n

    i18n.set_language("ko")
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            keys = str(app.screen.query_one("#cmp-keys").render())
            assert "나가기" in keys and cell_len(keys) <= 80
            assert "A 쪽: zeros" in str(app.screen.query_one("#cmp-label-A").render())
    finally:
        i18n.set_language("en")


async def test_speed_keys_in_compare_set_how_far_each_tick_goes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert screen.speed == 100
        await pilot.press("greater_than_sign")
        assert screen.speed == 200 and "200 it/s" in str(screen.query_one("#cmp-title").render())
        for _ in range(10):  # one second of ticks, without waiting for the clock
            screen._tick()
        a, b = screen.sides["A"].trainer, screen.sides["B"].trainer
        assert a.iteration == b.iteration == 200
        await pilot.press(*["less_than_sign"] * 12)  # down to the slowest: one iteration a second
        assert screen.speed == 1 and "1 it/s" in str(screen.query_one("#cmp-title").render())
        for _ in range(19):
            screen._tick()
        assert a.iteration == b.iteration == 201
        await pilot.press("r")
        await pilot.pause()
        assert "▶ running" in str(screen.query_one("#cmp-title").render())
        await pilot.press("r")


async def test_activation_and_dataset_keys_in_compare_change_both_sides(make_app):
    """a / A and d / D (tui/keys.py, shared with the app) step both sides through the same choices."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = app.screen
        sides = screen.sides["A"], screen.sides["B"]
        await pilot.press("space", "a")
        assert [s.config.activation for s in sides] == ["sigmoid", "sigmoid"]
        assert [s.trainer.iteration for s in sides] == [0, 0]  # a change restarts both
        await pilot.press("A", "A")
        assert [s.config.activation for s in sides] == ["leaky_relu", "leaky_relu"]
        await pilot.press("D")
        assert [s.config.dataset for s in sides] == ["spiral", "spiral"]
        await pilot.press("d", "d")
        assert [s.config.dataset for s in sides] == ["circles", "circles"]
        assert [s.config.init for s in sides] == ["zeros", "random"]  # the inits stay apart
        assert app.trainer.config.dataset == "flower"  # the main run is not touched


# -- the palette's run commands over compare mode and the lesson ----------------------------------------
def _said(app, monkeypatch) -> list[str]:
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **options: (said.append(message), notify(message, **options)))
    return said


async def test_palette_settings_in_compare_change_both_sides_not_the_hidden_run(make_app, monkeypatch):
    from textual.widgets import Input

    app = make_app()
    said = _said(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "space", "space")
        screen = app.screen
        a, b = screen.sides["A"].trainer, screen.sides["B"].trainer
        await palette_pick(app, pilot, "Type learning rate")
        await pilot.press(*"0.5", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert a.config.lr == b.config.lr == 0.5 and a.iteration == b.iteration == 0
        assert app.config.lr == 1.2  # the run underneath is left alone
        assert "lr 0.5: both runs start again at iteration 0" in said
        assert not any("the run starts again" in m for m in said)
        await pilot.press("space")
        await palette_pick(app, pilot, "Hidden units 8")
        assert a.config.hidden == b.config.hidden == 8 and a.iteration == b.iteration == 0
        await palette_pick(app, pilot, "Dataset moons")
        await palette_pick(app, pilot, "Activation sigmoid")
        assert a.config.dataset == b.config.dataset == "moons"
        assert a.config.activation == b.config.activation == "sigmoid"
        assert a.config.init == "zeros" and b.config.init == "random"  # each side keeps its own init
        await palette_pick(app, pilot, "Step")
        assert a.iteration == b.iteration == 1
        assert app.config == make_app().config and app.trainer.iteration == 0
        await palette_pick(app, pilot, "Type seed")  # a bad value: an error, nothing changes, the field stays open
        app.screen.query_one(Input).value = "-3"
        await pilot.press("enter")
        assert a.config.seed == b.config.seed == 1 and a.iteration == 1


async def test_palette_offers_no_setting_in_compare_that_would_miss_it(make_app):
    from tui.screens.palette import RunCommands
    from tui.screens.value_input import TypedSettingCommands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        names = [name for provider in (RunCommands, TypedSettingCommands)
                 for name, _, _ in provider(app.screen).commands()]
        assert "Learning rate 0.5" in names and "Type learning rate…" in names and "Type seed…" in names
        # each side's init and scale are compare's own "Side A: …" commands
        assert not any(n.startswith(("Init ", "Scale ", "Reset with", "Compare zeros", "Lesson")) for n in names)
        assert "Type init scale…" not in names and "Show panel 4: decision boundary" not in names


async def test_palette_in_the_lesson_offers_what_its_keys_do_on_its_own_run(make_app, monkeypatch):
    from tui.lesson.screen import LessonScreen
    from tui.screens.palette import RunCommands
    from tui.screens.value_input import TypedSettingCommands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        names = [name for provider in (RunCommands, TypedSettingCommands)
                 for name, _, _ in provider(screen).commands()]
        assert "Step" in names and "Stride 10" in names
        # its keys n p esc z x i a + - s, by name (everything reachable from the palette too) …
        for name in ("Next lesson step", "Previous lesson step", "Leave the lesson", "Init zeros", "Init random",
                     "Init xavier", "Activation sigmoid", "Hidden units 8", "Scale 0.1", "Scale 100"):
            assert any(n.startswith(name) for n in names), name  # "Init zeros (current)" on step 1
        # … but not the data, learning rate or seed: each step sets those
        assert not any(n.startswith(("Learning rate", "Type ", "Dataset", "Seed")) for n in names)
        await palette_pick(app, pilot, "Stride 10")
        await palette_pick(app, pilot, "Step")
        assert screen.run.trainer.iteration == 10 and app.trainer.iteration == 0
        await palette_pick(app, pilot, "Hidden units 8")
        assert screen.run.config.hidden == 8 and screen.run.trainer.iteration == 0
        assert app.config.hidden == 4  # the run underneath is left alone
        await palette_pick(app, pilot, "Next lesson step")
        assert screen.step_info.number == 2 and screen.run.config.hidden == 2
        await palette_pick(app, pilot, "Leave the lesson")
        assert app.screen is not screen and not isinstance(app.screen, LessonScreen)


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("iteration, diverged", [(14_500, False), (123_456, False), (99_999, True)])
@pytest.mark.parametrize("layers", ["4", "10,5", "64,64,64,64"])
def test_both_sides_accuracy_fits_80_columns_at_any_iteration(language, iteration, diverged, layers):
    """Issue 12, point 3: A's line never showed acc, B's lost it from 4-digit iterations; the init, which the
    chart's title names, gives way first. A deep network's k of n per layer takes a second line rather than
    the accuracy's place (or cut words)."""
    from dataclasses import replace

    from rich.cells import cell_len

    from tui import i18n
    from tui.compare import side_status
    from tui.run_side import RunSide
    from tui.widgets.status import distinct_text

    i18n.set_language(language)
    try:
        for side, config in zip("AB", side_configs(Config(layers=layers))):
            frame = RunSide(config).frame()
            diverged_here = diverged and side == "B"  # A is zeros: frozen, it cannot diverge
            frame = replace(frame, snapshot=replace(frame.snapshot, iteration=iteration, diverged=diverged_here))
            lines = side_status(side, frame, 80).plain.split("\n")
            assert all(cell_len(line) <= 80 and "…" not in line for line in lines), lines
            assert len(lines) == 1 or "," in layers, lines  # one hidden layer: always one line
            flat = " ".join(" ".join(lines).split())
            accuracy = i18n.t("status.acc", acc=f"{frame.snapshot.accuracy:.1%}")
            for word in (f"{side} ", f"iter {iteration}", "loss ", accuracy, distinct_text(frame.snapshot)):
                assert word in flat, (word, lines)
            assert ("frozen" in flat) == (side == "A") and ("diverged" in flat) == diverged_here, lines
            assert "init" not in flat or iteration < 100_000 or "," in layers, lines
    finally:
        i18n.set_language("en")
