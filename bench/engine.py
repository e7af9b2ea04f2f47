"""Iterations per second of the engine against the course notebook's plain loop, side by side.

    python3 bench/engine.py            # default config, then n_h = 64 with m = 2000
    python3 bench/engine.py --rounds 9

Both loops train the same data from the same weights. The rounds alternate engine and course
loop, and the median of each is reported, so a noisy shared machine slows both alike. Goals:
engine ≥ 2× the course loop on the default config, ≥ 1.2× at n_h = 64, m = 2000.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import course_loop  # noqa: E402

from engine.config import Config  # noqa: E402
from engine.trainer import Trainer  # noqa: E402


def engine_rate(config: Config, steps: int) -> float:
    trainer = Trainer(config)
    start = time.perf_counter()
    trainer.step(steps)
    return steps / (time.perf_counter() - start)


def course_rate(config: Config, steps: int) -> float:
    trainer = Trainer(config.replace(steps=0))  # the same data and initial weights
    X, Y = np.array(trainer.data.X), np.array(trainer.data.Y)
    start_params = {name: value.copy() for name, value in trainer.params.as_dict().items()}
    start = time.perf_counter()
    course_loop.nn_model(X, Y, config.hidden, steps, parameters=start_params, learning_rate=config.lr)
    return steps / (time.perf_counter() - start)


def compare(label: str, config: Config, steps: int, rounds: int) -> float:
    engine, course = [], []
    for _ in range(rounds):
        engine.append(engine_rate(config, steps))
        course.append(course_rate(config, steps))
    e, c = statistics.median(engine), statistics.median(course)
    print(f"{label:34s} engine {e:9.0f} it/s   course loop {c:9.0f} it/s   ratio {e / c:5.2f}x"
          f"   (median of {rounds}, {steps} iterations each)")
    return e / c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    compare("default (flower, n_h 4, m 400)", Config(), 5000, args.rounds)
    compare("large (n_h 64, m 2000)", Config(hidden=64, samples=2000), 1000, args.rounds)


if __name__ == "__main__":
    main()
