"""The L-layer network of the course (Course 1 Week 4's L_model_forward / L_model_backward), in its notation.

Layers l = 1 … L: n[0] = n_x inputs, hidden layers of n[1] … n[L-1] units, one sigmoid output unit n[L] = 1.
Shapes: A[0] = X (n_x, m), Y (1, m); W[l] (n[l], n[l-1]), b[l] (n[l], 1); Z[l], A[l], dA[l], dZ[l] (n[l], m).

    Z[l] = W[l]·A[l-1] + b[l]       A[l] = g(Z[l]) for l < L,   A[L] = σ(Z[L])
    cost = -(1/m) Σ [Y log A[L] + (1 - Y) log(1 - A[L])]
    dZ[L] = A[L] - Y
    dW[l] = (1/m) dZ[l]·A[l-1]ᵀ     db[l] = (1/m) Σ dZ[l]      (over the m examples)
    dA[l-1] = W[l]ᵀ·dZ[l]            dZ[l-1] = dA[l-1] * g'(Z[l-1])
    W[l] := W[l] - α·dW[l]           b[l] := b[l] - α·db[l]

The lecture's network with one hidden layer is L = 2: W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1).

Why no matrix product along a layer's units: a BLAS product computes blocks of rows with different
kernels, so two identical units can come out 1e-17 apart, and since the symmetric state is unstable that
grows to a visible gap. The lecture says identical units stay identical *exactly*, so everything with one
row per unit is computed by the same operation for every row: Z[l] and dA[l-1] (whose sum runs over the
*next* layer's units) as one vector-matrix product per unit (np.matmul over a stack of rows), each
gradient entry as one dot product over the m examples (np.vecdot), everything else element by element.
"""
from __future__ import annotations

import math

import numpy as np

from engine.activations import ACTIVATIONS, sigmoid

_HALF = np.array(0.5)  # array operands in the loop: a Python float costs a conversion per call (~0.3 µs)


def _layer_name(name: str, prefix: str, depth: int) -> int | None:
    """l for a course name such as "W3" (prefix "W"), if 1 ≤ l ≤ depth."""
    digits = name[len(prefix):]
    if name.startswith(prefix) and digits.isdigit() and digits[0] != "0" and int(digits) <= depth:
        return int(digits)
    return None


