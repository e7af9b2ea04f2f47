"""The inputs the network sees, computed from a point's (x1, x2): TensorFlow Playground's seven features.

X (n_x, m) has one row per chosen feature, in the order chosen (``--features x1,x2,x1x2`` is the lecture's
three-feature network). The data sets, the decision boundary and the thumbnails stay in the (x1, x2) plane.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sinx1": lambda x1, x2: np.sin(x1),
    "sinx2": lambda x1, x2: np.sin(x2),
}
PLANE = ("x1", "x2")


def inputs(points: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """X (len(features), m) from points (2, m) of the plane; the points themselves for (x1, x2)."""
    if tuple(features) == PLANE:
        return points
    X = np.vstack([FEATURES[name](points[0], points[1]) for name in features])
    X.flags.writeable = False
    return X
