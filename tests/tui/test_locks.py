"""A lab's ``lock = [...]`` (tui/locks.py): every key, palette entry and typed value that changes a locked setting
refuses with the notice, in the app, compare mode and the lesson. The cases are generated from the screens' own
binding tables and palette providers: each key and entry is first tried with nothing locked, from two starting
runs, to see which settings it changes; then each of those settings is locked and it must change nothing and say
why. So a key or entry added later is tried without anyone listing it here."""
from __future__ import annotations

import inspect

import pytest

from engine.config import Config
from engine.options import LOCKABLE, locked_together
from tui import locks
from tui.i18n import t

# Actions that open another screen, write a file or quit: they change no setting (the lesson's steps set up the
# step's own network: that is the lesson, not a student's change, see tui/locks.py).
NOT_SETTINGS = {"quit", "help", "compare", "lesson", "save_screenshot", "export", "leave", "next_step",
                "previous_step", "command_palette", "change_theme", "show_help_panel", "hide_help_panel"}
BASES = (Config(init="random", hidden=4), Config(init="zeros", hidden=4, lr=0.3, dataset="moons"))
LESSON_STEPS = (1, 5)  # constant 0.5 with 2 units; random with 4
# What the keys of each screen must be found to change (so that the generated cases cannot come out empty).
EXPECTED = {
    "main": {"init", "scale", "activation", "dataset", "hidden", "layers", "lr", "seed"},
    "compare": {"init", "scale", "activation", "dataset", "hidden", "layers", "lr", "seed"},
    "lesson": {"init", "scale", "activation", "hidden", "layers"},
}


def settings_of(app) -> tuple:
    from tui.compare import CompareScreen
    from tui.lesson.screen import LessonScreen

    screen = app.screen
    if isinstance(screen, CompareScreen):
        configs = [side.config for side in screen.sides.values()]
    elif isinstance(screen, LessonScreen):
        configs = [screen.run.config]
    else:
        configs = [app.config]
    return tuple((c.resolved(), c.overrides) for c in configs)


def changed(before: tuple, after: tuple) -> set[str]:
    names = set()
    for (old, old_overrides), (new, new_overrides) in zip(before, after):
        names |= {name for name in LOCKABLE if old[name] != new[name]}
        if old_overrides != new_overrides:
            names.add("init")
    return names


SAID: list[str] = []  # every notice said since the case started (the ``said`` fixture records them)


@pytest.fixture(autouse=True)
def said(monkeypatch):
    """Record each notice as it is said: toasts and the lesson's notice line go away after a few seconds, which on
    a loaded machine can come before the check."""
    from tui.app import ShallowApp

    original = ShallowApp.notify  # every screen's notify comes here (the lesson's notice line too)

    def notify(self, message, *args, **kwargs):
        SAID.append(str(message))
        return original(self, message, *args, **kwargs)

    SAID.clear()
    monkeypatch.setattr(ShallowApp, "notify", notify)
    yield SAID
    SAID.clear()


def notices(app) -> list[str]:
    return list(SAID)


async def start(app, pilot, where: str, base: int) -> None:
    """The screen ``where`` on starting run ``base``, nothing locked, no notices."""
    from tui.compare import CompareScreen, side_configs
    from tui.lesson.screen import LessonScreen

    app.locked = frozenset()
    while len(app.screen_stack) > 1 and not isinstance(app.screen, (CompareScreen, LessonScreen)):
        app.pop_screen()  # a modal a key opened
    await pilot.pause()
    if where == "main":
        app._pause_run()
        with app._lock:
            app.trainer.reset(BASES[base])
        app._refresh_from_trainer()
    elif where == "compare":
        screen = app.screen
        screen.pause()
        for side, config in zip("AB", side_configs(BASES[base])):
            screen.sides[side].reset(config)
        screen.shown_side = "AB"[base]
        screen.redraw()
    else:
        app.screen.go_to(LESSON_STEPS[base])
        app.screen.clear_notice()
    app.clear_notifications()
    await pilot.pause()
    SAID.clear()


async def open_screen(app, pilot, where: str) -> None:
    if where == "compare":
        app.action_compare()
    elif where == "lesson":
        app.action_lesson()
    await pilot.pause()


def screen_keys(app, where: str) -> list[str]:
    from tui.compare import CompareScreen
    from tui.lesson.screen import LessonScreen

    table = {"main": type(app), "compare": CompareScreen, "lesson": LessonScreen}[where].BINDINGS
    keys = []
    for binding in table:
        action = binding.action.split("(")[0].removeprefix("app.")
        if action not in NOT_SETTINGS:
            keys += [key for key in binding.key.split(",") if key not in keys]
    return keys


