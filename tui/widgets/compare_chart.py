"""Compare mode's chart: both runs' loss curves and both unit gaps (log10, right axis) overlaid.

Side A is drawn in orange/magenta, side B in cyan/green, with different markers, so the curves can be
told apart without colour too (the legend names them).
"""
from __future__ import annotations

import math

from textual.containers import Vertical
from textual_plotext import PlotextPlot

from tui.i18n import t
from tui.widgets.loss_chart import GAP_FLOOR, log_gap
from tui.widgets.run_frame import RunFrame

STYLES = {"A": ("orange", "magenta", "braille", "x"), "B": ("cyan", "green", "•", "+")}


class CompareChart(Vertical):
    def compose(self):
        yield PlotextPlot(id="compare-plot")

    def on_mount(self) -> None:
        self.border_title = t("compare.chart")
        self.border_subtitle = t("compare.chart_x")

    def show(self, frames: dict[str, RunFrame]) -> None:
        plot = self.query_one("#compare-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        top = None
        for side, frame in frames.items():
            loss_colour, gap_colour, loss_marker, gap_marker = STYLES[side]
            records = [r for r in frame.records if r.loss is not None and math.isfinite(r.loss)]
            if not records:
                continue
            iterations = [r.iteration for r in records]
            plt.plot(iterations, [r.loss for r in records], label=t("chart.side_loss", side=side), marker=loss_marker,
                     color=loss_colour)
            gaps = [(r.iteration, log_gap(r.unit_gap)) for r in records]
            gaps = [(i, g) for i, g in gaps if g is not None]
            if gaps:
                top = max(top or 1, math.ceil(max(g for _, g in gaps)))
                plt.plot([i for i, _ in gaps], [g for _, g in gaps], label=t("chart.side_gap", side=side), marker=gap_marker,
                         color=gap_colour, yside="right")
        if top is not None:
            # plotext drops points outside the limits and then fails on a legend whose series is empty,
            # so the top grows with the largest gap (scale 10 puts every gap above 1).
            plt.ylim(GAP_FLOOR, top, yside="right")
            plt.yticks([GAP_FLOOR, -12, -6, 0], [t("chart.exact_zero"), "1e-12", "1e-6", "1"], yside="right")
        plot.refresh()  # no x label: at 80×24 that row is worth more as plot (the subtitle says "iteration")
