"""The input plane (x1, x2) as a grid of pixels: what the decision boundary and the unit thumbnails draw.

Pure NumPy. The app hands in plain weights (tuples from a Snapshot) and gets back arrays of values
on a grid, so the same function draws the boundary ŷ(x1, x2) and each hidden unit's A[l](x1, x2). With
other inputs than (x1, x2) (``--features``), each pixel's point goes through the same features first.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from engine.features import PLANE, inputs
from engine.network import Params, predict_layers

Bounds = tuple[float, float, float, float]  # x1_min, x1_max, x2_min, x2_max


def bounds_of(X: np.ndarray, margin: float = 0.1) -> Bounds:
    """The data's box, widened by ``margin`` of its size on each side (as the course's plots do)."""
    low, high = X.min(axis=1), X.max(axis=1)
    pad = (high - low) * margin + 1e-9
    return (float(low[0] - pad[0]), float(high[0] + pad[0]), float(low[1] - pad[1]), float(high[1] + pad[1]))


def grid(bounds: Bounds, columns: int, rows: int) -> np.ndarray:
    """Pixel centres as Xgrid (2, rows * columns), row-major with x2 decreasing downwards (top = high x2)."""
    x1_min, x1_max, x2_min, x2_max = bounds
    x1 = x1_min + (np.arange(columns) + 0.5) * (x1_max - x1_min) / columns
    x2 = x2_max - (np.arange(rows) + 0.5) * (x2_max - x2_min) / rows
    X1, X2 = np.meshgrid(x1, x2)
    return np.vstack([X1.ravel(), X2.ravel()])


def params_of(layers: Sequence) -> Params:
    """Params from a Snapshot's ``layers`` (each with plain rows W and a tuple b), any depth."""
    arrays = []
    for layer in layers:
        arrays += [np.array(layer.W, dtype=np.float64).reshape(len(layer.b), -1), np.array(layer.b).reshape(-1, 1)]
    return Params(*arrays)


def layer_fields(params: Params, activation: str, bounds: Bounds, columns: int, rows: int,
                 features: Sequence[str] = PLANE) -> tuple[list[np.ndarray], np.ndarray]:
    """([A[l] as (n[l], rows, columns) for each hidden layer], ŷ as (rows, columns)) over the plane."""
    hidden, output = predict_layers(params, activation, inputs(grid(bounds, columns, rows), features))
    return [A.reshape(A.shape[0], rows, columns) for A in hidden], output.reshape(rows, columns)


def fields(params: Params, activation: str, bounds: Bounds, columns: int, rows: int,
           features: Sequence[str] = PLANE) -> tuple[np.ndarray, np.ndarray]:
    """(A1 as (n_h, rows, columns), ŷ as (rows, columns)) over the plane: the first hidden layer's pictures."""
    hidden, output = layer_fields(params, activation, bounds, columns, rows, features)
    return hidden[0], output


def cell_of(X: np.ndarray, bounds: Bounds, columns: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the pixel each point of X (2, m) falls in, clipped to the grid."""
    x1_min, x1_max, x2_min, x2_max = bounds
    column = np.floor((X[0] - x1_min) / (x1_max - x1_min) * columns).astype(int)
    row = np.floor((x2_max - X[1]) / (x2_max - x2_min) * rows).astype(int)
    return np.clip(row, 0, rows - 1), np.clip(column, 0, columns - 1)
