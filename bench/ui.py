"""How the app feels over a thin link: start-up, step latency, bytes/s, CPU, pause latency and memory, measured
on `shallow-tui` running in a real pseudo-terminal, and printed against issue 5's budgets.

    python3 bench/ui.py                       # 80×24 and 160×48, TERM=xterm-256color (~2 minutes)
    python3 bench/ui.py --size 80x24 --runs 3 # medians of 3 runs at one size
    python3 bench/ui.py --quick               # shorter windows, for a smoke check

Only the standard library (pty, select, /proc) drives the app: nothing here imports textual. Timings on a
shared machine are noisy; the load average is printed with the results.
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
# CSI … final byte, OSC … BEL/ST, DCS/APC … ST, two-byte escapes (charset selection, keypad modes).
ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\"
                    rb"|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>78]")
INCOMPLETE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|P[^\x1b]*|[()*+])?\Z")
ITER = re.compile(r"iter (\d+)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

BUDGETS = {  # figure: (80×24, 160×48, unit, lower is better)
    "start-up to first frame": (0.8, 0.8, "s"),
    "step latency median": (30, 40, "ms"),
    "step latency max": (None, None, "ms"),
    "bytes/s auto-run (default speed)": (64, 128, "KB/s"),
    "bytes/s auto-run (full speed)": (64, 128, "KB/s"),
    "CPU while paused": (1, 1, "%"),
    "CPU while running (default)": (None, None, "%"),
    "CPU while running (full speed)": (None, None, "%"),
    "pause latency": (150, 150, "ms"),
    "resident memory after 100 000 it": (150, 150, "MB"),
}


APP_DIR: str | None = None  # --app-dir: run another checkout's app (python -m tui there), e.g. for "before" figures


TMUX_SOCKET: str | None = None  # --tmux: the app runs inside a tmux session on this private server socket


def app_command() -> list[str]:
    if TMUX_SOCKET:
        return ["tmux", "-L", TMUX_SOCKET, "-f", "/dev/null", "new-session", "--", *_app_command()]
    return _app_command()


def _app_command() -> list[str]:
    if APP_DIR:
        return [sys.executable, "-m", "tui"]
    script = pathlib.Path(sys.executable).with_name("shallow-tui")
    if script.exists():
        return [str(script)]
    found = shutil.which("shallow-tui")
    return [found] if found else [sys.executable, "-m", "tui"]


def set_window(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class Session:
    """One app in a pty: everything it writes is counted, and its text (escapes removed) kept in a window."""

    def __init__(self, columns: int, rows: int, args: tuple[str, ...] = (), env: dict | None = None,
                 term: str = "xterm-256color") -> None:
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX", "TEXTUAL")}
        environment.update({"TERM": term, "COLUMNS": str(columns), "LINES": str(rows), "LANG": "C.UTF-8"})
        environment.update(env or {})
        if APP_DIR:
            environment["PYTHONPATH"] = APP_DIR
        command = app_command() + list(args)
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is its controlling terminal; size it before textual asks
            try:
                set_window(0, columns, rows)
                os.chdir(APP_DIR or ROOT)
                os.execvpe(command[0], command, environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.app_pid = pid  # under --tmux, the pane's process (found once the app is up)
        self.bytes = 0
        self.text = ""  # recent output, escapes removed
        self._pending = b""
        self.closed = False
        self.exit_status: int | None = None

    # -- output ---------------------------------------------------------------------------------------
    def pump(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False when the terminal is gone."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the child closed its side
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.bytes += len(chunk)
        data = self._pending + chunk
        tail = INCOMPLETE.search(data)
        self._pending, data = (data[tail.start():], data[:tail.start()]) if tail else (b"", data)
        self.text = (self.text + ESCAPE.sub(b"", data).decode("utf-8", "replace"))[-20000:]
        return True

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.pump(end - time.monotonic()):
            pass

    def wait_for(self, predicate, timeout: float) -> float | None:
        """Seconds until ``predicate(self.text)`` holds, or None after ``timeout``."""
        start = time.monotonic()
        end = start + timeout
        while True:
            if predicate(self.text):
                return time.monotonic() - start
            if time.monotonic() >= end or not self.pump(min(0.05, end - time.monotonic())):
                return None

    def send(self, keys: str | bytes) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def clear(self) -> None:
        self.text = ""

    def last_iteration(self) -> int | None:
        found = ITER.findall(self.text)
        return int(found[-1]) if found else None

    # -- the process ----------------------------------------------------------------------------------
    def cpu_seconds(self) -> float:
        fields = pathlib.Path(f"/proc/{self.app_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)

    def resident_mb(self) -> float:
        for line in pathlib.Path(f"/proc/{self.app_pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def measure(self, seconds: float) -> tuple[float, float]:
        """(bytes/s, CPU %) over ``seconds`` while reading everything the app writes."""
        bytes0, cpu0, t0 = self.bytes, self.cpu_seconds(), time.monotonic()
        self.drain(seconds)
        elapsed = time.monotonic() - t0
        return (self.bytes - bytes0) / elapsed, 100 * (self.cpu_seconds() - cpu0) / elapsed

    def exited_within(self, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                return True
            if not self.closed:
                self.pump(0.05)
            else:
                time.sleep(0.05)
        return False

    def close(self) -> None:
        if self.exit_status is None:
            try:
                self.send("q")
                if not self.exited_within(3):
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except (OSError, ChildProcessError):
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def first_frame(text: str) -> bool:
    """Status bar (iter 0), footer (quit) and the last-laid-out panel's subtitle are all on screen."""
    return "iter 0" in text and "quit" in text and "units distinct" in text


