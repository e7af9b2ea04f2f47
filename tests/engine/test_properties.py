"""Property tests (hypothesis) over random valid configs: the engine's invariants hold for any
data set, size, activation, learning rate and seed, not only for the cases we thought of."""
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import symmetry
from engine.config import ACTIVATIONS, DATASETS, Config, InitOverride
from engine.trainer import Trainer

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.too_slow])


def bit_identical_rows(units):
    bits = np.ascontiguousarray(units).view(np.uint64)
    return bool((bits == bits[0]).all())


common = dict(
    dataset=st.sampled_from(DATASETS),
    samples=st.integers(4, 300),
    hidden=st.integers(1, 64),
    activation=st.sampled_from(ACTIVATIONS),
    lr=st.floats(1e-3, 10.0),
    seed=st.integers(0, 2**32 - 2),
)


@st.composite
def symmetric_configs(draw):
    init = draw(st.sampled_from(["zeros", "constant"]))
    scale = draw(st.floats(-2.0, 2.0).map(abs)) if init == "constant" else None
    overrides = ()
    if draw(st.booleans()):  # a shared or per-unit-constant parameter keeps the symmetry
        overrides = (draw(st.sampled_from([
            InitOverride("b2", "random", 1.0),
            InitOverride("b1", "constant", 0.1),
            InitOverride("W2", "constant", 0.7),
            InitOverride("W1", "zeros"),
        ])),)
    return Config(init=init, scale=scale, overrides=overrides, **{k: draw(v) for k, v in common.items()})


@st.composite
def random_configs(draw):
    return Config(init=draw(st.sampled_from(["random", "xavier", "he"])), scale=draw(st.floats(0.01, 3.0)),
                  **{k: draw(v) for k, v in common.items()})


@PROPERTY_SETTINGS
@given(config=symmetric_configs(), steps=st.integers(0, 60))
def test_symmetric_init_keeps_identical_units_for_any_number_of_steps(config, steps):
    trainer = Trainer(config)
    trainer.step(steps)
    trainer.loss  # noqa: B018 - gradients of the current parameters
    if trainer.diverged:
        return  # NaN never equals itself; symmetry is only claimed for finite runs
    assert symmetry.distinct_units(trainer.params.units) == 1
    assert bit_identical_rows(trainer.params.units)
    assert bit_identical_rows(trainer.net.grads.units)
    if config.hidden > 1:
        assert symmetry.unit_gap(trainer.params.units) == 0.0


@PROPERTY_SETTINGS
@given(config=random_configs(), steps=st.integers(0, 60))
def test_random_init_gives_n_h_distinct_units(config, steps):
    trainer = Trainer(config)
    trainer.step(steps)
    assert symmetry.distinct_units(trainer.params.units) == config.hidden
    if config.hidden > 1 and not trainer.diverged:
        assert symmetry.unit_gap(trainer.params.units) > 0.0


@PROPERTY_SETTINGS
@given(config=st.one_of(symmetric_configs(), random_configs()), steps=st.integers(1, 80),
       lr=st.floats(1e-3, 1e6), scale=st.floats(0.0, 100.0))
def test_the_loss_is_never_nan_unless_diverged_is_set(config, steps, lr, scale):
    """Learning rates and scales up to where runs blow up: the run must say so, never show NaN.

    (A cost that overflows to inf while Z2 is still finite is recorded once before the run stops:
    see test_trainer.py::test_step_stops_when_the_cost_overflows_although_Z2_is_finite.)
    """
    config = config.replace(lr=lr, scale=scale if config.init != "zeros" else None)
    trainer = Trainer(config)
    done = trainer.step(steps)
    assert done == steps or trainer.diverged
    assert not any(math.isnan(record.loss) for record in trainer.history.records)
    loss = trainer.loss
    assert math.isfinite(loss) or trainer.diverged
    snapshot = trainer.snapshot()
    assert (snapshot.loss is None) == trainer.diverged
    assert 0.0 <= snapshot.accuracy <= 1.0


@PROPERTY_SETTINGS
@given(config=st.one_of(symmetric_configs(), random_configs()), steps=st.integers(1, 80))
def test_ordinary_runs_never_diverge_and_record_finite_costs(config, steps):
    bounded = config.activation if config.activation in ("tanh", "sigmoid") else "tanh"  # relu can blow up
    config = config.replace(lr=min(config.lr, 2.0), activation=bounded)
    trainer = Trainer(config)
    assert trainer.step(steps) == steps
    assert all(math.isfinite(record.loss) for record in trainer.history.records)
    assert math.isfinite(trainer.loss) and not trainer.diverged


@settings(max_examples=30, deadline=None, database=None)
@given(config=st.one_of(symmetric_configs(), random_configs()), forward=st.integers(1, 400),
       back=st.integers(0, 500))
def test_back_then_forward_is_exact(config, forward, back):
    trainer = Trainer(config)
    done = trainer.step(forward)
    at_end = trainer.params.copy()
    undone = trainer.back(back)
    assert undone == min(back, done) and trainer.iteration == done - undone
    trainer.step(undone)
    assert trainer.iteration == done and trainer.params.equals(at_end)
