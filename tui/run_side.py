"""One run shown by compare mode or the lesson: a Trainer plus its training points, handing out RunFrames."""
from __future__ import annotations

from engine.config import Config
from engine.history import Record
from engine.plane import bounds_of
from engine.trainer import Trainer
from tui.widgets.run_frame import RunFrame, TrainingPoints


def points_of(trainer: Trainer) -> TrainingPoints:
    X, Y = trainer.data.X, trainer.data.Y
    return TrainingPoints(tuple(X[0].tolist()), tuple(X[1].tolist()), tuple(int(y) for y in Y[0].tolist()),
                          bounds_of(X))


class RunSide:
    """A run that the UI thread alone steps (no worker), so it needs no lock."""

    def __init__(self, config: Config) -> None:
        self.trainer = Trainer(config)
        self.points = points_of(self.trainer)

    @property
    def config(self) -> Config:
        return self.trainer.config

    def reset(self, config: Config | None = None) -> None:
        self.trainer.reset(config)
        self.points = points_of(self.trainer)

    def reset_points(self) -> None:
        """After the trainer was reset from outside (e.g. a lesson step)."""
        self.points = points_of(self.trainer)

    def frame(self, running: bool = False, speed_label: str = "", stride: int = 1) -> RunFrame:
        snapshot = self.trainer.snapshot()
        records = list(self.trainer.history.records)
        if not records or records[-1].iteration < snapshot.iteration:  # history lags one step behind
            records.append(Record(snapshot.iteration, snapshot.loss if snapshot.loss is not None else float("nan"),
                                  snapshot.accuracy, snapshot.unit_gap))
        return RunFrame(self.trainer.config, snapshot, tuple(records), self.points, running, speed_label, stride)


def init_label(config: Config) -> str:
    """The init in a few words: "zeros", "random 0.01", "zeros; b1 b2 random 0.01"."""
    label = config.init if config.init == "zeros" else f"{config.init} {config.resolved_scale:g}"
    if config.overrides:
        label += "; " + ", ".join(f"{o.parameter} {o.scheme}" + ("" if o.scheme == "zeros" else f" {o.resolved_scale:g}")
                                  for o in config.overrides)
    return label
