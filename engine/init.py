"""Initialisation schemes for W1, b1, …, WL, bL (layer l: W[l] (n[l], n[l-1]), b[l] (n[l], 1)).

Random draws come from ``np.random.RandomState(init_seed)`` layer by layer, W1 then W2 … then WL, as the
course's ``initialize_parameters_deep`` draws them, so the default run starts from the C1W3 notebook's
exact weights (its seed 2 = our seed 1 + 1) and ``--layers 10,5 --init he --init-seed 3`` from the C2W1
assignment's. Biases drawn at random (only through a per-parameter override) come after all the
weights, keeping that order. Xavier and He scale each layer by its own fan-in n[l-1].
"""
from __future__ import annotations

import numpy as np

from engine.config import Config
from engine.network import Params


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
    """The starting parameters for ``config`` (scheme, scale, per-parameter overrides, init seed)."""
    sizes = (n_x, *config.layers, 1)
    params = Params.zeros(sizes)
    rng = np.random.RandomState(config.resolved_init_seed)
    draw_order = [("W", l) for l in range(1, len(sizes))] + [("b", l) for l in range(1, len(sizes))]
    for kind, l in draw_order:
        scheme, scale = config.init_for(f"{kind}{l}")
        shape = params.W(l).shape if kind == "W" else params.b(l).shape
        value = _initial_value(scheme, scale, shape, sizes[l - 1], kind == "b", rng)
        (params.W(l) if kind == "W" else params.b(l))[...] = value
    return params