def bench_one(columns: int, rows: int, quick: bool) -> dict[str, float]:
    window = 2.0 if quick else 5.0
    presses = 20 if quick else 25
    results: dict[str, float] = {}
    launches = []  # start-up varies with the machine's load: the median of 3 fresh launches
    for _ in range(3):
        s = Session(columns, rows)
        seen = s.wait_for(first_frame, 15)
        launches.append(time.monotonic() - s.started if seen is not None else float("nan"))
        s.close()
    s = Session(columns, rows)
    try:
        seen = s.wait_for(first_frame, 15)
        launches.append(time.monotonic() - s.started if seen is not None else float("nan"))
        results["start-up to first frame"] = statistics.median(launches)
        if TMUX_SOCKET:
            import subprocess

            panes = subprocess.run(["tmux", "-L", TMUX_SOCKET, "list-panes", "-F", "#{pane_pid}"],
                                   capture_output=True, text=True).stdout.split()
            s.app_pid = int(panes[0])
        s.drain(0.5)

        latencies = []
        for n in range(1, presses + 1):
            s.clear()
            s.send(" ")
            took = s.wait_for(lambda text, n=n: f"iter {n}" in text, 5)
            latencies.append(1000 * took if took is not None else float("nan"))
            s.drain(0.1)  # a student's pace: the pictures that follow the counters are done before the next key
        results["step latency median"] = statistics.median(latencies)
        results["step latency max"] = max(latencies)

        s.send("r")  # default speed
        s.drain(1.0)
        rate, cpu = s.measure(window)
        results["bytes/s auto-run (default speed)"] = rate / 1000
        results["CPU while running (default)"] = cpu

        s.clear()
        pressed = time.monotonic()
        s.send("r")
        seen, last_change = None, pressed
        end = pressed + 1.5
        while time.monotonic() < end and s.pump(0.01):
            current = s.last_iteration()
            if current != seen:
                seen, last_change = current, time.monotonic()
        paused_at = "paused" in s.text
        results["pause latency"] = 1000 * (last_change - pressed) if paused_at else float("nan")

        s.drain(1.0)
        results["CPU while paused"] = s.measure(window)[1]

        s.send("." * 12)  # up to "as fast as it goes"
        s.send("r")
        s.drain(1.0)
        rate, cpu = s.measure(window)
        results["bytes/s auto-run (full speed)"] = rate / 1000
        results["CPU while running (full speed)"] = cpu

        deadline = time.monotonic() + (60 if quick else 180)
        while time.monotonic() < deadline and (s.last_iteration() or 0) < 100_000:
            s.drain(0.5)
        s.send("r")
        s.drain(1.0)
        reached = s.last_iteration() or 0
        results["resident memory after 100 000 it"] = s.resident_mb() if reached >= 100_000 else float("nan")
        results["iterations reached"] = reached
    finally:
        s.close()
    return results


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value != value:
        return "n/a"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.0f}"


def print_table(by_size: dict[str, dict[str, float]], runs: int) -> None:
    sizes = list(by_size)
    print(f"\nshallow-tui ({APP_DIR or ROOT}) in a pty, TERM=xterm-256color, median of {runs} run(s); load: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = f"{'figure':36} {'unit':5}" + "".join(f" {size:>9} {'budget':>7}  " for size in sizes)
    print(header)
    print("-" * len(header))
    for figure, (budget_small, budget_large, unit) in BUDGETS.items():
        row = f"{figure:36} {unit:5}"
        for size in sizes:
            value = by_size[size].get(figure)
            budget = budget_small if size == "80x24" else budget_large
            verdict = "" if budget is None or value is None or value != value else ("ok" if value <= budget else "MISS")
            row += f" {fmt(value):>9} {fmt(budget) if budget is not None else '':>7} {verdict:4}"
        print(row)
    for size in sizes:
        print(f"  {size}: iterations reached for the memory figure: {by_size[size].get('iterations reached', 0):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", help="COLUMNSxROWS (repeatable; default 80x24 and 160x48)")
    parser.add_argument("--runs", type=int, default=1, help="runs per size; the table shows medians")
    parser.add_argument("--quick", action="store_true", help="shorter measuring windows")
    parser.add_argument("--tmux", action="store_true", help="run the app inside tmux (bytes are what tmux sends on)")
    parser.add_argument("--app-dir", help="benchmark the app of another checkout (e.g. a git worktree of HEAD)")
    args = parser.parse_args()
    global APP_DIR, TMUX_SOCKET
    APP_DIR = args.app_dir
    if args.tmux:
        TMUX_SOCKET = f"shallow-tui-bench-{os.getpid()}"
    sizes = args.size or ["80x24", "160x48"]
    by_size = {}
    for size in sizes:
        columns, rows = (int(v) for v in size.split("x"))
        runs = [bench_one(columns, rows, args.quick) for _ in range(args.runs)]
        by_size[size] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        if args.runs > 1:
            for k in runs[0]:
                print(f"  {size} {k}: " + " ".join(fmt(r[k]) for r in runs), file=sys.stderr)
    print_table(by_size, args.runs)
    if TMUX_SOCKET:
        import subprocess

        print("  inside tmux (-f /dev/null): bytes/s are what tmux sent to the outer terminal; CPU and memory "
              "are the app's (the pane's process)")
        subprocess.run(["tmux", "-L", TMUX_SOCKET, "kill-server"], capture_output=True)


if __name__ == "__main__":
    main()
