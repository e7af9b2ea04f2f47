"""How often the app outlives its terminal: each way a terminal goes away, in each state, many times.

    python3 bench/lost_terminal.py                                  # every way × state, 10 rounds, 4 at a time
    python3 bench/lost_terminal.py --ways stall-drop --states paused --rounds 30 --load 2
    python3 bench/lost_terminal.py --app-dir /path/to/other/checkout --dump   # "before" figures, py-spy stacks

Ways (tests/tui/lost_terminal.py): stall-drop (stop reading, ~150 keys, close the pty master), drop (close the
master), sighup / sigterm (with the pty open and read), stall-sigterm / stall-sighup (the signal while nobody
reads), tmux-kill (~40 keys in a tmux pane, then `tmux kill-session`). States: paused, running, modal (help or
palette open), exporting (e / E just before). Prints, per way and state, how many processes were still alive
5 s after the loss, the slowest exit, and the CPU share of survivors; survivors are killed. --dump prints a
`py-spy dump` (pip install py-spy) of the first survivor of each way.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from tests.tui.lost_terminal import ROOT, STATES, WAYS, burn_cpu, have_tmux, stop_burning, trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ways", default=",".join(WAYS))
    parser.add_argument("--states", default=",".join(STATES))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--parallel", type=int, default=4, help="trials at a time")
    parser.add_argument("--load", type=int, default=0, help="busy-loop processes running meanwhile")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--deadline", type=float, default=5.0)
    parser.add_argument("--stall", type=float, default=0.3, help="seconds a stall lasts after its keys")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout whose app runs (python -m tui there)")
    parser.add_argument("--dump", action="store_true", help="py-spy dump of the first survivor of each way")
    args = parser.parse_args()
    ways = [w for w in args.ways.split(",") if w != "tmux-kill" or have_tmux()]
    states = args.states.split(",")
    size = tuple(int(n) for n in args.size.split("x"))
    dumped: set[str] = set()

    def dump(session, result) -> None:
        if args.dump and result["way"] not in dumped:
            dumped.add(result["way"])
            done = subprocess.run(["py-spy", "dump", "--pid", str(session.pid)], capture_output=True, text=True)
            print(f"--- py-spy dump: {result['way']} / {result['state']} (seed {result['seed']}), "
                  f"{result['cpu_share']:.0%} CPU ---\n{done.stdout}{done.stderr}", flush=True)

    jobs = [(way, state, args.seed + 1000 * r + i) for r in range(args.rounds)
            for i, (way, state) in enumerate((w, s) for w in ways for s in states)]
    burners = burn_cpu(args.load)
    started = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(args.parallel) as pool:
            results = list(pool.map(lambda job: trial(*job, deadline=args.deadline, size=size, app_dir=args.app_dir,
                                                      on_survivor=dump, stall=args.stall), jobs))
    finally:
        stop_burning(burners)
    print(f"{len(results)} trials in {time.monotonic() - started:.0f} s, {args.parallel} at a time, "
          f"{args.load} busy loops, {args.size}, stalls {args.stall:g} s, app from {args.app_dir}")
    print(f"{'way':<14} {'state':<10} {'trials':>6} {'alive >' + str(int(args.deadline)) + 's':>9} "
          f"{'slowest exit':>12} {'survivor CPU':>12} {'left behind':>11}")
    failures = 0
    for way in ways:
        for state in states:
            rows = [r for r in results if r["way"] == way and r["state"] == state and r["started"]]
            alive = [r for r in rows if r["gone"] is None]
            gone = [r["gone"] for r in rows if r["gone"] is not None]
            left = sum(bool(r["leftovers"]) for r in rows)
            cpu = max((r["cpu_share"] for r in alive), default=None)
            failures += len(alive) + left
            print(f"{way:<14} {state:<10} {len(rows):>6} {len(alive):>9} "
                  f"{(f'{max(gone):.2f} s' if gone else '-'):>12} {(f'{cpu:.0%}' if cpu is not None else '-'):>12} "
                  f"{left:>11}")
    not_started = sum(not r["started"] for r in results)
    if not_started:
        print(f"{not_started} trials never drew a first frame")
    return 1 if failures or not_started else 0


if __name__ == "__main__":
    raise SystemExit(main())
