"""A lab on one server: N instances of `shallow-tui` in ptys (80×24), all paused, and their total CPU and
memory over a window (issue 5's goal: 30 instances, total idle CPU < 10% of one core, < 150 MB each).

    python3 bench/many.py                    # 30 instances, 20 s window (~1 minute with start-up)
    python3 bench/many.py --count 10 --seconds 10

Standard library only (pty, select, /proc); every instance's output is read so none blocks on a full pty.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from ui import Session, first_frame  # noqa: E402


def pump_all(sessions: list[Session], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for s in sessions:
            s.pump(0)
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    columns, rows = (int(v) for v in args.size.split("x"))
    sessions: list[Session] = []
    started = time.monotonic()
    try:
        for _ in range(args.count):
            sessions.append(Session(columns, rows))
            pump_all(sessions, 0.05)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(first_frame(s.text) for s in sessions):
            pump_all(sessions, 0.2)
        ready = sum(first_frame(s.text) for s in sessions)
        all_up = time.monotonic() - started
        for s in sessions:  # a step each, so every app has drawn a real frame, then they sit paused
            s.send(" ")
        pump_all(sessions, 3.0)
        cpu0 = [s.cpu_seconds() for s in sessions]
        t0 = time.monotonic()
        pump_all(sessions, args.seconds)
        elapsed = time.monotonic() - t0
        cpu = [100 * (s.cpu_seconds() - c) / elapsed for s, c in zip(sessions, cpu0)]
        memory = [s.resident_mb() for s in sessions]
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    finally:
        for s in sessions:
            s.close()
    print(f"\n{args.count} instances of shallow-tui at {args.size}, paused; {ready} drew a first frame, all "
          f"within {all_up:.1f} s; window {elapsed:.1f} s; load {load}")
    print(f"{'figure':42} {'value':>10} {'goal':>10}")
    total = sum(cpu)
    print(f"{'total CPU while paused (% of one core)':42} {total:>10.2f} {'< 10':>10} {'ok' if total < 10 else 'MISS'}")
    print(f"{'CPU per instance, median / max (%)':42} {statistics.median(cpu):>5.2f} / {max(cpu):.2f}")
    print(f"{'resident memory each, median / max (MB)':42} {statistics.median(memory):>5.1f} / {max(memory):.1f}"
          f" {'< 150':>6} {'ok' if max(memory) < 150 else 'MISS'}")
    print(f"{'resident memory, all instances (MB)':42} {sum(memory):>10.0f}")


if __name__ == "__main__":
    main()
