"""Network panel for a deep network: the inputs, every hidden layer, then ŷ, top to bottom, in the space the
panel has.

A layer's units are drawn as *nodes*: a group of identical units is one node ("×4 h1–h4": four units, one
function, one picture), a unit that has parted from the others is a node of its own. When the nodes do not
fit the panel's height, the layer with the most nodes is folded first: half of its distinct units become one
node ("32 more distinct"), then half of the rest …, then all ("64 distinct"), then, if still needed, the
whole layer ("64 in 3 kinds"). Groups of identical units are folded last, since they are the point. Then,
if still needed, the pictures go.

Each node lists its incoming edges, one per node of the layer before (for layer 1: one per input, by its
feature name), with the glyphs of the one-layer drawing: ┄ ─ ━ for the size relative to the largest weight,
+ − 0 for the sign. From a folded node, or into one, the weights differ: the edge shows the largest size and
± when the signs differ. Beside each node that is one function, a thumbnail of its A[l] over the (x1, x2)
plane.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.cells import cell_len
from rich.text import Text

from engine.plane import layer_fields, params_of
from engine.trainer import Snapshot
from tui.i18n import t
from tui.widgets.heatmap import half_block_rows, levels
from tui.widgets.run_frame import fmt4
from tui.widgets.weights import NEGATIVE, POSITIVE

THUMB_COLUMNS = 10
THUMB_ROWS = 2  # cells, i.e. 4 pixels high
ACTIVATION_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}  # relu kinds: 0 … the largest value shown
ARROW = "← "


@dataclass(frozen=True)
class Node:
    """Units of one layer drawn as one: ``kind`` "group" (identical units), "unit" (one unit that differs from
    every other), "distinct" (several units, all different; "more" when some others are drawn apart), "layer"
    (the whole layer, in ``kinds`` kinds), or "output" (ŷ)."""

    units: tuple[int, ...]
    kind: str
    kinds: int = 1

    @property
    def one_function(self) -> bool:
        return self.kind in ("group", "unit")


def unit_runs(units: tuple[int, ...]) -> str:
    """h1–h4,h7: the course's 1-based unit names, consecutive runs joined with an en dash."""
    runs: list[list[int]] = []
    for j in units:
        if runs and j == runs[-1][-1] + 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    return ",".join(f"h{r[0] + 1}" if len(r) == 1 else f"h{r[0] + 1}–h{r[-1] + 1}" for r in runs)


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def node_label(node: Node) -> str:
    if node.kind == "output":
        return "ŷ"
    if node.kind == "group":
        return f"×{len(node.units)} " + short(unit_runs(node.units), 9)
    if node.kind == "unit":
        return f"h{node.units[0] + 1}"
    if node.kind == "distinct":
        return t("diagram.distinct", k=len(node.units))
    if node.kind == "more":
        return t("diagram.more_distinct", k=len(node.units))
    return t("diagram.kinds", n=len(node.units), k=node.kinds)


def source_label(node: Node) -> str:
    """How a node is named where its edges arrive: by its units (h1–h4; h3–h10 for "8 more distinct")."""
    return short(unit_runs(node.units), 9)


def layer_choices(groups: tuple[tuple[int, ...], ...]) -> list[list[Node]]:
    """The ways to draw a layer whose identical units form ``groups``, from every node apart to one node: the
    units that differ from all others are folded in halves (the first few kept apart, "k more distinct"), then
    all of them ("k distinct"), then the whole layer ("n in k kinds"). Groups stay apart until that last."""
    units = sum(len(g) for g in groups)
    shared = [Node(g, "group") for g in groups if len(g) > 1]
    alone = [g[0] for g in groups if len(g) == 1]

    def drawn(apart: list[int], folded: list[Node]) -> list[Node]:
        return sorted(shared + [Node((j,), "unit") for j in apart], key=lambda node: node.units[0]) + folded

    choices = [drawn(alone, [])]
    keep = len(alone) // 2
    while keep >= 1 and len(alone) - keep >= 2:
        choices.append(drawn(alone[:keep], [Node(tuple(alone[keep:]), "more")]))
        keep //= 2
    if len(alone) > 1:
        choices.append(sorted(shared + [Node(tuple(alone), "distinct")], key=lambda node: node.units[0]))
    if shared and len(groups) > 1:
        choices.append([Node(tuple(range(units)), "layer", len(groups))])
    return choices


def edge(weights: np.ndarray, largest: float) -> Text:
    """The edges of a pair of nodes as one: ┄ ─ ━ for the largest |w| against ``largest``, + − 0 for the sign
    (± when they differ), three cells wide."""
    biggest = float(np.max(np.abs(weights))) if weights.size else 0.0
    if not np.isfinite(biggest):
        return Text("?!?", style="bold", end="")
    if biggest == 0 or largest == 0:
        return Text("┄0┄", style="dim", end="")
    share = biggest / largest
    line = "┄" if share < 1 / 3 else ("─" if share < 2 / 3 else "━")
    positive, negative = bool(np.any(weights > 0)), bool(np.any(weights < 0))
    sign = "±" if positive and negative else ("+" if positive else "−")
    style = POSITIVE if sign == "+" else NEGATIVE if sign == "−" else ""
    if share >= 2 / 3:
        style = ("bold " + style).strip()
    return Text(line + sign + line, style=style, end="")


