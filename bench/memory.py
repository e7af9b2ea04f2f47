"""Memory of a long run: resident memory before and after N iterations, and whether back() still works.

    python3 bench/memory.py                      # 1 000 000 iterations at n_h = 64 (a few minutes)
    python3 bench/memory.py --layers 64,64,64    # the same with three hidden layers of 64 (longer)
    python3 bench/memory.py --steps 100000 --hidden 4

Goal (issue: engine foundation, and issue 14 for 64,64,64): < 100 MB more resident memory after 1 000 000
iterations.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from engine.config import Config  # noqa: E402
from engine.trainer import Trainer  # noqa: E402


def resident_mb() -> float:
    """Current resident set size (VmRSS), in MB."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--layers", help="hidden layer sizes, e.g. 64,64,64 (instead of --hidden)")
    args = parser.parse_args()
    config = Config(layers=args.layers) if args.layers else Config(hidden=args.hidden)
    trainer = Trainer(config)
    trainer.step(1)
    before = resident_mb()
    start = time.perf_counter()
    done = 1
    while done < args.steps:  # in chunks, as the app's auto-run does
        done += trainer.step(min(10_000, args.steps - done))
    seconds = time.perf_counter() - start
    after = resident_mb()
    print(f"{done} iterations at layers {','.join(map(str, config.layers))}: {seconds:.1f} s ({done / seconds:.0f} it/s)")
    print(f"resident memory: {before:.1f} MB before, {after:.1f} MB after, growth {after - before:+.1f} MB"
          f" (goal < 100 MB)")
    print(f"history records: {len(trainer.history)} (stride {trainer.history.stride});"
          f" checkpoints: {len(trainer.checkpoints)}")
    reference = trainer.params.copy()
    for n in (1, 1000, 54_321):
        n = min(n, trainer.iteration)
        start = time.perf_counter()
        trainer.back(n)
        back_ms = (time.perf_counter() - start) * 1000
        trainer.step(n)
        print(f"back({n}) took {back_ms:.1f} ms; stepping forward again lands on the same bits:"
              f" {trainer.params.equals(reference)}")


if __name__ == "__main__":
    main()
