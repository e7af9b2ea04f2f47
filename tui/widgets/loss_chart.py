"""Loss-chart panel (textual-plotext): loss and accuracy over iterations, and the unit gap on a log scale.

The gap axis is log10 on the right; a gap of exactly 0 (symmetric units) has no logarithm, so it is
drawn at a floor below every real gap and that tick is labelled "0 exact".
"""
from __future__ import annotations

import math

from textual.containers import Vertical

from tui.i18n import t
from tui.widgets.run_frame import RunFrame

GAP_FLOOR = -18  # log10 of a gap smaller than any a double can show between two O(1) weights


def log_gap(gap: float | None) -> float | None:
    if gap is None or math.isnan(gap):
        return None
    if gap == 0:
        return GAP_FLOOR
    return max(GAP_FLOOR + 1, math.log10(gap)) if math.isfinite(gap) else 3.0


def iteration_ticks(last: int) -> list[int]:
    """Whole-number iteration ticks from 0 to about ``last``, 1·2·5·10ⁿ apart (plotext's own say 27865.8)."""
    if last <= 0:
        return [0]
    rough = last / 4
    power = 10 ** max(0, math.floor(math.log10(rough)))
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= rough), 10 * power)
    return list(range(0, last + 1, step))


class LossChart(Vertical):
    """The plot widget is made the first time the panel is drawn: plotext and textual-plotext (~55 ms of
    imports) are not needed for the first frame, and at 80×24 not at all until the panel is chosen (3)."""

    _plot = None

    def on_mount(self) -> None:
        self.border_title = t("panel.loss")

    def show(self, frame: RunFrame) -> None:
        if self._plot is None:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot(id="loss-plot")
            self.mount(self._plot)
        plot = self._plot
        plt = plot.plt
        plt.clear_figure()
        records = [r for r in frame.records if r.loss is not None and math.isfinite(r.loss)]
        iterations = [r.iteration for r in records]
        if iterations:
            plt.plot(iterations, [r.loss for r in records], label=t("chart.loss"), marker="braille", color="orange")
            plt.plot(iterations, [r.accuracy for r in records], label=t("chart.accuracy"), marker="•", color="cyan")
            gaps = [(r.iteration, log_gap(r.unit_gap)) for r in records]
            gaps = [(i, g) for i, g in gaps if g is not None]
            if gaps:
                plt.plot([i for i, _ in gaps], [g for _, g in gaps], label=t("chart.gap"),
                         marker="x", color="magenta", yside="right")
                # plotext drops points outside the limits and then crashes drawing the legend of a
                # series left empty (IndexError): at scale 10 every gap is > 10, so lift the top.
                plt.ylim(GAP_FLOOR, max(1, math.ceil(max(g for _, g in gaps))), yside="right")
                ticks = [GAP_FLOOR, -12, -6, 0]
                plt.yticks(ticks, [t("chart.exact_zero"), "1e-12", "1e-6", "1"], yside="right")
            ticks = iteration_ticks(iterations[-1])
            plt.xticks(ticks, [str(tick) for tick in ticks])
        plt.xlabel(t("chart.iteration"))
        plot.refresh()
