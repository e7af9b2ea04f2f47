"""`shallow-tui --steps N` opens the app at iteration N (issue 12, point 11): it used to be silently ignored."""
from __future__ import annotations

import subprocess
import sys

from engine.config import Config
from engine.trainer import Trainer
from tests.tui.conftest import status_text
from tui.app import ShallowApp


async def _until_paused(app, pilot) -> None:
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.running:
            return
    raise AssertionError("the run to --steps never stopped")


async def test_the_app_opens_trained_to_the_iteration_given():
    app = ShallowApp(Config(), start_at=500)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until_paused(app, pilot)
        await pilot.pause()
        assert app.trainer.iteration == 500  # stopped there, not one chunk further
        assert "iter 500" in status_text(app) and "paused" in status_text(app)
        reference = Trainer(Config())
        reference.step(500)
        assert app.trainer.params.equals(reference.params)  # the same run, bit for bit
        await pilot.press("space")
        assert app.trainer.iteration == 501  # and it goes on from there like any run


def test_help_says_where_steps_applies():
    import os

    result = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "COLUMNS": "200", "LANG": "C", "LC_ALL": ""})
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("--steps"))
    assert "where the app opens its run" in line and "not with --lesson" in line


async def test_the_run_to_the_opening_iteration_says_it_is_not_at_the_speed_setting():
    """On the way to --steps N the run goes as fast as it can: "▶ running 100 it/s" (the speed setting) was
    false there (1000 iterations took about a second). It says where it is going instead; paused, the speed
    setting is back."""
    app = ShallowApp(Config(), start_at=10_000_000)  # far enough that it is still on its way when looked at
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if app.trainer.iteration > 0 and "running" in status_text(app):
                break
        status = status_text(app)
        assert "▶ running at full speed to iteration 10000000" in status and "it/s" not in status, status
        await pilot.press("r")  # pause: the worker stops after its chunk
        for _ in range(500):
            await pilot.pause(0.01)
            if "paused" in status_text(app):
                break
        assert "paused (r runs at 100 it/s)" in status_text(app)
