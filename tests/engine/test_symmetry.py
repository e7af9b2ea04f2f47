"""engine.symmetry measures, and the engine's bit-exact symmetry: identical hidden units stay
identical to the last bit for every n_h from 1 to 64 and every activation (issue 2, point 6)."""
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import symmetry
from engine.config import Config, InitOverride
from engine.datasets import make
from engine.network import Network, Params
from engine.trainer import Trainer

ACTIVATION_NAMES = ("tanh", "sigmoid", "relu", "leaky_relu")


def bit_identical_rows(units):
    """True when every row has exactly the bits of row 0 (stricter than ==: 0.0 and -0.0 differ)."""
    bits = np.ascontiguousarray(units).view(np.uint64)
    return bool((bits == bits[0]).all())


# -- the measures ---------------------------------------------------------------------------------
def test_pairwise_gaps_are_max_abs_differences():
    units = np.array([[0.0, 1.0, 2.0], [0.5, 1.0, 2.0], [0.0, -1.0, 2.0]])
    gaps = symmetry.pairwise_gaps(units)
    assert np.array_equal(gaps, [[0.0, 0.5, 2.0], [0.5, 0.0, 2.0], [2.0, 2.0, 0.0]])


def test_unit_gap_is_the_smallest_pairwise_gap_exactly():
    assert symmetry.unit_gap(np.array([[1.0, 2.0], [1.25, 2.0], [5.0, 5.0]])) == 0.25
    tiny = np.array([[0.1, 0.2], [0.1, np.nextafter(0.2, 1)]])
    assert symmetry.unit_gap(tiny) == np.nextafter(0.2, 1) - 0.2 > 0.0  # one ulp is not rounded to 0
    assert symmetry.unit_gap(np.array([[0.3, 0.7], [9.0, 9.0], [0.3, 0.7]])) == 0.0


def test_unit_gap_is_none_for_one_unit():
    assert symmetry.unit_gap(np.array([[1.0, 2.0, 3.0, 4.0]])) is None


def test_unit_gap_with_non_finite_rows():
    assert symmetry.unit_gap(np.array([[np.inf, 1.0], [np.inf, 1.0]])) == 0.0
    assert math.isnan(symmetry.unit_gap(np.array([[np.nan, 1.0], [np.nan, 1.0]])))
    assert symmetry.unit_gap(np.array([[np.nan, 1.0], [0.0, 1.0], [0.0, 3.0]])) == 2.0


def test_identical_groups_and_distinct_units():
    units = np.array([[1.0, 2.0], [3.0, 4.0], [1.0, 2.0], [5.0, 6.0], [3.0, 4.0]])
    assert symmetry.identical_groups(units) == [(0, 2), (1, 4), (3,)]
    assert symmetry.distinct_units(units) == 3
    assert symmetry.distinct_units(np.zeros((6, 4))) == 1
    assert symmetry.distinct_units(np.arange(8.0).reshape(4, 2)) == 4
    assert symmetry.identical_groups(np.array([[np.nan], [np.nan]])) == [(0,), (1,)]


