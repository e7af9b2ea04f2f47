"""What a hint may say about a run beyond its snapshot, measured on the run itself, never assumed from the
lecture: how it started (loss, share of saturated pre-activations) and, after a saturated start, how its
accuracy compares with the same network started at the course's ×0.01 after as many iterations.

Why measured: on this app's data sets a large start does not always learn slowly. On the flower data ×5
and ×10 reach a higher accuracy after 1000 iterations than ×0.01 (lr 1.2 pulls the weights in fast);
only from about ×50 does learning really lag. So "slower" is said only when the yardstick run shows it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.trainer import Trainer

REFERENCE_SCALE = 0.01  # the course's np.random.randn(...) * 0.01
SATURATED_Z = 3.0  # |z| > 3: tanh′ < 0.01, sigmoid′ < 0.05 (tui/widgets/explanation.py says so)
SATURATING = ("tanh", "sigmoid")
SATURATED_START = 0.5  # more than half of |Z1| in the flat tails at iteration 0: a saturated start
SAME_PACE = 0.02  # accuracies closer than 2 points: "about as fast"


@dataclass(frozen=True)
class Start:
    """The run at iteration 0 (its own start: a lesson step's ε included)."""

    loss: float | None  # None when not finite
    saturated_share: float  # share of the entries of Z1 = W1·X + b1 with |z| > SATURATED_Z
    saturated_shares: tuple[float, ...] = ()  # the same for Z[l] of each hidden layer l = 1 … L-1 (Z1's first)

    @property
    def saturated_layers(self) -> tuple[int, ...]:
        """The hidden layers (1-based) where more than SATURATED_START of |Z[l]| is above SATURATED_Z."""
        shares = self.saturated_shares or (self.saturated_share,)
        return tuple(l for l, share in enumerate(shares, start=1) if share > SATURATED_START)


@dataclass(frozen=True)
class Pace:
    """The run's accuracy against the same network at ×0.01 (same data, seed, draws, lr), both ``iteration``
    iterations in."""

    iteration: int
    accuracy: float
    reference_accuracy: float

    @property
    def verdict(self) -> str:
        """"slower", "faster" or "same": what the two accuracies show, with SAME_PACE of slack."""
        if self.reference_accuracy - self.accuracy >= SAME_PACE:
            return "slower"
        if self.accuracy - self.reference_accuracy >= SAME_PACE:
            return "faster"
        return "same"


@dataclass(frozen=True)
class RunFacts:
    start: Start
    pace: Pace | None  # only after a saturated start of a random-draw scheme, past iteration 0

    @property
    def saturated_start(self) -> bool:
        """More than SATURATED_START of |Z[l]| above SATURATED_Z at iteration 0, in some hidden layer."""
        return bool(self.start.saturated_layers)


def reference_config(config):
    """The same network started as the course starts it: the same draws (same seed) times 0.01."""
    return config.replace(init="random", scale=REFERENCE_SCALE, overrides=())


def start_of(trainer: Trainer) -> Start:
    """Loss and saturation of ``trainer``'s run at iteration 0, from its iteration-0 checkpoint."""
    _, state = trainer.checkpoints.latest_at_or_before(0)
    first = Trainer(trainer.config, trainer.data)
    first.params.load(state)
    loss = first.loss  # a forward pass at iteration 0: Z[1] … Z[L] of the inputs the network sees (--features)
    shares = []
    with np.errstate(all="ignore"):
        for l in range(1, first.net.L):
            Z = first.net.Z_of(l)
            shares.append(float(np.count_nonzero(np.abs(Z) > SATURATED_Z)) / Z.size)
    return Start(loss=loss if np.isfinite(loss) else None, saturated_share=shares[0], saturated_shares=tuple(shares))


class RunFactSource:
    """Keeps one run's facts current: its start measured once per reset, and the ×0.01 yardstick run stepped
    along with it (forward or back, exactly), only while a hint needs it. Not thread-safe: call it where the
    run's trainer may be read (the app holds its lock)."""

    def __init__(self) -> None:
        self._run_start: object = None  # the run's checkpoints object: a new one with every reset
        self._start: Start | None = None
        self._reference: Trainer | None = None

    def facts(self, trainer: Trainer, accuracy: float) -> RunFacts:
        """``accuracy``: the run's at its current iteration (the caller's snapshot has it)."""
        if self._run_start is not trainer.checkpoints or self._start is None:
            self._run_start, self._start, self._reference = trainer.checkpoints, start_of(trainer), None
        facts = RunFacts(self._start, None)
        config = trainer.config
        if (not facts.saturated_start or config.activation not in SATURATING or trainer.iteration == 0
                or config.init not in ("random", "xavier", "he")):
            return facts
        return RunFacts(self._start, self._pace(trainer, accuracy))

    def _pace(self, trainer: Trainer, accuracy: float) -> Pace | None:
        reference = self._reference
        if reference is None or reference.data is not trainer.data:
            reference = self._reference = Trainer(reference_config(trainer.config), trainer.data)
        if reference.iteration > trainer.iteration:
            reference.back(reference.iteration - trainer.iteration)
        else:
            reference.step(trainer.iteration - reference.iteration)
        if reference.diverged:  # no yardstick to measure against (a huge learning rate)
            return None
        return Pace(trainer.iteration, accuracy, reference.snapshot().accuracy)
