"""Two-class data sets in the course's layout: X is (2, m), the points (x1, x2); Y is (1, m) of 0.0/1.0.

Each is drawn from its own ``np.random.RandomState(seed)`` (never the global generator), so a seed
always gives the same points; the test set (``--test-samples``) from ``RandomState(seed + 1)``. ``flower``
is the course notebook's ``load_planar_dataset``: same draws in the same order, so seed 1, m = 400 gives
exactly the notebook's X and Y. ``circles`` is scikit-learn's ``make_circles`` draw for draw, so seed 1,
m = 300, noise 0.05 is the C2W1 "Initialization" assignment's training set and seed 2, m = 100 its test set.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.config import Config

DEFAULT_NOISE = {"flower": 0.2, "circles": 0.05, "moons": 0.15, "xor": 0.15, "blobs": 0.6, "spiral": 0.2}


@dataclass(frozen=True)
class Dataset:
    """X (n_x, m) and Y (1, m), both read-only, plus the name and noise that made them."""

    name: str
    X: np.ndarray
    Y: np.ndarray
    noise: float

    @property
    def m(self) -> int:
        return self.X.shape[1]

    @property
    def n_x(self) -> int:
        return self.X.shape[0]


def make(config: Config, test: bool = False) -> Dataset:
    """Draw ``config.dataset`` with ``config.samples`` points, ``config.resolved_noise`` and ``config.seed``;
    with ``test``, its test set: ``config.test_samples`` points from seed + 1."""
    rng = np.random.RandomState(config.seed + 1 if test else config.seed)
    noise = config.resolved_noise
    X, Y = _MAKERS[config.dataset](rng, config.test_samples if test else config.samples, noise)
    X = np.ascontiguousarray(X, dtype=np.float64)
    Y = np.ascontiguousarray(Y, dtype=np.float64).reshape(1, -1)
    X.flags.writeable = False
    Y.flags.writeable = False
    return Dataset(config.dataset, X, Y, noise)


def _class_sizes(m: int) -> tuple[int, int]:
    return m // 2, m - m // 2


def flower(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's planar "flower": two classes of petals of a rose curve r = a·sin(4t)."""
    a = 4  # maximum ray of the flower
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    start = 0
    for j, n in enumerate(_class_sizes(m)):
        ix = range(start, start + n)
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.randn(n) * noise  # theta
        r = a * np.sin(4 * t) + rng.randn(n) * noise  # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
        start += n
    return X.T, Y.T


def circles(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's ``make_circles(m, shuffle=True, noise=noise, random_state=rng, factor=0.8)``, draw for
    draw: an outer circle (class 0, radius 1) and an inner one (class 1, radius 0.8), shuffled, then noise."""
    n_out, n_in = _class_sizes(m)
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(t_out), np.cos(t_in) * 0.8), np.append(np.sin(t_out), np.sin(t_in) * 0.8)]).T
    Y = np.hstack([np.zeros(n_out), np.ones(n_in)])
    order = np.arange(m)
    rng.shuffle(order)  # sklearn.utils.shuffle
    X, Y = X[order], Y[order]
    X += rng.normal(scale=noise, size=X.shape)
    return X.T, Y


def moons(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles."""
    n_a, n_b = _class_sizes(m)
    t_a = np.linspace(0, np.pi, n_a)
    t_b = np.linspace(0, np.pi, n_b)
    X = np.vstack([np.c_[np.cos(t_a), np.sin(t_a)], np.c_[1 - np.cos(t_b), 0.5 - np.sin(t_b)]])
    X += rng.randn(m, 2) * noise
    X -= (0.5, 0.25)  # centre on the origin, where a zero bias puts every unit's boundary
    Y = np.r_[np.zeros(n_a), np.ones(n_b)]
    return X.T, Y


def xor(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Four clusters on the corners of a square; opposite corners share a class."""
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    labels = np.array([0.0, 0.0, 1.0, 1.0])
    # Balanced classes: alternate corners of class 0 and class 1 so that even m splits 50/50.
    which = np.array([(i // 2) % 2 + 2 * (i % 2) for i in range(m)])
    X = corners[which] * 0.5 + rng.randn(m, 2) * noise
    return X.T, labels[which]


def blobs(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs: linearly separable, so even one hidden unit is enough."""
    n_a, n_b = _class_sizes(m)
    X = np.vstack([rng.randn(n_a, 2) * noise + (-1.0, -1.0), rng.randn(n_b, 2) * noise + (1.0, 1.0)])
    Y = np.r_[np.zeros(n_a), np.ones(n_b)]
    return X.T, Y


def spiral(rng: np.random.RandomState, m: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved arms of an Archimedean spiral: hard, needs many hidden units."""
    X_parts, Y_parts = [], []
    for j, n in enumerate(_class_sizes(m)):
        r = np.linspace(0.1, 1.0, n)
        t = np.linspace(0, 3 * np.pi, n) + j * np.pi
        X_parts.append(np.c_[r * np.sin(t), r * np.cos(t)] * 2 + rng.randn(n, 2) * noise * r[:, None])
        Y_parts.append(np.full(n, float(j)))
    return np.vstack(X_parts).T, np.concatenate(Y_parts)


_MAKERS = {"flower": flower, "circles": circles, "moons": moons, "xor": xor, "blobs": blobs, "spiral": spiral}