class Params:
    """W1, b1, …, WL, bL in one flat buffer ``flat``, layer by layer as tables [W[l] | b[l]].

    ``Wb[l]`` (n[l], n[l-1] + 1) is layer l's table (``Wb[0]`` is None: the course counts from 1);
    ``W(l)``, ``b(l)`` and the course's names ``W1``, ``b1``, ``W2`` … are views of it in the course's
    shapes, so writing to them writes the buffer. One buffer makes the update one operation.
    """

    def __init__(self, *weights_and_biases: np.ndarray):
        """``Params(W1, b1, W2, b2, …, WL, bL)``, in the course's shapes."""
        arrays = [np.asarray(a, dtype=np.float64) for a in weights_and_biases]
        if not arrays or len(arrays) % 2:
            raise ValueError("Params(W1, b1, …, WL, bL): a weight and a bias per layer")
        sizes = (arrays[0].shape[1], *(W.shape[0] for W in arrays[0::2]))
        self._views(np.zeros(_flat_size(sizes)), sizes)
        for l, (W, b) in enumerate(zip(arrays[0::2], arrays[1::2]), start=1):
            self.W(l)[...] = W
            self.b(l)[...] = b.reshape(sizes[l], 1)

    @classmethod
    def zeros(cls, sizes: tuple[int, ...]) -> "Params":
        """All zero, for layer sizes (n_x, n[1], …, n[L])."""
        params = object.__new__(cls)
        params._views(np.zeros(_flat_size(sizes)), tuple(sizes))
        return params

    def _views(self, flat: np.ndarray, sizes: tuple[int, ...]) -> None:
        self.flat, self.sizes = flat, sizes
        self.Wb: list[np.ndarray | None] = [None]
        start = 0
        for l in range(1, len(sizes)):
            end = start + sizes[l] * (sizes[l - 1] + 1)
            self.Wb.append(flat[start:end].reshape(sizes[l], sizes[l - 1] + 1))
            start = end

    L = property(lambda self: len(self.sizes) - 1)  # number of layers with weights (hidden + output)
    n_x = property(lambda self: self.sizes[0])
    n_h = property(lambda self: self.sizes[1])  # units of the first hidden layer

    def W(self, l: int) -> np.ndarray:
        return self.Wb[l][:, :-1]  # (n[l], n[l-1])

    def b(self, l: int) -> np.ndarray:
        return self.Wb[l][:, -1:]  # (n[l], 1)

    def __getattr__(self, name: str) -> np.ndarray:  # W1, b1, W2 …: the course's names
        sizes = self.__dict__.get("sizes")
        for kind in ("W", "b"):
            l = _layer_name(name, self._prefix + kind, len(sizes) - 1) if sizes else None
            if l is not None:
                return getattr(self, kind)(l)
        raise AttributeError(f"{type(self).__name__} has no {name!r}")

    _prefix = ""

    def unit_rows(self, l: int) -> np.ndarray:
        """Hidden layer l's units as rows (a new array): [W[l] | b[l] | W[l+1]ᵀ], incoming weights, bias and
        outgoing weights. Two units are identical when their rows are equal."""
        return np.hstack([self.Wb[l], self.W(l + 1).T])

    @property
    def units(self) -> np.ndarray:
        """The first hidden layer's rows (a new array): [W1 | b1 | W2ᵀ] for one hidden layer."""
        return self.unit_rows(1)

    def copy(self) -> "Params":
        twin = object.__new__(type(self))  # no need to re-fill: copy the buffer as it is
        twin._views(self.flat.copy(), self.sizes)
        return twin

    def load(self, other: "Params") -> None:
        """Overwrite in place (the network's buffers keep pointing at the same arrays)."""
        np.copyto(self.flat, other.flat)

    def equals(self, other: "Params") -> bool:
        """Bit-for-bit equality (NaN equals NaN), for exact replay and tests."""
        return self.sizes == other.sizes and self.flat.tobytes() == other.flat.tobytes()

    def as_dict(self) -> dict[str, np.ndarray]:
        """{"W1": …, "b1": …, …}: copies in the course's shapes."""
        out = {}
        for l in range(1, self.L + 1):
            out[f"{self._prefix}W{l}"] = self.W(l).copy()
            out[f"{self._prefix}b{l}"] = self.b(l).copy()
        return out


class Grads(Params):
    """dW1, db1, …, dWL, dbL in the same layout (``dW(l)``, ``db(l)``, or the course's names)."""

    _prefix = "d"

    def dW(self, l: int) -> np.ndarray:
        return self.W(l)

    def db(self, l: int) -> np.ndarray:
        return self.b(l)


def _flat_size(sizes) -> int:
    return sum(sizes[l] * (sizes[l - 1] + 1) for l in range(1, len(sizes)))


_ROW_ALIGN = 8  # float64s: 64 bytes, the widest SIMD register and a cache line


