"""A run's history as a table (CSV) or document (JSON), with every unit's parameters, written safely.

Pure Python and NumPy: used by ``shallow-tui --headless --export PATH`` and by the app's ``e`` key.

Per-unit parameters come from the run itself: its history keeps the parameters of every recorded
iteration (engine/history.py), so exporting the recorded iterations costs no training at all, however
long the run. Any other iteration (the current one, or headless ``--every K``) is reached by **replay**
from the closest exact state the run kept before it (a record or a checkpoint): stepping is
deterministic and bit-exact (``Trainer.back`` relies on the same fact), so the replayed parameters are
the run's. The running Trainer is only read.

The Trainer's metric history is downsampled (engine/history.py: at most 256 records, evenly spread),
so an export holds the iterations that were recorded, plus the current one; ``stride`` says how far
apart they are.
"""
from __future__ import annotations

import bisect
import csv
import errno
import io
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from engine import symmetry
from engine.config import Config
from engine.datasets import Dataset
from engine.features import PLANE
from engine.history import Record
from engine.messages import Explained
from engine.network import Params
from engine.safe_write import SafeWriteError, write_atomically
from engine.trainer import Trainer

FORMATS = (".csv", ".json")


class ExportError(Explained, OSError):
    """The export could not be written; ``str(error)`` is one line for the user, and nothing was changed.

    ``key`` is one of the ``export.*`` sentences of engine.messages (the same values as SafeWriteError's).
    """

    def __init__(self, number: int | None, key: str, **values):
        super().__init__(number, self._explain(key, values))

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def export_format(path: str | os.PathLike) -> str:
    """``csv`` or ``json`` from the file name; ExportError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(errno.EINVAL, "export.extension", path=str(path))
    return suffix[1:]


def recorded_iterations(trainer: Trainer) -> list[int]:
    """The iterations the run's history holds, and the current one (history lags one step behind)."""
    iterations = [r.iteration for r in trainer.history.records if r.iteration <= trainer.iteration]
    if not iterations or iterations[-1] < trainer.iteration:
        iterations.append(trainer.iteration)
    return iterations


@dataclass(frozen=True)
class Replay:
    """What an export needs from a run, taken in one go (the app holds the run's lock only this long):
    config, data, the exact parameters the run kept (``states``: its checkpoints and the state at each
    recorded iteration, by iteration), its records, and the iterations wanted."""

    config: Config
    data: Dataset
    states: dict[int, Params]
    records: dict[int, Record]
    iterations: tuple[int, ...]
    current_iteration: int
    stride: int
    extra: Mapping[str, object] = field(default_factory=dict)  # more top-level keys of a JSON file (the lesson's answers)

    @classmethod
    def of(cls, trainer: Trainer, iterations: list[int] | None = None, stride: int | None = None) -> "Replay":
        """The recorded iterations by default (their spacing is the history's stride), else ``iterations``.

        The states are shared, not copied: the run never changes a state it stored (it only drops some).
        """
        if iterations is None:
            iterations, stride = recorded_iterations(trainer), trainer.history.stride
        states = {it: trainer.checkpoints.states[it] for it in trainer.checkpoints.iterations}
        states.update(trainer.history.states)
        records = {r.iteration: r for r in trainer.history.records if r.iteration in trainer.history.states}
        return cls(trainer.config, trainer.data, states, records, tuple(sorted(set(iterations))),
                   trainer.iteration, stride or 1)

    def rows(self) -> list[dict]:
        """One dict per iteration: iteration, loss, accuracy, unit_gap, each unit's W1, b1, W2, and b2."""
        known = sorted(self.states)
        tested = self.config.test_samples > 0  # a test_accuracy after the accuracy, only with a test set
        replay: Trainer | None = None
        rows = []
        for iteration in self.iterations:
            record = self.records.get(iteration)
            if record is not None:  # the run's own numbers, and its parameters at that moment
                rows.append(_row(iteration, record.loss, record.accuracy, record.unit_gap, self.states[iteration],
                                 record.test_accuracy, tested))
                continue
            start = known[bisect.bisect_right(known, iteration) - 1]  # iteration 0 is always known
            if replay is None or not start <= replay.iteration <= iteration:
                replay = self._trainer_at(start)
            if iteration > replay.iteration:
                replay.step(iteration - replay.iteration)
            if replay.iteration != iteration:  # diverged before it: nothing more was recorded
                break
            loss = replay.loss
            rows.append(_row(iteration, loss, replay.net.accuracy(), symmetry.unit_gap(replay.params.units),
                             replay.params, replay.test_accuracy(), tested))
        return rows

    def _trainer_at(self, iteration: int) -> Trainer:
        """A Trainer standing at ``iteration`` with the run's exact parameters there, to step forward from.

        Stepping is deterministic and bit-exact (``Trainer.back`` relies on it too), so what it reaches
        is the run's own state. It only ever steps forward, so its own checkpoints do not matter.
        """
        replay = Trainer(self.config, self.data)
        replay.params.load(self.states[iteration])
        replay.iteration = iteration
        return replay

    def render(self, path: str | os.PathLike) -> tuple[str, int]:
        """The file's text for ``path``'s format (by extension), and how many records it holds."""
        fmt = export_format(path)
        rows = self.rows()
        if fmt == "csv":
            return to_csv(rows, self.config.features), len(rows)
        document = {
            "config": self.config.resolved(),
            "iterations": self.current_iteration,
            "history_stride": self.stride,
            "note": "one record every history_stride iterations, plus the last (a run's own history is "
                    "downsampled to at most 256 records, so long runs have a larger stride)",
            "history": rows,
            **self.extra,
        }
        return json.dumps(document, allow_nan=False, indent=1) + "\n", len(rows)


