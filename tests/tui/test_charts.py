"""The loss charts (main run, lesson, compare mode): each kind of number in rows of its own, no legend box over
the data, the axes named in words on the border, "0 exact" on a row of its own; at stated terminal sizes."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual_plotext.plot import Plot

from engine.config import Config
from tests.tui.conftest import screen_lines
from tui.widgets.chart_bands import Chart, Curve, band_rows, canvas_rows, lay_out, nice_top

BRAILLE = range(0x2801, 0x2900)  # the blank braille cell (U+2800) is no mark


def canvas(chart: Chart, width: int, height: int) -> list[str]:
    """The plot's canvas rows as text, top first (plotext's own rendering, without colour)."""
    plt = Plot()
    lay_out(plt, chart, height)
    plt.plotsize(width, height)
    plt._set_size(width, height)  # as textual-plotext's widget does: else plotext keeps to this terminal's size
    plt.theme("clear")
    lines = Text.from_ansi(plt.build()).plain.splitlines()
    return lines[:canvas_rows(height)]


def rows_with(lines: list[str], marks) -> set[int]:
    """Rows (counted from the bottom, 0) holding any of ``marks`` between the two axes."""
    found = set()
    for index, line in enumerate(reversed(lines)):
        inner = line[line.find("┤") + 1 if "┤" in line else line.find("│") + 1:]
        inner = inner[:max(inner.rfind("│"), inner.rfind("├"))]
        if any(mark(ch) if callable(mark) else ch == mark for ch in inner for mark in marks):
            found.add(index)
    return found


values = st.lists(st.floats(0, 1), min_size=1, max_size=40)
losses = st.lists(st.floats(0, 1e4, allow_infinity=False), min_size=1, max_size=40)
gaps = st.lists(st.one_of(st.just(0.0), st.floats(1e-300, 1e6)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(accuracy=values, loss=losses, gap=gaps, height=st.integers(4, 44), braille=st.sampled_from(["loss", "accuracy"]))
def test_no_curve_is_drawn_on_another_bands_rows(accuracy, loss, gap, height, braille):
    """Whatever the numbers and the panel's height, accuracy, loss and gap each stay on their band's rows, and an
    exact 0 gap is on the bottom row, alone there (braille, the app's marker for both, has its own rounding)."""
    n = min(len(accuracy), len(loss), len(gap))
    iterations = tuple(range(0, 10 * n, 10))
    marks = {"loss": "L", "accuracy": "C"}
    marks[braille] = "braille"
    chart = Chart(accuracy=(Curve(iterations, tuple(accuracy[:n]), marks["accuracy"], "cyan"),),
                  loss=(Curve(iterations, tuple(loss[:n]), marks["loss"], "orange"),),
                  gaps=(Curve(iterations, tuple(gap[:n]), "g", "red"),), last_iteration=iterations[-1])
    lines = canvas(chart, 70, height)
    rows = canvas_rows(height)
    real = any(g > 0 for g in gap[:n])
    bands = band_rows(rows, True, real, True)
    found = {"L": rows_with(lines, "L"), "C": rows_with(lines, "C"), "g": rows_with(lines, "g"),
             "braille": rows_with(lines, [lambda ch: ord(ch) in BRAILLE])}
    shared = bands["loss"] == bands["accuracy"]  # then accuracy, drawn last, may cover the loss
    for name in ("loss", "accuracy"):
        band = bands[name]
        assert found[marks[name]] <= set(range(band.low, band.high + 1)), (name, found, band)
        assert found[marks[name]] or (shared and name == "loss"), (name, found)
    if "gap" not in bands:  # 3 rows or fewer: no room for it
        assert rows < 4 and not found["g"]
        return
    gap_band = bands["gap"]
    assert found["g"] <= set(range(gap_band.low, gap_band.high + 1))
    if 0.0 in gap[:n]:
        assert 0 in found["g"]
    if all(g > 0 for g in gap[:n]) and n > 0:
        assert 0 not in found["g"], "a real gap drawn on the '0 exact' row"


def test_a_small_chart_lets_accuracy_and_loss_share_a_band_above_the_gap():
    bands = band_rows(4, gaps=True, real_gaps=True, split=True)
    assert bands["loss"] == bands["accuracy"] and bands["gap"].high < bands["loss"].low
    bands = band_rows(14, gaps=True, real_gaps=True, split=True)
    assert bands["gap"].high < bands["loss"].low <= bands["loss"].high < bands["accuracy"].low
    assert band_rows(14, gaps=True, real_gaps=False, split=True)["gap"].high == 1  # all 0: "0 exact" and a spacer


@pytest.mark.parametrize("largest, top", [(0.0, 1.0), (0.6931, 0.8), (1.09, 1.2), (1.0, 1.0), (102.1, 120.0),
                                          (5e-324, 1e-300)])
def test_the_loss_band_tops_are_round(largest, top):
    assert nice_top(largest) == pytest.approx(top)


def test_gap_ticks_label_the_rows_of_a_rise_from_1e_12():
    """Lesson step 9: a 1e-12 nudge (measured 9.9998e-13) grows to ~0.005; the ticks say 1e-12, not 1e-13."""
    iterations = tuple(range(0, 10_001, 100))
    rise = tuple(9.9998e-13 * 10 ** (9.7 * i / 10_000) for i in iterations)
    chart = Chart(accuracy=(), loss=(Curve(iterations, (0.69,) * len(iterations), "L", "orange"),),
                  gaps=(Curve(iterations, rise, "g", "red"),), last_iteration=10_000)
    text = "\n".join(canvas(chart, 70, 14))
    assert "1e-12" in text and "1e-13" not in text and "0 exact" in text


# -- in the app, at stated sizes ---------------------------------------------------------------------------
def _plot_lines(app, plot_id: str) -> list[str]:
    plot = app.screen.query_one(f"#{plot_id}")
    region = plot.region
    return [line[region.x:region.right] for line in screen_lines(app)[region.y:region.bottom]]


async def _thousand_steps(app, pilot, panel: str = "3") -> None:
    await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "space", panel)
    await app.workers.wait_for_complete()
    for _ in range(20):  # the chart is drawn in the screen update after the key's
        await pilot.pause()
        if app.screen.query("#loss-plot") and any("0 exact" in line for line in _plot_lines(app, "loss-plot")):
            break


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (142, 44), (160, 48)])
async def test_the_accuracy_plateau_and_the_rising_gap_show_and_no_legend_covers_them(make_app, size):
    """Issue 12, points 2 and 15: random init, 1000 iterations. The legend box covered the top-left, the gap's
    x marks overdrew the 0.9 row, so accuracy after ~130 iterations was invisible."""
    app = make_app(init="random", seed=1)
    async with app.run_test(size=size) as pilot:
        await _thousand_steps(app, pilot)
        lines = _plot_lines(app, "loss-plot")
        text = "\n".join(lines)
        for legend_word in ("loss", "accuracy", "gap", "⅃", " L "):
            assert legend_word not in text, legend_word  # nothing but curves and ticks inside the plot
        top = next(i for i, line in enumerate(lines) if "100%" in line)
        bottom = next(i for i, line in enumerate(lines) if "0%" in line and "100%" not in line)
        accuracy_band = lines[top:bottom + 1]
        right_half = [line[len(line) // 2:-9] for line in accuracy_band]  # past the y labels, before the gap's
        assert any(ord(ch) in BRAILLE for line in right_half for ch in line), "\n".join(accuracy_band)
        exact = next(i for i, line in enumerate(lines) if "0 exact" in line)
        assert "x" not in lines[exact][:-9], "the random gap is never 0: nothing on the '0 exact' row"
        assert any("x" in line for line in lines[bottom + 1:exact]), "the gap's rise is drawn above '0 exact'"
        panel = app.query_one("#loss")
        assert "left axis" in str(panel.border_title) and "Accuracy" in str(panel.border_title)
        assert "right axis, log" in str(panel.border_subtitle) and "unit gap" in str(panel.border_subtitle)


async def test_identical_units_lie_on_the_0_exact_row(make_app):
    app = make_app(init="constant", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _thousand_steps(app, pilot)
        lines = _plot_lines(app, "loss-plot")
        exact = next(i for i, line in enumerate(lines) if "0 exact" in line)
        assert lines[exact].count("x") > 30
        assert not any("x" in line for line in lines[:exact])


async def test_compare_at_80x24_keeps_bs_converged_loss_off_as_0_exact(make_app):
    """Issue 12, point 3: the chart was 5 rows tall and B's converged loss overwrote A's '0 exact' gap."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *["right_square_bracket"] * 3, *["space"] * 14)
        await pilot.pause()
        lines = _plot_lines(app, "compare-plot")
        exact = next(i for i, line in enumerate(lines) if "0 exact" in line)
        assert lines[exact].count("a") > 50 and "B" not in lines[exact] and "b" not in lines[exact]
        assert all("A" not in line and "B" not in line for line in lines[exact - 2:exact + 1])
        assert any(line.count("b") > 30 for line in lines[:exact]), "B's gap above A's"
        assert any(line.count("A") > 50 for line in lines) and any(line.count("B") > 30 for line in lines)
        title = str(app.screen.query_one("#cmp-chart").border_title)
        assert "A zeros" in title and "B random 0.01" in title  # the side lines have no room for the init