async def refusals_hold(app, pilot, where: str, cases: list, act) -> set[str]:
    """Try each case unlocked from each base; lock what it changed and try again. What the cases changed."""
    found: set[str] = set()
    for case in cases:
        refused: set[str] = set()  # each setting a case changes is tried locked once (from the first base it moved)
        for base in range(len(BASES)):
            await start(app, pilot, where, base)
            before = settings_of(app)
            await act(case)
            moved = changed(before, settings_of(app))
            found |= moved
            for name in moved - refused:
                refused.add(name)
                await start(app, pilot, where, base)
                app.locked = locked_together({name})
                await act(case)
                assert settings_of(app) == before, (where, case, name)
                # hidden and layers say the same thing: locking one locks both, and either may be named
                assert any(locks.notice(n) in notices(app) for n in app.locked), (where, case, name, notices(app))
    return found


@pytest.mark.parametrize("where", ["main", "compare", "lesson"])
async def test_every_key_of_a_locked_setting_refuses(make_app, where, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, where)
        keys = screen_keys(app, where)
        assert {"z", "x", "i", "s", "S", "a", "plus", "minus"} <= set(keys)

        async def press(key):
            await pilot.press(key)
            await pilot.pause()

        found = await refusals_hold(app, pilot, where, keys, press)
    assert found >= EXPECTED[where], found


def _palette_providers(app, where):
    from tui.compare import CompareCommands
    from tui.screens.palette import RunCommands
    from tui.screens.value_input import TypedSettingCommands

    providers = [RunCommands, TypedSettingCommands] + ([CompareCommands] if where == "compare" else [])
    return [(provider, provider(app.screen)) for provider in providers]


def _commands(app, where):
    return [(provider.__name__, i, *command) for provider, instance in _palette_providers(app, where)
            for i, command in enumerate(instance.commands())]


def _is_setting(callback) -> bool:
    function = getattr(callback, "func", callback)
    return function.__name__.removeprefix("action_") not in NOT_SETTINGS


@pytest.mark.parametrize("where", ["main", "compare", "lesson"])
async def test_every_palette_entry_of_a_locked_setting_refuses_and_says_so(make_app, where, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, where)
        entries = [(provider, i) for provider, i, _name, callback, _help in _commands(app, where)
                   if _is_setting(callback)]
        assert len(entries) > 20

        async def pick(entry):
            provider, index = entry
            _p, _i, name, callback, help_text = next(c for c in _commands(app, where) if c[:2] == entry)
            if app.locked:  # the entry says why it will refuse before it is picked
                assert help_text == t("lock.mark"), (name, app.locked)
            result = callback()
            if inspect.isawaitable(result):
                await result
            await pilot.pause()
            from tui.screens.value_input import ValueInputScreen

            if isinstance(app.screen, ValueInputScreen):  # a typed value: type one the setting can take
                app.screen.query_one("Input").value = {"lr": "0.7", "scale": "0.3", "seed": "5", "hidden": "6",
                                                       "samples": "60", "noise": "0.1", "layers": "6,3", "features": "x1,x2,x1x2",
                                                       "test_samples": "50"}[app.screen.option]
                await pilot.press("enter")
                await pilot.pause()

        found = await refusals_hold(app, pilot, where, entries, pick)
    assert found >= EXPECTED[where] - ({"dataset", "lr", "seed"} if where == "lesson" else set()), found
    if where == "main":
        assert {"samples", "noise"} <= found  # the typed values


@pytest.mark.parametrize("locked", [{name} for name in LOCKABLE], ids=lambda names: "-".join(sorted(names)))
def test_the_help_marks_the_keys_of_a_locked_setting(locked):
    from tui.screens.help import KEYS, help_text

    locked = locked_together(locked)
    plain, marked = str(help_text(200)), str(help_text(200, locked=locked))
    rows = [row for _title, keys in KEYS for row in keys if len(row) == 3 and row[2] in locked]
    assert marked.count(t("lock.mark")) == len(rows) and t("lock.mark") not in plain
    for key, what, _setting in rows:
        assert f"{t(what)} ({t('lock.mark')})" in marked


async def test_the_app_opens_a_lab_config_with_its_locks(tmp_path, monkeypatch):
    """--config lab.toml with lock: the app gets the lock, z says why it does nothing, the help marks it."""
    import tui.app
    import tui.cli

    lab = tmp_path / "lab.toml"
    lab.write_text('init = "constant"\nscale = 0.5\nhidden = 3\nlock = ["init", "hidden"]\n')
    opened = {}
    monkeypatch.setattr(tui.app, "run_app", lambda config, **kw: opened.update(config=config, **kw) or 0)
    assert tui.cli.main(["--config", str(lab)]) == 0
    assert opened["locked"] == {"init", "hidden", "layers"} and opened["config"].hidden == 3
    app = tui.app.ShallowApp(opened["config"], locked=opened["locked"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z", "plus")
        await pilot.pause()
        assert app.config == opened["config"]
        assert locks.notice("init") in notices(app) and locks.notice("hidden") in notices(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert t("lock.mark") in str(app.screen.query_one("#help-text").render())
