"""Every number on screen at a readable, fixed precision (issue 12, point 12): no 17-digit float anywhere.

A double printed in full ("16.912544808925205") is unreadable next to 4-digit numbers, and its last digits
differ between CPUs (NumPy picks SIMD kernels by CPU), so a snapshot holding it fails on another machine.
"""
from __future__ import annotations

import re

import pytest

from engine.config import Config
from engine.trainer import Trainer
from tests.tui.conftest import screen_lines
from tui import i18n
from tui.app import ShallowApp
from tui.lesson.steps import STEPS
from tui.run_side import points_of
from tui.widgets.run_frame import RunFrame
from tui.widgets.weights import weights_table

DECIMAL = re.compile(r"\d*\.\d+(?:e[+-]?\d+)?")


def readable(number: str) -> bool:
    """At most 4 decimals (the status bar's "loss 122.4732") or at most 4 significant digits (fmt4's
    "0.01609", "1.234e-17"): a fixed precision either way."""
    mantissa = number.split("e")[0]
    decimals = len(mantissa.partition(".")[2])
    significant = len(mantissa.replace(".", "").lstrip("0"))
    return decimals <= 4 or significant <= 4


def long_numbers(lines: list[str]) -> list[str]:
    return [number for line in lines for number in DECIMAL.findall(line) if not readable(number)]


def test_the_check_finds_a_full_double():
    assert long_numbers(["smallest gap between units: 16.912544808925205"]) == ["16.912544808925205"]
    assert long_numbers(["loss 0.6931 · acc 90.2% · gap 1.086 · 1e-17 · iter 100000 · loss 122.4732"]) == []
    assert long_numbers(["gap 0.016094062634087632", "1.0857272942119693"]) == ["0.016094062634087632",
                                                                                  "1.0857272942119693"]


def test_the_gap_is_shown_to_4_digits_and_an_exact_zero_as_exact():
    trainer = Trainer(Config())
    trainer.step(100)
    table = weights_table(trainer.snapshot(), 80).plain
    gap = trainer.snapshot().unit_gap
    assert f"smallest gap between units: {gap:.4g}" in table and repr(gap) not in table
    trainer = Trainer(Config(init="constant"))
    trainer.step(100)
    assert "smallest gap between units: 0.0 (exactly" in weights_table(trainer.snapshot(), 80).plain


@pytest.fixture(params=["en", "ko"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.mark.parametrize("size, code", [((80, 24), "en"), ((120, 40), "en"), ((160, 48), "en"), ((80, 24), "ko")],
                         ids=["80x24", "120x40", "160x48", "ko-80x24"])
async def test_no_long_number_on_the_main_screens(size, code):
    i18n.set_language(code)
    try:
        await _main_screens(size)
    finally:
        i18n.set_language("en")


async def _main_screens(size) -> None:
    app = ShallowApp(Config(scale=1.0))  # a gap of ~16 after 100 iterations: the number that was printed in full
    async with app.run_test(size=size) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "space")
        seen = []
        await pilot.press("2")
        await pilot.pause()
        seen += screen_lines(app)  # the main run's weights panel, before compare mode
        for panel in "1234":
            await pilot.press(panel)
            await pilot.pause()
            seen += screen_lines(app)
        await pilot.press("c", "space", "right_square_bracket", "space")
        await pilot.pause()
        for panel in "123":
            await pilot.press(panel)
            await pilot.pause()
            seen += screen_lines(app)
        assert long_numbers(seen) == []
        assert f"{app.trainer.snapshot().unit_gap:.4g}" in "".join(seen)  # the gap was on screen, to 4 digits


async def test_no_long_number_in_any_lesson_step(language):
    app = ShallowApp(Config(), lesson=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen = []
        for _ in STEPS:
            for panel in (str(app.screen.panel), "2"):  # the step's own panel, and the weights
                await pilot.press(panel)
                await pilot.pause()
                seen += screen_lines(app)
            await pilot.press("space", "n")
            await pilot.pause()
        assert long_numbers(seen) == []