def test_measures_use_no_deprecated_numpy_calls():
    """np.maximum(a, b, out) with out positional is deprecated since NumPy 2.4."""
    units = np.arange(12.0).reshape(3, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        symmetry.pairwise_gaps(units)
        symmetry.unit_gap(units)
        symmetry.identical_groups(units)


# -- the engine keeps identical units bit-identical ----------------------------------------------
def _assert_symmetric_after(config, iterations):
    trainer = Trainer(config)
    start = trainer.params.copy()
    assert trainer.step(iterations) == iterations
    trainer.loss  # noqa: B018 - evaluates the gradients of the current parameters
    units, grad_units = trainer.params.units, trainer.net.grads.units
    assert bit_identical_rows(units), f"units drifted apart: gap {symmetry.pairwise_gaps(units).max()}"
    assert bit_identical_rows(grad_units), "gradient rows differ"
    assert symmetry.distinct_units(units) == 1 and symmetry.distinct_units(grad_units) == 1
    if config.hidden > 1:
        assert symmetry.unit_gap(units) == 0.0
    assert not trainer.params.equals(start), "the weights must move (constant init is not frozen)"
    assert not trainer.diverged


@pytest.mark.parametrize("n_h", range(1, 65))
def test_constant_init_tanh_units_stay_bit_identical_for_every_n_h(n_h):
    _assert_symmetric_after(Config(hidden=n_h, init="constant", scale=0.5), 100)


@pytest.mark.parametrize("activation", ("sigmoid", "relu", "leaky_relu"))
def test_constant_init_other_activations_stay_bit_identical_for_every_n_h(activation):
    for n_h in range(1, 65):
        _assert_symmetric_after(Config(hidden=n_h, activation=activation, init="constant"), 40)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("samples", [401, 37, 5])
@pytest.mark.parametrize("n_h", [3, 5, 7, 31, 64])
def test_odd_and_prime_sample_counts_keep_units_bit_identical(activation, samples, n_h):
    _assert_symmetric_after(Config(hidden=n_h, activation=activation, init="constant", samples=samples), 60)


@pytest.mark.parametrize("dataset", ["circles", "moons", "xor", "blobs", "spiral"])
def test_other_datasets_keep_units_bit_identical(dataset):
    _assert_symmetric_after(Config(dataset=dataset, hidden=13, init="constant", scale=0.3), 100)


@pytest.mark.parametrize("n_h", [4, 5, 7, 16, 64])
def test_constant_init_units_stay_bit_identical_for_10000_iterations(n_h):
    _assert_symmetric_after(Config(hidden=n_h, init="constant"), 10_000)


@pytest.mark.parametrize("n_h", [2, 3, 8, 17, 33, 64])
def test_partially_identical_units_keep_their_groups(n_h):
    """Units 0 and 2 equal, 1 different …: every group of equal rows stays equal, the others apart."""
    data = make(Config(samples=101))
    rng = np.random.RandomState(n_h)
    pattern = rng.randint(0, max(1, n_h // 3), size=n_h)
    pattern[:2] = 0  # at least one pair
    base = rng.randn(n_h, 4) * 0.5
    units = base[pattern]
    params = Params(units[:, :2], units[:, 2:3], units[:, 3][None, :], np.zeros((1, 1)))
    expected = symmetry.identical_groups(units)
    net = Network(data.X, data.Y, n_h, "tanh")
    for _ in range(150):
        assert net.step(params, 1.2)
    net.forward(params)
    grads = net.backward(params)
    assert symmetry.identical_groups(params.units) == expected
    assert symmetry.identical_groups(grads.units) == expected
    for group in expected:
        assert bit_identical_rows(params.units[list(group)]) and bit_identical_rows(grads.units[list(group)])


@pytest.mark.parametrize("overrides, symmetric", [
    ((InitOverride("b2", "random", 1.0),), True),  # b2 is shared by every unit
    ((InitOverride("b1", "constant", 0.2),), True),
    ((InitOverride("W2", "constant", 0.1),), True),
    ((InitOverride("W1", "zeros"),), True),  # W1 zeros, W2 constant: units identical, not frozen
    ((InitOverride("W2", "random", 0.01),), False),  # one random parameter breaks the symmetry
    ((InitOverride("b1", "random", 0.01),), False),
])
def test_overrides_keep_or_break_symmetry(overrides, symmetric):
    trainer = Trainer(Config(hidden=6, init="constant", overrides=overrides))
    trainer.step(300)
    trainer.loss  # noqa: B018
    if symmetric:
        assert bit_identical_rows(trainer.params.units) and bit_identical_rows(trainer.net.grads.units)
        assert trainer.snapshot().distinct_units == 1 and len(trainer.snapshot().grad_groups) == 1
    else:
        assert symmetry.distinct_units(trainer.params.units) == 6
        assert symmetry.distinct_units(trainer.net.grads.units) == 6
        assert symmetry.unit_gap(trainer.params.units) > 0.0


def test_random_init_gives_distinct_units_and_gradient_rows():
    trainer = Trainer(Config(hidden=12))
    trainer.step(50)
    snapshot = trainer.snapshot()
    assert snapshot.distinct_units == 12 and len(snapshot.grad_groups) == 12
    assert snapshot.unit_gap is not None and snapshot.unit_gap > 0.0
    assert not bit_identical_rows(trainer.params.units)


# -- the fast measures equal the plain formulas ---------------------------------------------------
def _plain_groups(units):
    """identical_groups by its definition: unit j joins the first unit whose row equals its own (==)."""
    groups = {}
    for j in range(units.shape[0]):
        leader = next(i for i in range(j + 1) if i == j or (units[i] == units[j]).all())
        groups.setdefault(leader, []).append(j)
    return [tuple(g) for g in groups.values()]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 64), st.integers(1, 129), st.integers(0, 2**32 - 1), st.sampled_from(["pool", "normal", "near"]))
def test_gap_and_groups_equal_the_plain_formulas(n_h, columns, seed, kind):
    """Groups looked up by bytes, and the smallest gap found by dropping pairs: the same answers as row-by-row
    == and the smallest of np.abs(u[:, None] - u[None]).max(axis=2), with repeated rows, -0.0, inf, NaN,
    differences that overflow, and rows near each other on all but a few columns (the pruning's hard case)."""
    rng = np.random.default_rng(seed)
    if kind == "pool":  # few values, rows repeated: identical units, 0.0 against -0.0, inf - inf
        values = np.array([0.0, -0.0, 1.0, -1.0, 1e-300, np.inf, -np.inf, np.nan, 0.25, 1e308, -1e308])
        pool = rng.choice(values, size=(max(1, n_h // 2), columns))
        units = pool[rng.integers(0, len(pool), n_h)]
    elif kind == "normal":  # every unit different, as after a random init (columns of different scales)
        units = rng.standard_normal((n_h, columns)) * rng.choice([1e-3, 1.0, 1e3], size=columns)
    else:  # copies of a few rows, each copy moved a little on a few columns
        units = rng.standard_normal((max(1, n_h // 3), columns))[rng.integers(0, max(1, n_h // 3), n_h)]
        moved = rng.random((n_h, columns)) < 0.05
        units = units + moved * rng.standard_normal((n_h, columns)) * 1e-6
    with np.errstate(invalid="ignore", over="ignore"):
        plain = np.abs(units[:, None, :] - units[None, :, :]).max(axis=2)
    gap, groups = symmetry.gap_and_groups(units)
    assert groups == _plain_groups(units) == symmetry.identical_groups(units)
    assert symmetry.unit_gap(units) == gap or (math.isnan(gap) and math.isnan(symmetry.unit_gap(units)))
    if n_h == 1:
        assert gap is None
    elif len(groups) < n_h:
        assert gap == 0.0
    else:
        pairs = plain[np.triu_indices(n_h, 1)]
        expected = np.nan if np.isnan(pairs).all() else np.nanmin(pairs)
        assert gap == expected or (math.isnan(gap) and math.isnan(expected))


@pytest.mark.parametrize("init", ["random", "xavier", "he"])
def test_deep_layers_gaps_are_the_plain_formulas(init):
    """The widest layers the app allows (64 units between two others: 129 columns, the pruned path): each
    hidden layer's gap in a snapshot is the plain formula's smallest pairwise gap, bit for bit."""
    trainer = Trainer(Config(layers=(64, 64, 64), init=init, samples=80))
    for n in (0, 1, 30):
        trainer.step(n)
        for l, layer in enumerate(trainer.snapshot().hidden_layers, start=1):
            rows = trainer.params.unit_rows(l)
            plain = np.abs(rows[:, None, :] - rows[None, :, :]).max(axis=2)[np.triu_indices(64, 1)].min()
            assert layer.unit_gap == plain and layer.distinct_units == 64