def _units_key(l: int) -> str:
    return "units" if l == 1 else f"units{l}"


def _row(iteration: int, loss: float, accuracy: float, unit_gap: float | None, p: Params,
         test_accuracy: float | None = None, tested: bool = False) -> dict:
    """The parameters unit by unit, hidden layer by hidden layer: ``units`` (layer 1), ``units2`` … each unit
    with its incoming weights W{l} and bias b{l}, the last hidden layer's also with its weight W{L} to ŷ, then
    ŷ's bias b{L}. One hidden layer: units [{"W1", "b1", "W2"}, …] and "b2". With a test set (``tested``),
    ``test_accuracy`` after ``accuracy``."""
    L = p.L
    row = {"iteration": iteration, "loss": _finite(loss), "accuracy": accuracy}
    if tested:
        row["test_accuracy"] = test_accuracy
    row["unit_gap"] = _finite(unit_gap)
    for l in range(1, L):
        units = []
        for j in range(p.sizes[l]):
            unit = {f"W{l}": p.W(l)[j].tolist(), f"b{l}": float(p.b(l)[j, 0])}
            if l == L - 1:
                unit[f"W{L}"] = float(p.W(L)[0, j])
            units.append(unit)
        row[_units_key(l)] = units
    row[f"b{L}"] = float(p.b(L)[0, 0])
    return row


def history_rows(trainer: Trainer, iterations: list[int] | None = None) -> list[dict]:
    """The rows of an export of ``trainer`` (which is only read)."""
    return Replay.of(trainer, iterations).rows()


_FIRST = ["iteration", "loss", "accuracy", "unit_gap"]
_TESTED = ["iteration", "loss", "accuracy", "test_accuracy", "unit_gap"]  # with --test-samples


def csv_columns(sizes: tuple[int, ...], features: tuple[str, ...] = PLANE, tested: bool = False) -> list[str]:
    """For layer sizes (n_x, n[1], …, 1): every hidden unit's W{l}_h{j}_{input}, b{l}_h{j} (and W{L}_h{j} in the
    last hidden layer), then b{L}. One hidden layer: W1_h1_x1, W1_h1_x2, b1_h1, W2_h1, …, b2. With a test set
    (``tested``), test_accuracy after accuracy."""
    L = len(sizes) - 1
    columns = list(_TESTED if tested else _FIRST)
    for l in range(1, L):
        sources = list(features) if l == 1 else [f"h{k}" for k in range(1, sizes[l - 1] + 1)]
        for j in range(1, sizes[l] + 1):
            columns += [f"W{l}_h{j}_{source}" for source in sources] + [f"b{l}_h{j}"]
            if l == L - 1:
                columns.append(f"W{L}_h{j}")
    return columns + [f"b{L}"]


def _sizes_of(row: dict) -> tuple[int, ...]:
    hidden = []
    while _units_key(len(hidden) + 1) in row:
        hidden.append(len(row[_units_key(len(hidden) + 1)]))
    return (len(row["units"][0]["W1"]), *hidden, 1)


def to_csv(rows: list[dict], features: tuple[str, ...] = PLANE) -> str:
    """Flat columns (see ``csv_columns``); an empty cell is a non-finite or missing value."""
    if not rows:
        return ",".join(_FIRST) + "\n"
    sizes = _sizes_of(rows[0])
    L = len(sizes) - 1
    tested = "test_accuracy" in rows[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(sizes, features, tested))
    for row in rows:
        cells = [row[name] for name in (_TESTED if tested else _FIRST)]
        for l in range(1, L):
            for unit in row[_units_key(l)]:
                cells += [*unit[f"W{l}"], unit[f"b{l}"]] + ([unit[f"W{L}"]] if l == L - 1 else [])
        cells.append(row[f"b{L}"])
        writer.writerow(["" if c is None else repr(c) if isinstance(c, float) else c for c in cells])
    return out.getvalue()


def from_csv(text: str) -> list[dict]:
    """Read ``to_csv`` back into the rows it was made from (for tests and lab scripts)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    tested = header[3] == "test_accuracy"
    L = max(int(name[1:].split("_")[0]) for name in header if name.startswith("b"))
    hidden = [sum(1 for name in header if name.startswith(f"b{l}_h")) for l in range(1, L)]
    n_in = [sum(1 for name in header if name.startswith(f"W{l}_h1_")) for l in range(1, L)]

    def number(cell: str) -> float | None:
        return None if cell == "" else float(cell)

    rows = []
    for cells in reader:
        row = {"iteration": int(cells[0]), "loss": number(cells[1]), "accuracy": float(cells[2])}
        if tested:
            row["test_accuracy"] = number(cells[3])
        row["unit_gap"] = number(cells[4 if tested else 3])
        k = len(_TESTED if tested else _FIRST)
        for l in range(1, L):
            units = []
            for _ in range(hidden[l - 1]):
                unit = {f"W{l}": [float(c) for c in cells[k:k + n_in[l - 1]]], f"b{l}": float(cells[k + n_in[l - 1]])}
                k += n_in[l - 1] + 1
                if l == L - 1:
                    unit[f"W{L}"] = float(cells[k])
                    k += 1
                units.append(unit)
            row[_units_key(l)] = units
        row[f"b{L}"] = float(cells[k])
        rows.append(row)
    return rows


def write_new_file(path: str | os.PathLike, text: str, *, new_name: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically, never over an existing file (engine.safe_write).

    With ``new_name`` a free name next to ``path`` is used instead of refusing. Any failure raises
    ExportError with one line for the user and leaves no temporary file.
    """
    try:
        return write_atomically(path, text, new_name=new_name)
    except SafeWriteError as error:  # the same sentence, said of an export
        raise ExportError(error.errno, error.key.replace("write.", "export.", 1), **error.values) from error
