"""Hidden-layer activations g and their derivatives g', side by side.

Each function writes into ``out`` (preallocated by the network) and works element by element, so
every hidden unit's row is computed by the same operations: identical rows give identical bits.
The derivative is written in terms of what backprop has at hand: Z1 and A1 = g(Z1).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

LEAKY_SLOPE = 0.01
# 0-d array operands for the training loop: NumPy converts a Python float on every call (~0.3 µs).
_ONE = np.array(1.0)


def sigmoid(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """σ(z) = ½(1 + tanh(z/2)): never overflows, unlike 1/(1 + exp(-z)) at z = -800."""
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def _tanh(z, out):
    return np.tanh(z, out=out)


def _tanh_prime(z, a, out):  # tanh' = 1 - tanh²
    np.multiply(a, a, out=out)
    np.subtract(_ONE, out, out=out)
    return out


def _sigmoid_prime(z, a, out):  # σ' = σ(1 - σ)
    np.subtract(_ONE, a, out=out)
    out *= a
    return out


def _relu(z, out):
    return np.maximum(z, 0.0, out=out)


def _relu_prime(z, a, out):  # 1 where z > 0, else 0 (the course's choice at 0)
    np.greater(z, 0.0, out=out)
    return out


def _leaky_relu(z, out):
    np.multiply(z, LEAKY_SLOPE, out=out)
    return np.maximum(z, out, out=out)


def _leaky_relu_prime(z, a, out):
    np.greater(z, 0.0, out=out)
    out *= 1.0 - LEAKY_SLOPE
    out += LEAKY_SLOPE
    return out


@dataclass(frozen=True)
class Activation:
    name: str
    forward: Callable[[np.ndarray, np.ndarray], np.ndarray]  # (Z, out) -> A
    derivative: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (Z, A, out) -> g'(Z)

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Convenience for callers without buffers (plots, tests): a new array."""
        return self.forward(np.asarray(z, dtype=np.float64), np.empty(np.shape(z)))

    def prime(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=np.float64)
        return self.derivative(z, self(z), np.empty(z.shape))


ACTIVATIONS = {
    "tanh": Activation("tanh", _tanh, _tanh_prime),
    "sigmoid": Activation("sigmoid", sigmoid, _sigmoid_prime),
    "relu": Activation("relu", _relu, _relu_prime),
    "leaky_relu": Activation("leaky_relu", _leaky_relu, _leaky_relu_prime),
}
