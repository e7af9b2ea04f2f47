"""Snapshots of the lecture's two runs after 100 iterations, at 80×24 and 120×40.

Deterministic: fixed seed (1), stepping by keys (no auto-run, no clock), toasts cleared before the shot.
"""
from __future__ import annotations

import pytest

from engine.config import Config
from tui.app import ShallowApp


async def _hundred_steps(pilot) -> None:
    await pilot.press("right_square_bracket", "right_square_bracket", "space")  # stride 100, one step
    assert pilot.app.trainer.iteration == 100
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("init", ["zeros", "random"])
def test_after_100_steps(snap_compare, init, size):
    assert snap_compare(ShallowApp(Config(init=init, seed=1)), terminal_size=size, run_before=_hundred_steps)


def test_boundary_panel_at_80x24_after_100_random_steps(snap_compare):
    async def boundary(pilot) -> None:
        await _hundred_steps(pilot)
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(ShallowApp(Config(init="random", seed=1)), terminal_size=(80, 24), run_before=boundary)
