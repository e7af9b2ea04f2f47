"""engine.network: Params layout, forward / cost / backward / update against the course's functions."""
import math

import numpy as np
import pytest

from course_notebook import backward_propagation, compute_cost, forward_propagation, nn_model_costs
from engine.config import Config
from engine.datasets import make
from engine.init import initialize_parameters
from engine.network import Grads, Network, Params, predict_grid, stable_cost

ACTIVATION_NAMES = ("tanh", "sigmoid", "relu", "leaky_relu")


def random_params(n_h, seed, scale=0.5):
    rng = np.random.RandomState(seed)
    return Params(rng.randn(n_h, 2) * scale, rng.randn(n_h, 1) * scale, rng.randn(1, n_h) * scale,
                  rng.randn(1, 1) * scale)


@pytest.fixture(scope="module")
def flower():
    return make(Config())


def test_params_views_share_the_units_table():
    params = random_params(3, 0)
    assert params.units.shape == (3, 4) and params.n_h == 3 and params.n_x == 2
    assert np.array_equal(params.units[:, :2], params.W1)
    assert np.array_equal(params.units[:, 2], params.b1[:, 0])
    assert np.array_equal(params.units[:, 3], params.W2[0])
    params.W2[0, 1] = 42.0  # writing a view writes the table
    assert params.units[1, 3] == 42.0


def test_copy_is_independent_and_load_equals_compare_bits():
    params = random_params(5, 1)
    twin = params.copy()
    assert twin.equals(params) and twin.units is not params.units
    twin.units[2, 0] = np.nextafter(twin.units[2, 0], np.inf)  # one ulp
    assert not twin.equals(params)
    params.load(twin)
    assert params.equals(twin) and params.units is not twin.units
    zero = Params(np.zeros((1, 2)), np.zeros((1, 1)), np.zeros((1, 1)), 0.0)
    negative_zero = Params(np.zeros((1, 2)), np.zeros((1, 1)), np.zeros((1, 1)), -0.0)
    assert not zero.equals(negative_zero), "equals() compares bits, so 0.0 and -0.0 differ"


def test_as_dict_returns_copies_in_course_shapes():
    params = random_params(4, 2)
    values = params.as_dict()
    assert {k: v.shape for k, v in values.items()} == {"W1": (4, 2), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}
    values["W1"][0, 0] = 123.0
    assert params.W1[0, 0] != 123.0
    grads = Grads(np.ones((4, 2)), np.zeros((4, 1)), np.ones((1, 4)), np.zeros((1, 1)))
    assert set(grads.as_dict()) == {"dW1", "db1", "dW2", "db2"}
    assert grads.dW1 is not None and grads.db2.shape == (1, 1)


def test_stable_cost_matches_the_course_formula_and_never_logs_zero():
    rng = np.random.RandomState(0)
    Z2 = rng.randn(1, 50) * 3
    Y = (rng.rand(1, 50) > 0.5).astype(float)
    A2 = 1 / (1 + np.exp(-Z2))
    assert math.isclose(stable_cost(Z2, Y), compute_cost(A2, Y), rel_tol=1e-12)
    huge = np.array([[1000.0, -1000.0]])
    assert stable_cost(huge, np.array([[0.0, 1.0]])) == 1000.0  # log(1 + e^1000) ≈ 1000, not inf
    assert stable_cost(huge, np.array([[1.0, 0.0]])) == 0.0


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("n_h", [1, 4, 9])
def test_forward_backward_match_the_course_functions(flower, activation, n_h):
    params = random_params(n_h, n_h)
    net = Network(flower.X, flower.Y, n_h, activation)
    assert net.forward(params)
    A2_ref, cache = forward_propagation(flower.X, params.as_dict(), activation)
    assert np.allclose(net.Z1, cache["Z1"], rtol=1e-13, atol=1e-14)
    assert np.allclose(net.A1, cache["A1"], rtol=1e-13, atol=1e-14)
    assert np.allclose(net.Z2, cache["Z2"], rtol=1e-12, atol=1e-13)
    assert np.allclose(net.A2, A2_ref, rtol=1e-12, atol=1e-15)
    assert math.isclose(net.cost(), compute_cost(A2_ref, flower.Y), rel_tol=1e-12)
    grads = net.backward(params)
    reference = backward_propagation(params.as_dict(), cache, flower.X, flower.Y, activation)
    for name, value in grads.as_dict().items():
        assert value.shape == reference[name].shape
        assert np.allclose(value, reference[name], rtol=1e-10, atol=1e-15), name
    expected_accuracy = np.mean((A2_ref > 0.5) == (flower.Y > 0.5))
    assert net.accuracy() == expected_accuracy


