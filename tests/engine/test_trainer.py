"""engine.trainer: step / back / reset, exact replay, history semantics, divergence, snapshots."""
import dataclasses
import math
import tracemalloc

import numpy as np
import pytest

from engine.config import Config
from engine.datasets import make
from engine.init import initialize_parameters
from engine.network import Network
from engine.trainer import Snapshot, Trainer

SMALL = Config(samples=40, hidden=5)
DIVERGING = Config(activation="relu", lr=1e6, scale=10.0)


def trained(config, iterations):
    trainer = Trainer(config)
    assert trainer.step(iterations) == iterations
    return trainer


def test_step_returns_how_many_iterations_were_done():
    trainer = Trainer(SMALL)
    assert trainer.step(1) == 1 and trainer.iteration == 1
    assert trainer.step(37) == 37 and trainer.iteration == 38
    assert trainer.step(0) == 0 and trainer.iteration == 38
    assert not trainer.diverged


def test_step_in_pieces_equals_step_at_once():
    whole = trained(SMALL, 1000)
    pieces = Trainer(SMALL)
    for n in (1, 2, 97, 400, 500):
        pieces.step(n)
    assert pieces.params.equals(whole.params)


@pytest.mark.parametrize("forward, back", [(1, 1), (17, 5), (100, 100), (333, 16), (1000, 999), (5000, 1234)])
def test_back_then_step_lands_on_bit_identical_params(forward, back):
    trainer = trained(SMALL, forward)
    at_end = trainer.params.copy()
    assert trainer.back(back) == back and trainer.iteration == forward - back
    assert trainer.params.equals(trained(SMALL, forward - back).params)
    assert trainer.step(back) == back
    assert trainer.params.equals(at_end)


def test_back_is_exact_after_the_checkpoints_thin_out():
    config = Config(samples=24, hidden=3)
    trainer = trained(config, 20_000)
    at_end = trainer.params.copy()
    assert trainer.back(12_345) == 12_345 and trainer.iteration == 7_655
    assert trainer.params.equals(trained(config, 7_655).params)
    trainer.step(12_345)
    assert trainer.params.equals(at_end)
    for n in (1, 15, 16, 17, 4_999):  # repeated small steps back from far out
        expected_iteration = trainer.iteration - n
        trainer.back(n)
        assert trainer.iteration == expected_iteration
    assert trainer.params.equals(trained(config, trainer.iteration).params)


def test_back_past_zero_clamps_to_the_initial_params():
    trainer = trained(SMALL, 50)
    assert trainer.back(10**9) == 50 and trainer.iteration == 0
    assert trainer.params.equals(initialize_parameters(SMALL))
    assert trainer.back(1) == 0 and trainer.iteration == 0


def test_reset_starts_again_and_can_change_the_config():
    trainer = trained(SMALL, 300)
    data = trainer.data
    trainer.reset()
    assert trainer.iteration == 0 and trainer.params.equals(initialize_parameters(SMALL))
    assert len(trainer.history) == 0 and len(trainer.checkpoints) == 1
    assert trainer.data is data, "same data options: the data set is kept"
    trainer.step(10)
    bigger = SMALL.replace(hidden=9, init="zeros")
    trainer.reset(bigger)
    assert trainer.config is bigger and trainer.params.n_h == 9 and not trainer.params.units.any()
    assert trainer.step(20) == 20
    trainer.reset(bigger.replace(seed=2))
    assert not np.array_equal(trainer.data.X, data.X), "other seed: new data"


def test_a_given_dataset_is_used():
    data = make(Config(dataset="moons", samples=30))
    trainer = Trainer(Config(samples=30), data)
    assert trainer.data is data and trainer.net.m == 30


def test_history_holds_the_cost_before_each_update():
    trainer = Trainer(SMALL)
    initial_cost = trainer.loss
    trainer.step(200)
    records = {r.iteration: r for r in trainer.history.records}
    assert records[0].loss == initial_cost
    for k in (1, 57, 199):
        probe = trained(SMALL, k)
        assert records[k].loss == probe.loss
        assert records[k].accuracy == probe.net.accuracy()
        assert records[k].unit_gap == probe.snapshot().unit_gap
    assert 200 not in records, "iteration 200's cost is recorded when it is trained"


def test_history_after_back_matches_a_straight_run():
    trainer = trained(SMALL, 3000)
    trainer.back(1234)
    trainer.step(1234)
    straight = trained(SMALL, 3000)
    assert trainer.history.records == straight.history.records


