"""Snapshots of compare mode (zeros vs random after 100 steps) and of a Korean lesson step, at 80×24.

Deterministic: fixed seed, keys only (no auto-run, no clock), toasts cleared before the shot.
"""
from __future__ import annotations

import pytest

from engine.config import Config
from tui import i18n
from tui.app import ShallowApp


@pytest.fixture
def korean():
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def test_compare_after_100_steps_at_80x24(snap_compare):
    async def hundred(pilot) -> None:
        await pilot.press("right_square_bracket", "right_square_bracket", "space")
        assert pilot.app.screen.sides["B"].trainer.iteration == 100
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(ShallowApp(Config(compare=True, seed=1)), terminal_size=(80, 24), run_before=hundred)


def test_lesson_step_2_in_korean_at_80x24(snap_compare, korean):
    async def second(pilot) -> None:
        await pilot.pause()
        await pilot.press("n")
        assert pilot.app.screen.step_info.number == 2
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(ShallowApp(Config(), lesson=True), terminal_size=(80, 24), run_before=second)
