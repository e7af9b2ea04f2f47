"""engine.network: Params layout, forward / cost / backward / update against the course's functions."""
import math

import numpy as np
import pytest

from course_notebook import (L_model_backward, L_model_forward, backward_propagation, compute_cost, forward_propagation,
                             nn_model_costs)
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


def test_params_views_share_one_buffer_layer_by_layer():
    params = random_params(3, 0)
    assert params.sizes == (2, 3, 1) and params.L == 2 and params.n_h == 3 and params.n_x == 2
    assert params.flat.shape == (3 * 3 + 1 * 4,)
    assert np.array_equal(params.Wb[1], np.hstack([params.W1, params.b1])), "layer 1's table is [W1 | b1]"
    assert np.array_equal(params.Wb[2], np.hstack([params.W2, params.b2]))
    assert np.array_equal(params.flat, np.concatenate([params.Wb[1].ravel(), params.Wb[2].ravel()]))
    params.W2[0, 1] = 42.0  # writing a view writes the buffer
    assert params.flat[9 + 1] == 42.0 and params.W(2)[0, 1] == 42.0
    assert np.array_equal(params.units, np.hstack([params.W1, params.b1, params.W2.T])), "a unit's row"
    with pytest.raises(AttributeError):
        params.W3  # noqa: B018 - two layers only


def test_deep_params_have_the_course_names_for_every_layer():
    rng = np.random.RandomState(0)
    shapes = [(10, 2), (10, 1), (5, 10), (5, 1), (1, 5), (1, 1)]
    arrays = [rng.randn(*shape) for shape in shapes]
    params = Params(*arrays)
    assert params.sizes == (2, 10, 5, 1) and params.L == 3
    assert [value.shape for value in params.as_dict().values()] == shapes
    assert list(params.as_dict()) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for name, value in zip(params.as_dict(), arrays):
        assert np.array_equal(getattr(params, name), value), name
    assert np.array_equal(params.unit_rows(2), np.hstack([params.W2, params.b2, params.W3.T]))
    grads = Grads.zeros(params.sizes)
    assert grads.dW3.shape == (1, 5) and list(grads.as_dict())[-1] == "db3"
    with pytest.raises(ValueError):
        Params(*arrays[:3])


def test_copy_is_independent_and_load_equals_compare_bits():
    params = random_params(5, 1)
    twin = params.copy()
    assert twin.equals(params) and twin.flat is not params.flat
    twin.W1[2, 0] = np.nextafter(twin.W1[2, 0], np.inf)  # one ulp
    assert not twin.equals(params)
    params.load(twin)
    assert params.equals(twin) and params.flat is not twin.flat
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
    assert np.array_equal(params.flat, before.flat - (0.3 / net.m) * net._sums.flat)
    assert np.allclose(params.flat, before.flat - 0.3 * grads.flat, rtol=1e-14, atol=0)
    assert np.any(grads.flat != 0) and np.array_equal(grads.flat, net._sums.flat * (1.0 / net.m))


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


def deep_params(sizes, seed, scale=0.5):
    rng = np.random.RandomState(seed)
    arrays = []
    for l in range(1, len(sizes)):
        arrays += [rng.randn(sizes[l], sizes[l - 1]) * scale, rng.randn(sizes[l], 1) * scale]
    return Params(*arrays)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("layers", [(10, 5), (3, 7, 2), (6, 6, 6, 6), (1, 1)])
def test_deep_forward_backward_match_the_course_L_model_functions(flower, activation, layers):
    """The L-layer engine against Course 1 Week 4's L_model_forward / L_model_backward, written plainly."""
    params = deep_params((2, *layers, 1), sum(layers))
    net = Network(flower.X, flower.Y, layers, activation)
    assert net.L == len(layers) + 1 and net.sizes == (2, *layers, 1)
    assert net.forward(params)
    AL, caches = L_model_forward(flower.X, params.as_dict(), activation)
    for l in range(1, net.L):
        assert np.allclose(net.Z_of(l), caches[l - 1][3], rtol=1e-12, atol=1e-13), f"Z{l}"
    assert np.allclose(net.ZL, caches[-1][3], rtol=1e-12, atol=1e-13)
    assert np.allclose(net.A_of(net.L), AL, rtol=1e-12, atol=1e-15)
    assert math.isclose(net.cost(), compute_cost(AL, flower.Y), rel_tol=1e-12)
    grads = net.backward(params)
    reference = L_model_backward(AL, flower.Y, caches, activation)
    assert list(grads.as_dict()) == [f"d{name}" for name in params.as_dict()]
    for name, value in grads.as_dict().items():
        assert value.shape == reference[name].shape
        assert np.allclose(value, reference[name], rtol=1e-9, atol=1e-15), name


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_deep_train_is_forward_backward_update_bit_for_bit(flower, activation):
    sizes = (2, 8, 5, 3, 1)
    looped, stepped = deep_params(sizes, 3), deep_params(sizes, 3)
    net_looped = Network(flower.X, flower.Y, sizes[1:-1], activation)
    net_stepped = Network(flower.X, flower.Y, sizes[1:-1], activation)
    assert net_looped.train(looped, 0.05, 40) == 40
    for _ in range(40):
        net_stepped.forward(stepped)
        net_stepped.backward(stepped)
        net_stepped.update(stepped, 0.05)
    assert looped.equals(stepped) and net_looped._sums.equals(net_stepped._sums)


def test_the_course_names_reach_the_networks_buffers(flower):
    params = deep_params((2, 4, 3, 1), 9)
    net = Network(flower.X, flower.Y, (4, 3), "tanh")
    net.forward(params)
    net.backward(params)
    assert net.Z1 is net.Z[1] and net.A2 is net.A[2] and net.dZ2 is net.dZ[2]
    assert np.array_equal(net.A[0], flower.X) and net.Z3.shape == (1, flower.m) and net.A3.shape == (1, flower.m)
    with pytest.raises(AttributeError):
        net.Z4  # noqa: B018
    with pytest.raises(AttributeError):
        net.dZ3  # noqa: B018 - dZ[L] is the one row net.dZL