def _unit_rows(n: int, m: int, fill: float | None = None) -> np.ndarray:
    """An (n, m) buffer whose rows all start at the same alignment: a view of (n, m') with m' a multiple of 8.

    Why: BLAS and NumPy's SIMD loops treat a row's unaligned head differently from its aligned body, so the
    same numbers at another alignment can round differently (OpenBLAS's SSE kernels, OPENBLAS_CORETYPE=Prescott,
    summed two identical rows of m = 101 apart). With a row stride that is a multiple of 64 bytes every row of
    a layer is computed by the same instructions. (Plainly: np.empty((n, m)).)"""
    padded = -(-m // _ROW_ALIGN) * _ROW_ALIGN
    rows = np.empty((n, padded)) if fill is None else np.full((n, padded), fill)
    return rows[:, :m]


def stable_cost(ZL: np.ndarray, Y: np.ndarray) -> float:
    """Cross-entropy from Z[L], never log(0): -[y log σ(z) + (1-y) log(1-σ(z))] = log(1 + e^{(1-2y)·z})."""
    return float(np.logaddexp(0.0, (1.0 - 2.0 * Y) * ZL).mean())


class Network:
    """One network shape (``layers``: the hidden layer sizes) with its data and preallocated buffers.

    Training allocates nothing: the buffers are reused every iteration, so what ``forward`` and
    ``backward`` leave (Z[l], A[l], ``grads``) is overwritten by the next call; copy what you want to keep.
    ``train`` and ``step`` leave ``grads`` as it was (stale): call ``backward`` to look at the gradients.
    The course's names reach the buffers: ``net.Z1``, ``net.A1``, ``net.dZ1`` … and ``net.Z2``, ``net.A2``
    for the output of a one-hidden-layer net (new arrays).

    Speed comes from few NumPy calls per iteration (at m = 400 a call costs more than its arithmetic):
    A[l-1] sits over a row of ones, so [W[l] | b[l]]·[A[l-1]; 1] is Z[l] in one call, and the gradient
    sums dZ[l]·[A[l-1]; 1]ᵀ give dW[l] and db[l] in one call. The calls are written down once, as a
    recipe of in-place operations on these buffers (``_recipe``), which ``forward``, ``backward``,
    ``update`` and the tight loop of ``train`` all replay.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, layers: int | tuple[int, ...], activation: str):
        X = np.asarray(X, dtype=np.float64)
        n_x, m = X.shape
        hidden = (layers,) if isinstance(layers, int) else tuple(layers)
        self.sizes = sizes = (n_x, *hidden, 1)
        self.L = L = len(sizes) - 1
        self.n_x, self.n_h, self.m = n_x, sizes[1], m
        self.g = ACTIVATIONS[activation]
        self.X = X
        self.Y = np.asarray(Y, dtype=np.float64).reshape(1, m)
        # [A[l]; 1] for l = 0 … L-1, A[0] = X: then [W[l+1] | b[l+1]]·[A[l]; 1] = W[l+1]·A[l] + b[l+1].
        self.A_ones = [_unit_rows(n_x + 1, m, 1.0)] + [_unit_rows(sizes[l] + 1, m, 1.0) for l in range(1, L)]
        self.A_ones[0][:-1] = X
        self.A = [ones[:-1] for ones in self.A_ones]  # views: A[l] (n[l], m)
        unused = None  # index 0 of the per-layer lists below, so that Z[l] is layer l's as in the course
        self.Z = [unused] + [_unit_rows(sizes[l], m) for l in range(1, L)]
        self.g_prime = [unused] + [_unit_rows(sizes[l], m) for l in range(1, L)]
        self.dA = [unused] + [_unit_rows(sizes[l], m) for l in range(1, L)]
        self.dZ = [unused] + [_unit_rows(sizes[l], m) for l in range(1, L)]
        # W[l]ᵀ, contiguous, for dA[l-1] = W[l]ᵀ·dZ[l] one unit (row) at a time (l = 2 … L-1; the output
        # layer's one row needs no sum: W[L]ᵀ·dZ[L] is an outer product).
        self.W_T = [unused, unused] + [np.empty((sizes[l - 1], sizes[l])) for l in range(2, L)]
        # The output: Z[L]/2 (halving is exact in binary), because σ(z) = ½ + ½·tanh(z/2) never overflows.
        self.half_Wb_L = np.empty(sizes[L - 1] + 1)
        self.ZL_half = np.empty(m)
        self.tanh_ZL_half = np.empty(m)
        self.dZL = np.empty(m)  # dZ[L] = A[L] - Y, the one row
        self._half_minus_Y = (0.5 - self.Y)[0]
        self._two_sign = 2.0 * (1.0 - 2.0 * self.Y)[0]  # 2·(1 - 2Y): +2 for class 0, -2 for class 1 (see cost)
        # The gradient sums before the 1/m, in the grads' layout: the update applies α/m to them in one
        # multiply, and ``backward`` divides by m only for those who look at the gradients.
        self._sums = Grads.zeros(sizes)
        self.grads = Grads.zeros(sizes)
        self._one_over_m = np.array(1.0 / m)
        self._change = np.empty(self._sums.flat.shape)
        self._lr_over_m = np.zeros(())  # α/m, read by the update steps of the recipe
        self._recipe_for: Params | None = None

    def _recipe(self, params: Params) -> None:
        """Write down, once per ``params`` object, every operation of one iteration.

        Each entry is (function, arguments): NumPy functions writing into the buffers above and into
        ``params``/``grads`` in place, so replaying a list *is* the computation. Slicing and attribute
        look-ups happen here, once, not every iteration (at m = 400 they cost as much as the arithmetic).
        """
        L, g, sums, A_ones = self.L, self.g, self._sums, self.A_ones
        forward = []
        for l in range(1, L):
            forward += [
                # Z[l] = W[l]·A[l-1] + b[l]: one vector-matrix product per unit, never a matrix product
                (np.matmul, (params.Wb[l][:, None, :], A_ones[l - 1], self.Z[l][:, None, :])),
                (g.forward, (self.Z[l], self.A[l])),  # A[l] = g(Z[l])
            ]
        forward += [
            # Z[L] = W[L]·A[L-1] + b[L] has one row, a sum *over* the units: one product is safe here.
            (np.multiply, (params.Wb[L][0], _HALF, self.half_Wb_L)),
            (np.dot, (self.half_Wb_L, A_ones[L - 1], self.ZL_half)),  # Z[L]/2
        ]
        backward = [
            # dZ[L] = A[L] - Y = ½·tanh(Z[L]/2) + (½ - Y)
            (np.tanh, (self.ZL_half, self.tanh_ZL_half)),
            (np.multiply, (self.tanh_ZL_half, _HALF, self.dZL)),
            (np.add, (self.dZL, self._half_minus_Y, self.dZL)),
            # m·[dW[L] | db[L]] = dZ[L]·[A[L-1]; 1]ᵀ: one dot product over the examples per entry
            (np.vecdot, (A_ones[L - 1], self.dZL, sums.Wb[L][0])),
        ]
        if L > 1:  # dA[L-1] = W[L]ᵀ·dZ[L]: W[L] has one row, so each entry is one product
            backward.append((np.multiply, (params.W(L).T, self.dZL, self.dA[L - 1])))
        for l in range(L - 1, 0, -1):
            backward += [
                (g.derivative, (self.Z[l], self.A[l], self.g_prime[l])),  # g'(Z[l])
                (np.multiply, (self.dA[l], self.g_prime[l], self.dZ[l])),  # dZ[l] = dA[l] * g'(Z[l])
                # m·[dW[l] | db[l]] = dZ[l]·[A[l-1]; 1]ᵀ: one dot product over the examples per entry
                (np.vecdot, (self.dZ[l][:, None, :], A_ones[l - 1][None, :, :], sums.Wb[l])),
            ]
            if l > 1:  # dA[l-1] = W[l]ᵀ·dZ[l]: a sum over layer l's units, one vector-matrix product per row
                backward += [
                    (np.copyto, (self.W_T[l], params.W(l).T)),
                    (np.matmul, (self.W_T[l][:, None, :], self.dZ[l], self.dA[l - 1][:, None, :])),
                ]
        self._forward_steps = forward
        self._backward_steps = backward
        self._update_steps = [  # W := W - (α/m)·(m·dW) for every W and b: one buffer
            (np.multiply, (sums.flat, self._lr_over_m, self._change)),
            (np.subtract, (params.flat, self._change, params.flat)),
        ]
        self._recipe_for = params

    @staticmethod
    def _replay(steps) -> None:
        for function, arguments in steps:
            function(*arguments)

    def Z_of(self, l: int) -> np.ndarray:
        """Z[l] of the last ``forward``: the buffer (n[l], m) for a hidden layer; Z[L] (1, m) as a new array."""
        return self.Z[l] if l < self.L else (2.0 * self.ZL_half)[None, :]

    def A_of(self, l: int) -> np.ndarray:
        """A[l] of the last ``forward``: the buffer (n[l], m) for l < L (A[0] = X); A[L] = σ(Z[L]) (1, m), a new array."""
        return self.A[l] if l < self.L else sigmoid(self.Z_of(l), np.empty((1, self.m)))

    def __getattr__(self, name: str) -> np.ndarray:
        """The course's names for the last pass: Z1, A1, dA1, dZ1 … of the hidden layers (the buffers), and
        the output's Z[L], A[L], e.g. Z2, A2 of a one-hidden-layer net (new arrays)."""
        L = self.__dict__.get("L", 0)
        for prefix in ("dZ", "dA", "Z", "A"):
            l = _layer_name(name, prefix, L)
            if l is None:
                continue
            if prefix in ("Z", "A"):
                return self.Z_of(l) if prefix == "Z" else self.A_of(l)
            if l < L:
                return self.__dict__[prefix][l]
        raise AttributeError(f"Network has no {name!r}")

    @property
    def ZL(self) -> np.ndarray:
        """Z[L] (1, m) of the last ``forward`` (a new array)."""
        return self.Z_of(self.L)

    def forward(self, params: Params) -> bool:
        """Fill Z[l], A[l] and Z[L] for ``params``; False if Z[L] may be too large for a finite cost (then ask ``cost``)."""
        if params is not self._recipe_for:
            self._recipe(params)
        self._replay(self._forward_steps)
        return self._surely_finite()

    def _surely_finite(self) -> bool:
        # Σ (Z[L]/2)² finite means every |Z[L]| < 2.7e154, so the cost is surely finite; otherwise (rare)
        # the caller computes the cost itself to decide.
        return math.isfinite(np.dot(self.ZL_half, self.ZL_half))

    def cost(self) -> float:
        """Cross-entropy of the last ``forward``, computed from Z[L] so that it is never log(0).

        The same numbers as ``stable_cost(self.ZL, self.Y)``: 2·(1 - 2Y)·(Z[L]/2) = (1 - 2Y)·Z[L] exactly.
        """
        return float(np.logaddexp(0.0, self._two_sign * self.ZL_half).mean())

    def backward(self, params: Params) -> Grads:
        """Fill ``grads`` from the buffers of the last ``forward`` (call it first, same params)."""
        if params is not self._recipe_for:
            self._recipe(params)
        self._replay(self._backward_steps)
        # The 1/m comes after the sums, as in the course: with balanced classes Σ dZ[L] is then
        # exactly 0 (a sum of ±0.5), where Σ (±0.5/m) would leave a rounding residue.
        np.multiply(self._sums.flat, self._one_over_m, self.grads.flat)
        return self.grads

    def update(self, params: Params, learning_rate: float) -> None:
        """W := W - α·dW and b := b - α·db for every layer (one buffer), with the gradients of the last ``backward``."""
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
        ZL_half, dot, isfinite = self.ZL_half, np.dot, math.isfinite
        for done in range(n):
            for function, arguments in forward_steps:
                function(*arguments)
            if not isfinite(dot(ZL_half, ZL_half)) and not isfinite(self.cost()):
                return done
            for function, arguments in backward_and_update:
                function(*arguments)
        return n

    def step(self, params: Params, learning_rate: float) -> bool:
        """One gradient-descent iteration; False (and nothing changed) if the cost was not finite."""
        return self.train(params, learning_rate, 1) == 1

    def accuracy(self) -> float:
        """Share of examples classified right by the last ``forward`` (ŷ = 1 when A[L] > 0.5, i.e. Z[L] > 0)."""
        return float(np.count_nonzero((self.ZL_half > 0.0) == (self.Y[0] > 0.5))) / self.m


def predict_layers(params: Params, activation: str, X: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """([A[1], …, A[L-1]], A[L]) for arbitrary points X (n_x, k): each unit's picture and the decision boundary."""
    net = Network(X, np.zeros((1, X.shape[1])), params.sizes[1:-1], activation)
    with np.errstate(all="ignore"):
        net.forward(params)
        return [A.copy() for A in net.A[1:]], sigmoid(2.0 * net.ZL_half[None, :], np.empty((1, X.shape[1])))


def predict_grid(params: Params, activation: str, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A1, A[L]) for arbitrary points X (n_x, k): the first hidden layer's pictures and the decision boundary."""
    hidden, output = predict_layers(params, activation, X)
    return hidden[0], output
