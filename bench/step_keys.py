"""A step key's latency in a real pseudo-terminal, for any app options: how long from `space` until the status bar
shows the next iteration (issue 14: under 30 ms median at 80×24 with --layers 64,64,64).

    python3 bench/step_keys.py -- --layers 64,64,64              # 80×24, 25 presses
    python3 bench/step_keys.py --size 120x40 --presses 40 -- --layers 10,5 --features x1,x2,x1x2
    python3 bench/step_keys.py --compare -- --layers 64,64,64    # the same presses without options, side by side
    git archive main | tar -x -C /tmp/before && python3 bench/step_keys.py --before /tmp/before -- --layers 64,64,64
                                                                 # this checkout against another one's code

Only the standard library drives the app (pty, select). Presses come at a student's pace (0.15 s apart, so the
pictures that follow the counters are drawn before the next key). With --compare the two apps are measured in
alternating presses, so a shared machine's drift slows both alike; so with --before DIR (the app run from the
source tree DIR with the same options: before/after figures for a change). The load average is printed with the figures.
(bench/ui.py measures the whole app over a link; this is the one figure, with options.)
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pathlib
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import termios
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\"
                    rb"|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>78]")


def app_command() -> list[str]:
    script = pathlib.Path(sys.executable).with_name("shallow-tui")
    if script.exists():
        return [str(script)]
    found = shutil.which("shallow-tui")
    return [found] if found else [sys.executable, "-m", "tui"]


class App:
    """The app in a pty of its own; its output, escapes removed, kept as text."""

    def __init__(self, columns: int, rows: int, options: list[str], source: pathlib.Path = ROOT) -> None:
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX", "TEXTUAL")}
        environment.update({"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows), "LANG": "C.UTF-8"})
        command = (app_command() if source == ROOT else [sys.executable, "-m", "tui"]) + options
        if source != ROOT:
            environment["PYTHONPATH"] = str(source)  # its tui and engine before this checkout's installed ones
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.chdir(source)
                os.execvpe(command[0], command, environment)
            finally:
                os._exit(127)
        self.pid, self.fd, self.text = pid, fd, ""

    def pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if ready:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                raise SystemExit("the app closed its terminal")
            self.text = (self.text + ESCAPE.sub(b"", chunk).decode("utf-8", "replace"))[-20000:]

    def wait_for(self, words: str, timeout: float) -> float | None:
        start = time.monotonic()
        while words not in self.text:
            if time.monotonic() - start > timeout:
                return None
            self.pump(0.002)
        return time.monotonic() - start

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(end - time.monotonic())

    def press_step(self, iteration: int) -> float:
        """Milliseconds from `space` until "iter <iteration> " is on screen."""
        self.text = ""
        os.write(self.fd, b" ")
        took = self.wait_for(f"iter {iteration} ", 10)
        return float("nan") if took is None else 1000 * took

    def close(self) -> None:
        try:
            os.write(self.fd, b"q")
            end = time.monotonic() + 3
            while time.monotonic() < end and not os.waitpid(self.pid, os.WNOHANG)[0]:
                time.sleep(0.05)
            else:
                if time.monotonic() >= end:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        os.close(self.fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24", help="COLUMNSxROWS (default 80x24)")
    parser.add_argument("--presses", type=int, default=25)
    parser.add_argument("--compare", action="store_true", help="also the app without the options, alternating")
    parser.add_argument("--before", type=pathlib.Path, metavar="DIR",
                        help="also the app from the source tree DIR with the same options, alternating")
    parser.add_argument("options", nargs="*", help="the app's options, after --")
    args = parser.parse_args()
    columns, rows = (int(v) for v in args.size.split("x"))
    name = " ".join(args.options) or "(defaults)"
    setups = {name: (args.options, ROOT)}
    if args.compare and args.options:
        setups["(defaults)"] = ([], ROOT)
    if args.before:
        setups[f"{name} [{args.before}]"] = (args.options, args.before.resolve())
    apps = {name: App(columns, rows, options, source) for name, (options, source) in setups.items()}
    latencies: dict[str, list[float]] = {name: [] for name in apps}
    try:
        for app in apps.values():
            if app.wait_for("iter 0", 30) is None:
                raise SystemExit("no first frame within 30 s")
            app.drain(1.0)
        for n in range(1, args.presses + 1):
            for name, app in apps.items():
                latencies[name].append(app.press_step(n))
                app.drain(0.15)
    finally:
        for app in apps.values():
            app.close()
    print(f"step key latency at {args.size}, {args.presses} presses, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, values in latencies.items():
        finite = sorted(v for v in values if v == v)
        print(f"  {name:44} median {statistics.median(finite):6.1f} ms   p90 {finite[int(0.9 * (len(finite) - 1))]:6.1f} ms"
              f"   max {finite[-1]:6.1f} ms   missed {len(values) - len(finite)}")


if __name__ == "__main__":
    main()
