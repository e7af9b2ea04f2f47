"""A run: config + data + parameters + iteration + history, stepped forward and back exactly.

``step(n)`` trains n iterations (stopping at the first non-finite cost), ``back(n)`` returns to an
earlier iteration bit for bit (nearest checkpoint, then the same deterministic steps again), and
``snapshot()`` hands the app plain Python values, never live arrays.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from engine import symmetry
from engine.config import Config
from engine.datasets import Dataset, make
from engine.features import inputs
from engine.history import Checkpoints, MetricHistory, Record
from engine.init import initialize_parameters
from engine.network import Network, Params

Rows = tuple[tuple[float, ...], ...]
Groups = tuple[tuple[int, ...], ...]


class LayerSnapshot(NamedTuple):
    """Layer l at one iteration, as plain values: W[l] as rows (one per unit, n[l-1] numbers each), b[l],
    and this iteration's gradients dW[l], db[l] (those the next update applies).

    For a hidden layer, ``groups`` are its identical units (equal incoming weights, bias and outgoing
    weights, the rows of ``Params.unit_rows``), ``grad_groups`` the same for the gradients, and
    ``unit_gap`` the smallest max-abs difference between two units (0.0 when two are identical, None with
    one unit). The output layer (one unit) has one group and no gap. The signal's size: the largest |Z[l]|,
    the share of |Z[l]| > 3 (where tanh and sigmoid are flat), the spread (standard deviation) of A[l] over
    units and examples, and the root mean square of dW[l] (a vanishing signal shows in both).
    """

    W: Rows
    b: tuple[float, ...]
    dW: Rows
    db: tuple[float, ...]
    groups: Groups
    grad_groups: Groups
    unit_gap: float | None
    max_abs_Z: float
    saturated_share: float
    activation_spread: float
    gradient_rms: float

    @property
    def units(self) -> int:
        return len(self.b)

    @property
    def distinct_units(self) -> int:
        return len(self.groups)


@dataclass(frozen=True)
class Snapshot:
    """Everything the UI shows about the run at one iteration, as plain floats and tuples (no arrays).

    ``layers`` holds every layer l = 1 … L: the hidden layers, then the output unit. The names the
    one-hidden-layer panels use (W1, b1, dW1, db1, groups, unit_gap, n_h …) describe the first hidden
    layer; W2, b2, dW2, db2 are the output layer's and exist only for one hidden layer (L = 2).
    """

    iteration: int
    loss: float | None  # None when non-finite
    accuracy: float
    test_accuracy: float | None  # None without a test set
    frozen: bool
    diverged: bool
    layers: tuple[LayerSnapshot, ...]

    @property
    def hidden_layers(self) -> tuple[LayerSnapshot, ...]:
        return self.layers[:-1]

    @property
    def output(self) -> LayerSnapshot:
        return self.layers[-1]

    # -- the first hidden layer -----------------------------------------------------------------------
    unit_gap = property(lambda self: self.layers[0].unit_gap)
    groups = property(lambda self: self.layers[0].groups)  # identical hidden units (by parameters)
    grad_groups = property(lambda self: self.layers[0].grad_groups)  # identical gradient rows
    W1 = property(lambda self: self.layers[0].W)
    b1 = property(lambda self: self.layers[0].b)
    dW1 = property(lambda self: self.layers[0].dW)
    db1 = property(lambda self: self.layers[0].db)
    max_abs_Z1 = property(lambda self: self.layers[0].max_abs_Z)
    saturated_share = property(lambda self: self.layers[0].saturated_share)  # share of |Z1| > 3

    @property
    def distinct_units(self) -> int:
        return self.layers[0].distinct_units

    @property
    def n_h(self) -> int:
        return self.layers[0].units

    # -- the output layer of a one-hidden-layer network ----------------------------------------------------
    def _one_hidden_layer(self) -> LayerSnapshot:
        if len(self.layers) != 2:
            raise AttributeError("W2, b2, dW2, db2 as one row: one hidden layer only; use layers[l]")
        return self.layers[1]

    W2 = property(lambda self: self._one_hidden_layer().W[0])
    b2 = property(lambda self: self._one_hidden_layer().b[0])
    dW2 = property(lambda self: self._one_hidden_layer().dW[0])
    db2 = property(lambda self: self._one_hidden_layer().db[0])


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
        same_data = old is not None and hasattr(self, "data") and all(
            getattr(old, f) == getattr(self.config, f) for f in ("dataset", "samples", "noise", "seed"))
        if data is None:
            data = self.data if same_data else make(self.config)
        self.data = data
        same_test = same_data and old.test_samples == self.config.test_samples
        self.test_data = (self.test_data if same_test else make(self.config, test=True)) if self.config.test_samples \
            else None
        layers, activation, features = self.config.layers, self.config.activation, self.config.features
        self.X = inputs(data.X, features)  # what the network sees: the chosen features of the points
        self.params: Params = initialize_parameters(self.config, self.X.shape[0])
        self.net = Network(self.X, data.Y, layers, activation)
        self.test_net = None if self.test_data is None else Network(
            inputs(self.test_data.X, features), self.test_data.Y, layers, activation)
        self.iteration = 0
        self.diverged = False
        self.history = MetricHistory()
        self.checkpoints = Checkpoints()
        self.checkpoints.add(0, self.params.copy())
        self._evaluated_at: int | None = None
        self._first_gap: float | None = None  # layer 1's unit gap at _evaluated_at, once a snapshot measured it

    def test_accuracy(self) -> float | None:
        """Accuracy on the test set (``--test-samples``) at the current parameters; None without one."""
        if self.test_net is None:
            return None
        with np.errstate(all="ignore"):
            self.test_net.forward(self.params)
        return self.test_net.accuracy()

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
        # A snapshot at this iteration left its forward and backward passes in the buffers (see _evaluate): the
        # first iteration applies them instead of computing the same numbers again (half a step key's work at
        # 64,64,64). The same operations on the same parameters: bit for bit the same run.
        fresh = self._evaluated_at == iteration and not self.diverged
        with np.errstate(all="ignore"):  # overflow is reported as "diverged", not as a warning
            while iteration < end and not self.diverged:
                if iteration == next_record:  # this iteration's forward pass is looked at, then applied
                    if not fresh and not net.forward(params) and not math.isfinite(net.cost()):
                        self.diverged = True
                        break
                    gap = self._first_gap if fresh and self._first_gap is not None else symmetry.unit_gap(params.units)
                    history.add(Record(iteration, net.cost(), net.accuracy(), gap, self.test_accuracy()), params.copy())
                    next_record = history.next_wanted(iteration + 1)
                    if not fresh:
                        net.backward(params)
                    net.update(params, lr)
                    iteration += 1
                elif fresh:  # the snapshot's passes, applied
                    net.update(params, lr)
                    iteration += 1
                else:  # nothing to look at until the next record or checkpoint: the tight loop
                    wanted = min(end, next_record, next_checkpoint) - iteration
                    done = net.train(params, lr, wanted)
                    iteration += done
                    self.diverged = done < wanted
                fresh = False
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
        self._evaluated_at = None  # the buffers belong to other weights now
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
        self._first_gap = None
        self._cost = cost
        return cost

    @property
    def loss(self) -> float:
        return self._cost if self._evaluated_at == self.iteration else self._evaluate()

    @property
    def frozen(self) -> bool:
        """Every weight gradient and every hidden bias gradient is exactly 0 (dW1, db1, … dWL: all but the
        output's db[L]): training cannot move any weight."""
        self.loss  # noqa: B018 - makes sure the gradients belong to the current iteration
        return not self.diverged and not np.any(self.net.grads.flat[:-1])  # db[L] is the buffer's last number

    def snapshot(self) -> Snapshot:
        cost = self.loss
        net = self.net
        return Snapshot(
            iteration=self.iteration,
            loss=_finite_or_none(cost),
            accuracy=net.accuracy(),
            test_accuracy=self.test_accuracy(),
            frozen=self.frozen,
            diverged=self.diverged,
            layers=tuple(self._layer_snapshot(l) for l in range(1, net.L + 1)),
        )

    def _layer_snapshot(self, l: int) -> LayerSnapshot:
        p, g, net = self.params, self.net.grads, self.net
        output = l == net.L
        rows, grad_rows = (p.Wb[l], g.Wb[l]) if output else (p.unit_rows(l), g.unit_rows(l))
        unit_gap, groups = symmetry.gap_and_groups(rows)  # one pass of pairwise gaps gives both
        if l == 1:
            self._first_gap = unit_gap  # this iteration's history record wants it too (see step)
        with np.errstate(all="ignore"):  # a diverging run's huge or NaN numbers are shown, never warned about
            Z, A = net.Z_of(l), net.A_of(l)
            abs_Z = np.abs(Z)
            spread = float(A.std())
            gradient_rms = float(np.sqrt(np.mean(np.square(g.W(l)))))
        return LayerSnapshot(
            W=tuple(map(tuple, p.W(l).tolist())),
            b=tuple(p.b(l)[:, 0].tolist()),
            dW=tuple(map(tuple, g.W(l).tolist())),
            db=tuple(g.b(l)[:, 0].tolist()),
            groups=tuple(groups),
            grad_groups=tuple(symmetry.identical_groups(grad_rows)),
            unit_gap=unit_gap,
            max_abs_Z=float(abs_Z.max()),
            saturated_share=float(np.count_nonzero(abs_Z > 3.0)) / abs_Z.size,
            activation_spread=spread,
            gradient_rms=gradient_rms,
        )