def test_update_is_gradient_descent_on_every_parameter(flower):
    params = random_params(3, 7)
    before = params.copy()
    net = Network(flower.X, flower.Y, 3, "tanh")
    net.forward(params)
    grads = net.backward(params).copy()
    net.update(params, 0.3)
    # The update applies α/m to the sums behind the gradients (m·dW: one multiply fewer per
    # iteration than W - α·(sums/m)), exactly so; that is W - α·dW up to the last bits.
    assert np.array_equal(params.table, before.table - (0.3 / net.m) * net._sums.table)
    assert np.allclose(params.table, before.table - 0.3 * grads.table, rtol=1e-14, atol=0)
    assert np.any(grads.table != 0) and np.array_equal(grads.table, net._sums.table * (1.0 / net.m))


def test_step_follows_the_notebook_loop(flower):
    config = Config()
    params = initialize_parameters(config)
    reference, costs = nn_model_costs(flower.X, flower.Y, params.as_dict(), 300)
    net = Network(flower.X, flower.Y, 4, "tanh")
    engine_costs = []
    for _ in range(300):
        net.forward(params)
        engine_costs.append(net.cost())
        assert net.step(params, 1.2)
    assert np.allclose(engine_costs, costs, rtol=1e-11, atol=0)
    for name, value in params.as_dict().items():
        assert np.allclose(value, reference[name], rtol=1e-9, atol=1e-12), name


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_train_is_forward_backward_update_bit_for_bit(flower, activation):
    """The tight loop replays the same recipe: n iterations of it equal n calls of the three steps."""
    looped, stepped = random_params(5, 11), random_params(5, 11)
    net_looped = Network(flower.X, flower.Y, 5, activation)
    net_stepped = Network(flower.X, flower.Y, 5, activation)
    assert net_looped.train(looped, 0.7, 57) == 57
    for _ in range(57):
        net_stepped.forward(stepped)
        net_stepped.backward(stepped)
        net_stepped.update(stepped, 0.7)
    assert looped.equals(stepped)
    assert net_looped._sums.equals(net_stepped._sums), "the last iteration's gradient sums too"


def test_train_stops_before_the_first_non_finite_cost(flower):
    """relu with a huge learning rate overflows within a few iterations; train returns that count."""
    params, replay = random_params(3, 5, scale=10.0), random_params(3, 5, scale=10.0)
    net = Network(flower.X, flower.Y, 3, "relu")
    with np.errstate(all="ignore"):
        done = net.train(params, 1e150, 1000)
        assert 0 < done < 1000
        for _ in range(done):  # the same number of single steps all had a finite cost ...
            assert net.step(replay, 1e150)
        assert replay.equals(params)
        net.forward(params)  # ... and the next one has not
        assert not math.isfinite(net.cost())


def test_b2_and_W2_share_one_column_of_the_table():
    params = random_params(3, 2)
    assert params.b2_W2[0] == params.b2[0, 0] and np.array_equal(params.b2_W2[1:], params.W2[0])
    assert not params.table[0, :-1].any(), "the first row holds only b2"


def test_step_refuses_a_non_finite_cost_and_changes_nothing(flower):
    params = Params(np.full((2, 2), np.nan), np.zeros((2, 1)), np.ones((1, 2)), np.zeros((1, 1)))
    before = params.copy()
    net = Network(flower.X, flower.Y, 2, "tanh")
    with np.errstate(all="ignore"):
        assert net.step(params, 1.0) is False
    assert params.equals(before)


def test_large_weights_give_a_large_finite_cost(flower):
    params = random_params(4, 3, scale=1e6)
    net = Network(flower.X, flower.Y, 4, "relu")
    with np.errstate(all="ignore"):
        net.forward(params)
    cost = net.cost()
    assert math.isfinite(cost) and cost > 1e3


def test_predict_grid_gives_hidden_pictures_and_probabilities(flower):
    params = random_params(3, 4)
    grid = np.array([[0.0, 1.0, -2.0], [0.5, -1.0, 3.0]])
    A1, A2 = predict_grid(params, "tanh", grid)
    A2_ref, cache = forward_propagation(grid, params.as_dict(), "tanh")
    assert A1.shape == (3, 3) and A2.shape == (1, 3)
    assert np.allclose(A1, cache["A1"], rtol=1e-13) and np.allclose(A2, A2_ref, rtol=1e-12)
