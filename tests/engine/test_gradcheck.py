"""engine.gradcheck, and the lecture's check that backprop agrees with the numerical gradient
(relative error < 1e-7) for every activation."""
import math

import numpy as np
import pytest

from course_notebook import backward_propagation, forward_propagation
from engine import gradcheck
from engine.activations import ACTIVATIONS, Activation
from engine.config import Config
from engine.datasets import make
from engine.init import initialize_parameters
from engine.network import Params

ACTIVATION_NAMES = ("tanh", "sigmoid", "relu", "leaky_relu")


def random_params(n_h, seed, scale):
    rng = np.random.RandomState(seed)
    return Params(rng.randn(n_h, 2) * scale, rng.randn(n_h, 1) * scale, rng.randn(1, n_h) * scale,
                  rng.randn(1, 1) * scale)


def far_from_kinks(params, X, epsilon):
    """relu's derivative jumps at Z1 = 0: a perturbation of ε moves Z1[j, i] by at most ε(|x1| + |x2| + 1)."""
    Z1 = params.W1 @ X + params.b1
    reach = epsilon * (np.abs(X).sum(axis=0) + 1)
    return bool(np.all(np.abs(Z1) > 10 * reach))


def examples_far_from_kinks(params, data, epsilon=1e-5):
    """The examples whose every Z1[j, i] stays clear of relu's kink under any ε-perturbation."""
    Z1 = params.W1 @ data.X + params.b1
    keep = np.all(np.abs(Z1) > 10 * epsilon * (np.abs(data.X).sum(axis=0) + 1), axis=0)
    assert keep.mean() > 0.7, "most examples must stay, or the check says little"
    X, Y = data.X[:, keep], data.Y[:, keep]
    assert far_from_kinks(params, X, epsilon)
    return X, Y


@pytest.fixture(scope="module")
def small_flower():
    return make(Config(samples=60, seed=4))


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_backprop_agrees_with_centred_differences_at_small_random_init(small_flower, activation, seed):
    params = initialize_parameters(Config(hidden=4, seed=seed, activation=activation))
    X, Y = small_flower.X, small_flower.Y
    if activation in ("relu", "leaky_relu"):
        X, Y = examples_far_from_kinks(params, small_flower)
    result = gradcheck.check(params, X, Y, activation)
    assert result.relative_error < 1e-7
    assert result.relative_error > 0.0, "two different computations never agree to the last bit"


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("seed", [5, 6])
def test_every_parameter_agrees_at_moderate_random_init(small_flower, activation, seed):
    params = random_params(6, seed, scale=0.5)
    X, Y = small_flower.X, small_flower.Y
    if activation in ("relu", "leaky_relu"):
        X, Y = examples_far_from_kinks(params, small_flower)
    result = gradcheck.check(params, X, Y, activation)
    assert set(result.per_parameter) == {"W1", "b1", "W2", "b2"}
    assert max(result.per_parameter.values()) < 1e-7, result.per_parameter
    assert result.relative_error < 1e-7


def test_shapes_and_params_left_untouched(small_flower):
    params = random_params(3, 0, 0.3)
    before = params.copy()
    numerical = gradcheck.numerical_gradient(params, small_flower.X, small_flower.Y, "tanh")
    assert {k: v.shape for k, v in numerical.items()} == {"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}
    assert params.equals(before)
    analytic = gradcheck.backprop_gradient(params, small_flower.X, small_flower.Y, "tanh")
    assert {k: v.shape for k, v in analytic.items()} == {k: v.shape for k, v in numerical.items()}


def test_numerical_gradient_matches_the_course_backprop(small_flower):
    """The reference itself is right: it agrees with the notebook's backward_propagation."""
    params = random_params(4, 9, 0.5)
    numerical = gradcheck.numerical_gradient(params, small_flower.X, small_flower.Y, "tanh")
    _, cache = forward_propagation(small_flower.X, params.as_dict())
    course = backward_propagation(params.as_dict(), cache, small_flower.X, small_flower.Y)
    for name in ("W1", "b1", "W2", "b2"):
        assert gradcheck.relative_error(course["d" + name], numerical[name]) < 1e-7


def test_the_cost_is_the_networks_cost(small_flower):
    params = random_params(5, 2, 1.0)
    _, cache = forward_propagation(small_flower.X, params.as_dict(), "sigmoid")
    A2 = 1 / (1 + np.exp(-cache["Z2"]))
    expected = -np.mean(small_flower.Y * np.log(A2) + (1 - small_flower.Y) * np.log(1 - A2))
    assert math.isclose(gradcheck.cost(params, small_flower.X, small_flower.Y, "sigmoid"), expected, rel_tol=1e-12)


def test_relative_error_formula():
    a, b = np.array([3.0, 4.0]), np.array([3.0, 4.0 + 1e-3])
    assert gradcheck.relative_error(a, b) == pytest.approx(1e-3 / (5.0 + np.linalg.norm(b)), rel=1e-12)
    assert gradcheck.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_error(np.ones(2), -np.ones(2)) == 1.0


def test_a_wrong_derivative_is_caught(monkeypatch, small_flower):
    """The check can fail: give tanh the sigmoid's derivative and the error becomes large."""
    tanh = ACTIVATIONS["tanh"]
    wrong = Activation("tanh", tanh.forward, ACTIVATIONS["sigmoid"].derivative)
    monkeypatch.setitem(ACTIVATIONS, "tanh", wrong)
    params = random_params(4, 1, 0.5)
    result = gradcheck.check(params, small_flower.X, small_flower.Y, "tanh")
    assert result.relative_error > 1e-2
    assert result.per_parameter["W1"] > 1e-2 and result.per_parameter["W2"] < 1e-7


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("layers", [(5, 3), (4, 3, 2, 3)])
def test_deep_backprop_agrees_with_centred_differences_in_every_layer(small_flower, activation, layers):
    sizes = (2, *layers, 1)
    rng = np.random.RandomState(sum(layers))
    arrays = []
    for l in range(1, len(sizes)):
        arrays += [rng.randn(sizes[l], sizes[l - 1]) * 0.8, rng.randn(sizes[l], 1) * 0.3]
    params = Params(*arrays)
    X, Y = small_flower.X, small_flower.Y
    if activation in ("relu", "leaky_relu"):  # keep the examples whose every pre-activation is clear of the kink
        A, keep = X, np.ones(X.shape[1], dtype=bool)
        for l in range(1, params.L):
            Z = params.W(l) @ A + params.b(l)
            keep &= np.all(np.abs(Z) > 1e-2, axis=0)  # ε = 1e-5 moves a deep Z by far less
            A = ACTIVATIONS[activation](Z)
        assert keep.mean() > 0.5
        X, Y = X[:, keep], Y[:, keep]
    result = gradcheck.check(params, X, Y, activation)
    assert list(result.per_parameter) == [f"{kind}{l}" for l in range(1, len(sizes)) for kind in "Wb"]
    assert result.relative_error < 1e-7, result.per_parameter
    # each layer on its own: a short vector of small gradients (relu's dead units) carries the cost's own
    # rounding (~1e-11 per numerical entry) at a larger share
    assert max(result.per_parameter.values()) < 1e-6, result.per_parameter
