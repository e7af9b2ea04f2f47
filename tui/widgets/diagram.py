"""Network panel: inputs x1, x2 → hidden units (each with a thumbnail of A1 over the input plane) → ŷ.

Each hidden unit takes two lines: its incoming edges from x1 and x2 on the left, its picture in the
middle and its outgoing edge to ŷ on the right. An edge's glyph shows the weight's sign (+ −, 0) and size
(┄ small, ─ medium, ━ large, relative to the largest weight); colour repeats that for those who have it.
Identical units show identical pictures and carry the same group letter (≡A).
"""
from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from engine.plane import fields, params_of
from engine.trainer import Snapshot
from tui.i18n import t
from tui.widgets.heatmap import levels, half_block_rows
from tui.widgets.layers_summary import layers_text
from tui.widgets.run_frame import RunFrame, group_marks, unit_name
from tui.widgets.weights import NEGATIVE, POSITIVE

THUMB_COLUMNS = 10
THUMB_ROWS = 2  # cells, i.e. 4 pixels high
EDGE = 5
ACTIVATION_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}  # relu kinds: 0 … the largest value shown

_BUS = {  # (up, down, left, right) -> box-drawing character
    (0, 1, 1, 0): "┐", (1, 1, 1, 0): "┤", (1, 0, 1, 0): "┘", (1, 1, 0, 0): "│", (1, 1, 0, 1): "├",
    (1, 1, 1, 1): "┼", (0, 1, 1, 1): "┬", (1, 0, 1, 1): "┴", (0, 0, 1, 1): "─", (0, 1, 0, 1): "┌",
    (1, 0, 0, 1): "└", (0, 0, 1, 0): "╴", (0, 0, 0, 1): "╶", (0, 0, 0, 0): " ",
}


def edge(weight: float, largest: float, width: int = EDGE) -> Text:
    """A weight as a line: glyph for size, + / − / 0 in the middle for sign."""
    if weight == 0 or largest == 0:
        line, sign, style = "┄", "0", "dim"
    else:
        share = abs(weight) / largest
        line = "┄" if share < 1 / 3 else ("─" if share < 2 / 3 else "━")
        sign = "+" if weight > 0 else "−"
        style = POSITIVE if weight > 0 else NEGATIVE
        if share >= 2 / 3:
            style = "bold " + style
    half = (width - 1) // 2
    return Text(line * half + sign + line * (width - 1 - half), style=style, end="")


def thumbnails(snapshot: Snapshot, activation: str, bounds, features=("x1", "x2")) -> list[list[Text]]:
    """Per unit, THUMB_ROWS Texts: its activation A1(x1, x2) as a half-block heatmap."""
    A1, _ = fields(params_of(snapshot.layers), activation, bounds, THUMB_COLUMNS, 2 * THUMB_ROWS, features)
    low, high = ACTIVATION_RANGE.get(activation, (0.0, None))
    if high is None:  # one shared scale for every unit, so identical units get identical pictures
        finite = A1[np.isfinite(A1)]  # a diverged run's A1 can be all NaN: nanmax would warn
        high = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    return [half_block_rows(levels(A1[j], low, high)) for j in range(snapshot.n_h)]


def header() -> str:
    """The column names, each starting at its own column whatever the language (Hangul takes two cells)."""
    columns = ((1, t("diagram.inputs")), (7, "W1"), (13, "A1(x1,x2)"), (27, t("diagram.unit")), (35, "W2"))
    line = ""
    for column, name in columns:
        line += " " * max(1 if line else 0, column - cell_len(line)) + name
    return line


def diagram(snapshot: Snapshot, activation: str, bounds, features=("x1", "x2")) -> Text:
    if len(snapshot.hidden_layers) > 1:
        return layers_text(snapshot)
    n_h = snapshot.n_h
    marks = group_marks(snapshot)
    largest = max([abs(w) for row in snapshot.W1 for w in row] + [abs(w) for w in snapshot.W2] + [0.0])
    pictures = thumbnails(snapshot, activation, bounds, features)
    rows = 2 * n_h - 1 if n_h > 1 else 1
    middle = rows // 2
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append(header() + "\n", "bold")
    plane = tuple(features) == ("x1", "x2")
    for line_index in range(2 * n_h):
        j, second = divmod(line_index, 2)
        line = Text(end="")
        line.append((" x2 " if second else " x1 ") if plane else (" i2 " if second else " i1 "), "bold")
        if second < len(snapshot.W1[j]):
            line.append_text(edge(snapshot.W1[j][second], largest))
        else:  # one input only
            line.append(" " * EDGE)
        line.append(" ")
        line.append_text(pictures[j][1 if second else 0])
        line.append(" ")
        if second:
            line.append(" " * 6 + " " * EDGE)
        else:
            mark = marks.get(j)
            line.append(f"{unit_name(j):<3}", "bold")
            line.append(f"≡{mark} " if mark else "   ", "bold reverse" if mark else "")
            line.append_text(edge(snapshot.W2[j], largest))
        if line_index < rows:
            key = (int(line_index > 0), int(line_index < rows - 1), int(not second), int(line_index == middle))
            line.append(_BUS[key])
            if line_index == middle:
                line.append("──● ŷ", "bold")
        out.append_text(line)
        out.append("\n")
    if not plane:  # other inputs than (x1, x2): name them; the edges drawn are the first two inputs'
        named = " · ".join(f"i{i} {name}" for i, name in enumerate(features, start=1))
        more = t("diagram.edges_first_two") if len(features) > 2 else ""
        out.append("\n" + t("diagram.inputs_are", inputs=named) + more, "dim")
    out.append("\n" + t("diagram.edges") + "\n", "dim")
    out.append(t("diagram.pictures"), "dim")
    return out


class NetworkDiagram(VerticalScroll):
    """Redrawn at a few frames per second while running: the thumbnails cost a forward pass each."""

    can_focus = False  # the app owns ←/→/space; ↑/↓ scroll this panel through the app

    def compose(self):
        yield Static(id="diagram")

    def on_mount(self) -> None:
        self.border_title = t("panel.network")
        self._lines = -1

    def show(self, frame: RunFrame) -> None:
        picture = diagram(frame.snapshot, frame.config.activation, frame.points.bounds, frame.config.features)
        lines = picture.plain.count("\n")
        self.query_one("#diagram", Static).update(picture, layout=lines != self._lines)  # see WeightsPanel.show
        self._lines = lines
