"""The lecture's facts and the course notebook's numbers, each as a test that fails if the engine
is wrong (issue 2, points 5 and 7; DESIGN.md "Facts the app must get right")."""
import math

import numpy as np
import pytest

from course_notebook import nn_model_costs
from engine import symmetry
from engine.config import Config, InitOverride
from engine.datasets import make
from engine.init import initialize_parameters
from engine.report import run
from engine.trainer import Trainer


def bit_identical_rows(units):
    bits = np.ascontiguousarray(units).view(np.uint64)
    return bool((bits == bits[0]).all())


def cost_at(trainer, iteration):
    return next(r.loss for r in trainer.history.records if r.iteration == iteration)


@pytest.fixture(scope="module")
def notebook_run():
    """The default run for 10 000 iterations, with the cost of every 1000th iteration."""
    trainer = Trainer(Config())
    costs = {}
    for _ in range(10):
        costs[trainer.iteration] = trainer.loss
        trainer.step(1000)
    return trainer, costs


# -- notebook parity ------------------------------------------------------------------------------
def test_initial_cost_and_weights_are_the_notebooks():
    trainer = Trainer(Config())
    assert round(trainer.loss, 6) == 0.693048
    assert np.array_equal(np.round(trainer.params.W1[0], 8), [-0.00416758, -0.00056267])
    assert np.allclose(trainer.params.W2, [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]], rtol=0, atol=5e-9)


def test_costs_the_notebook_prints(notebook_run):
    _, costs = notebook_run
    assert costs[1000] == pytest.approx(0.288083, abs=1e-5)
    assert costs[2000] == pytest.approx(0.254385, abs=1e-5)
    assert costs[3000] == pytest.approx(0.233864, abs=1e-5)


def test_the_engine_follows_the_notebook_loop_for_2000_iterations():
    data = make(Config())
    params, costs = nn_model_costs(data.X, data.Y, initialize_parameters(Config()).as_dict(), 2000)
    trainer = Trainer(Config())
    trainer.step(2000)
    assert costs[0] == trainer.history.records[0].loss
    for record in trainer.history.records:
        assert record.loss == pytest.approx(costs[record.iteration], rel=1e-9, abs=0)
    for name, value in trainer.params.as_dict().items():
        assert np.allclose(value, params[name], rtol=1e-7, atol=1e-10), name


def test_ten_thousand_iterations_reach_90_percent(notebook_run):
    trainer, _ = notebook_run
    assert trainer.iteration == 10_000
    assert trainer.snapshot().accuracy >= 0.89


def test_nothing_touches_the_global_rng():
    np.random.seed(12345)
    before = np.random.get_state()
    config = Config(init="xavier", hidden=5)
    make(config)
    initialize_parameters(config)
    trainer = Trainer(config)
    trainer.step(20)
    after = np.random.get_state()
    assert np.array_equal(before[1], after[1]) and before[2:] == after[2:]


# -- zero initialisation --------------------------------------------------------------------------
def test_zero_init_tanh_is_frozen():
    trainer = Trainer(Config(init="zeros"))
    start = trainer.params.copy()
    trainer.loss  # noqa: B018
    grads = trainer.net.grads
    assert not grads.dW1.any() and not grads.db1.any() and not grads.dW2.any()
    assert trainer.frozen
    trainer.step(10_000)
    assert np.array_equal(trainer.params.units, start.units), "W1, b1, W2 never move"
    assert trainer.snapshot().accuracy == 0.5
    assert trainer.frozen and trainer.snapshot().frozen and trainer.snapshot().distinct_units == 1
    report = run(Config(init="zeros", steps=100))
    assert report["frozen"] is True and report["accuracy"] == 0.5


def test_zero_init_tanh_on_balanced_flower_does_not_move_b2():
    """Σ dZ2 is a sum of ±0.5, exactly 0 with balanced classes (fixed in 84bcf20: 1/m after the sums)."""
    trainer = Trainer(Config(init="zeros"))
    trainer.loss  # noqa: B018
    assert trainer.net.grads.db2[0, 0] == 0.0
    trainer.step(10_000)
    assert trainer.params.b2[0, 0] == 0.0


def test_zero_init_sigmoid_hidden_gets_exactly_zero_dW2_on_balanced_data():
    """A1 = σ(0) = 0.5 for every unit, so dW2 = 0.5 · mean(dZ2) = 0 exactly on balanced data."""
    trainer = Trainer(Config(init="zeros", activation="sigmoid"))
    start = trainer.params.copy()
    trainer.loss  # noqa: B018
    assert not trainer.net.grads.dW2.any()
    assert not trainer.net.grads.dW1.any() and not trainer.net.grads.db1.any()
    assert trainer.frozen
    trainer.step(1000)
    assert trainer.params.equals(start)


def test_zero_init_sigmoid_hidden_on_unbalanced_data_moves_but_stays_symmetric():
    trainer = Trainer(Config(init="zeros", activation="sigmoid", samples=401))  # 200 vs 201 examples
    trainer.loss  # noqa: B018
    assert trainer.net.grads.dW2.any() and not trainer.frozen
    trainer.step(500)
    trainer.loss  # noqa: B018
    assert bit_identical_rows(trainer.params.units) and trainer.params.W2.any()


