"""Weights panel: W1, b1, W2ᵀ and this step's gradients dW1, db1, dW2ᵀ as aligned tables, one row per unit.
With several hidden layers, one layer at a time (w / W move between them): its W[l] and b[l] (and the
outgoing W[L]ᵀ for the last hidden layer), the same for the gradients, and the layer's identical units.

Numbers carry their own sign, and colour adds sign (blue negative, yellow positive) and size (bold when
|w| ≥ 1, dim when tiny), so the table reads with colour off too. Rows of identical units get the same
group letter. The smallest gap between two units is shown like every other number, to 4 significant digits
(a double's last digits differ between CPUs and say nothing to a student); an exact 0 is spelled out as
exact, so "0.0 (exactly …)" and a tiny real gap such as "1e-17" never look alike.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from engine.trainer import Snapshot
from tui.i18n import t
from tui.widgets.run_frame import RunFrame, fmt4, group_marks, marks_of, unit_name

CELL = 10  # "-1.234e-17" is the widest fmt4 result
POSITIVE, NEGATIVE = "#f0d33f", "#6f9fe8"
# Widths: label 6 + 4 cells of CELL+1 (two inputs), twice, with " │ " between.
SIDE_BY_SIDE_WIDTH = 6 + 8 * (CELL + 1) + 3


def number_style(value: float) -> str:
    if value == 0:
        return "dim"
    colour = POSITIVE if value > 0 else NEGATIVE
    size = abs(value)
    if size >= 1:
        return f"bold {colour}"
    if size < 1e-3:
        return f"dim {colour}"
    return colour


def _cells(line: Text, values) -> None:
    for value in values:
        if value is None:  # a column of inputs left out (the deep table's "+7")
            line.append(" " + "…".rjust(CELL), "dim")
        else:
            line.append(" " + fmt4(value).rjust(CELL), number_style(value))


def _header(line: Text, names: tuple[str, ...]) -> None:
    for name in names:
        line.append(" " + name.rjust(CELL), "bold underline")


def column_names(features: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The parameter and gradient columns for these inputs (--features): one W1 column per input."""
    def weight(prefix: str, feature: str) -> str:
        name = f"{prefix}[·,{feature}]"
        return name if len(name) <= CELL else f"{prefix}[{feature}]"[:CELL]
    return ((*(weight("W1", f) for f in features), "b1", "W2ᵀ"),
            (*(weight("dW1", f) for f in features), "db1", "dW2ᵀ"))


