"""Iterations per second of the engine against the course's own plain loops, side by side.

    python3 bench/engine.py            # default config, n_h = 64 with m = 2000, the C2W1 assignment's network
    python3 bench/engine.py --rounds 9

Both loops train the same data from the same weights, in alternating turns of 500 iterations (50
at the large config; a round is one whole run, 5000 or 1000 iterations), so each pair of turns
ran within a fraction of a second of each other: on a shared machine whose speed drifts
from one second to the next, both loops see the same machine. The ratio printed is the two loops'
iterations per second over all the turns, and the middle half of the pairs' own ratios shows the
spread. Goals: engine ≥ 2× the course loop on the default config, ≥ 1.2× at n_h = 64, m = 2000, and ≥ 2×
the C2W1 "Initialization" assignment's loop (bench/init_assignment.py: its init_utils functions and model(),
cost every iteration) on its network: circles, m = 300, layers [2, 10, 5, 1], relu, He, lr 0.01.

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
import init_assignment  # noqa: E402

from engine.config import Config  # noqa: E402
from engine.trainer import Trainer  # noqa: E402


def one_hidden_layer_loop(config: Config):
    """The C1W3 notebook's nn_model, ``n`` iterations from ``parameters``."""
    return lambda X, Y, parameters, n: course_loop.nn_model(X, Y, config.hidden, n, parameters, config.lr)


def assignment_loop(config: Config):
    """The C2W1 assignment's model(), ``n`` iterations from ``parameters``."""
    return lambda X, Y, parameters, n: init_assignment.model(X, Y, parameters, n, config.lr)


def paired_seconds(config: Config, steps: int, chunk: int, reference) -> list[tuple[float, float]]:
    """Train ``steps`` iterations with both loops, ``chunk`` at a time, alternating which goes first.

    Returns (engine seconds, course seconds) per chunk: each pair ran within a fraction of a second
    of each other, so a shared machine that slows down for a while slows both sides of a pair alike.
    """
    trainer = Trainer(config)
    # Record history as one step(steps) would: the stride a run of that length ends with.
    trainer.history.prepare(steps)
    X, Y = np.array(trainer.data.X), np.array(trainer.data.Y)  # the same data and initial weights
    parameters = {name: value.copy() for name, value in trainer.params.as_dict().items()}
    pairs = []
    for index in range(steps // chunk):
        start = time.perf_counter()
        if index % 2:
            parameters = reference(X, Y, parameters, chunk)
            middle = time.perf_counter()
            trainer.step(chunk)
            pairs.append((time.perf_counter() - middle, middle - start))
        else:
            trainer.step(chunk)
            middle = time.perf_counter()
            parameters = reference(X, Y, parameters, chunk)
            pairs.append((middle - start, time.perf_counter() - middle))
    check_same_run(trainer, parameters)
    return pairs


def check_same_run(trainer: Trainer, parameters: dict) -> None:
    """Both loops trained the same network: their weights agree to rounding (else the ratio means nothing)."""
    for name, value in trainer.params.as_dict().items():
        if not np.allclose(value, parameters[name], rtol=1e-6, atol=1e-9):
            raise SystemExit(f"the two loops drifted apart in {name}: not the same run")


def tanh_seconds(config: Config, repeats: int = 200) -> float:
    """Seconds np.tanh takes on one iteration's hidden values (n_h × m) of this config."""
    trainer = Trainer(config)
    Z1 = trainer.data.X[:1].repeat(sum(config.layers), axis=0)  # every hidden value, with a realistic range
    out = np.empty_like(Z1)
    start = time.perf_counter()
    for _ in range(repeats):
        np.tanh(Z1, out)
    return (time.perf_counter() - start) / repeats


def compare(label: str, config: Config, steps: int, chunk: int, rounds: int, reference) -> float:
    pairs, tanh = [], []
    for _ in range(rounds):
        pairs += paired_seconds(config, steps, chunk, reference)
        tanh.append(tanh_seconds(config))
    engine_seconds = sum(engine for engine, _ in pairs)
    course_seconds = sum(course for _, course in pairs)
    ratio = course_seconds / engine_seconds  # = engine it/s ÷ course loop it/s over all the pairs
    q1, _, q3 = statistics.quantiles([course / engine for engine, course in pairs], n=4)
    e, c = len(pairs) * chunk / engine_seconds, len(pairs) * chunk / course_seconds
    t = statistics.median(tanh)
    tanh_note = f"   np.tanh alone {t * 1e6:.0f} µs of the engine's {1e6 / e:.0f} µs per iteration" \
        if config.activation == "tanh" else f"   engine {1e6 / e:.0f} µs per iteration"
    print(f"{label:38s} engine {e:7.0f} it/s   course loop {c:7.0f} it/s   ratio {ratio:4.2f}x"
          f" (half of the {len(pairs)} pairs of {chunk}-iteration turns {q1:.2f}-{q3:.2f}x){tanh_note}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    default, large = Config(), Config(hidden=64, samples=2000)
    compare("default (flower, n_h 4, m 400)", default, 5000, 500, args.rounds, one_hidden_layer_loop(default))
    compare("large (n_h 64, m 2000)", large, 1000, 50, args.rounds, one_hidden_layer_loop(large))
    assignment = Config(dataset="circles", samples=300, noise=0.05, seed=1, layers=(10, 5), activation="relu",
                        init="he", init_seed=3, lr=0.01)
    compare("C2W1 (circles, [2,10,5,1], m 300)", assignment, 5000, 500, args.rounds, assignment_loop(assignment))


if __name__ == "__main__":
    main()
