"""The ways a terminal goes away, with `shallow-tui` in a real pseudo-terminal (or a tmux pane) as on a lab server.

Used by tests/tui/test_lost_terminal.py (each way, many times, under CPU load), bench/lost_terminal.py (the
same, counted, for before/after figures) and bench/soak.py. Only the standard library (pty, select, /proc):
nothing here imports textual.

Every app started here carries a marker in its environment, so that ``leftovers`` finds any process of
it that is still alive (a child, or the app itself reparented to PID 1) by reading /proc.
"""
from __future__ import annotations

import fcntl
import os
import pathlib
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
MARK = "SHALLOW_TUI_SESSION_MARK"
FIRST_FRAME = b"units distinct"
ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
HIDE_CURSOR, SHOW_CURSOR = b"\x1b[?25l", b"\x1b[?25h"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# Ordinary keys a student presses (no q): steps, runs, resets, compare, strides, panels, help, palette.
KEYS = [b" ", b"r", b"z", b"x", b"c", b"]", b"[", b"1", b"2", b"3", b"4", b"\x1b[D", b"\x1b[C", b"?", b"\x1b",
        b"+", b"-", b"a", b"i", b"s", b"d", b">", b"<", b"g", b"n", b"\x10"]
STATES = ("paused", "running", "modal", "exporting")
WAYS = ("stall-drop", "drop", "sighup", "sigterm", "stall-sigterm", "stall-sighup", "tmux-kill")


def app_command() -> list[str]:
    """``python -m tui``, the same as `shallow-tui`, from the checkout ``app_dir`` (below: PYTHONPATH), so
    another checkout's app can be measured for "before" figures."""
    return [sys.executable, "-m", "tui"]


def _scratch_directory() -> str:
    """Where an app started here runs: its exports (e / E) and screenshots land there, not in the checkout."""
    path = pathlib.Path(tempfile.gettempdir()) / "shallow-tui-sessions"
    path.mkdir(exist_ok=True)
    return tempfile.mkdtemp(dir=path)


def set_window(fd: int, columns: int, rows: int) -> None:
    """Resize the pty (the kernel sends the app SIGWINCH)."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def _session_leader() -> None:
    """In the child: a new session whose controlling terminal is the pty, as sshd gives a login shell, so that
    closing the master hangs the terminal up (SIGHUP, SIGCONT, then EOF and EIO) as a dropped link does."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _environment(extra: dict[str, str] | None, mark: str, app_dir=ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TEXTUAL", "NO_COLOR", "TEXTUAL_DRIVER")}
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", MARK: mark, "PYTHONPATH": str(app_dir)}, **(extra or {}))
    return env


