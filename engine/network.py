"""Forward propagation, cost, backward propagation and update, in the course's notation.

Shapes (course notation): X (n_x, m), Y (1, m); W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1);
Z1, A1, dZ1 (n_h, m); Z2, A2, dZ2 (1, m).

    Z1 = W1·X + b1     A1 = g(Z1)     Z2 = W2·A1 + b2     A2 = σ(Z2)
    cost = -(1/m) Σ [Y log A2 + (1 - Y) log(1 - A2)]
    dZ2 = A2 - Y       dW2 = (1/m) dZ2·A1ᵀ      db2 = (1/m) Σ dZ2
    dZ1 = W2ᵀ·dZ2 * g'(Z1)      dW1 = (1/m) dZ1·Xᵀ      db1 = (1/m) Σ dZ1
    W := W - α·dW  (every parameter)

Why no matrix product along the hidden dimension: a BLAS product computes blocks of rows with
different kernels, so two identical hidden units can come out 1e-17 apart, and since the symmetric
state is unstable that grows to a visible gap. The lecture says identical units stay identical
*exactly*, so every quantity with one row per hidden unit is computed element by element, and every
sum over the m examples is a per-row sum: all rows go through the same operations in the same order.

Everything a hidden unit owns sits in one row of ``Params.units``: [W1[j, :], b1[j], W2[0, j]].
That makes the update a single operation and the symmetry measures a comparison of rows.
"""
from __future__ import annotations

import math

import numpy as np

from engine.activations import ACTIVATIONS, sigmoid


