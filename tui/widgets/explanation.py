"""One line, in plain words, of what is happening in the run right now: each claim measured on the run shown.

A hint states numbers it has (the share of |Z1| > 3 at iteration 0, the loss then and now, the accuracy
of the same network at ×0.01 after as many iterations) and draws only the conclusion they show: "slower"
only when the ×0.01 yardstick is ahead (tui/run_facts.py), "learning" only when the loss fell. It names no
data set: whatever is on screen, the sentence stays true.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.i18n import t
from tui.run_facts import SATURATING
from tui.widgets.run_frame import RunFrame, fmt4, fmt_loss

COIN_FLIP_LOSS = math.log(2)  # 0.6931: the loss of predicting 0.5 everywhere
UNSTABLE_LOSS = 3 * COIN_FLIP_LOSS
# |z| > 3 (run_facts.SATURATED_Z): the activation's slope there is below this (tanh′(3) = 0.0099,
# sigmoid′(3) = 0.045; tests/tui/test_hints.py checks it against engine/activations.py)
FLAT_SLOPE = {"tanh": "0.01", "sigmoid": "0.05"}


class Hint(NamedTuple):
    key: str  # a tui/i18n.py key, explain.*
    values: dict  # what it quotes, as shown (strings), or numbers the test checks it against

    def text(self) -> str:
        return t(self.key, **self.values)


def _percent(share: float) -> str:
    return f"{share:.1%}"


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
            if s.db2 == 0 and balanced:
                return Hint("explain.frozen_zero_tanh_still", {})
            return Hint("explain.frozen_zero_tanh", {"db2": fmt4(s.db2)})
        return Hint("explain.frozen", {})
    if n_h > 1 and k == 1:
        return Hint("explain.symmetric", {"n_h": n_h})
    if n_h > 1 and k < n_h:
        return Hint("explain.partly", {"k": k, "n_h": n_h})
    if start is None or s.loss is None:  # a frame without facts (not the main run's): no claim about change
        return Hint("explain.learning_now", {"n_h": n_h}) if n_h > 1 else Hint("explain.one_unit_now", {})
    if s.iteration > 0 and start.loss is not None and s.loss > UNSTABLE_LOSS and s.loss > start.loss:
        return Hint("explain.unstable", {"start": fmt_loss(start.loss), "loss": fmt_loss(s.loss)})
    if config.activation in SATURATING and facts.saturated_start:
        share = {"share": f"{start.saturated_share:.0%}", "activation": config.activation,
                 "slope": FLAT_SLOPE[config.activation]}
        pace = facts.pace
        if pace is None:
            return Hint("explain.saturated_start", share)
        return Hint(f"explain.saturated_{pace.verdict}", {**share, "iterations": pace.iteration,
                                                          "acc": _percent(pace.accuracy),
                                                          "reference": _percent(pace.reference_accuracy)})
    if s.iteration == 0:
        if n_h == 1:
            return Hint("explain.one_unit_ready", {})
        return Hint("explain.ready", {"n_h": n_h, "gap": fmt4(s.unit_gap)})
    # The loss now is on the status bar; quoting only the start keeps this sentence still while training runs.
    then = {"start": fmt_loss(start.loss) if start.loss is not None else "—"}
    if start.loss is None or s.loss >= start.loss:
        return Hint("explain.not_falling", then)
    if fmt_loss(s.loss) == then["start"]:  # fell, but not at the 4 decimals shown: "fell" would read as false
        return Hint("explain.one_unit_barely" if n_h == 1 else "explain.barely", then)
    if n_h == 1:
        return Hint("explain.one_unit", then)
    return Hint("explain.learning", {**then, "n_h": n_h})


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
        self.update(text, layout=lines != self._lines)
        self._lines = lines