def test_history_and_checkpoints_stay_bounded_and_back_still_works():
    config = Config(samples=8, hidden=2)
    trainer = trained(config, 10_000)
    sizes_short = len(trainer.history), len(trainer.checkpoints)
    trainer.step(90_000)
    sizes_long = len(trainer.history), len(trainer.checkpoints)
    assert sizes_short[0] <= trainer.history.capacity and sizes_long[0] <= trainer.history.capacity
    assert sizes_long[1] - sizes_short[1] <= 0.6 * trainer.checkpoints.per_band * math.log2(10)
    at_end = trainer.params.copy()
    trainer.back(54_321)
    trainer.step(54_321)
    assert trainer.params.equals(at_end)


def test_memory_held_grows_far_slower_than_the_run():
    trainer = Trainer(Config(samples=8, hidden=64))
    state_bytes = trainer.params.flat.nbytes
    tracemalloc.start()
    try:
        trainer.step(4_000)
        short = tracemalloc.get_traced_memory()[0]
        trainer.step(36_000)
        long = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    every_checkpoint = 36_000 // trainer.checkpoints.interval * state_bytes  # ~4.6 MB if nothing were thinned
    assert long - short < every_checkpoint / 5


# -- divergence ------------------------------------------------------------------------------------
def test_divergence_stops_at_the_first_non_finite_loss():
    trainer = Trainer(DIVERGING)
    done = trainer.step(100)
    assert 0 < done < 100 and trainer.iteration == done and trainer.diverged
    assert not math.isfinite(trainer.loss)
    finite = trained(DIVERGING, done - 1)
    assert math.isfinite(finite.loss) and not finite.diverged, "the iteration before was still finite"
    assert all(math.isfinite(r.loss) for r in trainer.history.records)
    assert trainer.step(10) == 0 and trainer.iteration == done
    snapshot = trainer.snapshot()
    assert snapshot.diverged and snapshot.loss is None and not snapshot.frozen


def test_back_after_divergence_clears_it_and_replays_exactly():
    trainer = Trainer(DIVERGING)
    done = trainer.step(100)
    assert trainer.back(1) == 1
    assert not trainer.diverged and trainer.iteration == done - 1
    assert trainer.params.equals(trained(DIVERGING, done - 1).params)
    assert math.isfinite(trainer.loss)
    assert trainer.step(100) == 1 and trainer.diverged


def test_step_stops_when_the_cost_overflows_although_Z2_is_finite():
    config = Config(dataset="moons", samples=30, hidden=30, activation="relu", init="xavier", scale=100.0,
                    lr=621635.0, seed=817)
    probe = trained(config, 30)
    with np.errstate(all="ignore"):
        probe.net.forward(probe.params)
        # The case this test is about: every Z2 is finite, yet the cost (a sum of positive terms) is not.
        assert np.isfinite(probe.net.Z2).all() and not math.isfinite(probe.net.cost())
    trainer = Trainer(config)
    assert trainer.step(100) == 30 and trainer.diverged
    assert all(math.isfinite(r.loss) for r in trainer.history.records)


# -- looking ---------------------------------------------------------------------------------------
def _plain(value):
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (int, float, bool)


def test_snapshot_is_plain_values_matching_the_params():
    trainer = trained(Config(hidden=3), 25)
    snapshot = trainer.snapshot()
    assert isinstance(snapshot, Snapshot)
    for field in dataclasses.fields(snapshot):
        assert _plain(getattr(snapshot, field.name)), field.name
    assert snapshot.iteration == 25 and snapshot.n_h == 3 and snapshot.distinct_units == 3
    assert snapshot.W1 == tuple(map(tuple, trainer.params.W1.tolist()))
    assert snapshot.W2 == tuple(trainer.params.W2[0].tolist()) and snapshot.b2 == float(trainer.params.b2[0, 0])
    net = Network(trainer.data.X, trainer.data.Y, 3, "tanh")
    net.forward(trainer.params)
    assert snapshot.loss == net.cost() and snapshot.accuracy == net.accuracy()
    grads = net.backward(trainer.params)
    assert snapshot.dW1 == tuple(map(tuple, grads.dW1.tolist())) and snapshot.db2 == float(grads.db2[0, 0])
    trainer.step(1)
    assert snapshot.iteration == 25, "a snapshot does not change with the run"


def test_frozen_only_when_every_hidden_gradient_is_zero():
    assert Trainer(Config(init="zeros")).frozen
    assert not Trainer(Config()).frozen
    assert not Trainer(Config(init="constant")).frozen


def test_the_trainer_never_touches_the_global_rng():
    before = np.random.get_state()
    trainer = Trainer(Config(hidden=6, init="random"))
    trainer.step(30)
    trainer.back(7)
    trainer.reset(Config(dataset="spiral", init="he"))
    trainer.snapshot()
    after = np.random.get_state()
    assert np.array_equal(before[1], after[1]) and before[2:] == after[2:]


