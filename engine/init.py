"""Initialisation schemes for W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1).

Random draws come from ``np.random.RandomState(seed + 1)`` in the course notebook's order
(W1 first, then W2), so the default run starts from the notebook's exact weights. Biases drawn
at random (only through a per-parameter override) come after the weights, keeping that order.
"""
from __future__ import annotations

import numpy as np

from engine.config import Config
from engine.network import Params

_DRAW_ORDER = ("W1", "W2", "b1", "b2")


def _fan_in(name: str, n_x: int, n_h: int) -> int:
    return n_x if name in ("W1", "b1") else n_h


def _initial_value(scheme: str, scale: float, shape: tuple[int, int], fan_in: int, is_bias: bool,
                   rng: np.random.RandomState) -> np.ndarray:
    if scheme == "zeros":
        return np.zeros(shape)
    if scheme == "constant":
        return np.full(shape, scale)
    if scheme == "random":
        return rng.randn(*shape) * scale
    # Xavier and He set weights only; the lecture: "b has no symmetry problem", so biases start at 0.
    if is_bias:
        return np.zeros(shape)
    variance = 1.0 / fan_in if scheme == "xavier" else 2.0 / fan_in
    return rng.randn(*shape) * np.sqrt(variance) * scale


def initialize_parameters(config: Config, n_x: int = 2) -> Params:
    """The starting parameters for ``config`` (scheme, scale, per-parameter overrides, seed)."""
    n_h = config.hidden
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}
    rng = np.random.RandomState(config.seed + 1)
    values = {}
    for name in _DRAW_ORDER:
        scheme, scale = config.init_for(name)
        values[name] = _initial_value(scheme, scale, shapes[name], _fan_in(name, n_x, n_h),
                                      name.startswith("b"), rng)
    return Params(values["W1"], values["b1"], values["W2"], values["b2"])