def _proc_stat(pid: int) -> list[str] | None:
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu_seconds(pid: int) -> float | None:
    fields = _proc_stat(pid)
    return None if fields is None else (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def resident_mb(pid: int) -> float | None:
    try:
        return int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB / 1024
    except (OSError, IndexError):
        return None


def leftovers(mark: str) -> list[int]:
    """Live processes (not zombies) whose environment carries ``mark``."""
    needle = f"{MARK}={mark}".encode()
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                fields = _proc_stat(int(entry.name))
                if fields is not None and fields[0] != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


class _Session:
    """What both kinds of session share: a ``pid`` to watch and a ``mark`` that finds what it left behind."""

    pid: int
    mark: str
    lost_at: float | None = None

    def _ended(self) -> bool:
        fields = _proc_stat(self.pid)
        return fields is None or fields[0] == "Z"

    def read(self, seconds: float) -> None:
        time.sleep(seconds)

    def gone_within(self, seconds: float) -> float | None:
        """Seconds from the loss (or from now) until the process ended, or None if it outlived ``seconds``."""
        start = self.lost_at or time.monotonic()
        while time.monotonic() - start < seconds:
            if self._ended():
                return time.monotonic() - start
            self.read(0.05)
        return None

    def cpu_seconds(self) -> float | None:
        return cpu_seconds(self.pid)

    def resident_mb(self) -> float | None:
        return resident_mb(self.pid)

    def leftovers(self) -> list[int]:
        return leftovers(self.mark)

    def _kill_leftovers(self) -> None:
        for pid in self.leftovers():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class PtySession(_Session):
    """The app on a pty of ``size`` (columns, rows); ``output`` holds what was read of what it wrote.

    ``stall()`` stops reading (a congested link: the pty's buffer fills and the app's writes block);
    ``drop()`` closes the master (sshd when the link finally drops)."""

    def __init__(self, args: tuple[str, ...] = (), size: tuple[int, int] = (80, 24), env: dict | None = None,
                 command: list[str] | None = None, app_dir: str | os.PathLike = ROOT) -> None:
        self.mark = uuid.uuid4().hex
        self.size = size
        self.master, slave = pty.openpty()
        set_window(slave, *size)
        self.cwd = _scratch_directory()
        self.process = subprocess.Popen((command or app_command()) + list(args), stdin=slave, stdout=slave,
                                        stderr=slave, cwd=self.cwd, env=_environment(env, self.mark, app_dir),
                                        preexec_fn=_session_leader)
        os.close(slave)
        os.set_blocking(self.master, False)
        self.pid = self.process.pid
        self.output = bytearray()
        self.reading = True
        self.lost_at: float | None = None

    def read(self, seconds: float) -> None:
        """Read for ``seconds`` (or just wait, once stalled or dropped)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if not self.reading or self.master is None:
                time.sleep(min(0.05, max(0.0, end - time.monotonic())))
                continue
            ready, _, _ = select.select([self.master], [], [], max(0.0, min(0.05, end - time.monotonic())))
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:  # EIO: every slave descriptor is closed
                    self.reading = False
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, text: bytes, seconds: float = 30.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.output:
                return True
            if self.process.poll() is not None:
                self.read(0.2)
                break
            self.read(0.05)
        return text in self.output

    def shows(self, text: str, seconds: float = 30.0) -> bool:
        """``text`` is on the screen the app drew (its output so far played through pyte, a terminal emulator):
        the app sends only the cells that change (tui/screen_delta.py), so a word on screen need not be whole in
        ``output``."""
        end = time.monotonic() + seconds
        while True:
            if text in self._screen_text():
                return True
            if time.monotonic() >= end or self.process.poll() is not None:
                self.read(0.2)
                return text in self._screen_text()
            self.read(0.05)

    def _screen_text(self) -> str:
        import pyte  # the test extra

        if getattr(self, "_pyte", None) is None:
            screen = pyte.Screen(*self.size)
            self._pyte, self._pyte_read = (screen, pyte.ByteStream(screen)), 0
        screen, stream = self._pyte
        stream.feed(bytes(self.output[self._pyte_read:]))
        self._pyte_read = len(self.output)
        return "\n".join(screen.display)

    def send(self, keys: bytes) -> bool:
        """Type ``keys``; False if the pty's input buffer is full (the app stopped reading) or gone."""
        if self.master is None:
            return False
        try:
            return os.write(self.master, keys) == len(keys)
        except (BlockingIOError, OSError):
            return False

    def stall(self) -> None:
        self.reading = False

    def drop(self) -> None:
        if self.master is not None:
            os.close(self.master)
            self.master = None
            self.reading = False
        self.lost_at = time.monotonic()

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)
        self.lost_at = time.monotonic()

    def _ended(self) -> bool:
        return self.process.poll() is not None

    def close(self) -> None:
        self._kill_leftovers()
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        if self.master is not None:
            os.close(self.master)
            self.master = None
        shutil.rmtree(self.cwd, ignore_errors=True)


class TmuxSession(_Session):
    """The app alone in a tmux pane, on a private tmux server (its own socket), at ``size``.

    ``kill()`` is `tmux kill-session`, the ordinary end of a lab's tmux session: tmux closes the pane's pty."""

    def __init__(self, args: tuple[str, ...] = (), size: tuple[int, int] = (80, 24), env: dict | None = None,
                 command: list[str] | None = None, app_dir: str | os.PathLike = ROOT) -> None:
        self.mark = uuid.uuid4().hex
        self.socket = f"shallow-{self.mark[:12]}"
        self.name = "app"
        command = " ".join(_quote(part) for part in (command or app_command()) + list(args))
        environment = _environment(env, self.mark, app_dir)
        self.cwd = _scratch_directory()
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), "-c", self.cwd,
                   f"exec env {MARK}={self.mark} {command}", env=environment)
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "off")
        self.pid = int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        self.lost_at: float | None = None

    def _tmux(self, *args: str, env: dict | None = None) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True,
                              env=env or _environment(None, self.mark), timeout=20)
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: bytes, seconds: float = 30.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text.decode() in self.screen():
                return True
            time.sleep(0.2)
        return False

    def send(self, keys: bytes) -> bool:
        self._tmux("send-keys", "-t", self.name, "-l", keys.decode())
        return True

    def kill(self) -> None:
        self._tmux("kill-session", "-t", self.name)
        self.lost_at = time.monotonic()

    def close(self) -> None:
        self._kill_leftovers()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)
        shutil.rmtree(self.cwd, ignore_errors=True)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def random_keys(rng: random.Random, count: int) -> list[bytes]:
    return [rng.choice(KEYS) for _ in range(count)]


