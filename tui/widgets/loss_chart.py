"""Loss-chart panel (textual-plotext): accuracy above loss over iterations (left axis), above the unit gap on
a log scale (right axis), whose bottom row is a gap of exactly 0; each in rows of its own
(tui/widgets/chart_bands.py). With a test set (--test-samples), the test accuracy shares the accuracy's rows,
drawn in "+" (it reads apart from the training accuracy's line with colour off too), under the training
accuracy where both fall on one row.

No legend box over the data: the border title names the left axis's curves in their colours, the subtitle
the right axis's (English and Korean alike, as Textual lays border text out by cells).
"""
from __future__ import annotations

import math

from textual.containers import Vertical

from tui.i18n import t
from tui.teardown import torn_down
from tui.widgets.run_frame import RunFrame

# (marker, colour, marker when accuracy and loss share a band: a small panel) of each curve
LOSS, ACCURACY, GAP = ("braille", "orange"), ("braille", "cyan", "•"), ("x", "magenta")
TEST = ("+", "green", "+")


def coloured(word: str, curve: tuple) -> str:
    return f"[{curve[1]}]{word}[/]"


class LossChart(Vertical):
    """The plot widget is made the first time the panel is drawn: plotext and textual-plotext (~55 ms of
    imports) are not needed for the first frame, and at 80×24 not at all until the panel is chosen (3)."""

    _plot = None

    def on_mount(self) -> None:
        self._title(test=False)
        self.border_subtitle = t("chart.subtitle", gap=coloured(t("chart.gap"), GAP))

    def _title(self, test: bool) -> None:
        names = dict(accuracy=coloured(t("chart.accuracy"), ACCURACY), loss=coloured(t("chart.loss"), LOSS))
        if test:
            self.border_title = t("chart.title_test", **names, test=coloured(t("chart.test"), TEST))
        else:
            self.border_title = t("chart.title", **names)

    def show(self, frame: RunFrame) -> None:
        from tui.widgets.chart_bands import Chart, Curve, gap_values

        if self._plot is None:
            if torn_down(self):  # asked to draw as the app exits: nothing can be mounted (tui/teardown.py)
                return
            from tui.widgets.chart_bands import BandedPlot

            self._plot = BandedPlot(id="loss-plot")
            self.mount(self._plot)
        records = [r for r in frame.records if r.loss is not None and math.isfinite(r.loss)]
        iterations = tuple(r.iteration for r in records)
        gap_iterations, gaps = gap_values(records)
        tested = [r for r in records if r.test_accuracy is not None]
        self._title(test=bool(tested))
        test = (Curve(tuple(r.iteration for r in tested), tuple(r.test_accuracy for r in tested), *TEST),) if tested \
            else ()
        self._plot.show(Chart(
            # the test accuracy first: where the two share a row, the training accuracy's line is drawn over it
            accuracy=(*test, Curve(iterations, tuple(r.accuracy for r in records), *ACCURACY)),
            loss=(Curve(iterations, tuple(r.loss for r in records), *LOSS),),
            gaps=(Curve(gap_iterations, gaps, *GAP),) if gaps else (),
            last_iteration=iterations[-1] if iterations else 0))
