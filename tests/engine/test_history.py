"""engine.history: metric history and checkpoints stay bounded however long a run goes (issue 2,
point 9), while the history still spans the whole run and checkpoints stay close enough to replay."""
import math
import random

import pytest

from engine.history import Checkpoints, MetricHistory, Record


def _record(iteration):
    return Record(iteration, 1.0 / (iteration + 1), 0.5, None)


def _run_history(history, last_iteration, prepare=False):
    if prepare:
        history.prepare(last_iteration)
    iteration = history.next_wanted(0)
    while iteration <= last_iteration:
        history.add(_record(iteration), ("state at", iteration))
        assert len(history) <= history.capacity
        iteration = history.next_wanted(iteration + 1)


@pytest.mark.parametrize("prepare", [False, True])
def test_metric_history_stays_within_capacity_for_ten_million_iterations(prepare):
    history = MetricHistory(capacity=256)
    for last in (1_000, 100_000, 10_000_000):
        _run_history(history, last, prepare)
        iterations = [r.iteration for r in history.records]
        assert 128 < len(history) <= 256
        assert iterations[0] == 0, "the chart starts at iteration 0"
        assert last - iterations[-1] < history.stride, "… and reaches the end of the run"
        assert all(b - a == history.stride for a, b in zip(iterations, iterations[1:])), "evenly spaced"
        assert history.states == {it: ("state at", it) for it in iterations}, "a state per record, no more"


def test_prepare_keeps_the_same_records_as_coarsening_along_the_way():
    along, prepared = MetricHistory(64), MetricHistory(64)
    _run_history(along, 5_000)
    _run_history(prepared, 5_000, prepare=True)
    assert along.records == prepared.records and along.stride == prepared.stride


def test_metric_history_records_every_iteration_until_full():
    history = MetricHistory(capacity=8)
    _run_history(history, 7)
    assert [r.iteration for r in history.records] == list(range(8)) and history.stride == 1
    history.add(_record(8))
    assert [r.iteration for r in history.records] == [0, 2, 4, 6, 8] and history.stride == 2


def test_metric_history_truncate_and_next_wanted():
    history = MetricHistory(capacity=100)
    _run_history(history, 50)
    history.truncate(20)
    assert history.records[-1].iteration == 20 and len(history) == 21
    assert history.next_wanted(10) == 21, "never records an iteration it already holds"
    assert sorted(history.states) == list(range(21))
    history.truncate(-1)
    assert len(history) == 0 and history.next_wanted(0) == 0 and not history.states


def _fill_checkpoints(checkpoints, last_iteration, start=0):
    """Checkpoint as the trainer does: iteration 0 first, then whenever ``next_wanted`` says."""
    if not len(checkpoints):
        checkpoints.add(0, ("state at", 0))
    iteration = start
    while True:
        iteration = checkpoints.next_wanted(iteration + 1)
        if iteration > last_iteration:
            return
        checkpoints.add(iteration, ("state at", iteration))


def _logarithmic_bound(checkpoints, iterations):
    """About per_band/2 checkpoints per doubling of the run's length, plus two bands of slack."""
    band = checkpoints.interval * checkpoints.per_band
    return checkpoints.per_band * (2 + math.log2(1 + iterations / band))


def test_checkpoints_grow_with_the_log_of_the_run_length():
    checkpoints = Checkpoints(interval=16, per_band=64)
    sizes = {}
    for last in (10_000, 100_000, 1_000_000):
        _fill_checkpoints(checkpoints, last, start=checkpoints.iterations[-1] if len(checkpoints) else 0)
        sizes[last] = len(checkpoints)
        assert len(checkpoints) <= _logarithmic_bound(checkpoints, last)
        assert len(checkpoints.states) == len(checkpoints.iterations), "no orphaned states"
        assert checkpoints.iterations[0] == 0, "iteration 0 is always kept"
    # Each tenfold of the run adds about per_band/2 · log2(10) ≈ 106 checkpoints, not 10x as many.
    for shorter, longer in ((10_000, 100_000), (100_000, 1_000_000)):
        assert sizes[longer] - sizes[shorter] <= 0.6 * checkpoints.per_band * math.log2(10)


def test_checkpoints_stay_close_enough_to_replay_quickly():
    checkpoints = Checkpoints(interval=16, per_band=64)
    last = 300_000
    _fill_checkpoints(checkpoints, last)
    rng = random.Random(0)
    targets = list(range(last - 2_000, last + 1)) + [rng.randrange(last) for _ in range(2_000)] + [0, 1, 15, 16]
    for target in targets:
        found, state = checkpoints.latest_at_or_before(target)
        assert found <= target and state == ("state at", found)
        age = last - target
        assert target - found <= checkpoints.interval + age / 16, (target, found)


def test_checkpoints_truncate_forgets_later_states():
    checkpoints = Checkpoints(interval=4, per_band=8)
    _fill_checkpoints(checkpoints, 100)
    checkpoints.add(0, "zero")
    checkpoints.truncate(50)
    assert checkpoints.iterations[-1] <= 50 and set(checkpoints.states) == set(checkpoints.iterations)
    assert checkpoints.latest_at_or_before(50)[0] == checkpoints.iterations[-1]
    assert checkpoints.latest_at_or_before(0) == (0, "zero")
    assert checkpoints.next_wanted(checkpoints.iterations[-1] + 1) > checkpoints.iterations[-1]
