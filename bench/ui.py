"""How the app feels over a thin link, screen by screen, measured on `shallow-tui` in a real pseudo-terminal and
printed against issue 13's goals (and issue 5's budgets for a fast pty).

    python3 bench/ui.py                         # both sizes, every screen, the link and the 90 s stall (~15 min)
    python3 bench/ui.py --size 80x24 --quick    # a smoke check: shorter windows, a 20 s stall
    python3 bench/ui.py --only link --no-stall  # the per-screen link figures alone
    python3 bench/ui.py --app-dir /tmp/old      # another checkout's app (python -m tui there), for "before" figures

**The link** (``Link``, standard library only: pty, select, no tc/netem) sits between the app's pty and the
student's terminal as an SSH connection does: 1 Mbit/s, 50 ms each way, a 64 KB queue. The relay reads the pty
only while its queue has room (as sshd stops reading when TCP's window is full), bytes leave the queue at the
link's rate and arrive 50 ms later; keys take 50 ms the other way. **The student's terminal** is pyte (a terminal
emulator, in the test extra): it answers the app's cursor-position requests through the link as a real terminal
does, and every figure is read off its screen, not off the byte stream (the app sends changed cells only).

Per screen (main, help, the palette, a typed-value prompt, a notice, compare, the lesson), at 80×24 and 160×48:
bytes/s paused and running at the default speed, how often the iteration on screen changes while running (the
numbers that matter: 5 times a second at least), key → screen latency (median and max over 20+ presses), pause
latency, the link's backlog after a key (how long until everything the app wrote is delivered), the app's CPU.
Then the stall: the link stops carrying anything for 90 s while the run runs; the app's memory throughout, and
what the screen does when the link comes back. Timings on a shared machine are noisy: the load is printed too.
"""
from __future__ import annotations

import argparse
import collections
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
import tempfile
import termios
import time

import pyte
from wcwidth import wcwidth  # pyte's own dependency

ROOT = pathlib.Path(__file__).resolve().parent.parent
ITER = re.compile(r"iter (\d+)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LOOK = 0.02  # seconds between two looks at the student's screen while counting its updates (the app: 10/s at most)

APP_DIR: str | None = None  # --app-dir: run another checkout's app (python -m tui there)
TMUX_SOCKET: str | None = None  # --tmux: the app runs inside a tmux session on this private server socket
WORK_DIR = tempfile.mkdtemp(prefix="shallow-tui-bench-")  # the app's working directory (exports land here)


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


class StudentTerminal(pyte.Screen):
    """pyte's screen, answering the app's cursor position requests (DSR 6) as a real terminal does."""

    def __init__(self, columns: int, rows: int, answer) -> None:
        super().__init__(columns, rows)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data.encode())

    @property
    def display(self) -> list[str]:
        """The characters of each row (pyte's own ``display`` fails on a cell a wide character left empty)."""
        return ["".join(self.buffer[y][x].data for x in range(self.columns)) for y in range(self.lines)]


class Link:
    """A thin link between the app's pty and the student (see the module's docstring). ``stalled``: nothing
    moves (a congested or frozen connection); the relay's queue fills and then the pty does."""

    def __init__(self, rate: float = 1_000_000 / 8, delay: float = 0.05, queue: int = 64 * 1024) -> None:
        self.rate, self.delay, self.capacity = rate, delay, queue
        self.queue = bytearray()  # read from the pty, not yet on the wire
        self.flying: collections.deque[tuple[float, bytes]] = collections.deque()  # (arrival time, bytes)
        self.keys: collections.deque[tuple[float, bytes]] = collections.deque()  # (due at the app, bytes)
        self.stalled = False
        self._sent_until = time.monotonic()  # the wire is busy until then

    @property
    def room(self) -> int:
        return self.capacity - len(self.queue)

    @property
    def backlog(self) -> int:
        """Bytes the app wrote that the student has not got yet (queued or on the wire)."""
        return len(self.queue) + sum(len(chunk) for _, chunk in self.flying)

    def transmit(self, now: float) -> None:
        if self.stalled or not self.queue:
            self._sent_until = max(self._sent_until, now)
            return
        start = max(self._sent_until, now - 0.002)  # an idle wire has no credit saved up beyond a moment
        count = min(len(self.queue), int((now - start) * self.rate))
        if count <= 0:
            return
        chunk = bytes(self.queue[:count])
        del self.queue[:count]
        self._sent_until = start + count / self.rate
        self.flying.append((self._sent_until + self.delay, chunk))

    def next_event(self, now: float) -> float:
        """When something next happens on the link by itself (a chunk arrives, a key lands, the wire frees)."""
        times = [self.flying[0][0]] if self.flying else []
        if self.keys:
            times.append(self.keys[0][0])
        if self.queue and not self.stalled:
            times.append(now + 0.002)
        return min(times, default=now + 1.0)