def fan_in(W: np.ndarray, targets: tuple[int, ...], sources: list[tuple[str, tuple[int, ...]]],
           largest: float) -> list[Text]:
    """The pieces "name ━+━", one per source, for the weights W[targets, source's units]."""
    pieces = []
    for name, units in sources:
        piece = Text(name + " ", end="")
        piece.append_text(edge(W[np.ix_(targets, units)], largest))
        pieces.append(piece)
    return pieces


def wrap_widths(widths: list[int], width: int) -> list[list[int]]:
    """Which pieces (by index) go on each line: as many as fit ``width`` cells, one at the least."""
    lines: list[list[int]] = []
    used = 0
    for i, cells in enumerate(widths):
        if lines and used + 1 + cells <= width:
            lines[-1].append(i)
            used += 1 + cells
        else:
            lines.append([i])
            used = cells
    return lines or [[]]


class Drawing:
    """One snapshot's deep drawing: the layers' nodes at given folds, laid out in lines."""

    def __init__(self, snapshot: Snapshot, activation: str, bounds, features, width: int):
        self.s, self.features, self.width = snapshot, tuple(features), width
        self.hidden = snapshot.hidden_layers
        self.W = [np.array(layer.W, dtype=np.float64).reshape(layer.units, -1) for layer in snapshot.layers]
        finite = [np.abs(W[np.isfinite(W)]) for W in self.W]
        self.largest = max([float(a.max()) for a in finite if a.size] + [0.0])
        pictures, _ = layer_fields(params_of(snapshot.layers), activation, bounds, THUMB_COLUMNS, 2 * THUMB_ROWS,
                                   features)
        low, high = ACTIVATION_RANGE.get(activation, (0.0, None))
        if high is None:  # one scale for every layer: a signal that fades layer by layer must look faded
            values = np.concatenate([A.ravel() for A in pictures])
            values = values[np.isfinite(values)]
            high = float(values.max()) if values.size and values.max() > 0 else 1.0
        self.pictures = pictures
        self.low, self.high = low, high
        self.with_pictures = True
        self.choices = [layer_choices(layer.groups) for layer in self.hidden]  # per layer, unfolded to folded
        # The widths of each choice's labels, and of its nodes' names where their edges arrive ("name ━+━"):
        # measured once, then summed for every fold tried.
        self.label_cells = [[[cell_len(node_label(node)) for node in nodes] for nodes in layer] for layer in self.choices]
        self.source_cells = [[[cell_len(source_label(node)) + 4 for node in nodes] for nodes in layer]
                             for layer in self.choices]

    # -- pieces --------------------------------------------------------------------------------------
    def header(self, l: int) -> str:
        """"layer 2 · 5 units, all distinct", and the spread of its A[l] where the line has room for it (a signal
        that fades layer by layer shows there, down the drawing)."""
        layer = self.hidden[l]
        n, k = layer.units, layer.distinct_units
        if n == 1:
            words = t("diagram.layer_one", l=l + 1)
        else:
            key = "diagram.layer_distinct" if k == n else "diagram.layer_identical" if k == 1 else "diagram.layer_kinds"
            words = t(key, l=l + 1, n=n, k=k)
        spread = t("diagram.spread", l=l + 1, spread=fmt4(layer.activation_spread))
        return words + " · " + spread if 1 + cell_len(words) + 3 + cell_len(spread) < self.width else words

    def sources(self, l: int, nodes: list[list[Node]]) -> list[tuple[str, tuple[int, ...]]]:
        """What feeds layer l (0-based over the layers, the output included): the inputs or the nodes before."""
        if l == 0:
            return [(name, (i,)) for i, name in enumerate(self.features)]
        return [(source_label(node), node.units) for node in nodes[l - 1]]

    def thumbnail(self, l: int, node: Node) -> list[Text]:
        if not node.one_function or not self.with_pictures:
            return []
        return half_block_rows(levels(self.pictures[l][node.units[0]], self.low, self.high))

    @property
    def thumb_width(self) -> int:
        return THUMB_COLUMNS + 1 if self.with_pictures else 0

    def picture_rows(self, node: Node) -> int:
        return THUMB_ROWS if node.one_function and self.with_pictures else 0

    def edge_lines(self, widths: list[int], indent: int) -> list[list[int]]:
        """How a node's incoming edges ("name ━+━", one per source, ``widths`` cells each) wrap beside its
        label and picture."""
        return wrap_widths(widths, max(12, self.width - indent - len(ARROW)))

    def measure(self, at: list[int]) -> tuple[int, int]:
        """(rows, widest line in cells) of the drawing with each layer l drawn as its choice ``at[l]``."""
        label_width = max([2] + [max(self.label_cells[l][i]) for l, i in enumerate(at)])
        indent = 1 + label_width + 1 + self.thumb_width
        inputs = [cell_len(name) + 4 for name in self.features]
        rows, widest = 1, 0  # ŷ's first line
        for l, i in enumerate(at):
            rows += 1
            widest = max(widest, 1 + cell_len(self.header(l)))
            widths = inputs if l == 0 else self.source_cells[l - 1][at[l - 1]]
            lines = self.edge_lines(widths, indent)
            cells = max(sum(widths[j] for j in line) + len(line) - 1 for line in lines)
            widest = max(widest, indent + len(ARROW) + cells)
            rows += sum(max(self.picture_rows(node), len(lines)) for node in self.choices[l][i])
        lines = self.edge_lines(self.source_cells[-1][at[-1]], indent)
        return rows + len(lines) - 1, widest

    def label_width(self, nodes: list[list[Node]]) -> int:
        return max([cell_len(node_label(node)) for layer in nodes for node in layer] + [2])

    def block(self, l: int, node: Node, sources, label_width: int) -> list[Text]:
        """A node's lines: its label, its picture, then its incoming edges (wrapped beside the picture)."""
        picture = self.thumbnail(l, node)
        indent = 1 + label_width + 1 + self.thumb_width
        pieces = fan_in(self.W[l], node.units, sources, self.largest)
        lines = self.edge_lines([cell_len(name) + 4 for name, _ in sources], indent)
        edges = [Text(" ", end="").join(pieces[i] for i in line) for line in lines]
        lines = []
        for row in range(max(len(picture), len(edges))):
            line = Text(" ", end="")
            label = node_label(node) if row == 0 else ""
            line.append(label + " " * (label_width - cell_len(label)), "bold" if row == 0 else "")
            line.append(" ")
            if row < len(picture):
                line.append_text(picture[row])
                line.append(" ")
            else:
                line.append(" " * self.thumb_width)
            if row < len(edges):
                line.append(ARROW if row == 0 else " " * len(ARROW), "dim")
                line.append_text(edges[row])
            lines.append(line)
        return lines

    def render(self, nodes: list[list[Node]]) -> list[Text]:
        label_width = self.label_width(nodes)
        out = []
        for l, layer_nodes in enumerate(nodes):
            out.append(Text(" " + self.header(l), style="bold", end=""))
            sources = self.sources(l, nodes)
            for node in layer_nodes:
                out += self.block(l, node, sources, label_width)
        output = Node((0,), "output")
        for row, line in enumerate(self.block(len(nodes), output, self.sources(len(nodes), nodes), label_width)):
            out.append(line)
        return out

    def inputs(self) -> list[Text]:
        """The inputs by name (layer 1's edges name them too: this goes first only where it fits)."""
        names = [name + (" ·" if i < len(self.features) - 1 else "") for i, name in enumerate(self.features)]
        names[0] = t("diagram.inputs_named", first=names[0])
        return [Text(" " + " ".join(names[i] for i in line), style="bold", end="")
                for line in wrap_widths([cell_len(name) for name in names], self.width - 2)]

    def fitted(self, height: int) -> list[Text]:
        """The lines that fit ``height`` rows: the fewest folds (the layer with the most nodes folded first),
        then without the pictures if still too tall or wide; the inputs' line on top where it fits."""
        at = self.folded(height)
        rows, widest = self.measure(at)
        if rows > height or widest > self.width:
            self.with_pictures = False
            at = self.folded(height)
        lines = self.render([self.choices[l][i] for l, i in enumerate(at)])
        inputs = self.inputs()
        return inputs + lines if len(inputs) + len(lines) <= height else lines

    def folded(self, height: int) -> list[int]:
        """Which choice of each layer (see ``layer_choices``) to draw: the fewest folds that fit ``height`` rows.
        Groups of identical units are the point: a layer's distinct units are folded first, wherever they are,
        in the layer with the most nodes."""
        at = [0] * len(self.hidden)
        while True:
            foldable = [l for l in range(len(at)) if at[l] + 1 < len(self.choices[l])]
            if not foldable or self.measure(at)[0] <= height:
                return at
            at[max(foldable, key=lambda l: (self.choices[l][at[l] + 1][0].kind != "layer",
                                            len(self.choices[l][at[l]]), -l))] += 1


def layered_diagram(snapshot: Snapshot, activation: str, bounds, features, width: int, height: int) -> Text:
    """The whole drawing for a panel of ``width`` × ``height`` cells; the legend when it fits below."""
    drawing = Drawing(snapshot, activation, bounds, features, width)
    lines = drawing.fitted(height)
    legend = [Text(t(key), style="dim", end="") for key in ("diagram.edges_deep", "diagram.pictures_deep")]
    legend = [line for line in legend if cell_len(line.plain) < width]  # < : room for a scroll bar
    if len(lines) + len(legend) <= height:
        lines += legend
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append_text(Text("\n", end="").join(lines))
    return out
