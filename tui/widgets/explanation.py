"""One line, in plain words, of what is happening in the run right now."""
from __future__ import annotations

from textual.widgets import Static

from engine.config import Config
from engine.trainer import Snapshot
from tui.i18n import t

SATURATING = ("tanh", "sigmoid")
UNSTABLE_LOSS = 3 * 0.6931471805599453  # three times a coin flip's loss, without a large init to blame


def large_init(config: Config) -> bool:
    """Weights started big enough to saturate; a trained net also has large |Z1|, but that is learning."""
    scale = config.resolved_scale
    return scale >= 1 if config.init in ("random", "constant") else scale >= 4


def explain(snapshot: Snapshot, config: Config) -> str:
    """The most important thing to notice, checked in order: diverged, frozen, symmetric, unstable, saturated,
    learning."""
    n_h, k = snapshot.n_h, snapshot.distinct_units
    if snapshot.diverged:
        return t("explain.diverged")
    if snapshot.frozen:
        if config.init == "zeros" and config.activation == "tanh":
            return t("explain.frozen_zero_tanh")
        return t("explain.frozen")
    if n_h > 1 and k == 1:
        return t("explain.symmetric", n_h=n_h)
    if n_h > 1 and k < n_h:
        return t("explain.partly", k=k, n_h=n_h)
    if snapshot.loss is not None and snapshot.loss > UNSTABLE_LOSS and not large_init(config):
        return t("explain.unstable", loss=f"{snapshot.loss:.4g}")
    if config.activation in SATURATING and snapshot.saturated_share > 0.5 and large_init(config):
        return t("explain.saturated", share=f"{snapshot.saturated_share:.0%}", activation=config.activation)
    if n_h == 1:
        return t("explain.one_unit")
    return t("explain.learning", n_h=n_h)


class Explanation(Static):
    """The explanation line under the status bar."""

    _shown: str | None = None

    def show(self, snapshot: Snapshot, config: Config) -> None:
        text = explain(snapshot, config)
        if text != self._shown:  # the same sentence for hundreds of frames: don't re-lay it out each time
            self._shown = text
            self.update(text)