class Params:
    """W1, b1, W2, b2, stored as ``units`` (n_h, n_x + 2) = [W1 | b1 | W2ᵀ] and ``b2`` (1, 1).

    ``W1``, ``b1``, ``W2`` are views in the course's shapes, so writing to them writes the table.
    Both ``units`` and ``b2`` are views of one ``table`` (n_h + 1, n_x + 2) whose first row is
    [0 … 0 | b2]: so [b2 | W2] is one column and an update is one operation on the whole table.
    """

    def __init__(self, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
        W1 = np.asarray(W1, dtype=np.float64)
        n_h, n_x = W1.shape
        self._views(np.zeros((n_h + 1, n_x + 2)))
        self.units[:, :n_x] = W1
        self.units[:, n_x] = np.asarray(b1, dtype=np.float64).reshape(n_h)
        self.units[:, n_x + 1] = np.asarray(W2, dtype=np.float64).reshape(n_h)
        self.b2[0, 0] = np.asarray(b2, dtype=np.float64).reshape(())

    def _views(self, table: np.ndarray) -> None:
        self.table = table
        self.units = table[1:]
        self.b2 = table[:1, -1:]

    n_h = property(lambda self: self.units.shape[0])
    n_x = property(lambda self: self.units.shape[1] - 2)
    W1 = property(lambda self: self.units[:, : self.n_x])  # (n_h, n_x)
    b1 = property(lambda self: self.units[:, self.n_x : self.n_x + 1])  # (n_h, 1)
    W2 = property(lambda self: self.units[:, self.n_x + 1 :].T)  # (1, n_h)
    b2_W2 = property(lambda self: self.table[:, -1])  # (n_h + 1,) = [b2, W2[0, 0], …]

    def copy(self) -> "Params":
        twin = object.__new__(type(self))  # no need to re-fill: copy the table as it is
        twin._views(self.table.copy())
        return twin

    def load(self, other: "Params") -> None:
        """Overwrite in place (the network's buffers keep pointing at the same arrays)."""
        np.copyto(self.table, other.table)

    def equals(self, other: "Params") -> bool:
        """Bit-for-bit equality (NaN equals NaN), for exact replay and tests."""
        return self.table.tobytes() == other.table.tobytes()

    def as_dict(self) -> dict[str, np.ndarray]:
        return {"W1": self.W1.copy(), "b1": self.b1.copy(), "W2": self.W2.copy(), "b2": self.b2.copy()}


class Grads(Params):
    """dW1, db1, dW2, db2 in the same layout: ``units`` = [dW1 | db1 | dW2ᵀ], ``b2`` = db2."""

    dW1 = property(lambda self: self.W1)
    db1 = property(lambda self: self.b1)
    dW2 = property(lambda self: self.W2)
    db2 = property(lambda self: self.b2)

    def as_dict(self) -> dict[str, np.ndarray]:
        return {"d" + name: value for name, value in super().as_dict().items()}


def stable_cost(Z2: np.ndarray, Y: np.ndarray) -> float:
    """Cross-entropy from Z2, never log(0): -[y log σ(z) + (1-y) log(1-σ(z))] = log(1 + e^{(1-2y)·z})."""
    return float(np.logaddexp(0.0, (1.0 - 2.0 * Y) * Z2).mean())


class Network:
    """One network shape with its data and preallocated buffers: training allocates nothing.

    The buffers are reused every iteration, so what ``forward`` and ``backward`` leave (Z1, A1,
    Z2, ``grads``) is overwritten by the next call; copy what you want to keep. ``train`` and
    ``step`` leave ``grads`` as it was (stale): call ``backward`` to look at the gradients.

    Speed comes from doing few NumPy calls per iteration (at m = 400 each call costs more than
    its arithmetic): A1 sits under a row of ones, so [b2 | W2]·[1; A1] is Z2 and [1; A1]·dZ2
    gives db2 and every dW2 in one call, as g'(Z1)·([X; 1]·dZ2) gives dW1 and db1. The calls
    are written down once, as a recipe of in-place operations on these buffers (``_recipe``),
    which ``forward``, ``backward``, ``update`` and the tight loop of ``train`` all replay.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, n_h: int, activation: str):
        X = np.asarray(X, dtype=np.float64)
        n_x, m = X.shape
        self.n_x, self.n_h, self.m = n_x, n_h, m
        self.g = ACTIVATIONS[activation]
        self.X = X
        self.Y = np.asarray(Y, dtype=np.float64).reshape(1, m)
        # [X; 1]: then [W1 | b1]·[X; 1] = W1·X + b1 is one product per unit.
        self.X_ones = np.vstack([X, np.ones((1, m))])
        self._two_sign = 2.0 * (1.0 - 2.0 * self.Y)[0]  # 2·(1 - 2Y): +2 for class 0, -2 for class 1 (see cost)
        # dZ2 = σ(Z2) - Y = tanh(Z2/2)·0.5 + (0.5 - Y) (σ via tanh never overflows), and backprop
        # only ever needs [X; 1]·dZ2, so both constants are premultiplied by [X; 1]:
        # [X; 1]·dZ2 = [X; 1]·0.5 * tanh(Z2/2) + [X; 1]·(0.5 - Y). Its last row is dZ2 itself.
        # The 1/m comes after the sums (see ``backward``).
        self.X_ones_half = self.X_ones * 0.5
        self.X_ones_half_minus_Y = self.X_ones * (0.5 - self.Y)
        self.Z1 = np.empty((n_h, m))
        self.ones_A1 = np.empty((n_h + 1, m))  # [1; A1]
        self.ones_A1[0] = 1.0
        self.A1 = self.ones_A1[1:]
        self.g_prime = np.empty((n_h, m))
        self.half_b2_W2 = np.empty(n_h + 1)
        self._halves = np.full(n_h + 1, 0.5)  # an array operand: a Python float costs a conversion per call
        self.Z2_half = np.empty(m)  # Z2/2, exactly (halving is exact in binary)
        self.tanh_Z2_half = np.empty(m)
        # tanh(Z2/2) seen on n_x + 1 rows without copying (a stride-0 view), for one multiply by [X; 1]·0.5.
        self._tanh_Z2_half_rows = np.broadcast_to(self.tanh_Z2_half, (n_x + 1, m))
        self.X_ones_dZ2 = np.empty((n_x + 1, m))  # [X; 1] * dZ2, example by example
        self.dZ2 = self.X_ones_dZ2[n_x]
        # The gradient sums before the 1/m, in the grads' layout: the update applies α/m to them in
        # one multiply, and ``backward`` divides by m only for those who look at the gradients.
        self._sums = Grads(np.zeros((n_h, n_x)), np.zeros((n_h, 1)), np.zeros((1, n_h)), np.zeros((1, 1)))
        self.grads = self._sums.copy()
        self._one_over_m = np.array(1.0 / m)
        self.change = np.empty((n_h + 1, n_x + 2))
        self._lr_over_m = np.zeros(())  # α/m, read by the update steps of the recipe
        # Gradient sums are one dot product over the m examples per (unit, column of [X; 1]·dZ2):
        # the same call for every hidden unit, so identical units get identical bits (a single big
        # matrix product would send some rows through other kernels and round them differently).
        self._g_prime_3d = self.g_prime[:, None, :]
        self._unit_sums = np.empty((n_h, n_x + 1))
        self._recipe_for: Params | None = None

    def _recipe(self, params: Params) -> None:
        """Write down, once per ``params`` object, every operation of one iteration.

        Each entry is (function, arguments): NumPy functions writing into the buffers above and into
        ``params``/``grads`` in place, so replaying a list *is* the computation. Slicing and
        attribute look-ups happen here, once, not every iteration (at m = 400 they cost as much
        as the arithmetic).
        """
        n_x, g, sums = self.n_x, self.g, self._sums
        W2_column = params.units[:, n_x + 1 :]
        half, unit_sums = self.half_b2_W2, self._unit_sums
        self._forward_steps = [
            (np.matmul, (params.units[:, None, : n_x + 1], self.X_ones, self.Z1[:, None, :])),  # Z1 = W1·X + b1
            (g.forward, (self.Z1, self.A1)),  # A1 = g(Z1)
            # Z2 = W2·A1 + b2 sums *over* the hidden units into one row, so one product is safe here.
            (np.multiply, (params.b2_W2, self._halves, half)),
            (np.dot, (half, self.ones_A1, self.Z2_half)),  # Z2/2 = [b2/2 | W2/2]·[1; A1]
        ]
        self._backward_steps = [
            # dZ2 = A2 - Y with A2 = σ(Z2) = ½ + ½·tanh(Z2/2); only [X; 1]·dZ2 is ever needed.
            (np.tanh, (self.Z2_half, self.tanh_Z2_half)),
            (np.multiply, (self.X_ones_half, self._tanh_Z2_half_rows, self.X_ones_dZ2)),
            (np.add, (self.X_ones_dZ2, self.X_ones_half_minus_Y, self.X_ones_dZ2)),  # [X; 1]·dZ2
            (g.derivative, (self.Z1, self.A1, self.g_prime)),  # g'(Z1)
            # One dot product over the m examples per unit and column (m times the gradients):
            #   g'(Z1[j]) · [X; 1]·dZ2  -> Σ g'·dZ2·[x1, x2, 1] = m·[dW1 | db1][j] / W2[j]
            #   [1; A1]  · dZ2          -> Σ dZ2 = m·db2, Σ A1[j]·dZ2 = m·dW2[j]
            (np.vecdot, (self._g_prime_3d, self.X_ones_dZ2[None], unit_sums)),
            (np.vecdot, (self.ones_A1, self.dZ2, sums.b2_W2)),
            # dZ1 = W2ᵀ·dZ2 * g'(Z1) is never formed: W2[j] can wait until after the sum over the m
            # examples, m·[dW1 | db1][j] = W2[j] · Σ_i g'(Z1[j, i]) · dZ2[i] · [X; 1][:, i].
            # (Being m times the gradient, this overflows a little sooner than dW1 would, at
            # |W2| ~ 1e305: such a run is diverging anyway and stops at its next cost.)
            (np.multiply, (unit_sums, W2_column, sums.units[:, : n_x + 1])),
        ]
        self._update_steps = [  # W := W - (α/m)·(m·dW) for W1, b1, W2 and b2: one table
            (np.multiply, (sums.table, self._lr_over_m, self.change)),
            (np.subtract, (params.table, self.change, params.table)),
        ]
        self._recipe_for = params

    @staticmethod
    def _replay(steps) -> None:
        for function, arguments in steps:
            function(*arguments)

    @property
    def Z2(self) -> np.ndarray:
        """Z2 (1, m) of the last ``forward`` (a new array)."""
        return (2.0 * self.Z2_half)[None, :]

    @property
    def A2(self) -> np.ndarray:
        """σ(Z2) (1, m) of the last ``forward`` (a new array; training itself only needs dZ2)."""
        return sigmoid(self.Z2, np.empty((1, self.m)))

    def _surely_finite(self) -> bool:
        # Σ (Z2/2)² finite means every |Z2| < 2.7e154, so the cost is surely finite; otherwise (rare)
        # the caller computes the cost itself to decide.
        return math.isfinite(np.dot(self.Z2_half, self.Z2_half))

    def forward(self, params: Params) -> bool:
        """Fill Z1, A1 and Z2 for ``params``; False if Z2 may be too large for a finite cost (then ask ``cost``)."""
        if params is not self._recipe_for:
            self._recipe(params)
        self._replay(self._forward_steps)
        return self._surely_finite()

    def cost(self) -> float:
        """Cross-entropy of the last ``forward``, computed from Z2 so that it is never log(0).

        The same numbers as ``stable_cost(self.Z2, self.Y)``: 2·(1 - 2Y)·(Z2/2) = (1 - 2Y)·Z2 exactly.
        """
        return float(np.logaddexp(0.0, self._two_sign * self.Z2_half).mean())

    def backward(self, params: Params) -> Grads:
        """Fill ``grads`` from the buffers of the last ``forward`` (call it first, same params)."""
        if params is not self._recipe_for:
            self._recipe(params)
        self._replay(self._backward_steps)
        # The 1/m comes after the sums, as in the course: with balanced classes Σ dZ2 is then
        # exactly 0 (a sum of ±0.5), where Σ (±0.5/m) would leave a rounding residue.
        np.multiply(self._sums.table, self._one_over_m, self.grads.table)
        return self.grads

    def update(self, params: Params, learning_rate: float) -> None:
        """W := W - α·dW for W1, b1, W2 (one table) and b2, with the gradients of the last ``backward``."""
        if params is not self._recipe_for:
            self._recipe(params)
        self._lr_over_m[()] = learning_rate / self.m
        self._replay(self._update_steps)

    def train(self, params: Params, learning_rate: float, n: int) -> int:
        """``n`` gradient-descent iterations; returns how many ran (it stops before a non-finite cost).

        Bit for bit the same parameters as ``forward``, ``backward`` and ``update`` in turn, in one
        tight loop; ``grads`` is not filled (nothing looks at it in between: call ``backward``).
        """
        if params is not self._recipe_for:
            self._recipe(params)
        self._lr_over_m[()] = learning_rate / self.m
        forward_steps = self._forward_steps
        backward_and_update = self._backward_steps + self._update_steps
        Z2_half, dot, isfinite = self.Z2_half, np.dot, math.isfinite
        for done in range(n):
            for function, arguments in forward_steps:
                function(*arguments)
            if not isfinite(dot(Z2_half, Z2_half)) and not isfinite(self.cost()):
                return done
            for function, arguments in backward_and_update:
                function(*arguments)
        return n

    def step(self, params: Params, learning_rate: float) -> bool:
        """One gradient-descent iteration; False (and nothing changed) if the cost was not finite."""
        return self.train(params, learning_rate, 1) == 1

    def accuracy(self) -> float:
        """Share of examples classified right by the last ``forward`` (ŷ = 1 when A2 > 0.5, i.e. Z2 > 0)."""
        return float(np.count_nonzero((self.Z2_half > 0.0) == (self.Y[0] > 0.5))) / self.m


def predict_grid(params: Params, activation: str, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A1, A2) for arbitrary points X (n_x, k): the decision boundary and each unit's picture."""
    net = Network(X, np.zeros((1, X.shape[1])), params.n_h, activation)
    with np.errstate(all="ignore"):
        net.forward(params)
        return net.A1.copy(), net.A2
