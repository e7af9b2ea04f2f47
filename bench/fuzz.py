"""The full app fuzz run: N seeded random key sequences (default 300 × 50 keys), spread over processes.

    python3 bench/fuzz.py                          # seeds 0…299, 50 keys each, 2 processes
    python3 bench/fuzz.py --sequences 1000 --start 300 --keys 80 --workers 2

Each sequence is tests/tui/test_fuzz.run_sequence: a random start size (20×8 … 200×60), bursts of
keys from every binding plus junk keys, random resizes, the status bar checked against the engine,
and `q` at the end. Prints the totals and every failing seed with its keys; exit 1 if any failed.
The test suite runs a smaller deterministic set of the same sequences (FUZZ_SEQUENCES, default 30).
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import pathlib
import sys
import tempfile
import time
import traceback

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))


def run_seeds(args: tuple[list[int], int]) -> dict:
    from tests.tui.test_fuzz import FuzzTally, run_sequence

    seeds, n_keys = args
    tally = FuzzTally()
    failures = []

    async def go() -> None:
        with tempfile.TemporaryDirectory() as directory:
            for seed in seeds:
                try:
                    await run_sequence(seed, n_keys, tally, directory)
                except Exception as error:  # noqa: BLE001 - report every failing seed, keep going
                    failures.append((seed, repr(error), [str(step) for step in tally.trail],
                                     "".join(traceback.format_exception(error))[-3000:]))

    asyncio.run(go())
    return {"sequences": tally.sequences, "keys": tally.keys, "resizes": tally.resizes, "checks": tally.checks,
            "sizes": sorted(tally.sizes), "quit_by_palette": tally.quit_by_palette, "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequences", type=int, default=300)
    parser.add_argument("--keys", type=int, default=50)
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    seeds = list(range(options.start, options.start + options.sequences))
    chunks = [(seeds[i :: options.workers], options.keys) for i in range(options.workers)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(options.workers) as pool:
        results = pool.map(run_seeds, chunks)
    elapsed = time.perf_counter() - started
    total = {key: sum(r[key] for r in results) for key in ("sequences", "keys", "resizes", "checks", "quit_by_palette")}
    sizes = sorted({tuple(s) for r in results for s in r["sizes"]})
    failures = [f for r in results for f in r["failures"]]
    print(f"fuzz: seeds {seeds[0]}…{seeds[-1]}: {total['sequences']} sequences passed of {len(seeds)}, "
          f"{total['keys']} keys, {total['resizes']} resizes, {total['checks']} status checks, "
          f"{total['quit_by_palette']} ended by the palette's Quit, {len(sizes)} distinct sizes "
          f"(smallest {min(sizes)}, largest {max(sizes)}), {elapsed:.0f} s on {options.workers} processes")
    for seed, error, trail, trace in sorted(failures):
        print(f"\nseed {seed}: {error}\n  " + "\n  ".join(trail) + "\n" + trace)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
