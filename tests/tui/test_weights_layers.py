"""The weights panel with several hidden layers (issue 14 point 8): one layer's W[l], b[l] and gradients at a
time with identical rows marked, w / W (and the palette) to move between layers in the app, compare mode and
the lesson, fitting the panel at 80×24; one hidden layer keeps today's table."""
from __future__ import annotations

import pytest
from rich.cells import cell_len

from engine.config import Config, InitOverride
from engine.trainer import Trainer
from tests.tui.conftest import notifications, palette_pick
from tui import i18n
from tui.app import ShallowApp
from tui.widgets.weights import layer_table, weights_table


def weights_lines(app, selector="#weights-table") -> list[str]:
    return str(app.screen_stack[-1].query_one(selector).render()).splitlines()


def weights_title(app, selector="#weights") -> str:
    return str(app.screen_stack[-1].query_one(selector).border_title)


async def test_w_moves_between_hidden_layers_and_marks_each_layers_identical_units():
    # layer 1 all alike (a constant init), then two layers whose units differ (W3 random: layer 2's outgoing and
    # layer 3's incoming weights): the marks are each layer's own
    app = ShallowApp(Config(layers=(3, 4, 2), init="constant", scale=0.5, overrides=(InitOverride("W3", "random"),)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")  # the weights panel was hidden at 80×24: w shows it, at layer 1
        await pilot.pause()
        assert app.query_one("#weights").display and weights_title(app) == "Weights · layer 1 of 3 · iter 0"
        lines = weights_lines(app)
        assert lines[0].startswith("hidden layer (units):") and " 1 (3)  2 (4)  3 (2) " in lines[0]
        assert [line[:6] for line in lines[2:5]] == ["h1 ≡A ", "h2 ≡A ", "h3 ≡A "]
        assert "W1[·,x1]" in lines[1] and "dW1[·,x1]" in lines[1] and "identical units: {h1–h3}" in lines
        await pilot.press("w")
        await pilot.pause()
        assert weights_title(app) == "Weights · layer 2 of 3 · iter 0"
        lines = weights_lines(app)
        assert "W2[·,h3]" in lines[1] and not any("≡" in line for line in lines[2:6])  # W2 random: 4 distinct
        assert "identical units: none" in lines and "layer 2's outgoing weights: W3, in layer 3's table" in lines
        await pilot.press("w")
        await pilot.pause()
        lines = weights_lines(app)
        assert weights_title(app) == "Weights · layer 3 of 3 · iter 0"
        assert "W4ᵀ" in lines[1] and any(line.startswith("b4 ") for line in lines)  # the last: its output weights
        await pilot.press("w")  # round the end
        await pilot.pause()
        assert weights_title(app) == "Weights · layer 1 of 3 · iter 0"
        await pilot.press("W")
        await pilot.pause()
        assert weights_title(app) == "Weights · layer 3 of 3 · iter 0"
        await pilot.press("space")
        await pilot.pause()
        assert weights_title(app) == "Weights · layer 3 of 3 · iter 1"  # a step keeps the layer
        await palette_pick(app, pilot, "Weights panel: next hidden layer")
        assert weights_title(app) == "Weights · layer 1 of 3 · iter 1"


@pytest.mark.parametrize("layers", [(4,), (10, 5)])
async def test_the_four_panels_have_a_cell_each(layers):
    """(The panel's layer number was once called `layer`, which is Textual's CSS layer: weights sat on the network.)"""
    app = ShallowApp(Config(layers=layers))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        regions = [app.query_one(f"#{name}").region for name in ("net", "weights", "loss", "boundary")]
        assert all(not a.overlaps(b) for i, a in enumerate(regions) for b in regions[i + 1:]), regions


async def test_one_hidden_layer_keeps_todays_table_and_w_says_why_it_does_nothing():
    app = ShallowApp(Config(hidden=3, init="zeros"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = weights_lines(app)
        assert "W2ᵀ" in before[0] and before[1].startswith("h1 ≡A")  # today's table, no layer tabs
        await pilot.press("w")
        await pilot.pause()
        assert notifications(app)[-1] == ("one hidden layer: nothing to move to (ctrl+p, Type hidden layers… "
                                          "gives more)")
        assert weights_lines(app) == before and weights_title(app) == "Weights · iter 0"


@pytest.mark.parametrize("layers,features", [((64, 64, 64), "x1,x2"), ((10, 5), "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"),
                                             ((64, 1, 64, 2), "x1,x2,x1x2")])
@pytest.mark.parametrize("width", [78, 118])  # the panel's text width at 80 and 120 columns (one panel)
def test_every_layers_table_fits_the_panel_and_keeps_its_bias_and_marks(layers, features, width):
    trainer = Trainer(Config(layers=layers, features=features, init="constant", scale=0.5, samples=40))
    trainer.step(2)
    snapshot = trainer.snapshot()
    for l in range(1, len(layers) + 1):
        lines = layer_table(snapshot, l, width, tuple(features.split(","))).plain.splitlines()
        assert all(cell_len(line) <= width for line in lines), (l, max(lines, key=cell_len))
        rows = layers[l - 1] * (1 if "│" in lines[1] else 2)  # params beside gradients, or above them
        marked = sum(line.startswith("h") and "≡A" in line for line in lines)
        assert f"b{l}" in lines[1] and (marked == rows or layers[l - 1] == 1 and marked == 0), (l, marked)
        hidden = layers[l - 2] if l > 1 else len(features.split(","))
        shown = lines[1].split("│")[0].count(f" W{l}[")
        assert shown == hidden or f"+{hidden - shown}" in lines[1]  # the inputs left out are counted


def test_the_deep_table_is_the_snapshots_numbers():
    trainer = Trainer(Config(layers=(4, 3), samples=40, init="random"))
    trainer.step(5)
    s = trainer.snapshot()
    lines = weights_table(s, 158, ("x1", "x2"), layer=2).plain.splitlines()  # side by side
    row = lines[2].split()  # h1, then W2[0, :], b2[0], W3[0, 0] | dW2[0, :], db2[0], dW3[0, 0]
    from tui.widgets.run_frame import fmt4
    layer, output = s.hidden_layers[1], s.output
    n = len(layer.W[0]) + 2  # 4 inputs (layer 1's units), b2, W3ᵀ
    assert row[0] == "h1" and row[1:n + 1] == [fmt4(v) for v in (*layer.W[0], layer.b[0], output.W[0][0])]
    assert row[n + 1] == "│" and row[n + 2:] == [fmt4(v) for v in (*layer.dW[0], layer.db[0], output.dW[0][0])]


async def test_compare_mode_moves_both_sides_layers_together():
    app = ShallowApp(Config(layers=(10, 5)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("2", "w")
        await pilot.pause()
        for side in "AB":
            assert weights_title(app, f"#weights-{side}").startswith("Weights · layer 2 of 2")
        await pilot.press("space")
        await pilot.pause()
        zeros = weights_lines(app, "#weights-A #weights-table")
        assert zeros[2].startswith("h1 ≡A") and "identical units: {h1–h5}" in zeros


async def test_lesson_w_moves_the_lessons_weights_panel():
    app = ShallowApp(Config(), lesson=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.screen
        lesson.change(layers=(4, 3))
        await pilot.pause()
        await pilot.press("1", "w")  # the network panel: w shows the weights panel, at layer 1
        await pilot.pause()
        assert weights_title(app, "#lesson-weights").startswith("Weights · layer 1 of 2")
        await pilot.press("w")
        await pilot.pause()
        assert weights_title(app, "#lesson-weights").startswith("Weights · layer 2 of 2")


async def test_korean_layer_words():
    i18n.set_language("ko")
    try:
        app = ShallowApp(Config(layers=(4, 3)))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("w", "w")
            await pilot.pause()
            assert weights_title(app) == "가중치 · 층 2/2 · iter 0"
            assert weights_lines(app)[0].startswith("은닉층 (유닛 수):")
            app.change(layers=(4,))
            await pilot.press("w")
            await pilot.pause()
            assert notifications(app)[-1].startswith("은닉층이 하나라 옮겨 갈 층이 없습니다")
    finally:
        i18n.set_language("en")
