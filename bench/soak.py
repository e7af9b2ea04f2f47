"""A lab afternoon in minutes: N students' sessions in ptys for M minutes, random keys, links that stall and drop.

    python3 bench/soak.py                         # 30 sessions, 10 minutes
    python3 bench/soak.py --sessions 8 --minutes 2 --seed 3

Each of the N slots is a student: it starts `shallow-tui` in a pty (80×24, 120×40 or 160×48), types random
ordinary keys in bursts (tests/tui/lost_terminal.KEYS: steps, runs, resets, compare, lesson, help, palette,
panels, strides …), resizes now and then, and its link stalls at random (nobody reads for 1–20 s: the pty fills
and the app's writes block); a stall ends by the link coming back or dropping (the pty master closed). A
session also ends by `q` or SIGHUP. Then the student reconnects: a new session. Every ended session must be
gone within 5 s with nothing left behind (tests/tui/lost_terminal.leftovers).

At the end, N fresh sessions sit paused for --paused-seconds and their CPU is measured. Prints: sessions
started, ended cleanly, left behind (must be 0; their py-spy stacks with --dump), peak memory per session
(RSS: median and largest of the sessions' peaks), total CPU while paused, and the crash reports written
(XDG_STATE_HOME is a temporary directory; "while exiting" ones are errors met during an exit under way).
Exit status 1 if anything was left behind or a session never drew.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from tests.tui.lost_terminal import FIRST_FRAME, KEYS, ROOT, PtySession, set_window  # noqa: E402

SIZES = ((80, 24), (120, 40), (160, 48))
EXIT_DEADLINE = 5.0


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = self.ended_cleanly = self.no_first_frame = 0
        self.left_behind: list[str] = []
        self.endings: dict[str, int] = {}
        self.peaks: list[float] = []
        self.exit_seconds: list[float] = []

    def add(self, **changes) -> None:
        with self.lock:
            for name, value in changes.items():
                if isinstance(getattr(self, name), list):
                    getattr(self, name).append(value)
                elif isinstance(getattr(self, name), dict):
                    getattr(self, name)[value] = getattr(self, name).get(value, 0) + 1
                else:
                    setattr(self, name, getattr(self, name) + value)


def one_session(rng: random.Random, until: float, tally: Tally, env: dict, dump: bool, app_dir: str) -> None:
    size = rng.choice(SIZES)
    session = PtySession(size=size, env=env, app_dir=app_dir)
    tally.add(started=1)
    peak = 0.0
    try:
        if not session.wait_for(FIRST_FRAME, 60):
            tally.add(no_first_frame=1)
            return
        ends_at = min(until, time.monotonic() + rng.uniform(15, 120))
        ending = None
        while ending is None:
            peak = max(peak, session.resident_mb() or 0.0)
            if time.monotonic() >= ends_at:
                ending = rng.choices(["drop", "q", "sighup"], [6, 3, 1])[0]
                break
            roll = rng.random()
            if roll < 0.85:  # a burst of keys, then reading for a moment
                for key in rng.choices(KEYS, k=rng.randint(1, 8)):
                    session.send(key)
                session.read(rng.uniform(0.2, 2.0))
            elif roll < 0.90:
                columns, rows = rng.choice(SIZES + ((70, 20), (40, 12)))
                set_window(session.master, columns, rows)
                session.read(0.5)
            else:  # the link stalls: nobody reads, the student keeps typing now and then
                session.stall()
                stall_end = time.monotonic() + rng.uniform(1, 20)
                while time.monotonic() < stall_end:
                    session.send(rng.choice(KEYS))
                    time.sleep(rng.uniform(0.05, 1.0))
                peak = max(peak, session.resident_mb() or 0.0)
                if rng.random() < 0.4:
                    ending = "stall-drop"
                else:
                    session.reading = True
        if ending in ("drop", "stall-drop"):
            session.drop()
        elif ending == "q":
            session.send(b"\x1b\x1b\x1b")  # out of a modal, compare or the lesson
            session.read(0.5)
            session.lost_at = time.monotonic()
            session.send(b"q")
            if session.gone_within(2.0) is None:  # q went to the palette's input, say: the link drops after all
                ending = "q-then-drop"
                session.drop()
        else:
            session.signal(signal.SIGHUP)
        tally.add(endings=ending)
        gone = session.gone_within(EXIT_DEADLINE)
        time.sleep(0.2)
        left = session.leftovers()
        if gone is None or left:
            stack = ""
            if dump:
                stack = subprocess.run(["py-spy", "dump", "--pid", str(session.pid)], capture_output=True,
                                       text=True).stdout
            tally.add(left_behind=f"pid {session.pid} ({ending}, {size[0]}x{size[1]}): {left}\n{stack}")
        else:
            tally.add(ended_cleanly=1, exit_seconds=gone)
    finally:
        if peak:
            tally.add(peaks=peak)
        session.close()


def student(seed: int, until: float, tally: Tally, env: dict, dump: bool, app_dir: str) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, 10))  # they do not all arrive at once
    while time.monotonic() < until - 10:
        one_session(rng, until, tally, env, dump, app_dir)
        time.sleep(rng.uniform(0.5, 5))  # reconnecting


def paused_cpu(count: int, seconds: float, env: dict, app_dir: str) -> tuple[float, int]:
    """Total CPU (cores) of ``count`` fresh, paused sessions over ``seconds``; and how many drew."""
    sessions = [PtySession(size=SIZES[i % len(SIZES)], env=env, app_dir=app_dir) for i in range(count)]
    try:
        drawn = [s for s in sessions if s.wait_for(FIRST_FRAME, 120)]
        end = time.monotonic() + 3
        while time.monotonic() < end:  # let the first frames' work finish; keep reading
            for s in drawn:
                s.read(0.01)
        before = {s.pid: s.cpu_seconds() or 0.0 for s in drawn}
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            for s in drawn:
                s.read(0.02)
        spent = sum((s.cpu_seconds() or 0.0) - before[s.pid] for s in drawn)
        return spent / (time.monotonic() - started), len(drawn)
    finally:
        for s in sessions:
            s.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--paused-seconds", type=float, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dump", action="store_true", help="py-spy dump of anything left behind")
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout whose app runs (python -m tui there)")
    args = parser.parse_args()
    state = tempfile.mkdtemp(prefix="shallow-soak-")
    env = {"XDG_STATE_HOME": state}
    tally = Tally()
    started = time.monotonic()
    until = started + args.minutes * 60
    threads = [threading.Thread(target=student, args=(args.seed * 1000 + i, until, tally, env, args.dump, args.app_dir),
                                daemon=True) for i in range(args.sessions)]
    for thread in threads:
        thread.start()
    loads = []
    while any(thread.is_alive() for thread in threads):
        loads.append(os.getloadavg()[0])
        time.sleep(5)
    soak_seconds = time.monotonic() - started
    cpu, drawn = paused_cpu(args.sessions, args.paused_seconds, env, args.app_dir)
    reports = sorted(pathlib.Path(state, "shallow-tui").glob("crash-*.txt"))
    while_exiting = [r for r in reports if ", while exiting" in r.read_text(errors="replace").split("\n", 4)[3]]

    print(f"soak: {args.sessions} students for {args.minutes:g} min ({soak_seconds:.0f} s), seed {args.seed}, "
          f"app from {args.app_dir}")
    print(f"machine load          1-minute load average up to {max(loads, default=0):.1f}, median "
          f"{statistics.median(loads) if loads else 0:.1f} ({os.cpu_count()} cores; others' work included)")
    print(f"sessions started      {tally.started}")
    print(f"ended cleanly         {tally.ended_cleanly}  (gone within {EXIT_DEADLINE:.0f} s of the loss or q; "
          f"slowest {max(tally.exit_seconds, default=0):.2f} s, median "
          f"{statistics.median(tally.exit_seconds) if tally.exit_seconds else 0:.2f} s)")
    print(f"left behind           {len(tally.left_behind)}")
    print(f"never drew            {tally.no_first_frame}")
    print(f"endings               {dict(sorted(tally.endings.items()))}")
    if tally.peaks:
        print(f"peak memory/session   median {statistics.median(tally.peaks):.0f} MB, largest {max(tally.peaks):.0f} MB"
              f" (RSS, {len(tally.peaks)} sessions)")
    print(f"CPU while paused      {cpu:.1%} of one core in all, for {drawn} paused sessions over "
          f"{args.paused_seconds:g} s ({cpu / max(drawn, 1):.2%} each)")
    print(f"crash reports         {len(reports) - len(while_exiting)} crashes, {len(while_exiting)} while exiting "
          f"(in {state}/shallow-tui)")
    for line in tally.left_behind:
        print("LEFT BEHIND:", line)
    return 1 if tally.left_behind or tally.no_first_frame else 0


if __name__ == "__main__":
    raise SystemExit(main())