def test_zero_init_sigmoid_hidden_keeps_units_identical():
    trainer = Trainer(Config(init="zeros", activation="sigmoid"))
    trainer.step(2000)
    trainer.loss  # noqa: B018
    assert bit_identical_rows(trainer.params.units) and bit_identical_rows(trainer.net.grads.units)


def test_zero_init_with_any_activation_has_zero_hidden_layer_gradient():
    for activation in ("tanh", "relu", "leaky_relu"):  # g(0) = 0 for each: A1 = 0, so dW2 = 0 as well
        trainer = Trainer(Config(init="zeros", activation=activation, samples=37))
        trainer.step(50)
        assert trainer.frozen, activation


# -- constant initialisation ----------------------------------------------------------------------
def test_constant_init_moves_but_stays_symmetric_like_a_one_unit_net():
    trainer = Trainer(Config(init="constant"))
    start = trainer.params.copy()
    trainer.step(10_000)
    trainer.loss  # noqa: B018
    assert bit_identical_rows(trainer.params.units) and bit_identical_rows(trainer.net.grads.units)
    assert not np.array_equal(trainer.params.W1, start.W1) and not np.array_equal(trainer.params.W2, start.W2)
    assert not np.array_equal(trainer.params.b1, start.b1)
    assert 0.65 <= trainer.snapshot().accuracy <= 0.68
    snapshot = trainer.snapshot()
    assert snapshot.distinct_units == 1 and snapshot.unit_gap == 0.0 and not snapshot.frozen


def test_a_symmetric_net_computes_what_one_unit_with_the_summed_weight_does():
    """n_h identical units act as one unit whose outgoing weight is n_h times larger."""
    data = make(Config(samples=50))
    trainer = Trainer(Config(init="constant", hidden=6, samples=50))
    trainer.step(100)
    trainer.loss  # noqa: B018 - forward at the current parameters
    p = trainer.params
    Z1 = p.W1[0] @ data.X + p.b1[0, 0]
    Z2 = 6 * p.W2[0, 0] * np.tanh(Z1) + p.b2[0, 0]
    assert np.allclose(trainer.net.Z2[0], Z2, rtol=1e-12, atol=1e-12)


# -- random initialisation ------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_init_breaks_symmetry_and_learns_the_flower(seed):
    trainer = Trainer(Config(seed=seed))
    assert symmetry.distinct_units(trainer.params.units) == 4
    trainer.step(10_000)
    assert symmetry.distinct_units(trainer.params.units) == 4
    assert symmetry.unit_gap(trainer.params.units) > 0.1
    assert trainer.snapshot().accuracy >= 0.85


@pytest.mark.parametrize("n_h, low, high", [(1, 0.62, 0.72), (2, 0.62, 0.72), (5, 0.88, 1.0)])
def test_one_or_two_units_reach_about_67_percent_and_more_reach_90(n_h, low, high):
    trainer = Trainer(Config(hidden=n_h))
    trainer.step(10_000)
    assert low <= trainer.snapshot().accuracy <= high


def test_large_scale_starts_with_a_large_finite_loss_and_learns_slowly():
    small, large = Trainer(Config()), Trainer(Config(scale=10.0))
    assert np.allclose(large.params.W1, small.params.W1 * 1000, rtol=1e-14, atol=0), "scale multiplies randn"
    assert math.isfinite(large.loss) and large.loss > 5.0, "a saturated start costs far more than log 2"
    assert large.snapshot().saturated_share > 0.5
    huge = Trainer(Config(scale=1e6))
    assert math.isfinite(huge.loss) and huge.loss > 1e4, "computed from Z2, never log(0)"


# -- gradient rows follow parameter rows ----------------------------------------------------------
@pytest.mark.parametrize("config", [
    Config(init="zeros", overrides=(InitOverride("W2", "constant", 0.3),)),
    Config(init="constant", overrides=(InitOverride("W1", "zeros"),)),
    Config(init="constant", overrides=(InitOverride("b2", "random", 2.0),)),
    Config(init="constant", activation="relu", hidden=11, samples=41),
])
def test_dW1_rows_are_bit_identical_whenever_the_units_are(config):
    trainer = Trainer(config)
    for _ in range(4):
        trainer.loss  # noqa: B018
        assert bit_identical_rows(trainer.params.units)
        assert bit_identical_rows(trainer.net.grads.dW1) and bit_identical_rows(trainer.net.grads.units)
        trainer.step(250)


def test_one_random_weight_matrix_breaks_the_symmetry():
    trainer = Trainer(Config(init="constant", overrides=(InitOverride("W2", "random", 0.01),)))
    assert symmetry.distinct_units(trainer.params.units) == 4
    trainer.step(2000)
    assert symmetry.distinct_units(trainer.params.units) == 4
    assert trainer.snapshot().accuracy > 0.8
