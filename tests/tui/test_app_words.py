"""Refusals inside the app speak the app's words (issue 12, point 8): "64 hidden units is the most", never
the command line's "--hidden must be an integer from 1 to 64, got 128"."""
from __future__ import annotations

import pytest

from engine.config import Config, ConfigError
from tests.tui.conftest import notifications, palette_pick
from tui import i18n
from tui.app import ShallowApp


def test_every_setting_error_has_app_words_in_both_languages():
    refused = [dict(hidden=0), dict(hidden=128), dict(hidden="x"), dict(lr=0), dict(lr=float("inf")),
               dict(scale=-1), dict(seed=-1), dict(samples=3), dict(noise=-0.5), dict(init="zeros", scale=0.5),
               dict(hidden=10**40)]
    for code in ("en", "ko"):
        i18n.set_language(code)
        try:
            for settings in refused:
                with pytest.raises(ConfigError) as error:
                    Config(**settings)
                said = i18n.app_error_text(error.value)
                assert "--" not in said and said != str(error.value), (settings, said)
        finally:
            i18n.set_language("en")
    with pytest.raises(ConfigError) as error:
        Config(hidden=128)
    assert i18n.app_error_text(error.value) == "64 hidden units is the most"
    with pytest.raises(ConfigError) as error:
        Config(lr=-1)
    assert i18n.app_error_text(error.value) == "learning rate: greater than 0, not -1"


async def test_plus_at_64_and_minus_at_1_say_so_and_leave_the_run_alone():
    app = ShallowApp(Config(hidden=64))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "plus")
        await pilot.pause()
        assert notifications(app)[-1] == "64 hidden units is the most"
        assert app.config.hidden == 64 and app.trainer.iteration == 1  # not restarted
        app.change(hidden=1)
        await pilot.press("space", "minus")
        await pilot.pause()
        assert notifications(app)[-1] == "1 hidden unit is the fewest"
        assert app.config.hidden == 1 and app.trainer.iteration == 1
        await pilot.press("z", "s")
        await pilot.pause()
        assert notifications(app)[-1] == "zeros has no scale: press i or x first"  # was --scale … --init zeros
        assert not any("--" in message for message in notifications(app))


@pytest.mark.parametrize("where", ["compare", "lesson"])
async def test_the_same_words_in_compare_mode_and_the_lesson(where):
    app = ShallowApp(Config(), lesson=where == "lesson")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if where == "compare":
            await pilot.press("c")
        run = app.screen.sides["B"] if where == "compare" else app.screen.run
        for _ in range(12):
            if run.config.hidden < 64:
                await pilot.press("plus")
        await pilot.press("space", "plus")
        await pilot.pause()
        assert run.config.hidden == 64 and run.trainer.iteration == 1
        if where == "lesson":  # the lesson says it in its text box (issue 12 point 7)
            assert app.screen.notice == ("64 hidden units is the most", "warning")
        else:
            assert notifications(app)[-1] == "64 hidden units is the most"
        assert not any("--" in message for message in notifications(app))


async def test_a_typed_value_is_refused_in_the_apps_words():
    app = ShallowApp(Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await palette_pick(app, pilot, "Type learning rate")
        await pilot.press(*"-1", "enter")
        await pilot.pause()
        assert notifications(app)[-1] == "learning rate: greater than 0, not -1"
        app.screen.query_one("Input").value = ""
        await pilot.press(*"fast", "enter")
        await pilot.pause()
        assert notifications(app)[-1] == "learning rate: a number, not 'fast'"
        assert app.config.lr == 1.2
