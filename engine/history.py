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
    unit_gap: float | None


class MetricHistory:
    """One record every ``stride`` iterations; when ``capacity`` is passed the stride doubles and
    every other record goes, so the records always span the whole run evenly."""

    def __init__(self, capacity: int = 256):
        self.capacity = capacity
        self.stride = 1
        self.records: list[Record] = []

    def next_wanted(self, iteration: int) -> int:
        """The first iteration at or after ``iteration`` that should be recorded."""
        if self.records and self.records[-1].iteration >= iteration:
            iteration = self.records[-1].iteration + 1
        return -(-iteration // self.stride) * self.stride

    def add(self, record: Record) -> None:
        self.records.append(record)
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

    def truncate(self, last_iteration: int) -> None:
        """Forget records after ``last_iteration`` (after stepping back)."""
        keys = [r.iteration for r in self.records]
        del self.records[bisect.bisect_right(keys, last_iteration):]

    def __len__(self) -> int:
        return len(self.records)


class Checkpoints:
    """Parameter states by iteration: one every ``interval`` iterations recently, thinner further back.

    When more than ``capacity`` are held, every other one in the older half goes, so the spacing
    grows geometrically with age: stepping back a little replays at most ``interval`` iterations.
    """

    def __init__(self, interval: int = 16, capacity: int = 512):
        self.interval = interval
        self.capacity = capacity
        self.iterations: list[int] = []
        self.states: dict[int, object] = {}

    def next_wanted(self, iteration: int) -> int:
        """The first iteration at or after ``iteration`` that should be checkpointed."""
        if self.iterations and self.iterations[-1] >= iteration:
            iteration = self.iterations[-1] + 1
        return -(-iteration // self.interval) * self.interval

    def add(self, iteration: int, state: object) -> None:
        bisect.insort(self.iterations, iteration)
        self.states[iteration] = state
        if len(self.iterations) > self.capacity:
            older = self.iterations[: len(self.iterations) // 2]
            for it in older[1::2]:  # keeps the first (iteration 0 is always there)
                del self.states[it]
            self.iterations = sorted(self.states)

    def latest_at_or_before(self, iteration: int) -> tuple[int, object]:
        index = bisect.bisect_right(self.iterations, iteration) - 1
        found = self.iterations[index]
        return found, self.states[found]

    def truncate(self, last_iteration: int) -> None:
        index = bisect.bisect_right(self.iterations, last_iteration)
        for it in self.iterations[index:]:
            del self.states[it]
        del self.iterations[index:]

    def __len__(self) -> int:
        return len(self.iterations)
