"""How alike the hidden units are: pairwise gaps and groups of identical units.

Unit j is row j of ``Params.units`` = [W1[j, :], b1[j], W2[0, j]] (or of ``Grads.units`` for its
gradients). Two units are identical when their rows are equal bit for bit; the gap between two
units is the largest absolute difference between their parameters, so identical units have a gap
of exactly 0.0 — never rounded.
"""
from __future__ import annotations

import functools

import numpy as np


def pairwise_gaps(units: np.ndarray) -> np.ndarray:
    """(n_h, n_h) matrix: max |row_i - row_j| (0 on the diagonal; NaN if either row has NaN).

    One broadcast over the transposed table, so the differences are n_x + 2 planes of (n_h, n_h), reduced
    plane by plane: the trainer asks for this at every history record, so it stays cheap.
    """
    columns = np.ascontiguousarray(units.T)
    with np.errstate(invalid="ignore", over="ignore"):
        return np.abs(columns[:, :, None] - columns[:, None, :]).max(axis=0)  # max, not nanmax: a NaN must show


def unit_gap(units: np.ndarray) -> float | None:
    """The smallest gap between any two hidden units: 0.0 when two are identical, None when n_h = 1.

    Identical rows count as gap 0.0 even when they hold inf (inf - inf would say NaN); NaN when
    every pair involves a NaN.
    """
    n_h = units.shape[0]
    if n_h < 2:
        return None
    gaps = pairwise_gaps(units)[_upper(n_h)]  # each pair once (i < j)
    smallest = gaps.min()
    if smallest == smallest:  # no NaN: the answer (0.0 when two units are identical)
        return float(smallest)
    if not gaps.all():  # some gap is exactly 0.0
        return 0.0
    if len(identical_groups(units)) < n_h:
        return 0.0  # identical rows holding inf: inf - inf is NaN, yet the units are the same
    return float("nan") if np.isnan(gaps).all() else float(np.nanmin(gaps))


@functools.lru_cache(maxsize=64)
def _upper(n_h: int) -> np.ndarray:
    """Mask of the pairs i < j of an (n_h, n_h) matrix."""
    return np.triu(np.ones((n_h, n_h), dtype=bool), 1)


def identical_groups(units: np.ndarray) -> list[tuple[int, ...]]:
    """Hidden units grouped by exact equality of their rows; each group in unit order, groups by first unit.

    ``units`` holds parameter rows or gradient rows. NaN never equals anything, so a unit with a
    NaN is a group of its own.
    """
    equal = (units[:, None, :] == units[None, :, :]).all(axis=2)
    np.fill_diagonal(equal, True)
    first = equal.argmax(axis=1)  # the lowest-numbered unit each unit equals (itself at worst)
    groups: dict[int, list[int]] = {}
    for j, leader in enumerate(first.tolist()):
        groups.setdefault(leader, []).append(j)
    return [tuple(members) for members in groups.values()]


def distinct_units(units: np.ndarray) -> int:
    """How many different hidden units there really are (1 means the net acts like a 1-unit net)."""
    return len(identical_groups(units))
