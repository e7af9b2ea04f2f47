"""Hidden layers, inputs and test examples from inside the app (issue 14 point 8): typed in the palette ("10,5",
"x1,x2,x1x2") through the one option table's checks, or picked from its list; a bad entry is refused in the
app's words (en, ko) and changes nothing; compare mode sets both sides."""
from __future__ import annotations

import pytest

from engine.config import Config, ConfigError
from tests.tui.conftest import notifications, palette_pick
from tui import i18n
from tui.app import ShallowApp

REFUSED = {  # typed text -> the app's words (en)
    ("layers", "10,,5"): "hidden layers: a list with commas, like 10,5, not '10,,5'",
    ("layers", "65"): "hidden layers: 1 to 64 units in each layer, not 65",
    ("layers", "0,3"): "hidden layers: 1 to 64 units in each layer, not 0",
    ("layers", "1,2,3,4,5"): "hidden layers: at most 4 hidden layers, not 5",
    ("layers", "ten"): "hidden layers: a list with commas, like 10,5, not 'ten'",
    ("features", "x1,x3"): "inputs: there is no 'x3'; choose from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2",
    ("features", "x1,x1"): "inputs: 'x1' is there twice",
    ("features", ""): "inputs: at least one, like x1,x2",
    ("test_samples", "-1"): "test examples: a whole number from 0 to 100000, not -1",
}
LABELS = {"layers": "Type hidden layers", "features": "Type inputs", "test_samples": "Type test examples"}


async def enter(app, pilot, text: str) -> None:
    app.screen.query_one("Input").value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_typed_layers_features_and_test_examples_reset_the_run_with_them():
    app = ShallowApp(Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await palette_pick(app, pilot, LABELS["layers"])
        await enter(app, pilot, " 10, 5 ")
        assert app.config.layers == (10, 5) and app.config.hidden == 10 and app.trainer.iteration == 0
        assert notifications(app)[-1] == "layers 10,5: the run starts again at iteration 0"
        await palette_pick(app, pilot, LABELS["features"])
        await enter(app, pilot, "x1,x2,x1x2")
        assert app.config.features == ("x1", "x2", "x1x2") and app.trainer.X.shape[0] == 3
        assert app.config.layers == (10, 5)  # the other settings stay
        await palette_pick(app, pilot, LABELS["test_samples"])
        await enter(app, pilot, "100")
        await pilot.press("space")
        await pilot.pause()
        assert app.config.test_samples == 100 and " · test " in str(app.query_one("#status").render())


@pytest.mark.parametrize("option,text", list(REFUSED))
async def test_a_bad_list_is_refused_in_the_apps_words_and_changes_nothing(option, text):
    app = ShallowApp(Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await palette_pick(app, pilot, LABELS[option])
        await enter(app, pilot, text)
        assert notifications(app)[-1] == REFUSED[option, text]
        assert app.config == Config() and app.trainer.iteration == 1  # not restarted
        assert app.screen.query_one("Input")  # the field stays open to try again


def test_every_list_refusal_has_app_words_in_korean_too():
    for option, text in REFUSED:
        for code in ("en", "ko"):
            i18n.set_language(code)
            try:
                with pytest.raises(ConfigError) as error:
                    Config(**{option: text})
                said = i18n.app_error_text(error.value)
                assert "--" not in said and said != str(error.value), (option, text, said)
            finally:
                i18n.set_language("en")
    i18n.set_language("ko")
    try:
        with pytest.raises(ConfigError) as error:
            Config(layers="10,,5")
        assert i18n.app_error_text(error.value) == "은닉층: 10,5처럼 쉼표로 나눈 목록이어야 합니다 (받은 값 '10,,5')"
    finally:
        i18n.set_language("en")


async def test_the_palette_lists_networks_and_inputs_and_marks_the_current_ones():
    app = ShallowApp(Config(layers=(10, 5)))
    async with app.run_test(size=(80, 24)) as pilot:
        await palette_pick(app, pilot, "Hidden layers 64,64,64")
        assert app.config.layers == (64, 64, 64)
        await palette_pick(app, pilot, "Inputs x1,x2,x1x2")
        assert app.config.features == ("x1", "x2", "x1x2") and app.config.layers == (64, 64, 64)
        from tui.screens.palette import RunCommands

        names = [name for name, _callback, _help in RunCommands.commands(type("P", (), {"app": app, "screen": app.screen})())]
        assert "Hidden layers 64,64,64 (current)" in names and "Inputs x1,x2,x1x2 (current)" in names
        assert "Hidden layers 10,5" in names and "Inputs x1,x2" in names


async def test_compare_mode_types_layers_and_inputs_for_both_sides():
    app = ShallowApp(Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await palette_pick(app, pilot, LABELS["layers"])
        await enter(app, pilot, "6,3")
        await palette_pick(app, pilot, LABELS["features"])
        await enter(app, pilot, "x1,x2,x1sq")
        sides = app.screen.sides
        assert [side.config.layers for side in sides.values()] == [(6, 3), (6, 3)]
        assert [side.config.features for side in sides.values()] == [("x1", "x2", "x1sq")] * 2
        assert [side.config.init for side in sides.values()] == ["zeros", "random"]
