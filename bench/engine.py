"""Iterations per second of the engine against the course notebook's plain loop, side by side.

    python3 bench/engine.py            # default config, then n_h = 64 with m = 2000
    python3 bench/engine.py --rounds 9

Both loops train the same data from the same weights. The rounds alternate engine and course
loop, and the median of each is reported, so a noisy shared machine slows both alike. Goals:
engine ≥ 2× the course loop on the default config, ≥ 1.2× at n_h = 64, m = 2000.

Each line also shows what both loops must pay alike: np.tanh on the n_h × m hidden values, once
per iteration. Where NumPy has no SIMD tanh for float64 (x86 without AVX-512) that is ~10 ns a
value, two thirds of an engine iteration at n_h = 64, m = 2000, and it caps the large ratio.
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


def tanh_seconds(config: Config, repeats: int = 200) -> float:
    """Seconds np.tanh takes on one iteration's hidden values (n_h × m) of this config."""
    trainer = Trainer(config)
    Z1 = trainer.data.X[:1].repeat(config.hidden, axis=0)  # the right shape and a realistic range
    out = np.empty_like(Z1)
    start = time.perf_counter()
    for _ in range(repeats):
        np.tanh(Z1, out)
    return (time.perf_counter() - start) / repeats


def compare(label: str, config: Config, steps: int, rounds: int) -> float:
    engine, course, tanh = [], [], []
    for _ in range(rounds):
        engine.append(engine_rate(config, steps))
        course.append(course_rate(config, steps))
        tanh.append(tanh_seconds(config))
    e, c, t = statistics.median(engine), statistics.median(course), statistics.median(tanh)
    print(f"{label:32s} engine {e:7.0f} it/s   course loop {c:7.0f} it/s   ratio {e / c:4.2f}x"
          f"   (median of {rounds}, {steps} iterations each; np.tanh alone {t * 1e6:.0f} µs of the"
          f" engine's {1e6 / e:.0f} µs per iteration)")
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
