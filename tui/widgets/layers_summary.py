"""A network with several hidden layers, layer by layer in plain numbers: each hidden layer's distinct units,
its exact smallest gap and groups of identical units, how widely its activations spread and how large its
weight gradient is (a signal that vanishes layer by layer shows in both). The network and weights panels
show this for such a network; their drawings are of one hidden layer."""
from __future__ import annotations

from rich.text import Text

from engine.trainer import Snapshot
from tui.i18n import t
from tui.widgets.run_frame import fmt4, unit_name


def layers_text(s: Snapshot) -> Text:
    out = Text(no_wrap=True, overflow="crop", end="")
    sizes = ",".join(str(layer.units) for layer in s.hidden_layers)
    out.append(t("layers.title", count=len(s.hidden_layers), sizes=sizes) + "\n", "bold")
    for l, layer in enumerate(s.hidden_layers, start=1):
        gap = "—" if layer.unit_gap is None else t("weights.exactly_zero") if layer.unit_gap == 0 else fmt4(layer.unit_gap)
        out.append(t("layers.layer", l=l, k=layer.distinct_units, n=layer.units, gap=gap) + "\n")
        out.append(t("layers.signal", l=l, spread=fmt4(layer.activation_spread), rms=fmt4(layer.gradient_rms)) + "\n")
        shared = [group for group in layer.groups if len(group) > 1]
        if shared:
            groups = " ".join("{" + ",".join(unit_name(j) for j in group) + "}" for group in shared)
            out.append(t("layers.identical", groups=groups) + "\n", "dim")
    out.append(t("layers.output", l=len(s.layers), rms=fmt4(s.output.gradient_rms)), "dim")
    return out
