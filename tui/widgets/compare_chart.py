"""Compare mode's chart: both runs' loss curves and both unit gaps (log10, right axis) overlaid.

Each curve is drawn with its side's letter: loss A with "A", loss B with "B", the gaps with "a" and "b",
so the curves name themselves, with colour off (NO_COLOR, a monochrome terminal) too, and no legend box
covers the plot (at 80×24 the plot is six rows high; plotext's legend took four of them). The border title
says which letters are which, in the side's colours.
"""
from __future__ import annotations

import math

from textual.containers import Vertical
from textual_plotext import PlotextPlot

from tui.i18n import t
from tui.widgets.loss_chart import GAP_FLOOR, iteration_ticks, log_gap
from tui.widgets.run_frame import RunFrame

# side -> (loss colour, gap colour, loss marker, gap marker)
STYLES = {"A": ("orange", "magenta", "A", "a"), "B": ("cyan", "green", "B", "b")}
GAP_HEADROOM = 4  # log10 units above the largest gap


def title_markup() -> str:
    """The border title with each side's letters in their curve's colour."""
    def letters(kind: int) -> str:
        return " ".join(f"[{STYLES[side][kind]}]{STYLES[side][kind + 2]}[/]" for side in STYLES)

    return t("compare.chart", loss=letters(0), gap=letters(1))


class CompareChart(Vertical):
    def compose(self):
        yield PlotextPlot(id="compare-plot")

    def on_mount(self) -> None:
        self.border_title = title_markup()
        self.border_subtitle = t("compare.chart_x")

    def show(self, frames: dict[str, RunFrame]) -> None:
        plot = self.query_one("#compare-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        top = None
        # Gaps first, losses last: where a gap and a loss share a cell, the loss (the lesson's point) shows.
        for side, frame in frames.items():
            _, gap_colour, _, gap_marker = STYLES[side]
            gaps = [(r.iteration, log_gap(r.unit_gap)) for r in frame.records
                    if r.loss is not None and math.isfinite(r.loss)]
            gaps = [(i, g) for i, g in gaps if g is not None]
            if gaps:
                top = max(top or 1, math.ceil(max(g for _, g in gaps)))
                plt.plot([i for i, _ in gaps], [g for _, g in gaps], marker=gap_marker, color=gap_colour,
                         yside="right")
        for side, frame in frames.items():
            loss_colour, _, loss_marker, _ = STYLES[side]
            records = [r for r in frame.records if r.loss is not None and math.isfinite(r.loss)]
            if records:
                plt.plot([r.iteration for r in records], [r.loss for r in records], marker=loss_marker,
                         color=loss_colour)
        if top is not None:
            # plotext drops points outside the limits (and used to fail on a legend whose series was empty),
            # so the top grows with the largest gap (scale 10 puts every gap above 1). GAP_HEADROOM keeps a
            # random side's gap (≈ 1) off the top row, where a frozen side's flat loss lies and would hide it.
            plt.ylim(GAP_FLOOR, top + GAP_HEADROOM, yside="right")
            plt.yticks([GAP_FLOOR, -12, -6, 0], [t("chart.exact_zero"), "1e-12", "1e-6", "1"], yside="right")
        last = max((r.iteration for frame in frames.values() for r in frame.records), default=0)
        ticks = iteration_ticks(last)
        plt.xticks(ticks, [str(tick) for tick in ticks])
        plot.refresh()  # no x label: at 80×24 that row is worth more as plot (the subtitle says "iteration")
