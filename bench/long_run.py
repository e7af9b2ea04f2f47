"""A long auto-run in the app: resident memory, key latency while running, and stepping back afterwards.

    python3 bench/long_run.py                       # 1 000 000 iterations at max speed, 120×40
    python3 bench/long_run.py --iterations 200000 --hidden 64 --size 200x60

Goal (issue 6): < 150 MB resident after 1 000 000 iterations of auto-run, the chart still drawn from a
bounded (downsampled) history, keys answered while running, and ← working after it.
"""
from __future__ import annotations

import argparse
import asyncio
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from engine.config import Config  # noqa: E402
from memory import resident_mb  # noqa: E402  (bench/memory.py, beside this script)


async def long_run(iterations: int, hidden: int, size: tuple[int, int]) -> int:
    from textual import events

    from tui.app import SPEEDS, ShallowApp

    app = ShallowApp(Config(hidden=hidden))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        start_mb = resident_mb()
        while app.speed_index < len(SPEEDS) - 1:
            await pilot.press("full_stop")
        await pilot.press("r")
        started = time.perf_counter()
        latencies, samples, last_print = [], [], 0.0
        while app.trainer.iteration < iterations:
            await asyncio.sleep(0.25)
            # A key while running (switch panels), timed until the app has acted on it. Not pilot.press:
            # it waits for the process to go idle, which a busy auto-run never does (~1 s timeout).
            panel = 2 if len(latencies) % 2 else 3
            t = time.perf_counter()
            app.post_message(events.Key(str(panel), str(panel)))
            while app.selected_panel != panel and time.perf_counter() - t < 5:
                await asyncio.sleep(0.002)
            latencies.append(time.perf_counter() - t)
            if not app.running:
                print(f"auto-run stopped by itself at iteration {app.trainer.iteration}")
                break
            if t - last_print > 5:
                last_print = t
                samples.append((app.trainer.iteration, resident_mb()))
                print(f"  iteration {samples[-1][0]:>9,}  {samples[-1][1]:6.1f} MB  after {t - started:5.1f} s",
                      flush=True)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        elapsed = time.perf_counter() - started
        reached = app.trainer.iteration
        end_mb = resident_mb()
        records = len(app.trainer.history.records)
        frame_records = len(app._frame.records) if app._frame else 0
        checkpoints = len(app.trainer.checkpoints) if hasattr(app.trainer.checkpoints, "__len__") else None
        for stride_key in ("right_square_bracket",) * 3:
            await pilot.press(stride_key)
        t = time.perf_counter()
        await pilot.press("left")
        back_seconds = time.perf_counter() - t
        back_ok = app.trainer.iteration == reached - 1000 and not app.trainer.diverged
        t = time.perf_counter()
        await pilot.press("space")
        forward_ok = app.trainer.iteration == reached
        await pilot.press("q")
    print(f"reached {reached:,} iterations in {elapsed:.1f} s ({reached / elapsed:,.0f} it/s) at n_h = {hidden}, "
          f"{size[0]}×{size[1]}")
    print(f"resident memory: {start_mb:.1f} MB at start, {end_mb:.1f} MB at the end "
          f"(max seen {max([end_mb] + [mb for _, mb in samples]):.1f} MB; goal < 150 MB)")
    print(f"history records: {records} in the trainer, {frame_records} in the last frame; checkpoints: {checkpoints}")
    if latencies:
        print(f"key latency while running: median {statistics.median(latencies) * 1000:.0f} ms, "
              f"max {max(latencies) * 1000:.0f} ms over {len(latencies)} keys")
    print(f"← (1000 back) after the run: {back_seconds * 1000:.0f} ms, exact: {back_ok}; "
          f"space forward again: {forward_ok}")
    ok = end_mb < 150 and back_ok and forward_ok and reached >= iterations
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1_000_000)
    parser.add_argument("--hidden", type=int, default=4)
    parser.add_argument("--size", default="120x40")
    options = parser.parse_args()
    width, height = map(int, options.size.split("x"))
    return asyncio.run(long_run(options.iterations, options.hidden, (width, height)))


if __name__ == "__main__":
    raise SystemExit(main())
