"""One line, in plain words, of what is happening in the run right now."""
from __future__ import annotations

from textual.widgets import Static

from engine.config import Config
from engine.trainer import Snapshot

SATURATING = ("tanh", "sigmoid")


def large_init(config: Config) -> bool:
    """Weights started big enough to saturate; a trained net also has large |Z1|, but that is learning."""
    scale = config.resolved_scale
    return scale >= 1 if config.init in ("random", "constant") else scale >= 4


def explain(snapshot: Snapshot, config: Config) -> str:
    """The most important thing to notice, checked in order: diverged, frozen, symmetric, saturated, learning."""
    n_h, k = snapshot.n_h, snapshot.distinct_units
    if snapshot.diverged:
        return ("diverged: the loss became infinite or NaN and training stopped — lower the learning rate "
                "(L) or press x to start again")
    if snapshot.frozen:
        if config.init == "zeros" and config.activation == "tanh":
            return ("frozen: zero weights with tanh: every weight gradient is exactly 0 — only the output bias "
                    "could learn, and with balanced classes not even that")
        return ("frozen: every weight gradient is exactly 0, so no weight can move — press x for random init")
    if n_h > 1 and k == 1:
        return (f"symmetric: all {n_h} hidden units are identical and get identical gradient rows; they will "
                f"stay identical — press x for random init")
    if n_h > 1 and k < n_h:
        return (f"partly symmetric: only {k} of {n_h} units differ; units in a group get identical gradient "
                f"rows and will stay identical — press x for random init")
    if config.activation in SATURATING and snapshot.saturated_share > 0.5 and large_init(config):
        return (f"saturated: large initial weights put {snapshot.saturated_share:.0%} of |Z1| above 3, where "
                f"{config.activation} is flat — gradients are tiny and learning crawls")
    if n_h == 1:
        return "learning: one hidden unit can only draw one straight-line boundary (about 67% on the flower)"
    return (f"learning: the {n_h} units start different, so each gets its own gradient and can learn its "
            f"own feature of the data")


class Explanation(Static):
    """The explanation line under the status bar."""

    _shown: str | None = None

    def show(self, snapshot: Snapshot, config: Config) -> None:
        text = explain(snapshot, config)
        if text != self._shown:  # the same sentence for hundreds of frames: don't re-lay it out each time
            self._shown = text
            self.update(text)
