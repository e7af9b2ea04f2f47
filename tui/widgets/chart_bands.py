"""The loss charts' layout (the main run's and compare mode's): curves in bands, stacked on one plotext canvas.

Each kind of number gets rows of its own, top to bottom: accuracy (50–100 %), loss (0 up), and the unit gap
(log10, right axis), whose bottom row is kept for a gap of exactly 0 ("0 exact": identical units). No value
of one band can be drawn on a row of another, so a converged loss never covers the "0 exact" row and a gap's
plateau never covers the accuracy's (both happened when they shared one scale). No legend box: the panels'
border titles name the curves. With few rows, accuracy and loss share one band (accuracy drawn last).

The plot is laid out when it is drawn (``BandedPlot.render``), when its size, and so its rows, are known.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from textual_plotext import PlotextPlot

from tui.i18n import t

LOG_SLACK = 0.01  # in log10 units: how far from a decade a gap may be and still be labelled by it
NICE = (1, 1.2, 1.5, 2, 3, 4, 5, 6, 8)  # × 10ⁿ: a band's top, at or above its largest value (halves are nice too)
SPLIT_ROWS = 6  # from this many rows above the gap band, accuracy and loss get a band each


@dataclass(frozen=True)
class Curve:
    iterations: tuple[int, ...]
    values: tuple[float, ...]  # loss, accuracy (0…1), or the unit gap itself (0.0 = exact), not its log
    marker: str
    color: str
    shared_marker: str | None = None  # the marker when it shares a band with others (braille would blur them)


@dataclass(frozen=True)
class Chart:
    """What a banded plot draws, each group in drawing order (a later curve wins a shared cell)."""

    accuracy: tuple[Curve, ...]
    loss: tuple[Curve, ...]
    gaps: tuple[Curve, ...]
    last_iteration: int


def iteration_ticks(last: int) -> list[int]:
    """Whole-number iteration ticks from 0 to about ``last``, 1·2·5·10ⁿ apart (plotext's own say 27865.8)."""
    if last <= 0:
        return [0]
    rough = last / 4
    power = 10 ** max(0, math.floor(math.log10(rough)))
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= rough), 10 * power)
    return list(range(0, last + 1, step))


def nice_top(largest: float) -> float:
    """The first of … 0.8, 1, 1.2, 1.5, 2, 3 … at or above ``largest`` (1 for nothing to show)."""
    if not largest > 0 or not math.isfinite(largest):
        return 1.0
    largest = max(largest, 1e-300)  # a subnormal loss: 10 ** its decade would underflow to 0
    power = 10.0 ** math.floor(math.log10(largest))
    return next(m * power for m in (*NICE, 10) if m * power >= largest * (1 - 1e-12))


def decade_label(power: int) -> str:
    return {-2: "0.01", -1: "0.1", 0: "1", 1: "10", 2: "100"}.get(power, f"1e{power}")


def canvas_rows(height: int) -> int:
    """plotext's canvas rows in a plot ``height`` rows tall: less the x axis line and its tick labels (the
    axis line above the canvas is turned off: the panel's border is there)."""
    return height - 2


@dataclass(frozen=True)
class Rows:
    """A band: canvas rows ``low`` … ``high``, counted from the bottom (0)."""

    low: int
    high: int

    def at(self, fraction: float) -> float:
        """The position of ``fraction`` (0 bottom, 1 top) of the band, in rows."""
        return self.low + (self.high - self.low) * fraction


def band_rows(rows: int, gaps: bool, real_gaps: bool, split: bool) -> dict[str, Rows]:
    """Which rows each band gets: the gap band at the bottom (a third, or with loss alone above it nearly half;
    two rows when every gap is exactly 0, its own and one to set it apart), accuracy above loss when both are
    drawn and there is room for both."""
    share = 0.34 if split else 0.45
    gap_rows = 0 if not gaps else max(3, round(share * rows)) if real_gaps else 2
    gap_rows = min(gap_rows, rows - 2)  # two rows at least above it
    if gap_rows < 2:  # no room for "0 exact" and a row above it apart: no gap band
        gap_rows = 0
    bands = {"gap": Rows(0, gap_rows - 1)} if gap_rows else {}
    free = rows - gap_rows
    if split and free >= SPLIT_ROWS:
        loss_rows = free // 2
        bands["loss"] = Rows(gap_rows, gap_rows + loss_rows - 1)
        bands["accuracy"] = Rows(gap_rows + loss_rows, rows - 1)
    else:
        bands["loss"] = bands["accuracy"] = Rows(gap_rows, rows - 1)
    return bands


def accuracy_floor(accuracies) -> float:
    """The accuracy band's bottom: chance (50 %) for two balanced classes, lower (by tenths) if the run is."""
    lowest = min(accuracies, default=0.5)
    return min(0.5, math.floor(lowest * 10 + 1e-9) / 10)


def linear_ticks(band: Rows, bottom: float, top: float, percent: bool) -> tuple[list[float], list[str]]:
    """Ticks at the band's bottom and top, and halfway when it has 5 rows or more."""
    fractions = (0, 0.5, 1) if band.high - band.low >= 4 else (0, 1)
    values = [bottom + f * (top - bottom) for f in fractions]
    labels = [f"{v * 100:.3g}%" if percent else f"{v:g}" for v in values]
    return [band.at(f) for f in fractions], labels