# -- deep networks, features, the test set (issue 14) ---------------------------------------------------------
def test_a_test_set_is_scored_with_the_runs_parameters():
    trainer = Trainer(Config(dataset="moons", samples=60, test_samples=30, seed=3))
    assert trainer.test_data.X.shape == (2, 30) and trainer.test_accuracy() is not None
    trainer.step(200)
    net = Network(trainer.test_data.X, trainer.test_data.Y, trainer.config.layers, "tanh")
    net.forward(trainer.params)
    assert trainer.test_accuracy() == net.accuracy() == trainer.snapshot().test_accuracy
    assert all(record.test_accuracy is not None for record in trainer.history.records)
    assert Trainer(Config()).test_accuracy() is None and Trainer(Config()).snapshot().test_accuracy is None


def test_features_are_what_the_network_sees():
    from engine.features import inputs

    trainer = Trainer(Config(features="x1,x2,x1x2,sinx2", samples=50))
    X = trainer.data.X
    assert trainer.X.shape == (4, 50) and trainer.params.W1.shape == (4, 4)
    assert np.array_equal(trainer.X, np.vstack([X[0], X[1], X[0] * X[1], np.sin(X[1])]))
    assert np.array_equal(inputs(X, ("x1sq",)), X[:1] ** 2)
    plane = Trainer(Config())
    assert plane.X is plane.data.X, "x1, x2: the points themselves, so the default run is bit for bit as before"


def test_a_deep_snapshot_has_every_layer_as_plain_values():
    trainer = Trainer(Config(layers=(5, 3), init="he", samples=40))
    trainer.step(10)
    snapshot = trainer.snapshot()
    for field in dataclasses.fields(snapshot):
        assert _plain(getattr(snapshot, field.name)), field.name
    assert [layer.units for layer in snapshot.layers] == [5, 3, 1] and len(snapshot.hidden_layers) == 2
    p, g = trainer.params, trainer.net.grads
    for l, layer in enumerate(snapshot.layers, start=1):
        assert layer.W == tuple(map(tuple, p.W(l).tolist())) and layer.b == tuple(p.b(l)[:, 0].tolist())
        assert layer.dW == tuple(map(tuple, g.W(l).tolist())) and layer.db == tuple(g.b(l)[:, 0].tolist())
    assert snapshot.W1 == snapshot.layers[0].W and snapshot.n_h == 5 and snapshot.distinct_units == 5
    assert snapshot.layers[1].distinct_units == 3 and snapshot.layers[1].unit_gap > 0
    assert snapshot.output.groups == ((0,),) and snapshot.output.unit_gap is None
    with pytest.raises(AttributeError):
        snapshot.W2  # noqa: B018 - a row of output weights exists for one hidden layer only


def test_deep_back_and_forward_are_exact():
    trainer = Trainer(Config(layers=(6, 4, 3), activation="relu", init="he", lr=0.05))
    trainer.step(777)
    at_end = trainer.params.copy()
    trainer.back(500)
    trainer.step(500)
    assert trainer.params.equals(at_end)


def test_deep_zero_init_is_frozen_and_a_deep_constant_init_symmetric_in_every_layer():
    frozen = Trainer(Config(layers=(10, 5), init="zeros", activation="relu"))
    frozen.step(100)
    assert frozen.frozen and not frozen.params.flat.any()
    constant = Trainer(Config(layers=(7, 5, 3), init="constant", scale=0.2))
    constant.step(300)
    snapshot = constant.snapshot()
    assert [layer.distinct_units for layer in snapshot.hidden_layers] == [1, 1, 1] and not snapshot.frozen
    assert [layer.unit_gap for layer in snapshot.hidden_layers] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("settings", [{}, {"layers": (12, 8, 5), "activation": "relu", "test_samples": 20},
                                      {"layers": (6, 6), "init": "constant", "scale": 0.5, "lr": 0.5}])
def test_snapshots_between_steps_leave_the_run_bit_for_bit_the_same(settings):
    """step() applies the passes a snapshot at the same iteration computed (a step key's work, done once): the
    weights, history and checkpoints stay exactly those of a run nobody looked at, through records (stride 1
    at first), the tight loop, and after stepping back."""
    config = Config(samples=60, **settings)
    looked, plain = Trainer(config), Trainer(config)
    for n in (1, 1, 1, 7, 1, 40, 300, 1, 2):
        looked.snapshot()
        looked.step(n)
        plain.step(n)
        assert looked.params.equals(plain.params)
    looked.snapshot()
    looked.back(5)
    looked.snapshot()
    looked.step(5)
    assert looked.params.equals(plain.params)
    assert looked.history.records == plain.history.records
    assert looked.checkpoints.iterations == plain.checkpoints.iterations
    assert all(looked.checkpoints.states[i].equals(plain.checkpoints.states[i]) for i in plain.checkpoints.iterations)
    assert looked.snapshot() == plain.snapshot()
