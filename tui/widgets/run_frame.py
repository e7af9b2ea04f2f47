"""What every panel draws from: one moment of the run as plain values (no NumPy arrays).

The app builds a RunFrame while it holds the trainer, then hands the same frozen object to each panel.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.config import Config
from engine.history import Record
from engine.plane import Bounds
from engine.trainer import Snapshot
from tui.run_facts import RunFacts


@dataclass(frozen=True)
class TrainingPoints:
    """The data set's points as plain tuples, made once per reset (not once per frame)."""

    x1: tuple[float, ...]
    x2: tuple[float, ...]
    label: tuple[int, ...]
    bounds: Bounds


@dataclass(frozen=True)
class RunFrame:
    config: Config
    snapshot: Snapshot
    records: tuple[Record, ...]
    points: TrainingPoints
    running: bool = False
    speed_label: str = ""
    stride: int = 1
    facts: RunFacts | None = None  # what the hints may say beyond the snapshot (the main run's only)


def unit_name(j: int) -> str:
    """h1, h2, … (the course counts hidden units from 1)."""
    return f"h{j + 1}"


def group_marks(snapshot: Snapshot) -> dict[int, str]:
    """A letter for every unit that shares its parameters with another unit: identical units, same mark."""
    return marks_of(snapshot.groups)


def marks_of(groups: tuple[tuple[int, ...], ...]) -> dict[int, str]:
    """group_marks for any layer's groups (LayerSnapshot.groups)."""
    marks: dict[int, str] = {}
    shared = [group for group in groups if len(group) > 1]
    for k, group in enumerate(shared):
        letter = chr(ord("A") + k) if k < 26 else "*"
        for j in group:
            marks[j] = letter
    return marks


def fmt4(value: float) -> str:
    """4 significant digits, short exponent: 0.4172, -1.902e-5, 0 (exactly zero shows as 0)."""
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    return text.replace("e-0", "e-").replace("e+0", "e+")


def fmt_loss(loss: float) -> str:
    """A loss as the status bar shows it: 4 decimals ("0.6931"), or 4 significant digits when huge (a large
    init's 1e300 in 4 decimals is 300 digits long)."""
    return f"{loss:.4f}" if abs(loss) < 1e6 else f"{loss:.4g}"


def init_label(config: Config) -> str:
    """The init in a few words: "zeros", "random 0.01", "zeros; b1 b2 random 0.01"."""
    label = config.init if config.init == "zeros" else f"{config.init} {config.resolved_scale:g}"
    if config.overrides:
        label += "; " + ", ".join(f"{o.parameter} {o.scheme}" + ("" if o.scheme == "zeros" else f" {o.resolved_scale:g}")
                                  for o in config.overrides)
    return label