def line_text(screen: pyte.Screen, y: int) -> str:
    """Line ``y`` of the screen as pyte's ``display`` gives it (the second cell of a wide character left out)."""
    line, characters, skip = screen.buffer[y], [], False
    for x in range(screen.columns):
        if skip:
            skip = False
            continue
        data = line[x].data
        characters.append(data)
        skip = wcwidth(data[0]) == 2
    return "".join(characters)


class Session:
    """One app in a pty, seen through a ``link`` (or directly, the pty read as fast as it comes). ``screen`` is
    the student's terminal; ``received`` counts the bytes that reached it."""

    def __init__(self, columns: int, rows: int, args: tuple[str, ...] = ("--lang", "en"), link: Link | None = None,
                 env: dict | None = None, term: str = "xterm-256color") -> None:
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX", "TEXTUAL")}
        environment.update({"TERM": term, "COLUMNS": str(columns), "LINES": str(rows), "LANG": "C.UTF-8"})
        environment.update(env or {})
        if APP_DIR:
            environment["PYTHONPATH"] = APP_DIR
        command = app_command() + list(args)
        self.link = link
        self.screen = StudentTerminal(columns, rows, self.send)
        self._stream = pyte.ByteStream(self.screen)
        self._lines: list[str] = []
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is its controlling terminal; size it before textual asks
            try:
                set_window(0, columns, rows)
                os.chdir(WORK_DIR)
                os.execvpe(command[0], command, environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.app_pid = pid  # under --tmux, the pane's process (found once the app is up)
        self.received = 0
        self.closed = False
        self.exit_status: int | None = None

    # -- the screen -----------------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The student's screen as text. Only the lines pyte marked changed are read again: pyte's ``display``
        reads every cell each time (27 ms at 160×48 on a loaded machine, and this is looked at every few
        milliseconds), which took the CPU from the app and delayed the answers to its position requests."""
        screen = self.screen
        if len(self._lines) != screen.lines:
            self._lines = [""] * screen.lines
            screen.dirty.update(range(screen.lines))
        for y in screen.dirty:
            self._lines[y] = line_text(screen, y)
        screen.dirty.clear()
        return "\n".join(self._lines)

    def last_iteration(self) -> int | None:
        """The newest iteration on screen (a panel's title may lag behind the status line by a frame)."""
        found = ITER.findall(self.text)
        return max(int(n) for n in found) if found else None

    def _receive(self, chunk: bytes) -> None:
        self.received += len(chunk)
        self._stream.feed(chunk)

    # -- moving bytes -----------------------------------------------------------------------------------------
    def pump(self, timeout: float) -> bool:
        """Move bytes for up to ``timeout`` seconds (one wait); False once the app's side is gone."""
        if self.closed:
            return False
        now = time.monotonic()
        link = self.link
        wait = max(0.0, timeout)
        if link is not None:
            wait = max(0.0, min(wait, link.next_event(now) - now))
        readable = link is None or link.room > 0
        ready, _, _ = select.select([self.fd] if readable else [], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, min(1 << 16, link.room) if link else 1 << 16)
            except OSError:  # EIO: the child closed its side
                chunk = b""
            if not chunk:
                self.closed = True
                return False
            if link is None:
                self._receive(chunk)
            else:
                link.queue += chunk
        if link is not None:
            now = time.monotonic()
            link.transmit(now)
            while link.flying and link.flying[0][0] <= now:
                self._receive(link.flying.popleft()[1])
            while link.keys and link.keys[0][0] <= now:
                self._write_to_app(link.keys.popleft()[1])
        return True

    def send(self, keys: str | bytes) -> None:
        data = keys.encode() if isinstance(keys, str) else keys
        if self.link is None:
            self._write_to_app(data)
        else:
            self.link.keys.append((time.monotonic() + self.link.delay, data))

    def _write_to_app(self, data: bytes) -> None:
        try:
            os.write(self.fd, data)
        except OSError:
            pass

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
            if time.monotonic() >= end or not self.pump(min(0.01, end - time.monotonic())):
                return None

    def wait_idle(self, timeout: float = 5.0) -> float | None:
        """Seconds until the link holds nothing the app wrote (None without a link, or after ``timeout``)."""
        if self.link is None:
            return None
        start = time.monotonic()
        while self.link.backlog and time.monotonic() - start < timeout:
            self.pump(0.005)
        return time.monotonic() - start if not self.link.backlog else None

    # -- the process ----------------------------------------------------------------------------------------
    def cpu_seconds(self) -> float:
        fields = pathlib.Path(f"/proc/{self.app_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)

    def resident_mb(self) -> float:
        for line in pathlib.Path(f"/proc/{self.app_pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def measure(self, seconds: float) -> tuple[float, float, float]:
        """(bytes/s that reached the student, the app's CPU %, how many times a second the iteration on the
        student's screen changed) over ``seconds``; the screen is looked at every LOOK seconds."""
        bytes0, cpu0, t0 = self.received, self.cpu_seconds(), time.monotonic()
        end, looked, shown, changes = t0 + seconds, t0, self.last_iteration(), 0
        while (now := time.monotonic()) < end and self.pump(min(LOOK, end - now)):
            if now - looked >= LOOK:
                looked = now
                iteration = self.last_iteration()
                changes += iteration != shown
                shown = iteration
        elapsed = time.monotonic() - t0
        return ((self.received - bytes0) / elapsed, 100 * (self.cpu_seconds() - cpu0) / elapsed,
                changes / elapsed)

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
                if self.link is not None:
                    self.link.stalled = False
                self.send("\x1b")
                self.send("q")
                if not self.exited_within(5):
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


# -- the screens ---------------------------------------------------------------------------------------------
# Keys as a terminal sends them.
ESC, CTRL_P, ENTER, BACKSPACE = "\x1b", "\x10", "\r", "\x7f"
TYPED = "qwertyuiopasdfghjklzxcvbnm"  # typed into the prompt one by one: each prefix is on screen after its key


class Screen:
    """How to get to a screen (from the main screen, run paused), what a key there does, and how to leave.
    ``presses(session)`` yields (keys, predicate of the screen text once they took effect)."""

    name = ""
    has_run = False  # its own run (compare, the lesson): r starts it; otherwise the main run runs under it
    steps = False  # its keys step the run (they pause it): pressed with the run paused
    r_reaches_run = True  # r pauses the run here (in the palette and a prompt it is typed)

    def enter(self, s: Session) -> None:
        pass

    def leave(self, s: Session) -> None:
        pass

    def presses(self, s: Session):
        raise NotImplementedError


def on_screen(s: Session, text: str, timeout: float = 15) -> None:
    if s.wait_for(lambda screen: text in screen, timeout) is None:
        raise RuntimeError(f"{text!r} never showed:\n{s.text}")


def gone(s: Session, text: str, timeout: float = 15) -> None:
    if s.wait_for(lambda screen: text not in screen, timeout) is None:
        raise RuntimeError(f"{text!r} never went:\n{s.text}")


class Main(Screen):
    name = "main: ] [ (stride)"

    def presses(self, s):
        for n in range(24):
            stride = "×10" if n % 2 == 0 else "×1 "
            yield ("]" if n % 2 == 0 else "["), (lambda text, stride=stride: f"step {stride}" in text)


class MainStep(Screen):
    name = "main: space (step)"
    steps = True

    def presses(self, s):
        for _ in range(24):
            target = (s.last_iteration() or 0) + 1
            yield " ", (lambda text, target=target: f"iter {target} " in text)


class Help(Screen):
    name = "help: ? / esc"
    r_reaches_run = False  # a modal screen: the app's keys wait until it closes

    def enter(self, s):
        s.send("?")
        on_screen(s, "Help · keys")

    def leave(self, s):
        s.send(ESC)
        gone(s, "Help · keys")

    def presses(self, s):
        for _ in range(12):
            yield ESC, (lambda text: "Help · keys" not in text)
            yield "?", (lambda text: "Help · keys" in text)


class Palette(Screen):
    name = "palette: ^p / esc"
    r_reaches_run = False  # typed into its search

    def enter(self, s):
        s.send(CTRL_P)
        on_screen(s, "Search for commands")

    def leave(self, s):
        s.send(ESC)
        gone(s, "Search for commands")

    def presses(self, s):
        for _ in range(12):
            yield ESC, (lambda text: "Search for commands" not in text)
            yield CTRL_P, (lambda text: "Search for commands" in text)


class Prompt(Screen):
    name = "prompt: typing"
    r_reaches_run = False

    def enter(self, s):
        s.send(CTRL_P)
        on_screen(s, "Search for commands")
        s.send("type learning")
        on_screen(s, "Type learning rate")
        s.send(ENTER)
        on_screen(s, "type a value")

    def leave(self, s):
        s.send(ESC)
        gone(s, "type a value")

    def presses(self, s):
        for n in range(1, 22):
            yield TYPED[n - 1], (lambda text, typed=TYPED[:n]: typed in text)
        for n in range(20, 0, -1):  # down to 2 letters ("q" alone is on screen anyway: "q quit")
            yield BACKSPACE, (lambda text, typed=TYPED[:n + 1]: typed not in text)


class Notice(Screen):
    """A notice (toast) over the run: n, the next seed, restarts the run and says so ("restarted: seed 2")."""

    name = "notice: n (seed toast)"
    steps = True

    def presses(self, s):
        seed = 1
        for _ in range(22):
            seed += 1
            yield "n", (lambda text, seed=seed: f"seed {seed}" in text)


class Compare(Screen):
    name = "compare: space (step)"
    has_run = True
    steps = True

    def enter(self, s):
        s.send("c")
        on_screen(s, " A ")

    def leave(self, s):
        s.send(ESC)
        gone(s, " A ")

    def presses(self, s):
        for _ in range(24):
            target = (s.last_iteration() or 0) + 1
            yield " ", (lambda text, target=target: text.count(f"iter {target} ") >= 2)


class Lesson(Screen):
    name = "lesson: space (step)"
    has_run = True
    steps = True

    def enter(self, s):
        s.send("g")
        on_screen(s, "Lesson 1 of")

    def leave(self, s):
        s.send(ESC)
        gone(s, "Lesson 1 of")

    def presses(self, s):
        for _ in range(24):
            before = s.last_iteration() or 0
            yield " ", (lambda text, before=before: any(int(n) > before for n in ITER.findall(text)))


SCREENS = (Main(), MainStep(), Help(), Palette(), Prompt(), Notice(), Compare(), Lesson())


def paused_now(text: str) -> bool:
    return "paused (r runs" in text or " · paused " in text  # compare's title says "· paused"


def running_now(text: str) -> bool:
    return "▶ running" in text


def toggle_run(s: Session, want_running: bool) -> float | None:
    """r, and the seconds until the screen says the run is running, or paused (the lesson says it on its text
    box's edge, the others in their status lines)."""
    s.send("r")
    pressed = time.monotonic()
    seen = s.wait_for(running_now if want_running else paused_now, 10)
    return None if seen is None else time.monotonic() - pressed


def start_run(s: Session, screen: Screen) -> None:
    """Its own run, or the main run under it (r in the palette or a prompt would be typed: r first, then back)."""
    if screen.has_run or screen.r_reaches_run:
        toggle_run(s, True)
    else:
        screen.leave(s)
        toggle_run(s, True)
        screen.enter(s)


def bench_screen(s: Session, screen: Screen, window: float) -> dict[str, float]:
    """The screen's figures; the session is on the main screen, paused, and is left so."""
    figures: dict[str, float] = {}
    screen.enter(s)
    s.drain(1.0)
    rate, cpu, _ = s.measure(window)
    figures["KB/s paused"], figures["CPU % paused"] = rate / 1000, cpu
    start_run(s, screen)
    s.drain(1.5)
    rate, cpu, updates = s.measure(window)
    figures["KB/s running"], figures["CPU % running"], figures["updates/s running"] = rate / 1000, cpu, updates
    if screen.steps:  # its keys pause the run: the pause first
        took = toggle_run(s, False)
        figures["pause latency"] = 1000 * took if took is not None else float("nan")
        s.drain(0.5)
    latencies, busy = [], []
    for keys, effect in screen.presses(s):
        s.drain(0.15)  # a student's pace
        pressed = time.monotonic()
        s.send(keys)
        took = s.wait_for(effect, 10)
        latencies.append(1000 * took if took is not None else float("nan"))
        if s.wait_idle(5) is not None:
            busy.append(1000 * (time.monotonic() - pressed))
        else:
            busy.append(float("nan"))
    seen = [latency for latency in latencies if latency == latency]  # a key whose effect never showed: nan
    figures["key latency median"] = statistics.median(seen) if seen else float("nan")
    figures["key latency max"] = max(seen) if len(seen) == len(latencies) else float("nan")
    figures["presses"] = len(seen)
    if s.link is not None:
        drained = [b for b in busy if b == b]
        figures["link busy after key max"] = max(drained) if len(drained) == len(busy) else float("nan")
    if not screen.steps and screen.r_reaches_run:  # pressed while it ran: now the pause
        took = toggle_run(s, False)
        figures["pause latency"] = 1000 * took if took is not None else float("nan")
    screen.leave(s)
    s.drain(0.3)
    if running_now(s.text):
        toggle_run(s, False)
    s.drain(0.5)
    return figures


def bench_stall(columns: int, rows: int, seconds: float) -> dict[str, float]:
    """The main run runs while the link carries nothing for ``seconds``: memory throughout, then the screen."""
    link = Link()
    s = Session(columns, rows, link=link)
    try:
        on_screen(s, "units distinct", 60)
        toggle_run(s, True)
        s.drain(3.0)
        link.stalled = True
        s.drain(2.0)
        before = s.last_iteration() or 0
        memory = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            s.drain(1.0)
            memory.append(s.resident_mb())
        queued = link.backlog
        link.stalled = False
        back = time.monotonic()
        shown = []  # (seconds after the link came back, iteration on screen) at every change
        while time.monotonic() - back < 3.0:
            s.pump(0.005)
            now = s.last_iteration()
            if now is not None and (not shown or shown[-1][1] != now):
                shown.append((time.monotonic() - back, now))
        first_after = shown[0][0] if shown else float("nan")
        # The iteration the app was at when the link came back: the last one shown, less the run's speed (100 it/s)
        # times the seconds since. Frames on the way from before are "stale" (within two frames counts as current).
        at_return = shown[-1][1] - 100 * shown[-1][0] if shown else 0
        current = next((t for t, it in shown if it >= at_return - 20), float("nan"))
        stale = {it for t, it in shown if it < at_return - 20}
        return {"memory start": memory[0], "memory end": memory[-1], "memory growth": memory[-1] - memory[0],
                "memory range": max(memory) - min(memory), "queued during stall KB": queued / 1000,
                "iteration before stall": before, "first update after (ms)": 1000 * first_after,
                "current after (ms)": 1000 * current, "stale frames shown": len(stale)}
    finally:
        s.close()


def bench_link(columns: int, rows: int, window: float, screens) -> dict[str, dict[str, float]]:
    s = Session(columns, rows, link=Link())
    results = {}
    try:
        took = s.wait_for(first_frame, 60)
        results["start-up"] = {"first frame (s)": time.monotonic() - s.started if took is not None else float("nan")}
        s.drain(1.0)
        for screen in screens:
            results[screen.name] = bench_screen(s, screen, window)
    finally:
        s.close()
    return results


def bench_pty(columns: int, rows: int, quick: bool) -> dict[str, float]:
    """Issue 5's figures on a fast pty (no link): start-up, step latency, bytes/s, CPU, pause, memory."""
    window = 2.0 if quick else 5.0
    results: dict[str, float] = {}
    launches = []  # start-up varies with the machine's load: the median of 3 fresh launches
    for _ in range(3):
        s = Session(columns, rows)
        seen = s.wait_for(first_frame, 30)
        launches.append(time.monotonic() - s.started if seen is not None else float("nan"))
        s.close()
    s = Session(columns, rows)
    try:
        seen = s.wait_for(first_frame, 30)
        launches.append(time.monotonic() - s.started if seen is not None else float("nan"))
        results["start-up to first frame"] = statistics.median(launches)
        if TMUX_SOCKET:
            import subprocess

            panes = subprocess.run(["tmux", "-L", TMUX_SOCKET, "list-panes", "-F", "#{pane_pid}"],
                                   capture_output=True, text=True).stdout.split()
            s.app_pid = int(panes[0])
        s.drain(0.5)
        latencies = []
        for n in range(1, 21):
            s.send(" ")
            took = s.wait_for(lambda text, n=n: f"iter {n} " in text, 5)
            latencies.append(1000 * took if took is not None else float("nan"))
            s.drain(0.1)
        results["step latency median"] = statistics.median(latencies)
        results["step latency max"] = max(latencies)
        toggle_run(s, True)
        s.drain(1.0)
        rate, cpu, _ = s.measure(window)
        results["bytes/s auto-run (default speed)"] = rate / 1000
        results["CPU while running (default)"] = cpu
        took = toggle_run(s, False)
        results["pause latency"] = 1000 * took if took is not None else float("nan")
        s.drain(1.0)
        results["CPU while paused"] = s.measure(window)[1]
        s.send("." * 12)  # up to "as fast as it goes"
        toggle_run(s, True)
        s.drain(1.0)
        rate, cpu, _ = s.measure(window)
        results["bytes/s auto-run (full speed)"] = rate / 1000
        results["CPU while running (full speed)"] = cpu
        deadline = time.monotonic() + (60 if quick else 180)
        while time.monotonic() < deadline and (s.last_iteration() or 0) < 100_000:
            s.drain(0.5)
        toggle_run(s, False)
        s.drain(1.0)
        reached = s.last_iteration() or 0
        results["resident memory after 100 000 it"] = s.resident_mb() if reached >= 100_000 else float("nan")
        results["iterations reached"] = reached
    finally:
        s.close()
    return results


# -- printing ------------------------------------------------------------------------------------------------
PTY_BUDGETS = {  # figure: (80×24, 160×48, unit), lower is better (issue 5)
    "start-up to first frame": (0.8, 0.8, "s"),
    "step latency median": (30, 40, "ms"),
    "step latency max": (None, None, "ms"),
    "bytes/s auto-run (default speed)": (16, 48, "KB/s"),
    "bytes/s auto-run (full speed)": (64, 128, "KB/s"),
    "CPU while paused": (1, 1, "%"),
    "CPU while running (default)": (None, None, "%"),
    "CPU while running (full speed)": (None, None, "%"),
    "pause latency": (150, 150, "ms"),
    "resident memory after 100 000 it": (150, 150, "MB"),
}
LINK_GOALS = {  # column: (80×24, 160×48) goal, lower is better except in AT_LEAST (issue 13)
    "KB/s running": (16, 48), "updates/s running": (5, 5), "KB/s paused": (16, 48), "key latency median": (200, 300),
    "key latency max": (None, None), "pause latency": (300, 300), "link busy after key max": (1000, 1000),
    "CPU % running": (None, None), "CPU % paused": (None, None),
}


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value != value:
        return "n/a"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.0f}"


AT_LEAST = {"updates/s running"}  # the iteration on screen changes at least this often


def verdict(value, goal, at_least: bool = False) -> str:
    if goal is None or value is None or value != value:
        return "  "
    return "ok" if (value >= goal if at_least else value <= goal) else "MISS"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def print_pty(by_size: dict[str, dict[str, float]]) -> None:
    sizes = list(by_size)
    print(f"\nfast pty (no link), TERM=xterm-256color; load {load()}")
    header = f"{'figure':36} {'unit':5}" + "".join(f" {size:>9} {'budget':>7}     " for size in sizes)
    print(header)
    print("-" * len(header))
    for figure, (small, large, unit) in PTY_BUDGETS.items():
        row = f"{figure:36} {unit:5}"
        for size in sizes:
            value = by_size[size].get(figure)
            budget = small if size == "80x24" else large
            row += f" {fmt(value):>9} {fmt(budget) if budget is not None else '':>7} {verdict(value, budget):4}"
        print(row)
    for size in sizes:
        print(f"  {size}: iterations reached for the memory figure: {by_size[size].get('iterations reached', 0):.0f}")


def print_link(size: str, results: dict[str, dict[str, float]]) -> None:
    small = size == "80x24"
    print(f"\n{size} through the link (1 Mbit/s, 50 ms each way, 64 KB queue), default speed (100 it/s); "
          f"load {load()}; start-up to first frame {fmt(results['start-up']['first frame (s)'])} s")
    columns = list(LINK_GOALS)
    header = f"{'screen':26}" + "".join(f" {c[:18]:>18}" for c in columns)
    print(header)
    goals = f"{'  goal':26}" + "".join(f" {fmt(LINK_GOALS[c][0 if small else 1]):>18}" for c in columns)
    print(goals)
    print("-" * len(header))
    for name, figures in results.items():
        if name == "start-up":
            continue
        row = f"{name:26}"
        for c in columns:
            value = figures.get(c)
            goal = LINK_GOALS[c][0 if small else 1]
            row += f" {fmt(value):>13} {verdict(value, goal, c in AT_LEAST):4}"
        print(row + f"  ({figures.get('presses', 0):.0f} presses)")


def print_stall(size: str, seconds: float, figures: dict[str, float]) -> None:
    print(f"\n{size}: the link stalled {seconds:.0f} s while the main run ran (default speed); load {load()}")
    growth = figures["memory growth"]
    print(f"  app memory: {fmt(figures['memory start'])} MB -> {fmt(figures['memory end'])} MB "
          f"(growth {growth:+.2f} MB, range {figures['memory range']:.2f} MB; goal ±2 MB: "
          f"{'ok' if abs(figures['memory range']) <= 2 else 'MISS'})")
    print(f"  bytes waiting in the link when it came back: {figures['queued during stall KB']:.1f} KB")
    print(f"  after it: first update {fmt(figures['first update after (ms)'])} ms, the current iteration on "
          f"screen after {fmt(figures['current after (ms)'])} ms, stale frames shown on the way: "
          f"{figures['stale frames shown']:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", help="COLUMNSxROWS (repeatable; default 80x24 and 160x48)")
    parser.add_argument("--quick", action="store_true", help="shorter windows and stall (a smoke check)")
    parser.add_argument("--only", choices=("pty", "link", "stall"), action="append", help="only these parts")
    parser.add_argument("--no-stall", action="store_true", help="leave out the stall")
    parser.add_argument("--stall-seconds", type=float, help="how long the link stalls (default 90, quick 20)")
    parser.add_argument("--screens", help="comma-separated names' first words, e.g. main,help (default: all)")
    parser.add_argument("--tmux", action="store_true", help="run the app inside tmux (pty part only)")
    parser.add_argument("--app-dir", help="benchmark the app of another checkout (e.g. a git worktree of HEAD)")
    args = parser.parse_args()
    global APP_DIR, TMUX_SOCKET
    APP_DIR = args.app_dir
    if args.tmux:
        TMUX_SOCKET = f"shallow-tui-bench-{os.getpid()}"
    parts = set(args.only or ("pty", "link", "stall"))
    if args.no_stall:
        parts.discard("stall")
    sizes = args.size or ["80x24", "160x48"]
    window = 3.0 if args.quick else 5.0
    stall = args.stall_seconds or (20.0 if args.quick else 90.0)
    screens = SCREENS
    if args.screens:
        wanted = args.screens.split(",")
        screens = tuple(s for s in SCREENS if s.name.split(":")[0] in wanted or s.name.split()[0] in wanted)
    print(f"shallow-tui ({APP_DIR or ROOT}); started with load {load()}")
    try:
        if "pty" in parts:
            by_size = {}
            for size in sizes:
                columns, rows = (int(v) for v in size.split("x"))
                by_size[size] = bench_pty(columns, rows, args.quick)
            print_pty(by_size)
        for size in sizes:
            columns, rows = (int(v) for v in size.split("x"))
            if "link" in parts:
                print_link(size, bench_link(columns, rows, window, screens))
            if "stall" in parts:
                print_stall(size, stall, bench_stall(columns, rows, stall))
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
        if TMUX_SOCKET:
            import subprocess

            subprocess.run(["tmux", "-L", TMUX_SOCKET, "kill-server"], capture_output=True)


if __name__ == "__main__":
    main()
