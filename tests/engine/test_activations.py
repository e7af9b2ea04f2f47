"""engine.activations: each g and g' against closed forms and finite differences."""
import numpy as np
import pytest

from engine.activations import ACTIVATIONS, LEAKY_SLOPE, sigmoid

Z = np.array([[-800.0, -30.0, -2.5, -1e-3, 0.0, 1e-3, 0.7, 3.0, 30.0, 800.0]])

REFERENCE = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "sigmoid": (lambda z: 0.5 * (1 + np.tanh(z / 2)), lambda z: 0.5 * (1 + np.tanh(z / 2)) * (0.5 - 0.5 * np.tanh(z / 2))),
    "relu": (lambda z: np.where(z > 0, z, 0.0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (lambda z: np.where(z > 0, z, LEAKY_SLOPE * z), lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE)),
}


def test_the_four_contract_activations_exist():
    assert set(ACTIVATIONS) == {"tanh", "sigmoid", "relu", "leaky_relu"}
    assert all(ACTIVATIONS[name].name == name for name in ACTIVATIONS)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_value_and_derivative_match_closed_forms(name):
    g, g_prime = REFERENCE[name]
    with np.errstate(over="ignore"):
        assert np.allclose(ACTIVATIONS[name](Z), g(Z), rtol=1e-15, atol=1e-300)
        assert np.allclose(ACTIVATIONS[name].prime(Z), g_prime(Z), rtol=1e-12, atol=1e-300)


def test_sigmoid_values_are_right_and_never_overflow():
    with np.errstate(all="raise"):  # 1/(1+exp(800)) would warn
        values = sigmoid(Z, np.empty(Z.shape))
    assert values[0, 0] == 0.0 and values[0, -1] == 1.0 and values[0, 4] == 0.5
    # ½(1 + tanh(z/2)) is exact to ~1e-16 absolutely (not relatively: σ(-30) ≈ 9e-14 loses digits).
    assert np.allclose(values[0, 1:-1], 1 / (1 + np.exp(-Z[0, 1:-1])), rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_derivative_matches_centred_differences_away_from_kinks(name):
    z = np.array([[-2.3, -0.4, 0.2, 0.9, 1.7]])
    h = 1e-6
    numerical = (ACTIVATIONS[name](z + h) - ACTIVATIONS[name](z - h)) / (2 * h)
    assert np.allclose(ACTIVATIONS[name].prime(z), numerical, rtol=1e-8, atol=1e-10)


def test_relu_family_derivative_at_zero_is_the_courses_choice():
    zero = np.zeros((1, 1))
    assert ACTIVATIONS["relu"].prime(zero)[0, 0] == 0.0
    assert ACTIVATIONS["leaky_relu"].prime(zero)[0, 0] == LEAKY_SLOPE


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_forward_and_derivative_write_into_out(name):
    activation = ACTIVATIONS[name]
    z = np.linspace(-3, 3, 12).reshape(3, 4)
    out = np.full(z.shape, 99.0)
    returned = activation.forward(z, out)
    assert np.shares_memory(returned, out) and np.array_equal(out, activation(z))
    derivative_out = np.full(z.shape, 99.0)
    activation.derivative(z, out, derivative_out)
    assert np.array_equal(derivative_out, activation.prime(z))


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_identical_rows_give_identical_bits(name):
    z = np.tile(np.random.RandomState(0).randn(1, 401) * 3, (7, 1))
    a = ACTIVATIONS[name](z)
    d = ACTIVATIONS[name].prime(z)
    assert all(row.tobytes() == a[0].tobytes() for row in a)
    assert all(row.tobytes() == d[0].tobytes() for row in d)
