"""Numerical gradient check: backprop's dW1, db1, …, dWL, dbL against centred differences of the cost.

The cost here is computed by a plain course-style forward pass (new arrays, matrix products), not by
``Network``, so the check compares the engine's backprop with an independent reference.

Shapes (course notation): X (n_x, m), Y (1, m); W[l] (n[l], n[l-1]), b[l] (n[l], 1); one hidden layer:
W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.activations import ACTIVATIONS
from engine.network import Network, Params, stable_cost

def parameter_names(params: Params) -> tuple[str, ...]:
    """("W1", "b1", …, "WL", "bL")."""
    return tuple(params.as_dict())


def cost(params: Params, X: np.ndarray, Y: np.ndarray, activation: str) -> float:
    """Cross-entropy of ``params`` on X (n_x, m), Y (1, m), by the course's forward propagation."""
    g = ACTIVATIONS[activation]
    A = X
    for l in range(1, params.L):
        A = g(params.W(l) @ A + params.b(l))  # A[l] = g(W[l]·A[l-1] + b[l]), (n[l], m)
    ZL = params.W(params.L) @ A + params.b(params.L)  # (1, m)
    return stable_cost(ZL, Y)


def numerical_gradient(params: Params, X: np.ndarray, Y: np.ndarray, activation: str,
                       epsilon: float = 1e-5) -> dict[str, np.ndarray]:
    """{"W1": (n[1], n_x), "b1": (n[1], 1), …}: (J(θ+ε) - J(θ-ε)) / 2ε per entry.

    ``params`` is left as it was (each entry is restored after its two evaluations).
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64).reshape(1, -1)
    probe = params.copy()
    numerical = {}
    for name in parameter_names(probe):
        values = getattr(probe, name)  # a view into ``probe``: writing to it changes the cost
        gradient = np.zeros(values.shape)
        for index in np.ndindex(values.shape):
            original = values[index]
            values[index] = original + epsilon
            plus = cost(probe, X, Y, activation)
            values[index] = original - epsilon
            minus = cost(probe, X, Y, activation)
            values[index] = original
            gradient[index] = (plus - minus) / (2.0 * epsilon)
        numerical[name] = gradient
    return numerical


def backprop_gradient(params: Params, X: np.ndarray, Y: np.ndarray, activation: str) -> dict[str, np.ndarray]:
    """The engine's gradients (copies), keyed "W1", "b1", … in the parameters' shapes."""
    net = Network(X, Y, params.sizes[1:-1], activation)
    net.forward(params)
    grads = net.backward(params)
    return {name[1:]: value for name, value in grads.as_dict().items()}


def relative_error(analytic: np.ndarray, numerical: np.ndarray) -> float:
    """||g - g_num|| / (||g|| + ||g_num||); 0.0 when both are exactly zero."""
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numerical) / denominator)


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of one check: the overall relative error and one per parameter."""

    relative_error: float
    per_parameter: dict[str, float]
    analytic: dict[str, np.ndarray]
    numerical: dict[str, np.ndarray]


def check(params: Params, X: np.ndarray, Y: np.ndarray, activation: str, epsilon: float = 1e-5) -> GradientCheck:
    """Compare backprop with centred differences; the overall error uses every parameter as one vector."""
    analytic = backprop_gradient(params, X, Y, activation)
    numerical = numerical_gradient(params, X, Y, activation, epsilon)
    names = parameter_names(params)
    flat_analytic = np.concatenate([analytic[name].ravel() for name in names])
    flat_numerical = np.concatenate([numerical[name].ravel() for name in names])
    return GradientCheck(
        relative_error=relative_error(flat_analytic, flat_numerical),
        per_parameter={name: relative_error(analytic[name], numerical[name]) for name in names},
        analytic=analytic,
        numerical=numerical,
    )
