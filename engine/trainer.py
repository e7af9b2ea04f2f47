"""A run: config + data + parameters + iteration + history, stepped forward and back exactly.

``step(n)`` trains n iterations (stopping at the first non-finite cost), ``back(n)`` returns to an
earlier iteration bit for bit (nearest checkpoint, then the same deterministic steps again), and
``snapshot()`` hands the app plain Python values, never live arrays.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine import symmetry
from engine.config import Config
from engine.datasets import Dataset, make
from engine.history import Checkpoints, MetricHistory, Record
from engine.init import initialize_parameters
from engine.network import Network, Params

Rows = tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Snapshot:
    """Everything the UI shows about the run at one iteration, as plain floats and tuples."""

    iteration: int
    loss: float | None  # None when non-finite
    accuracy: float
    unit_gap: float | None  # None when n_h = 1
    groups: tuple[tuple[int, ...], ...]  # identical hidden units (by parameters)
    grad_groups: tuple[tuple[int, ...], ...]  # identical gradient rows
    frozen: bool
    diverged: bool
    W1: Rows
    b1: tuple[float, ...]
    W2: tuple[float, ...]
    b2: float
    dW1: Rows
    db1: tuple[float, ...]
    dW2: tuple[float, ...]
    db2: float
    max_abs_Z1: float
    saturated_share: float  # share of |Z1| > 3 (tanh/sigmoid flat there)

    @property
    def distinct_units(self) -> int:
        return len(self.groups)

    @property
    def n_h(self) -> int:
        return len(self.b1)


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


class Trainer:
    """One training run of ``config`` on its data set."""

    def __init__(self, config: Config, data: Dataset | None = None):
        self.reset(config, data)

    def reset(self, config: Config | None = None, data: Dataset | None = None) -> None:
        """Start again from iteration 0, with a new config if given (new data only if it needs it)."""
        old = getattr(self, "config", None)
        self.config = config if config is not None else old
        if data is None:
            same_data = old is not None and hasattr(self, "data") and all(
                getattr(old, f) == getattr(self.config, f) for f in ("dataset", "samples", "noise", "seed"))
            data = self.data if same_data else make(self.config)
        self.data = data
        self.params: Params = initialize_parameters(self.config, data.n_x)
        self.net = Network(data.X, data.Y, self.config.hidden, self.config.activation)
        self.iteration = 0
        self.diverged = False
        self.history = MetricHistory()
        self.checkpoints = Checkpoints()
        self.checkpoints.add(0, self.params.copy())
        self._evaluated_at: int | None = None

    # -- moving ------------------------------------------------------------------------------------
    def step(self, n: int = 1) -> int:
        """Train up to ``n`` iterations; returns how many were done (fewer once diverged)."""
        net, params, lr = self.net, self.params, self.config.lr
        history, checkpoints = self.history, self.checkpoints
        start = iteration = self.iteration
        end = start + n
        history.prepare(end)
        next_record = history.next_wanted(iteration)
        next_checkpoint = checkpoints.next_wanted(iteration + 1)
        with np.errstate(all="ignore"):  # overflow is reported as "diverged", not as a warning
            while iteration < end and not self.diverged:
                if iteration == next_record:  # this iteration's forward pass is looked at, then applied
                    if not net.forward(params) and not math.isfinite(net.cost()):
                        self.diverged = True
                        break
                    history.add(Record(iteration, net.cost(), net.accuracy(), symmetry.unit_gap(params.units)),
                                params.copy())
                    next_record = history.next_wanted(iteration + 1)
                    net.backward(params)
                    net.update(params, lr)
                    iteration += 1
                else:  # nothing to look at until the next record or checkpoint: the tight loop
                    wanted = min(end, next_record, next_checkpoint) - iteration
                    done = net.train(params, lr, wanted)
                    iteration += done
                    self.diverged = done < wanted
                if iteration == next_checkpoint:
                    checkpoints.add(iteration, params.copy())
                    next_checkpoint = checkpoints.next_wanted(iteration + 1)
        self.iteration = iteration
        done = iteration - start
        self._evaluated_at = None
        return done

    def back(self, n: int = 1) -> int:
        """Return to iteration ``max(0, iteration - n)`` exactly; returns how many iterations were undone."""
        target = max(0, self.iteration - n)
        undone = self.iteration - target
        if undone == 0:
            return 0
        start, state = self.checkpoints.latest_at_or_before(target)
        self.params.load(state)
        self.iteration = start
        self.diverged = False
        self.history.truncate(target)
        self.checkpoints.truncate(target)
        self.step(target - start)
        return undone

    # -- looking -----------------------------------------------------------------------------------
    def _evaluate(self) -> float:
        """Forward and backward at the current parameters (the gradients this iteration will apply)."""
        with np.errstate(all="ignore"):
            self.net.forward(self.params)
            cost = self.net.cost()
            self.net.backward(self.params)
        if not math.isfinite(cost):
            self.diverged = True
        self._evaluated_at = self.iteration
        self._cost = cost
        return cost

    @property
    def loss(self) -> float:
        return self._cost if self._evaluated_at == self.iteration else self._evaluate()

    @property
    def frozen(self) -> bool:
        """Every hidden-layer gradient (dW1, db1, dW2) is exactly 0: training cannot move them."""
        self.loss  # noqa: B018 - makes sure the gradients belong to the current iteration
        return not self.diverged and not np.any(self.net.grads.units)

    def snapshot(self) -> Snapshot:
        cost = self.loss
        net, p, g = self.net, self.params, self.net.grads
        with np.errstate(all="ignore"):
            abs_Z1 = np.abs(net.Z1)
            max_abs = float(abs_Z1.max())
            saturated = float(np.count_nonzero(abs_Z1 > 3.0)) / abs_Z1.size
        return Snapshot(
            iteration=self.iteration,
            loss=_finite_or_none(cost),
            accuracy=net.accuracy(),
            unit_gap=symmetry.unit_gap(p.units),
            groups=tuple(symmetry.identical_groups(p.units)),
            grad_groups=tuple(symmetry.identical_groups(g.units)),
            frozen=self.frozen,
            diverged=self.diverged,
            W1=tuple(map(tuple, p.W1.tolist())),
            b1=tuple(p.b1[:, 0].tolist()),
            W2=tuple(p.W2[0].tolist()),
            b2=float(p.b2[0, 0]),
            dW1=tuple(map(tuple, g.dW1.tolist())),
            db1=tuple(g.db1[:, 0].tolist()),
            dW2=tuple(g.dW2[0].tolist()),
            db2=float(g.db2[0, 0]),
            max_abs_Z1=max_abs,
            saturated_share=saturated,
        )
