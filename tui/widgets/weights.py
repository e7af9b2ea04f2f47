"""Weights panel: W1, b1, W2ᵀ and this step's gradients dW1, db1, dW2ᵀ as aligned tables, one row per unit.

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
from tui.widgets.layers_summary import layers_text
from tui.widgets.run_frame import RunFrame, fmt4, group_marks, unit_name

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


def _cells(line: Text, values: tuple[float, ...]) -> None:
    for value in values:
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


def weights_table(s: Snapshot, width: int, features: tuple[str, ...] = ("x1", "x2")) -> Text:
    """The whole panel's text: side by side when it fits, else parameters above gradients."""
    if len(s.hidden_layers) > 1:
        return layers_text(s)
    marks = group_marks(s)
    param_names, grad_names = column_names(features)
    side_by_side = width >= SIDE_BY_SIDE_WIDTH + 2 * (len(features) - 2) * (CELL + 1)
    out = Text(no_wrap=True, overflow="crop", end="")

    def label(j: int) -> Text:
        mark = marks.get(j)
        return Text(f"{unit_name(j):<3}" + (f"≡{mark} " if mark else "   "), style="bold" if mark else "")

    def table(names, pick, with_grads: bool) -> None:
        unit = t("weights.unit")
        line = Text(unit + " " * max(1, 6 - cell_len(unit)), style="bold", end="")  # the label column: 6 cells
        _header(line, names)
        if with_grads:
            line.append(" │")
            _header(line, grad_names)
        out.append_text(line)
        out.append("\n")
        for j in range(s.n_h):
            params, grads = _row_values(s, j)
            line = label(j)
            _cells(line, pick(params, grads))
            if with_grads:
                line.append(" │")
                _cells(line, grads)
            out.append_text(line)
            out.append("\n")

    if side_by_side:
        table(param_names, lambda p, g: p, with_grads=True)
    else:
        table(param_names, lambda p, g: p, with_grads=False)
        table(grad_names, lambda p, g: g, with_grads=False)
    out.append("b2 ", "bold")
    out.append(fmt4(s.b2), number_style(s.b2))
    out.append("   db2 ", "bold")
    out.append(fmt4(s.db2), number_style(s.db2))
    out.append("\n")
    out.append_text(_symmetry_lines(s))
    return out


def _groups_text(groups: tuple[tuple[int, ...], ...]) -> str:
    shared = [g for g in groups if len(g) > 1]
    return " ".join("{" + ",".join(unit_name(j) for j in g) + "}" for g in shared) or t("weights.none")


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

    def on_mount(self) -> None:
        self.border_title = t("panel.weights")
        self._frame: RunFrame | None = None
        self._lines = -1

    def show(self, frame: RunFrame) -> None:
        self._frame = frame
        self.border_title = t("panel.weights_at", iteration=frame.snapshot.iteration)
        table = weights_table(frame.snapshot, self.size.width - 1, frame.config.features)
        lines = table.plain.count("\n")
        # A re-layout repaints the whole screen; only a new number of rows needs one.
        self.query_one("#weights-table", Static).update(table, layout=lines != self._lines)
        self._lines = lines

    def on_resize(self) -> None:
        if self._frame is not None:
            self.show(self._frame)