def enter_state(session, state: str, rng: random.Random) -> None:
    """Put the app in ``state``: paused (as started), running (r), a modal open (help or the palette), or
    exporting (running, then e / E just before the terminal goes)."""
    if state in ("running", "exporting"):
        session.send(b"r")
    elif state == "modal":
        session.send(b"?" if rng.random() < 0.5 else b"\x10")  # help, or ctrl+p: the command palette
    session.read(0.3)
    if state == "exporting":
        session.send(b"e")
        session.read(0.01)
        session.send(b"E")


def type_while_stalled(session, rng: random.Random, count: int = 150, then_wait: float = 0.3) -> None:
    """Stop reading and type ``count`` ordinary keys, sometimes `escape escape q` at the end (a student who
    sees nothing happen); the app keeps drawing into a pty nobody reads until its writes block."""
    session.stall()
    for key in random_keys(rng, count):
        session.send(key)
        time.sleep(rng.uniform(0.0, 0.004))
    if rng.random() < 0.3:
        session.send(b"\x1b\x1bq")
    time.sleep(then_wait)


def lose_terminal(session, way: str, rng: random.Random, stall: float = 0.3) -> None:
    """Take the terminal away from a started ``session`` in one of WAYS (a stall lasts ``stall`` seconds after
    the keys)."""
    if way.startswith("stall-"):
        type_while_stalled(session, rng, then_wait=stall)
    if way in ("stall-drop", "drop"):
        session.drop()
    elif way in ("sighup", "stall-sighup"):
        session.signal(signal.SIGHUP)
    elif way in ("sigterm", "stall-sigterm"):
        session.signal(signal.SIGTERM)
    elif way == "tmux-kill":
        keys = random_keys(rng, 40)
        for start in range(0, len(keys), 8):  # a send-keys is a process: a few keys at a time
            session.send(b"".join(keys[start:start + 8]))
            time.sleep(rng.uniform(0.0, 0.1))
        session.kill()
    else:
        raise ValueError(way)


def start_session(way: str, size=(80, 24), args: tuple[str, ...] = (), command=None, app_dir=ROOT, env=None):
    kind = TmuxSession if way == "tmux-kill" else PtySession
    return kind(args, size=size, command=command, app_dir=app_dir, env=env)


def trial(way: str, state: str, seed: int, deadline: float = 5.0, size=(80, 24), command=None, app_dir=ROOT,
          env: dict | None = None, on_survivor=None, stall: float = 0.3) -> dict:
    """Start the app, put it in ``state``, lose its terminal ``way``; what happened, as a dict:
    ``gone`` (seconds to exit, None if it outlived ``deadline``), ``leftovers``, ``cpu_share`` of a survivor."""
    rng = random.Random(seed)
    session = start_session(way, size=size, command=command, app_dir=app_dir, env=env)
    result = {"way": way, "state": state, "seed": seed, "started": False, "gone": None, "leftovers": [],
              "cpu_share": None, "returncode": None}
    try:
        if not session.wait_for(FIRST_FRAME, 60):
            return result
        result["started"] = True
        session.read(0.1)
        enter_state(session, state, rng)
        lose_terminal(session, way, rng, stall)
        result["gone"] = session.gone_within(deadline)
        if result["gone"] is None:
            before = session.cpu_seconds() or 0.0
            time.sleep(1.0)
            result["cpu_share"] = (session.cpu_seconds() or 0.0) - before
            if on_survivor is not None:
                on_survivor(session, result)
        else:
            time.sleep(0.2)  # anything it started has had time to go too
        result["leftovers"] = session.leftovers()
        if isinstance(session, PtySession):
            result["returncode"] = session.process.returncode
        return result
    finally:
        session.close()


def burn_cpu(processes: int) -> list[subprocess.Popen]:
    """``processes`` busy loops (CPU load for as long as they live); stop them with ``stop_burning``."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]


def stop_burning(burners: list[subprocess.Popen]) -> None:
    for burner in burners:
        burner.kill()
        burner.wait()
