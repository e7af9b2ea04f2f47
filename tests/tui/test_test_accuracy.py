"""--test-samples in the app (issue 14 point 3): the status bar's `test` accuracy and the chart's test-accuracy
line, both the run's own numbers; neither without a test set."""
from __future__ import annotations

from engine.config import Config
from tests.tui.conftest import status_text
from tui.app import ShallowApp


async def test_status_and_chart_show_the_test_accuracy_of_the_run():
    app = ShallowApp(Config(dataset="circles", samples=120, test_samples=60, layers=(6, 3), init="he", lr=0.3))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "space", "space")  # stride 100: 200 its
        await pilot.pause(0.3)
        snapshot = app.trainer.snapshot()
        assert snapshot.iteration == 200 and snapshot.test_accuracy is not None
        status = status_text(app)
        assert f"acc {snapshot.accuracy:.1%} · test {snapshot.test_accuracy:.1%} · " in status, status
        chart = app.query_one("#loss")
        assert "test accuracy" in str(chart.border_title)
        test, train = chart._plot.chart.accuracy  # the training accuracy drawn last, over the test's
        records = app._frame.records  # the history, and the iteration on screen (the history lags one behind)
        assert records[-1].iteration == 200 and len(records) > 10
        assert test.values == tuple(r.test_accuracy for r in records) and test.values[-1] == snapshot.test_accuracy
        assert train.values == tuple(r.accuracy for r in records) and test.marker == "+"


async def test_without_a_test_set_neither_shows():
    app = ShallowApp(Config(layers=(6, 3)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await pilot.pause(0.3)
        assert " test " not in status_text(app)
        chart = app.query_one("#loss")
        assert "test" not in str(chart.border_title) and len(chart._plot.chart.accuracy) == 1
