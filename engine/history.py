"""Bounded records of a run: metric history (downsampled) and parameter checkpoints (thinned).

Both stay the same size however long a run goes, which keeps a million-iteration run under a few
megabytes while still drawing a whole-run chart and stepping back exactly.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple


class Record(NamedTuple):
    iteration: int
    loss: float
    accuracy: float
    unit_gap: float | None  # of the first hidden layer
    test_accuracy: float | None = None  # None without a test set


class MetricHistory:
    """One record every ``stride`` iterations; when ``capacity`` is passed the stride doubles and
    every other record goes, so the records always span the whole run evenly.

    ``states`` holds the parameters at each record's iteration (before its update), so an export
    needs no replay: (n_h + 1) × (n_x + 2) numbers a record, about 0.7 MB in all at n_h = 64.
    A stored state is never changed afterwards, so others may keep a reference to it.
    """

    def __init__(self, capacity: int = 256):
        self.capacity = capacity
        self.stride = 1
        self.records: list[Record] = []
        self.states: dict[int, object] = {}

    def next_wanted(self, iteration: int) -> int:
        """The first iteration at or after ``iteration`` that should be recorded."""
        if self.records and self.records[-1].iteration >= iteration:
            iteration = self.records[-1].iteration + 1
        return -(-iteration // self.stride) * self.stride

    def add(self, record: Record, state: object = None) -> None:
        self.records.append(record)
        if state is not None:
            self.states[record.iteration] = state
        if len(self.records) > self.capacity:
            self._coarsen()

    def prepare(self, last_iteration: int) -> None:
        """Coarsen now to the stride a run up to ``last_iteration`` will end with.

        The records that survive are the same either way (multiples of the final stride), but the
        ones that would be dropped are never computed: a long step(n) records at most ``capacity``.
        """
        while -(-(last_iteration + 1) // self.stride) > self.capacity:
            self._coarsen()

    def _coarsen(self) -> None:
        self.stride *= 2
        self.records = [r for r in self.records if r.iteration % self.stride == 0]
        self.states = {it: state for it, state in self.states.items() if it % self.stride == 0}

    def truncate(self, last_iteration: int) -> None:
        """Forget records after ``last_iteration`` (after stepping back)."""
        keys = [r.iteration for r in self.records]
        del self.records[bisect.bisect_right(keys, last_iteration):]
        self.states = {it: state for it, state in self.states.items() if it <= last_iteration}

    def __len__(self) -> int:
        return len(self.records)


class Checkpoints:
    """Parameter states by iteration: every ``interval`` iterations recently, sparser with age.

    A checkpoint ``age`` iterations old is kept only if its iteration is a multiple of a spacing
    that doubles each time the age doubles (past ``interval · per_band``). So the count grows with
    the log of the run's length (about 500 after a million iterations), and returning to an
    iteration replays at most ~age/32 iterations: stepping back a little is instant.
    """

    def __init__(self, interval: int = 16, per_band: int = 64):
        self.interval = interval
        self.per_band = per_band
        self.iterations: list[int] = []
        self.states: dict[int, object] = {}
        self._adds_since_prune = 0

    def next_wanted(self, iteration: int) -> int:
        """The first iteration at or after ``iteration`` that should be checkpointed."""
        if self.iterations and self.iterations[-1] >= iteration:
            iteration = self.iterations[-1] + 1
        return -(-iteration // self.interval) * self.interval

    def spacing(self, age: int) -> int:
        """How far apart checkpoints of this age are kept."""
        band = age // (self.interval * self.per_band)
        return self.interval << band.bit_length()

    def add(self, iteration: int, state: object) -> None:
        if iteration not in self.states:
            bisect.insort(self.iterations, iteration)
        self.states[iteration] = state
        self._adds_since_prune += 1
        if self._adds_since_prune >= self.per_band // 2:
            self._prune(iteration)

    def _prune(self, now: int) -> None:
        self._adds_since_prune = 0
        keep = [it for it in self.iterations if it == 0 or it % self.spacing(now - it) == 0]
        for it in set(self.iterations).difference(keep):
            del self.states[it]
        self.iterations = keep

    def latest_at_or_before(self, iteration: int) -> tuple[int, object]:
        index = bisect.bisect_right(self.iterations, iteration) - 1
        if index < 0:
            raise LookupError(f"no checkpoint at or before iteration {iteration}")
        found = self.iterations[index]
        return found, self.states[found]

    def truncate(self, last_iteration: int) -> None:
        index = bisect.bisect_right(self.iterations, last_iteration)
        for it in self.iterations[index:]:
            del self.states[it]
        del self.iterations[index:]

    def __len__(self) -> int:
        return len(self.iterations)