def _row_values(s: Snapshot, j: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return (*s.W1[j], s.b1[j], s.W2[j]), (*s.dW1[j], s.db1[j], s.dW2[j])


def weights_table(s: Snapshot, width: int, features: tuple[str, ...] = ("x1", "x2"), layer: int = 1) -> Text:
    """The whole panel's text: side by side when it fits, else parameters above gradients. With several
    hidden layers, hidden layer ``layer``'s (1-based)."""
    if len(s.hidden_layers) > 1:
        return layer_table(s, min(max(layer, 1), len(s.hidden_layers)), width, features)
    marks = group_marks(s)
    param_names, grad_names = column_names(features)
    side_by_side = width >= SIDE_BY_SIDE_WIDTH + 2 * (len(features) - 2) * (CELL + 1)
    out = Text(no_wrap=True, overflow="crop", end="")
    _table(out, s.n_h, marks, param_names, grad_names, lambda j: _row_values(s, j), side_by_side)
    out.append("b2 ", "bold")
    out.append(fmt4(s.b2), number_style(s.b2))
    out.append("   db2 ", "bold")
    out.append(fmt4(s.db2), number_style(s.db2))
    out.append("\n")
    out.append_text(_symmetry_lines(s))
    return out


def _table(out: Text, units: int, marks: dict[int, str], names: tuple[str, ...], grad_names: tuple[str, ...],
           row_values, side_by_side: bool) -> None:
    """One row per unit (``row_values(j)``: its parameters and its gradients), labelled and marked: the
    gradients beside the parameters (``side_by_side``), or a second table below."""
    def table(header: tuple[str, ...], pick, with_grads: bool) -> None:
        unit = t("weights.unit")
        line = Text(unit + " " * max(1, 6 - cell_len(unit)), style="bold", end="")  # the label column: 6 cells
        _header(line, header)
        if with_grads:
            line.append(" │")
            _header(line, grad_names)
        out.append_text(line)
        out.append("\n")
        for j in range(units):
            params, grads = row_values(j)
            line = _label(j, marks)
            _cells(line, pick(params, grads))
            if with_grads:
                line.append(" │")
                _cells(line, grads)
            out.append_text(line)
            out.append("\n")

    if side_by_side:
        table(names, lambda p, g: p, with_grads=True)
    else:
        table(names, lambda p, g: p, with_grads=False)
        table(grad_names, lambda p, g: g, with_grads=False)


def _label(j: int, marks: dict[int, str]) -> Text:
    mark = marks.get(j)
    return Text(f"{unit_name(j):<3}" + (f"≡{mark} " if mark else "   "), style="bold" if mark else "")


def layer_table(s: Snapshot, l: int, width: int, features: tuple[str, ...]) -> Text:
    """Hidden layer l of a deep network: a line of layer tabs, then its units' rows [W[l] | b[l]] (and W[L]ᵀ,
    the output's weights, for the last hidden layer) beside or above the gradients' rows, identical units
    marked as in the one-layer table. A row too wide for the panel keeps its first inputs and says how many
    more there are ("+7"); b[l], W[L]ᵀ and the marks always show. Then the layer's identical units and gap."""
    hidden = s.hidden_layers
    layer, last = hidden[l - 1], l == len(hidden)
    inputs = features if l == 1 else tuple(unit_name(i) for i in range(hidden[l - 2].units))
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append(t("weights.layers") + " ", "bold")
    for k, other in enumerate(hidden, start=1):
        out.append(f" {k} ({other.units}) ", "bold reverse" if k == l else "")
    hint = "  " + t("weights.layer_keys")
    out.append((hint if cell_len(out.plain) + cell_len(hint) <= width else "") + "\n", "dim")  # help has it too

    def name(prefix: str, column: str) -> str:
        full = f"{prefix}[·,{column}]"
        return full if len(full) <= CELL else f"{prefix}[{column}]"[:CELL]

    tail = 2 if last else 1  # b[l], and W[L]ᵀ for the last hidden layer
    cell = CELL + 1
    side_by_side = 6 + 2 * (len(inputs) + tail) * cell + 2 <= width
    fit = max(1, (width - 6) // cell)  # cells in one stacked row
    shown = len(inputs) if side_by_side or len(inputs) + tail <= fit else max(1, fit - tail - 1)
    more = len(inputs) - shown
    output = s.output

    def names(d: str) -> list[str]:
        cols = [name(f"{d}W{l}", column) for column in inputs[:shown]]
        if more:
            cols.append(f"+{more}")
        cols.append(f"{d}b{l}")
        if last:
            cols.append(f"{d}W{l + 1}ᵀ")
        return cols

    def values(rows, biases, outgoing, j: int) -> list[float | None]:
        row = [*rows[j][:shown]] + ([None] if more else []) + [biases[j]]
        return row + [outgoing[0][j]] if last else row

    marks = marks_of(layer.groups)
    _table(out, layer.units, marks, tuple(names("")), tuple(names("d")),
           lambda j: (values(layer.W, layer.b, output.W, j), values(layer.dW, layer.db, output.dW, j)), side_by_side)
    if last:
        L = len(s.layers)
        out.append(f"b{L} ", "bold")
        out.append(fmt4(output.b[0]), number_style(output.b[0]))
        out.append(f"   db{L} ", "bold")
        out.append(fmt4(output.db[0]), number_style(output.db[0]))
        out.append("\n")
    else:
        out.append(t("weights.outgoing", l=l, next=l + 1) + "\n", "dim")
    out.append(t("weights.identical_units"), "bold")
    out.append(_groups_text(layer.groups, runs=True))
    out.append("\n" + t("weights.identical_grads"), "bold")
    out.append(_groups_text(layer.grad_groups, runs=True))
    out.append("\n" + t("weights.smallest_gap"), "bold")
    if layer.unit_gap is None:
        out.append(t("weights.one_unit_layer"), "dim")
    else:
        out.append(t("weights.exactly_zero") if layer.unit_gap == 0 else fmt4(layer.unit_gap),
                   "bold reverse" if layer.unit_gap == 0 else "")
    return out


def _groups_text(groups: tuple[tuple[int, ...], ...], runs: bool = False) -> str:
    """Groups of more than one unit: {h1,h2} {h3,h5}; with ``runs``, three or more consecutive units as a
    range, {h1–h64}, so that a wide layer's groups fit the panel."""
    shared = [g for g in groups if len(g) > 1]
    return " ".join("{" + ",".join(_runs(g) if runs else map(unit_name, g)) + "}" for g in shared) or t("weights.none")


def _runs(group: tuple[int, ...]) -> list[str]:
    parts: list[list[int]] = []
    for j in group:
        if parts and j == parts[-1][-1] + 1:
            parts[-1].append(j)
        else:
            parts.append([j])
    return [f"{unit_name(p[0])}–{unit_name(p[-1])}" if len(p) > 2 else ",".join(map(unit_name, p)) for p in parts]


def _symmetry_lines(s: Snapshot) -> Text:
    text = Text(end="")
    if s.unit_gap is None:
        text.append(t("weights.one_unit"), "dim")
        return text
    text.append(t("weights.identical_units"), "bold")
    text.append(_groups_text(s.groups))
    text.append("\n" + t("weights.identical_grads"), "bold")
    text.append(_groups_text(s.grad_groups))
    text.append("\n" + t("weights.smallest_gap"), "bold")
    gap = t("weights.exactly_zero") if s.unit_gap == 0 else fmt4(s.unit_gap)
    text.append(gap, "bold reverse" if s.unit_gap == 0 else "")
    return text


class WeightsPanel(VerticalScroll):
    """Scrolls when n_h is large (64 rows do not fit in any terminal)."""

    can_focus = False  # the app owns ←/→/space; ↑/↓ scroll this panel through the app

    def compose(self):
        yield Static(id="weights-table")

    hidden_layer = 1  # the hidden layer shown when there are several (w / W); not `layer`: Textual's CSS layer

    def on_mount(self) -> None:
        self.border_title = t("panel.weights")
        self._frame: RunFrame | None = None
        self._lines = -1

    def move_layer(self, direction: int, count: int) -> None:
        """Show the next (1) or previous (-1) of ``count`` hidden layers, round the ends."""
        self.hidden_layer = (min(self.hidden_layer, count) - 1 + direction) % count + 1
        self.scroll_home(animate=False)  # the new layer's table from its first unit
        if self._frame is not None:
            self.show(self._frame)

    def show(self, frame: RunFrame) -> None:
        self._frame = frame
        count = len(frame.snapshot.hidden_layers)
        if count > 1:
            self.hidden_layer = min(self.hidden_layer, count)
            self.border_title = t("panel.weights_layer_at", l=self.hidden_layer, count=count,
                                  iteration=frame.snapshot.iteration)
        else:
            self.border_title = t("panel.weights_at", iteration=frame.snapshot.iteration)
        table = weights_table(frame.snapshot, self.size.width - 1, frame.config.features, self.hidden_layer)
        lines = table.plain.count("\n")
        # A re-layout repaints the whole screen; only a new number of rows needs one.
        self.query_one("#weights-table", Static).update(table, layout=lines != self._lines)
        self._lines = lines

    def on_resize(self) -> None:
        if self._frame is not None:
            self.show(self._frame)
