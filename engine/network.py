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

import numpy as np

from engine.activations import ACTIVATIONS, sigmoid


class Params:
    """W1, b1, W2, b2, stored as ``units`` (n_h, n_x + 2) = [W1 | b1 | W2ᵀ] and ``b2`` (1, 1).

    ``W1``, ``b1``, ``W2`` are views in the course's shapes, so writing to them writes the table.
    """

    def __init__(self, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
        W1 = np.asarray(W1, dtype=np.float64)
        n_h, n_x = W1.shape
        self.units = np.empty((n_h, n_x + 2))
        self.units[:, :n_x] = W1
        self.units[:, n_x] = np.asarray(b1, dtype=np.float64).reshape(n_h)
        self.units[:, n_x + 1] = np.asarray(W2, dtype=np.float64).reshape(n_h)
        self.b2 = np.asarray(b2, dtype=np.float64).reshape(1, 1).copy()

    n_h = property(lambda self: self.units.shape[0])
    n_x = property(lambda self: self.units.shape[1] - 2)
    W1 = property(lambda self: self.units[:, : self.n_x])  # (n_h, n_x)
    b1 = property(lambda self: self.units[:, self.n_x : self.n_x + 1])  # (n_h, 1)
    W2 = property(lambda self: self.units[:, self.n_x + 1 :].T)  # (1, n_h)

    def copy(self) -> "Params":
        return type(self)(self.W1, self.b1, self.W2, self.b2)

    def load(self, other: "Params") -> None:
        """Overwrite in place (the network's buffers keep pointing at the same arrays)."""
        np.copyto(self.units, other.units)
        np.copyto(self.b2, other.b2)

    def equals(self, other: "Params") -> bool:
        """Bit-for-bit equality (NaN equals NaN), for exact replay and tests."""
        return (self.units.tobytes() == other.units.tobytes()) and (self.b2.tobytes() == other.b2.tobytes())

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
    """One network shape with its data and preallocated buffers: ``step`` allocates nothing.

    The buffers are reused every iteration, so the results of ``forward`` (Z1, A1, Z2, A2) and
    ``backward`` (``grads``) are overwritten by the next call; copy what you want to keep.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, n_h: int, activation: str):
        X = np.asarray(X, dtype=np.float64)
        n_x, m = X.shape
        self.n_x, self.n_h, self.m = n_x, n_h, m
        self.g = ACTIVATIONS[activation]
        self.X = X
        self.Y = np.asarray(Y, dtype=np.float64).reshape(1, m)
        # X with a row of ones: W1·X + b1 is then one broadcast product [W1 | b1] * [X; 1] and one sum.
        self.X_ones = np.vstack([X, np.ones((1, m))])
        self.sign = 1.0 - 2.0 * self.Y  # +1 for class 0, -1 for class 1: cost = mean log(1 + e^{sign·Z2})
        self.Z1 = np.empty((n_h, m))
        self.A1 = np.empty((n_h, m))
        self.dZ1 = np.empty((n_h, m))
        self.products = np.empty((n_h, n_x + 1, m))  # per-unit, per-input products before summing
        self.Z2 = np.empty((1, m))
        self.A2 = np.empty((1, m))
        self.dZ2 = np.empty((1, m))
        self.row = np.empty((1, m))
        self.grads = Grads(np.zeros((n_h, n_x)), np.zeros((n_h, 1)), np.zeros((1, n_h)), np.zeros((1, 1)))
        self.change = np.empty((n_h, n_x + 2))

    def forward(self, params: Params) -> float:
        """Fill Z1, A1, Z2, A2 for ``params`` and return the cost (non-finite only if Z2 is)."""
        n_x = self.n_x
        W1_b1 = params.units[:, : n_x + 1]
        np.multiply(W1_b1[:, :, None], self.X_ones[None, :, :], out=self.products)
        np.add.reduce(self.products, axis=1, out=self.Z1)  # Z1 = W1·X + b1, same order in every row
        self.g.forward(self.Z1, self.A1)  # A1 = g(Z1)
        # Z2 = W2·A1 + b2 sums *over* the hidden units into one row, so a matrix product is safe here.
        np.dot(params.units[:, n_x + 1], self.A1, out=self.Z2[0])
        self.Z2 += params.b2
        sigmoid(self.Z2, self.A2)  # A2 = σ(Z2)
        np.multiply(self.sign, self.Z2, out=self.row)
        np.logaddexp(0.0, self.row, out=self.row)
        return float(self.row.sum()) / self.m

    def backward(self, params: Params) -> Grads:
        """Fill ``grads`` from the buffers of the last ``forward`` (call it first, same params)."""
        n_x, m, grads = self.n_x, self.m, self.grads
        W2_col = params.units[:, n_x + 1 :]  # W2ᵀ, (n_h, 1)
        np.subtract(self.A2, self.Y, out=self.dZ2)  # dZ2 = A2 - Y
        np.multiply(self.A1, self.dZ2, out=self.dZ1)  # (dZ1 used as scratch here)
        np.add.reduce(self.dZ1, axis=1, out=grads.units[:, n_x + 1])  # m·dW2ᵀ = Σ A1 * dZ2, per unit
        self.g.derivative(self.Z1, self.A1, self.dZ1)  # g'(Z1)
        self.dZ1 *= W2_col  # W2ᵀ·dZ2 is an outer product: element by element it is W2[j] * dZ2[i]
        self.dZ1 *= self.dZ2
        np.multiply(self.dZ1[:, None, :], self.X_ones[None, :, :], out=self.products)
        np.add.reduce(self.products, axis=2, out=grads.units[:, : n_x + 1])  # m·[dW1 | db1]
        grads.units *= 1.0 / m
        grads.b2[0, 0] = self.dZ2.sum() * (1.0 / m)
        return grads

    def update(self, params: Params, learning_rate: float) -> None:
        """W := W - α·dW for W1, b1, W2 (one table) and b2."""
        np.multiply(self.grads.units, learning_rate, out=self.change)
        params.units -= self.change
        params.b2 -= learning_rate * self.grads.b2

    def step(self, params: Params, learning_rate: float) -> float:
        """One gradient-descent iteration; returns the cost of ``params`` *before* the update."""
        cost = self.forward(params)
        self.backward(params)
        self.update(params, learning_rate)
        return cost

    def accuracy(self) -> float:
        """Share of examples classified right by the last ``forward`` (ŷ = 1 when A2 > 0.5, i.e. Z2 > 0)."""
        return float(np.count_nonzero((self.Z2 > 0.0) == (self.Y > 0.5))) / self.m


def predict_grid(params: Params, activation: str, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A1, A2) for arbitrary points X (n_x, k): the decision boundary and each unit's picture."""
    net = Network(X, np.zeros((1, X.shape[1])), params.n_h, activation)
    with np.errstate(all="ignore"):
        net.forward(params)
    return net.A1.copy(), net.A2.copy()
