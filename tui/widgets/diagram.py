"""Network panel: inputs → hidden units (each with a thumbnail of A1 over the input plane) → ŷ.

Each hidden unit takes one line per input (two at least): its incoming edge from each input, named by its
feature, on the left, its picture in the middle and its outgoing edge to ŷ on the right. A network with
several hidden layers is drawn by tui/widgets/layered_diagram.py. An edge's glyph shows the weight's sign (+ −, 0) and size
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
from tui.widgets.layered_diagram import layered_diagram
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


def input_width(features) -> int:
    """Cells for the input names at the left (" x1 " for the plane; "x1x2", "sinx1" … make it wider)."""
    return max(4, 2 + max(cell_len(name) for name in features))


def header(features=("x1", "x2")) -> str:
    """The column names, each starting at its own column whatever the language (Hangul takes two cells)."""
    shift = input_width(features) - 4
    columns = ((1, t("diagram.inputs")), (7 + shift, "W1"), (13 + shift, "A1(x1,x2)"), (27 + shift, t("diagram.unit")),
               (35 + shift, "W2"))
    line = ""
    for column, name in columns:
        line += " " * max(1 if line else 0, column - cell_len(line)) + name
    return line


def diagram(snapshot: Snapshot, activation: str, bounds, features=("x1", "x2"), width: int = 78,
            height: int = 16) -> Text:
    """One hidden layer: every unit with an edge from every input (one line per input, by its feature name),
    its picture, its edge to ŷ. Several hidden layers: tui/widgets/layered_diagram.py, in width × height."""
    if len(snapshot.hidden_layers) > 1:
        return layered_diagram(snapshot, activation, bounds, features, width, height)
    features = tuple(features)
    n_h = snapshot.n_h
    block = max(2, len(features))  # lines per unit: one per input, and the picture's two
    names = [f" {name:<{input_width(features) - 2}} " for name in features]
    marks = group_marks(snapshot)
    largest = max([abs(w) for row in snapshot.W1 for w in row] + [abs(w) for w in snapshot.W2] + [0.0])
    pictures = thumbnails(snapshot, activation, bounds, features)
    rows = block * (n_h - 1) + 1  # the bus to ŷ runs from the first unit's line to the last unit's
    middle = rows // 2
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append(header(features) + "\n", "bold")
    for line_index in range(block * n_h):
        j, i = divmod(line_index, block)
        line = Text(end="")
        line.append(names[i] if i < len(features) else " " * input_width(features), "bold")
        if i < len(snapshot.W1[j]):
            line.append_text(edge(snapshot.W1[j][i], largest))
        else:  # one input only
            line.append(" " * EDGE)
        line.append(" ")
        line.append_text(pictures[j][i] if i < THUMB_ROWS else Text(" " * THUMB_COLUMNS, end=""))
        line.append(" ")
        if i:
            line.append(" " * 6 + " " * EDGE)
        else:
            mark = marks.get(j)
            line.append(f"{unit_name(j):<3}", "bold")
            line.append(f"≡{mark} " if mark else "   ", "bold reverse" if mark else "")
            line.append_text(edge(snapshot.W2[j], largest))
        if line_index < rows:
            key = (int(line_index > 0), int(line_index < rows - 1), int(not i), int(line_index == middle))
            line.append(_BUS[key])
            if line_index == middle:
                line.append("──● ŷ", "bold")
        out.append_text(line)
        out.append("\n")
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
        self._frame: RunFrame | None = None
        self._room = (0, 0)

    def on_resize(self) -> None:
        """A deep network's drawing is laid out for the panel's size: a new size, a new layout."""
        if self._frame is not None and self._room != self._size_now():
            self._lines = -1  # laid out again in the new size, whatever its line count
            self.show(self._frame)

    def _size_now(self) -> tuple[int, int]:
        size = self.content_region.size
        return (size.width, size.height) if size.width and size.height else (78, 16)  # before the first layout

    def show(self, frame: RunFrame) -> None:
        self._frame, self._room = frame, self._size_now()
        width, height = self._room
        picture = diagram(frame.snapshot, frame.config.activation, frame.points.bounds, frame.config.features,
                          width, height)
        lines = picture.plain.count("\n")
        self.query_one("#diagram", Static).update(picture, layout=lines != self._lines)  # see WeightsPanel.show
        self._lines = lines
