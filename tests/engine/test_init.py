"""engine.init: schemes, shapes, the notebook's draws, per-parameter overrides, no global RNG."""
import numpy as np
import pytest

from engine.config import Config, InitOverride
from engine.init import initialize_parameters


def test_shapes_in_course_notation():
    params = initialize_parameters(Config(hidden=7))
    assert params.W1.shape == (7, 2) and params.b1.shape == (7, 1)
    assert params.W2.shape == (1, 7) and params.b2.shape == (1, 1)


def test_default_weights_are_the_notebooks():
    params = initialize_parameters(Config())
    assert np.array_equal(np.round(params.W1[0], 8), [-0.00416758, -0.00056267])
    assert np.allclose(params.W2, [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]], rtol=0, atol=5e-9)
    assert not params.b1.any() and not params.b2.any()


def test_random_is_randn_times_scale_from_seed_plus_one_w1_then_w2():
    params = initialize_parameters(Config(hidden=5, seed=9, scale=0.3))
    rng = np.random.RandomState(10)
    W1 = rng.randn(5, 2) * 0.3
    W2 = rng.randn(1, 5) * 0.3
    assert np.array_equal(params.W1, W1) and np.array_equal(params.W2, W2)


def test_zeros_and_constant():
    zeros = initialize_parameters(Config(init="zeros"))
    assert not zeros.units.any() and not zeros.b2.any()
    constant = initialize_parameters(Config(init="constant", scale=0.25, hidden=6))
    assert np.all(constant.W1 == 0.25) and np.all(constant.W2 == 0.25)
    assert not constant.b1.any() and not constant.b2.any()


@pytest.mark.parametrize("scheme, variance", [("xavier", lambda fan_in: 1.0 / fan_in), ("he", lambda fan_in: 2.0 / fan_in)])
def test_xavier_and_he_scale_by_fan_in(scheme, variance):
    params = initialize_parameters(Config(init=scheme, hidden=16, seed=4))
    rng = np.random.RandomState(5)
    assert np.allclose(params.W1, rng.randn(16, 2) * np.sqrt(variance(2)), rtol=1e-15, atol=0)
    assert np.allclose(params.W2, rng.randn(1, 16) * np.sqrt(variance(16)), rtol=1e-15, atol=0)
    assert not params.b1.any() and not params.b2.any()


def test_override_only_the_biases_random():
    config = Config(init="zeros", overrides=(InitOverride("b1", "random", 0.5),))
    params = initialize_parameters(config)
    assert not params.W1.any() and not params.W2.any() and not params.b2.any()
    assert len(np.unique(params.b1)) == 4
    assert np.array_equal(params.b1, np.random.RandomState(2).randn(4, 1) * 0.5)


def test_random_biases_are_drawn_after_random_weights():
    params = initialize_parameters(Config(overrides=(InitOverride("b1", "random", 0.5),)))
    rng = np.random.RandomState(2)
    W1, W2 = rng.randn(4, 2) * 0.01, rng.randn(1, 4) * 0.01
    assert np.array_equal(params.W1, W1) and np.array_equal(params.W2, W2)  # still the notebook's weights
    assert np.array_equal(params.b1, rng.randn(4, 1) * 0.5)


def test_override_w2_keeps_w1_from_the_main_scheme():
    params = initialize_parameters(Config(init="constant", overrides=(InitOverride("W2", "zeros"),)))
    assert np.all(params.W1 == 0.5) and not params.W2.any()


def test_same_config_same_params_and_global_rng_untouched():
    before = np.random.get_state()
    first = initialize_parameters(Config(hidden=9, seed=5))
    second = initialize_parameters(Config(hidden=9, seed=5))
    after = np.random.get_state()
    assert first.equals(second)
    assert np.array_equal(before[1], after[1]) and before[2:] == after[2:]


def test_deep_weights_are_drawn_layer_by_layer_like_initialize_parameters_deep():
    """He with each layer's own fan-in, W1 then W2 then W3 from RandomState(init_seed), biases 0: the C2W1
    assignment's initialize_parameters_he([2, 10, 5, 1]) with np.random.seed(3)."""
    params = initialize_parameters(Config(layers=(10, 5), init="he", init_seed=3))
    rng = np.random.RandomState(3)
    sizes = (2, 10, 5, 1)
    for l in range(1, 4):
        assert np.array_equal(params.W(l), rng.randn(sizes[l], sizes[l - 1]) * np.sqrt(2.0 / sizes[l - 1])), l
        assert not params.b(l).any()


def test_random_scale_and_init_seed_for_every_layer():
    params = initialize_parameters(Config(layers=(3, 4, 2), init="random", scale=10.0, init_seed=11, seed=99))
    rng = np.random.RandomState(11)
    for l, shape in enumerate([(3, 2), (4, 3), (2, 4), (1, 2)], start=1):
        assert np.array_equal(params.W(l), rng.randn(*shape) * 10.0)


def test_the_inputs_count_is_the_features_count():
    params = initialize_parameters(Config(features="x1,x2,x1x2", hidden=3), n_x=3)
    assert params.W1.shape == (3, 3)


def test_deep_random_biases_come_after_every_weight():
    config = Config(layers=(3, 2), overrides=(InitOverride("b1", "random", 1.0), InitOverride("b3", "random", 1.0)))
    params = initialize_parameters(config)
    rng = np.random.RandomState(2)
    for l, shape in enumerate([(3, 2), (2, 3), (1, 2)], start=1):
        assert np.array_equal(params.W(l), rng.randn(*shape) * 0.01)
    assert np.array_equal(params.b1, rng.randn(3, 1)) and not params.b2.any()
    assert np.array_equal(params.b3, rng.randn(1, 1))