def gap_scale(band: Rows, low: int, high: int):
    """Where the gap band puts log10(gap) (None: exactly 0), and its ticks: 0 on the band's bottom row, decade
    ``low`` on the next, ``high`` at most on its top; a whole number of rows per decade, or of decades per row,
    so that each decade tick has a row of its own."""
    rows, span = band.high - band.low, high - low  # rows above the "0 exact" row
    zero = ([band.low], [t("chart.exact_zero")])
    if rows <= 1:  # one row for every real gap: it says only that they are not 0
        return (lambda g: band.low + (0 if g is None else rows)), (zero[0] + [band.low + rows],
                                                                    zero[1] + [t("chart.above_zero")])
    if span <= rows - 1:
        per_decade = (rows - 1) // span  # rows
        decades = list(range(low, high + 1))
        position = lambda g: band.low + (0 if g is None else 1 + (g - low) * per_decade)  # noqa: E731
    else:
        per_row = math.ceil(span / (rows - 1))  # decades
        decades = list(range(low, high + 1, per_row))
        position = lambda g: band.low + (0 if g is None else 1 + (g - low) / per_row)  # noqa: E731
    return position, (zero[0] + [position(d) for d in decades], zero[1] + [decade_label(d) for d in decades])


def lay_out(plt, chart: Chart, height: int) -> None:
    """Plot ``chart`` on ``plt`` (cleared) for a plot ``height`` rows tall.

    Every curve is drawn in rows (plotext's limits are 0 … rows - 1 on both sides): plotext puts a value y on
    row floor(y + 0.5), and a braille value within a row or two eighths of one, so a value mapped within a
    band's rows stays within them."""
    plt.xaxes(True, False)
    rows = canvas_rows(height)
    if rows < 2:
        return
    logs = [[math.log10(g) if g > 0 else None for g in curve.values] for curve in chart.gaps]
    real = [g for curve in logs for g in curve if g is not None]
    bands = band_rows(rows, bool(chart.gaps), bool(real), bool(chart.accuracy and chart.loss))
    left_ticks, left_labels = [], []
    # Accuracy and loss: each on its band, the loss from 0, the accuracy from chance (or below, where the run
    # is); sharing one band, they share one scale from 0.
    loss_top = nice_top(max((v for curve in chart.loss for v in curve.values), default=1.0))
    shared = bands["loss"] == bands["accuracy"]
    scales = {"loss": (0.0, loss_top),
              "accuracy": (accuracy_floor(v for curve in chart.accuracy for v in curve.values), 1.0)}
    if shared and chart.accuracy:
        scales["loss"] = scales["accuracy"] = (0.0, max(loss_top, 1.0))
    for name, curves in (("loss", chart.loss), ("accuracy", chart.accuracy)):
        if not curves:
            continue
        band, (bottom, top) = bands[name], scales[name]
        if not (shared and name == "accuracy"):
            ticks, labels = linear_ticks(band, bottom, top, percent=name == "accuracy" and not shared)
            left_ticks += ticks
            left_labels += labels
        for curve in curves:
            if curve.iterations:
                marker = curve.shared_marker if shared and curve.shared_marker else curve.marker
                plt.plot(list(curve.iterations), [band.at((v - bottom) / (top - bottom)) for v in curve.values],
                         marker=marker, color=curve.color)
    plt.ylim(0, rows - 1, yside="left")
    plt.yticks(left_ticks, left_labels, yside="left")
    if "gap" in bands:  # (not on a chart of 3 rows or fewer)
        # Decades, with a little slack: the lesson's 1e-12 nudge measures 9.9998e-13, and is labelled 1e-12.
        low = math.floor(min(real) + LOG_SLACK) if real else 0
        high = max(low + 1, math.ceil(max(real) - LOG_SLACK)) if real else low + 1
        position, (ticks, labels) = gap_scale(bands["gap"], low, high)
        if not real:
            ticks, labels = ticks[:1], labels[:1]
        for curve, curve_logs in zip(chart.gaps, logs):
            if curve.iterations:
                plt.plot(list(curve.iterations), [position(g) for g in curve_logs], marker=curve.marker,
                         color=curve.color, yside="right")
        plt.ylim(0, rows - 1, yside="right")
        plt.yticks(ticks, labels, yside="right")
    plt.xlim(0, max(1, chart.last_iteration))
    ticks = iteration_ticks(chart.last_iteration)
    plt.xticks(ticks, [str(tick) for tick in ticks])


class BandedPlot(PlotextPlot):
    """A PlotextPlot that lays its Chart out for its own size when it is drawn, and only then: Textual also
    asks again for an unchanged plot (a screen over it goes, the app is resized twice quickly), and plotext's
    build is the costly part (~20 ms at 160×48)."""

    chart: Chart | None = None
    _version = 0
    _drawn: tuple | None = None  # ((version, size, theme), what plotext built)

    def show(self, chart: Chart) -> None:
        self.chart = chart
        self._version += 1
        self.refresh()

    def render(self):
        key = (self._version, self.size, self.app.theme)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        self.plt.clear_figure()
        if self.chart is not None:
            lay_out(self.plt, self.chart, self.size.height)
        drawn = super().render()
        self._drawn = (key, drawn)
        return drawn


def gap_values(records) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The iterations and finite unit gaps of ``records`` (none for one hidden unit)."""
    points = [(r.iteration, r.unit_gap) for r in records
              if r.unit_gap is not None and math.isfinite(r.unit_gap) and r.loss is not None and math.isfinite(r.loss)]
    return tuple(i for i, _ in points), tuple(g for _, g in points)
