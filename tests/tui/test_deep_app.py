"""The app with several hidden layers or other inputs (issue 14): it opens, steps, runs and draws every panel
without an error, the status bar counts distinct units per layer, and the boundary is the deep network's."""
from __future__ import annotations

import re

import numpy as np
import pytest

from engine.config import Config
from engine.plane import fields, grid, params_of
from engine.trainer import Trainer
from tests.tui.conftest import status_text


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_a_deep_network_opens_steps_runs_and_draws_every_panel(make_app, size):
    app = make_app(layers=(10, 5), init="constant", scale=0.5, activation="relu", lr=0.01)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        status = status_text(app)
        assert "1 of 10 · 1 of 5 units distinct" in status, status
        await pilot.press("space", "space", "left", "space")
        await pilot.pause()
        assert app.trainer.iteration == 2 and "iter 2 " in status_text(app)
        for panel in ("1", "2", "3", "4"):
            await pilot.press(panel)
            await pilot.pause()
        weights = str(app.query_one("#weights-table").render())  # layer 1's table (tests/tui/test_weights_layers.py)
        assert "W1[·,x1]" in weights and "identical units: {h1–h10}" in weights
        await pilot.press("x")  # random init: every unit of every layer differs
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert "10 of 10 · 5 of 5 units distinct" in status_text(app)
        await pilot.press("r")
        await pilot.pause(0.3)
        await pilot.press("r")
        await pilot.pause()
        assert app.trainer.iteration > 1
        await pilot.press("q")
    assert app.return_code == 0


async def test_one_hidden_layer_keeps_its_status_words(make_app):
    app = make_app(hidden=3, init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = status_text(app)
        assert " · 1 of 3 units distinct · " in status and status.count(" of ") == 1, status
        await pilot.press("q")


async def test_other_inputs_open_and_draw(make_app):
    app = make_app(features="x1,x2,x1x2", hidden=3)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        weights = str(app.query_one("#weights-table").render())
        assert "W1[·,x1x2]" in weights
        diagram = str(app.query_one("#diagram").render())  # each input by its feature name, with its edges
        for name in ("x1", "x2", "x1x2"):
            assert len(re.findall(rf"^ {name} +[┄─━]+[+−0][┄─━]+ ", diagram, re.MULTILINE)) == 3, diagram
        await pilot.press("q")
    assert app.return_code == 0


def test_the_boundary_over_the_plane_is_the_deep_networks_own_prediction():
    trainer = Trainer(Config(layers=(6, 4), features="x1,x2,x1sq", init="he", samples=50))
    trainer.step(50)
    snapshot = trainer.snapshot()
    bounds = (-2.0, 2.0, -1.5, 1.5)
    A1, y_hat = fields(params_of(snapshot.layers), "tanh", bounds, 7, 5, ("x1", "x2", "x1sq"))
    points = grid(bounds, 7, 5)
    A = np.vstack([points, points[:1] ** 2])
    for l in range(1, 3):
        A = np.tanh(trainer.params.W(l) @ A + trainer.params.b(l))
        if l == 1:
            assert np.allclose(A1.reshape(6, -1), A, rtol=1e-12, atol=1e-12)
    Z3 = trainer.params.W(3) @ A + trainer.params.b(3)
    assert np.allclose(y_hat.ravel(), 1 / (1 + np.exp(-Z3[0])), rtol=1e-12, atol=1e-12)
