"""One line, in plain words, of what is happening in the run right now: each claim measured on the run shown.

A hint states numbers it has (the share of |Z1| > 3 at iteration 0, the loss then and now, the accuracy
of the same network at ×0.01 after as many iterations) and draws only the conclusion they show: "slower"
only when the ×0.01 yardstick is ahead (tui/run_facts.py), "learning" only when the loss fell. It names no
data set: whatever is on screen, the sentence stays true. A network with several hidden layers is told layer
by layer (``deep_hint``): which layers are symmetric, saturated, and how the signal's spread changes from
layer to layer.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.i18n import t
from engine.features import PLANE
from tui.run_facts import SATURATING
from tui.widgets.run_frame import RunFrame, fmt4, fmt_loss

COIN_FLIP_LOSS = math.log(2)  # 0.6931: the loss of predicting 0.5 everywhere
UNSTABLE_LOSS = 3 * COIN_FLIP_LOSS
# |z| > 3 (run_facts.SATURATED_Z): the activation's slope there is below this (tanh′(3) = 0.0099,
# sigmoid′(3) = 0.045; tests/tui/test_hints.py checks it against engine/activations.py)
FLAT_SLOPE = {"tanh": "0.01", "sigmoid": "0.05"}
# A signal that fades (or grows) layer by layer: each hidden layer's activations spread at most half (at least
# twice) as widely as the layer's before; the sentence quotes every layer's spread, so the reader sees how much.
FADE, GROW = 0.5, 2.0


class Hint(NamedTuple):
    key: str  # a tui/i18n.py key, explain.*
    values: dict  # what it quotes, as shown (strings), or numbers the test checks it against

    def text(self) -> str:
        return t(self.key, **self.values)


def _percent(share: float) -> str:
    return f"{share:.1%}"


def _saturated_hint(key: str, values: dict, pace) -> Hint:
    """A saturated start: ``key``_start until the pace is measured, then ``key``_<verdict> (its pace against ×0.01)."""
    if pace is None:
        return Hint(f"{key}_start", values)
    return Hint(f"{key}_{pace.verdict}", {**values, "iterations": pace.iteration, "acc": _percent(pace.accuracy),
                                          "reference": _percent(pace.reference_accuracy)})


def hint(frame: RunFrame) -> Hint:
    """The most important thing to notice, checked in order: diverged, frozen, symmetric, partly symmetric,
    unstable (the loss rose), a saturated start (and how it learns against ×0.01), then how the loss moved."""
    s, config, facts = frame.snapshot, frame.config, frame.facts
    n_h, k = s.n_h, s.distinct_units
    start = facts.start if facts is not None else None
    if s.diverged:
        return Hint("explain.diverged", {})
    if s.frozen:
        if config.init == "zeros" and config.activation == "tanh":
            balanced = 2 * sum(frame.points.label) == len(frame.points.label)
            bias, db = f"db{len(s.layers)}", s.output.db[0]  # the output bias: db2 with one hidden layer
            if db == 0 and balanced:
                return Hint("explain.frozen_zero_tanh_still", {"bias": bias})
            return Hint("explain.frozen_zero_tanh", {"bias": bias, "db": fmt4(db)})
        return Hint("explain.frozen", {})
    if len(s.hidden_layers) > 1:
        return deep_hint(frame)
    if n_h > 1 and k == 1:
        return Hint("explain.symmetric", {"n_h": n_h})
    if n_h > 1 and k < n_h:
        return Hint("explain.partly", {"k": k, "n_h": n_h})
    # One unit draws one straight line in the (x1, x2) plane; over other inputs (x1sq …) one level curve.
    one_unit = "explain.one_unit" if tuple(config.features) == PLANE else "explain.one_unit_features"
    if start is None or s.loss is None:  # a frame without facts (not the main run's): no claim about change
        return Hint("explain.learning_now", {"n_h": n_h}) if n_h > 1 else Hint(f"{one_unit}_now", {})
    if s.iteration > 0 and start.loss is not None and s.loss > UNSTABLE_LOSS and s.loss > start.loss:
        return Hint("explain.unstable", {"start": fmt_loss(start.loss), "loss": fmt_loss(s.loss)})
    if config.activation in SATURATING and facts.saturated_start:
        share = {"share": f"{start.saturated_share:.0%}", "activation": config.activation,
                 "slope": FLAT_SLOPE[config.activation]}
        return _saturated_hint("explain.saturated", share, facts.pace)
    if s.iteration == 0:
        if n_h == 1:
            return Hint(f"{one_unit}_ready", {})
        return Hint("explain.ready", {"n_h": n_h, "gap": fmt4(s.unit_gap)})
    # The loss now is on the status bar; quoting only the start keeps this sentence still while training runs.
    then = {"start": fmt_loss(start.loss) if start.loss is not None else "—"}
    if start.loss is None or s.loss >= start.loss:
        return Hint("explain.not_falling", then)
    if fmt_loss(s.loss) == then["start"]:  # fell, but not at the 4 decimals shown: "fell" would read as false
        return Hint(f"{one_unit}_barely" if n_h == 1 else "explain.barely", then)
    if n_h == 1:
        return Hint(one_unit, then)
    return Hint("explain.learning", {**then, "n_h": n_h})


def per_layer(values) -> str:
    """One value per hidden layer, as the status bar lists them: "3 of 10 · 5 of 5"."""
    return " · ".join(values)


def distinct_per_layer(s) -> str:
    return per_layer(t("explain.k_of_n", k=layer.distinct_units, n=layer.units) for layer in s.hidden_layers)


def signal_trend(s) -> str | None:
    """"fades" when each hidden layer's activations spread at most FADE times as widely as the layer's before,
    "grows" when at least GROW times as widely; None otherwise (or when a spread is not finite)."""
    spreads = [layer.activation_spread for layer in s.hidden_layers]
    if not all(math.isfinite(x) for x in spreads) or spreads[0] == 0:
        return None
    ratios = [after / before if before else math.inf for before, after in zip(spreads, spreads[1:])]
    if all(ratio <= FADE for ratio in ratios):
        return "fades"
    if all(ratio >= GROW for ratio in ratios):
        return "grows"
    return None


def deep_hint(frame: RunFrame) -> Hint:
    """The same questions as ``hint`` for several hidden layers, each answered layer by layer: symmetric (in
    every layer), partly symmetric (in some), unstable, a saturated start (in which layers), a signal that
    fades or grows from layer to layer, then how the loss moved."""
    s, config, facts = frame.snapshot, frame.config, frame.facts
    start = facts.start if facts is not None else None
    wide = [layer for layer in s.hidden_layers if layer.units > 1]
    counts = {"layers": distinct_per_layer(s)}
    if wide and all(layer.distinct_units == 1 for layer in wide):
        return Hint("explain.deep_symmetric", counts)
    if any(layer.distinct_units < layer.units for layer in wide):
        return Hint("explain.deep_partly", counts)
    if start is not None and s.iteration > 0 and start.loss is not None and s.loss is not None \
            and s.loss > UNSTABLE_LOSS and s.loss > start.loss:
        return Hint("explain.unstable", {"start": fmt_loss(start.loss), "loss": fmt_loss(s.loss)})
    if start is not None and config.activation in SATURATING and facts.saturated_start:
        shares = {"shares": per_layer(f"{share:.0%}" for share in start.saturated_shares),
                  "activation": config.activation, "slope": FLAT_SLOPE[config.activation]}
        return _saturated_hint("explain.deep_saturated", shares, facts.pace)
    trend = signal_trend(s)
    if trend is not None:
        spreads = " → ".join(fmt4(layer.activation_spread) for layer in s.hidden_layers)
        advice = "" if config.init == "random" else "_here"  # xavier, he, a constant: no advice to try them
        return Hint(f"explain.deep_{trend}{advice}", {"spreads": spreads})
    if start is None or s.loss is None:
        return Hint("explain.deep_learning_now", counts)
    if s.iteration == 0:
        gaps = per_layer(fmt4(layer.unit_gap) if layer.unit_gap is not None else "—" for layer in s.hidden_layers)
        return Hint("explain.deep_ready", {**counts, "gaps": gaps})
    then = {"start": fmt_loss(start.loss) if start.loss is not None else "—"}
    if start.loss is None or s.loss >= start.loss:
        return Hint("explain.not_falling", then)
    if fmt_loss(s.loss) == then["start"]:  # fell, but not at the 4 decimals shown (see hint)
        return Hint("explain.barely", then)
    return Hint("explain.deep_learning", {**then, **counts})


def explain(frame: RunFrame) -> str:
    return hint(frame).text()


class Explanation(Static):
    """The explanation line under the status bar; on the first screen, with where the lesson is."""

    _shown: str | None = None

    _lines = 0

    def show(self, frame: RunFrame, welcome: bool = False, width: int = 80) -> None:
        """``welcome``: add a line saying where the lesson is, shortened to fit ``width`` (the terminal's)."""
        text = explain(frame)
        if welcome:
            from tui.lesson.steps import STEPS

            line = t("first_screen.lesson", steps=len(STEPS))
            if cell_len(line) > width - 2:  # less the padding
                line = t("first_screen.lesson_short", steps=len(STEPS))
            text += "\n" + line
        if text == self._shown:  # the same sentence for hundreds of frames: don't re-lay it out each time
            return
        self._shown = text
        # A sentence whose numbers change (a saturated start's pace) keeps its lines: no re-layout for it.
        lines = len(Text(text).wrap(self.app.console, max(1, self.content_size.width or 1)))
        self.update(Text(text), layout=lines != self._lines)  # a Text: "A[l]" is words here, not markup
        self._lines = lines
