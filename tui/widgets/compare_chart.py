"""Compare mode's chart: both runs' loss curves (left axis) above both unit gaps (log10, right axis, whose bottom
row is a gap of exactly 0), in rows of their own (tui/widgets/chart_bands.py): B's converged loss cannot cover
A's "0 exact".

Each curve is drawn with its side's letter: loss A with "A", loss B with "B", the gaps with "a" and "b",
so the curves name themselves, with colour off (NO_COLOR, a monochrome terminal) too, and no legend box
covers the plot. The border title says which letters are which side and its init, in the side's colours (at
80 columns the side status lines have no room for the init); the subtitle names the axes.
"""
from __future__ import annotations

import math

from textual.containers import Vertical
from textual.markup import escape

from tui.i18n import t
from tui.widgets.chart_bands import BandedPlot, Chart, Curve, gap_values
from tui.widgets.run_frame import RunFrame, init_label

# side -> (loss colour, gap colour, loss marker, gap marker)
STYLES = {"A": ("orange", "magenta", "A", "a"), "B": ("cyan", "green", "B", "b")}


def title_markup(frames: dict[str, RunFrame]) -> str:
    """The border title: each side, its init and its curves' letters in their colours."""
    return " · ".join(
        t("compare.chart_side", side=side, init=escape(init_label(frame.config)),
          loss=f"[{STYLES[side][0]}]{STYLES[side][2]}[/]", gap=f"[{STYLES[side][1]}]{STYLES[side][3]}[/]")
        for side, frame in frames.items())


class CompareChart(Vertical):
    def compose(self):
        yield BandedPlot(id="compare-plot")

    def on_mount(self) -> None:
        self.border_subtitle = t("compare.chart_axes")

    def show(self, frames: dict[str, RunFrame]) -> None:
        self.border_title = title_markup(frames)
        losses, gaps = [], []
        for side, frame in frames.items():
            loss_colour, gap_colour, loss_marker, gap_marker = STYLES[side]
            records = [r for r in frame.records if r.loss is not None and math.isfinite(r.loss)]
            losses.append(Curve(tuple(r.iteration for r in records), tuple(r.loss for r in records), loss_marker,
                                loss_colour))
            gap_iterations, gap = gap_values(records)
            if gap:
                gaps.append(Curve(gap_iterations, gap, gap_marker, gap_colour))
        last = max((r.iteration for frame in frames.values() for r in frame.records), default=0)
        self.query_one("#compare-plot", BandedPlot).show(Chart(accuracy=(), loss=tuple(losses), gaps=tuple(gaps),
                                                               last_iteration=last))
