"""The panels' drawing code on its own: heatmaps, edges, numbers, gap axis, explanation, no arrays in frames."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from engine.config import Config
from engine.trainer import Trainer
from tui.app import ShallowApp
from tui.run_side import frame_of, points_of
from tui.widgets.diagram import diagram, edge
from tui.widgets.explanation import explain
from tui.widgets.heatmap import PALETTE, half_block_rows, levels
from tui.widgets.run_frame import RunFrame, fmt4
from tui.widgets.weights import weights_table


def test_a_flat_row_is_one_segment_and_equal_runs_merge():
    pixels = np.zeros((4, 30), dtype=int)
    pixels[0, 10:20] = 5  # top pixel differs in the middle of the first cell row
    first, second = half_block_rows(pixels)
    assert len(first.spans) == 3  # 10 spaces | 10 ▀ | 10 spaces
    assert first.plain == " " * 10 + "▀" * 10 + " " * 10
    assert len(second.spans) == 1


def test_glyphs_sit_on_their_cells():
    pixels = np.zeros((2, 5), dtype=int)
    (line,) = half_block_rows(pixels, {(0, 2): "●"})
    assert line.plain == "  ●  "


def test_levels_cover_the_palette():
    assert levels(np.array([0.0, 0.5, 1.0]), 0.0, 1.0).tolist() == [0, len(PALETTE) // 2, len(PALETTE) - 1]
    assert levels(np.array([np.nan]), 0.0, 1.0).tolist() == [len(PALETTE) // 2]


def test_edges_show_sign_and_size_without_colour():
    assert edge(0.0, 1.0).plain == "┄┄0┄┄"
    assert edge(1.0, 1.0).plain == "━━+━━"
    assert edge(-0.5, 1.0).plain == "──−──"
    assert edge(-0.1, 1.0).plain == "┄┄−┄┄"


@pytest.mark.parametrize("last", [0, 1, 7, 99, 303, 27_865, 1_002_944])
def test_iteration_ticks_are_whole_round_numbers_up_to_the_last(last):
    from tui.widgets.chart_bands import iteration_ticks

    ticks = iteration_ticks(last)
    assert ticks[0] == 0 and ticks[-1] <= last and all(isinstance(tick, int) for tick in ticks)
    assert 1 <= len(ticks) <= 6 and (last == 0 or ticks[-1] > last / 2)
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) <= 1 and all(str(step).strip("0") in ("1", "2", "5") for step in steps)


def test_fmt4_keeps_4_significant_digits_and_exact_zero():
    assert fmt4(0.41723) == "0.4172"
    assert fmt4(-1.9024e-5) == "-1.902e-5"
    assert fmt4(0.0) == "0"


def _frame(**settings) -> RunFrame:
    trainer = Trainer(Config(**settings))
    trainer.step(3)
    return RunFrame(trainer.config, trainer.snapshot(), tuple(trainer.history.records), points_of(trainer))


def test_identical_units_get_identical_pictures_and_marks():
    frame = _frame(init="constant")
    lines = diagram(frame.snapshot, "tanh", frame.points.bounds).split("\n")
    unit_lines = [line for line in lines if line.plain.startswith(" x1 ")]
    assert len(unit_lines) == 4
    assert all("≡A" in line.plain for line in unit_lines)

    def picture(line):  # the thumbnail's cells: characters and colours
        cells = line[10:20]
        return cells.plain, tuple((s.start, s.end, str(s.style)) for s in cells.spans)

    assert len({picture(line) for line in unit_lines}) == 1
    random_lines = [line for line in diagram(_frame().snapshot, "tanh", _frame().points.bounds).split("\n")
                    if line.plain.startswith(" x1 ")]
    assert len({picture(line) for line in random_lines}) == 4  # the comparison can tell pictures apart


def test_distinct_units_carry_no_group_mark():
    frame = _frame(init="random")
    lines = diagram(frame.snapshot, "tanh", frame.points.bounds).plain.split("\n")
    unit_lines = [line for line in lines if line.startswith(" x1 ")]
    assert len(unit_lines) == 4 and not any("≡" in line for line in unit_lines)


def test_weights_table_marks_identical_rows_and_shows_the_exact_gap():
    table = weights_table(_frame(init="zeros").snapshot, 80).plain
    assert "identical units: {h1,h2,h3,h4}" in table
    assert "smallest gap between units: 0.0 (exactly" in table
    assert "dW1[·,x1]" in table and "db1" in table and "dW2ᵀ" in table
    random_table = weights_table(_frame(init="random").snapshot, 200).plain
    assert "identical units: none" in random_table
    assert "│" in random_table  # wide enough: gradients beside the parameters


@pytest.mark.parametrize("settings, start", [
    (dict(init="zeros"), "frozen: zero weights with tanh: every weight gradient is exactly 0"),
    (dict(init="constant"), "symmetric: all 4 hidden units are identical"),
    (dict(init="random", scale=100.0), "saturated start (97% of |Z1| above 3 at iteration 0)"),
    (dict(init="random"), "learning: the loss fell from 0.6930"),
    (dict(init="random", lr=1e9), "unstable: the loss rose from 0.6930"),  # finite, so not 'diverged'
])
def test_explanation_wording(settings, start):
    from tui.run_facts import RunFactSource

    trainer = Trainer(Config(**settings))
    trainer.step(3)
    frame = frame_of(trainer, points_of(trainer), False, "", 1, RunFactSource())
    assert explain(frame).startswith(start)


def _contains_array(value) -> bool:
    if isinstance(value, np.ndarray):
        return True
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_contains_array(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return any(_contains_array(v) for v in value)
    return False


def test_frames_carry_plain_values_only():
    app = ShallowApp(Config())
    with app._lock:
        frame = app._make_frame(running=False)
    assert not _contains_array(frame)
    assert _contains_array((np.zeros(1),))  # the check itself can fail
