"""How alike the hidden units are: pairwise gaps and groups of identical units.

Unit j is row j of ``Params.units`` = [W1[j, :], b1[j], W2[0, j]] (or of ``Grads.units`` for its
gradients). Two units are identical when their rows are equal bit for bit; the gap between two
units is the largest absolute difference between their parameters, so identical units have a gap
of exactly 0.0 — never rounded.

A snapshot (every step key) measures each hidden layer, so the measures below avoid the n_h² × columns
work of their plain formulas where they can; each keeps the plain formula beside it, and a test holds them to it.
"""
from __future__ import annotations

import functools

import numpy as np

FIRST_COLUMNS = 16  # columns every pair is measured on before pairs are dropped (see _smallest_gap)
BLOCK = 32  # columns measured at a time for the pairs still in the running
SMALL_TABLE = 32768  # n_h² × columns up to which the plain formula is the faster one


def pairwise_gaps(units: np.ndarray) -> np.ndarray:
    """(n_h, n_h) matrix: max |row_i - row_j| (0 on the diagonal; NaN if either row has NaN).

    One broadcast over the transposed table, so the differences are n_x + 2 planes of (n_h, n_h), reduced
    plane by plane.
    """
    columns = np.ascontiguousarray(units.T)
    with np.errstate(invalid="ignore", over="ignore"):
        return np.abs(columns[:, :, None] - columns[:, None, :]).max(axis=0)  # max, not nanmax: a NaN must show


def unit_gap(units: np.ndarray) -> float | None:
    """The smallest gap between any two hidden units: 0.0 when two are identical, None when n_h = 1.

    Identical rows count as gap 0.0 even when they hold inf (inf - inf would say NaN); NaN when
    every pair involves a NaN.
    """
    return gap_and_groups(units)[0]


def gap_and_groups(units: np.ndarray) -> tuple[float | None, list[tuple[int, ...]]]:
    """``unit_gap(units)`` and ``identical_groups(units)`` together.

    Plainly: the smallest of ``pairwise_gaps(units)`` over the pairs i < j. Two identical units make it
    exactly 0.0 without measuring any pair (the symmetric runs: zeros, a constant); when every unit differs
    and every number is finite, ``_smallest_gap`` finds the same number measuring far fewer differences.
    """
    groups = identical_groups(units)
    n_h = units.shape[0]
    if n_h < 2:
        return None, groups
    if len(groups) < n_h:
        return 0.0, groups
    if np.isfinite(units).all():
        return _smallest_gap(units), groups
    pairs = pairwise_gaps(units)[_upper(n_h)]  # each pair once (i < j); none is 0: no two rows are equal
    smallest = pairs.min()
    if smallest == smallest:  # no NaN
        return float(smallest), groups
    return (float("nan") if np.isnan(pairs).all() else float(np.nanmin(pairs))), groups


def _smallest_gap(units: np.ndarray) -> float:
    """min over i < j of max |row_i - row_j|, for finite rows; the same number as the plain formula.

    A pair's gap is at least its largest difference on any few columns. So: every pair on the first
    columns; the whole gaps of the n_h pairs nearest there (the bound: one of them is often the nearest
    pair); then only the pairs not yet further apart than the bound, a block of columns at a time. At 64
    units × 129 columns that takes a tenth of the plain formula's differences. Every max is exact whatever
    order it runs in: the answer is one pair's gap, bit for bit. (Small tables: the plain formula is faster.)
    """
    n_h, k = units.shape
    if n_h * n_h * k <= SMALL_TABLE:
        return float(pairwise_gaps(units)[_upper(n_h)].min())
    columns = np.ascontiguousarray(units.T)  # (columns, n_h): a column's values for every unit side by side
    i, j = _pairs(n_h)
    with np.errstate(over="ignore"):  # finite numbers far apart differ by inf: a valid (large) gap
        seen = pairwise_gaps(units[:, :FIRST_COLUMNS])[_upper(n_h)]  # each pair's gap on the first columns
        nearest = np.argpartition(seen, min(n_h, len(seen) - 1))[:n_h]
        bound = np.abs(units[i[nearest]] - units[j[nearest]]).max(axis=1).min()  # their whole gaps
        for start in range(FIRST_COLUMNS, k, BLOCK):
            keep = seen <= bound  # the others are already further apart than the bound's pair
            i, j, seen = i[keep], j[keep], seen[keep]
            block = columns[start:start + BLOCK]
            np.maximum(seen, np.abs(block[:, i] - block[:, j]).max(axis=0), out=seen)
    return float(seen.min())


@functools.lru_cache(maxsize=64)
def _pairs(n_h: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs i < j as two index arrays (read-only: shared between calls)."""
    i, j = np.triu_indices(n_h, 1)
    i.flags.writeable = j.flags.writeable = False
    return i, j


@functools.lru_cache(maxsize=64)
def _upper(n_h: int) -> np.ndarray:
    """Mask of the pairs i < j of an (n_h, n_h) matrix."""
    return np.triu(np.ones((n_h, n_h), dtype=bool), 1)


def identical_groups(units: np.ndarray) -> list[tuple[int, ...]]:
    """Hidden units grouped by exact equality of their rows (==); each group in unit order, groups by first unit.

    ``units`` holds parameter rows or gradient rows. NaN never equals anything, so a unit with a
    NaN is a group of its own.

    Plainly: unit j joins the first unit i ≤ j with ``(units[i] == units[j]).all()``. Here each row's bytes
    are looked up in a dict (n_h lookups instead of n_h² row comparisons): equal bytes are equal under ==
    except for 0.0 and -0.0 (== but other bits: adding 0.0 turns -0.0 into 0.0 and changes no other number)
    and NaN (same bits, yet never ==: a row with a NaN gets a group of its own).
    """
    rows = np.ascontiguousarray(units, dtype=np.float64) + 0.0
    with_nan = np.isnan(rows).any(axis=1).tolist()
    width = rows.shape[1] * rows.itemsize
    data = rows.tobytes()
    groups: dict[object, list[int]] = {}
    for unit, nan in enumerate(with_nan):
        key = unit if nan else data[unit * width:(unit + 1) * width]  # an int never equals a bytes key
        groups.setdefault(key, []).append(unit)
    return [tuple(members) for members in groups.values()]


def distinct_units(units: np.ndarray) -> int:
    """How many different hidden units there really are (1 means the net acts like a 1-unit net)."""
    return len(identical_groups(units))
