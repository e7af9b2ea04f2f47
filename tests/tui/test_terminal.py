"""Terminal realities, with `shallow-tui` in a real pseudo-terminal: a lost terminal ends the app, resizes while
running are survived, and 16 colours or NO_COLOR keep every distinction readable through glyphs.

No speed figures here (they are bench/ui.py's); the only deadlines are generous process-exit ones.
"""
from __future__ import annotations

import fcntl
import os
import pathlib
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals and /proc: Linux only")

ROOT = pathlib.Path(__file__).resolve().parents[2]
ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\"
                    rb"|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>78]")
EXIT_DEADLINE = 5.0


def _command() -> list[str]:
    script = pathlib.Path(sys.executable).with_name("shallow-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def _set_window(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class PtyApp:
    """The app in a pty of the given size; ``raw`` is everything it wrote, ``text`` the same without escapes."""

    def __init__(self, *args: str, columns: int = 80, rows: int = 24, term: str = "xterm-256color",
                 env: dict[str, str] | None = None) -> None:
        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX", "COLORTERM")}
        environment.update({"TERM": term, "LANG": "C.UTF-8", "TEXTUAL_COLOR_SYSTEM": "auto"}, **(env or {}))
        command = _command() + list(args)
        pid, fd = pty.fork()
        if pid == 0:
            try:
                _set_window(0, columns, rows)
                os.chdir(ROOT)
                os.execvpe(command[0], command, environment)
            finally:
                os._exit(127)
        self.pid, self.fd, self.raw, self.status = pid, fd, bytearray(), None
        self.master_open = True

    @property
    def text(self) -> str:
        return ESCAPE.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    def read(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while self.master_open and time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                return
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            self.raw += chunk

    def wait_for(self, needle: str, timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.text:
                return True
            self.read(0.1)
        return needle in self.text

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def exited_within(self, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return True
            self.read(0.05) if self.master_open else time.sleep(0.05)
        return False

    def cpu_seconds(self) -> float:
        fields = pathlib.Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close_master(self) -> None:
        if self.master_open:
            self.master_open = False
            os.close(self.fd)

    def kill(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.close_master()


@pytest.fixture
def launch():
    apps: list[PtyApp] = []

    def start(*args: str, **kwargs) -> PtyApp:
        app = PtyApp(*args, **kwargs)
        apps.append(app)
        assert app.wait_for("units distinct"), f"no first frame; output: {app.text[-500:]!r}"
        return app

    yield start
    for app in apps:
        app.kill()


def _running(app: PtyApp) -> None:
    app.send("r")
    assert app.wait_for("running")
    app.read(0.5)


def test_closing_the_terminal_ends_a_running_app(launch):
    """An SSH link that drops closes the pty master: the app must go, not spin on a dead terminal."""
    app = launch()
    _running(app)
    app.close_master()
    assert app.exited_within(EXIT_DEADLINE), f"still alive {EXIT_DEADLINE}s after its terminal closed"


def test_sighup_ends_a_running_app(launch):
    app = launch()
    _running(app)
    os.kill(app.pid, signal.SIGHUP)
    assert app.exited_within(EXIT_DEADLINE), f"still alive {EXIT_DEADLINE}s after SIGHUP"


def test_resizes_while_running_are_survived_and_q_still_quits(launch):
    app = launch(columns=80, rows=24)
    _running(app)
    for columns, rows in ((160, 48), (70, 20), (40, 10), (120, 40), (80, 24)):
        _set_window(app.fd, columns, rows)  # the kernel sends SIGWINCH to the app
        app.read(0.3)
    # Crossing the minimum size (40×10) and back costs the app a full relayout of its screen: on a loaded
    # machine the next status line can take longer than half a second. A stuck app never draws it. The app sends
    # only the cells that change (tui/screen_delta.py), so the screen is read by playing everything it wrote
    # through pyte at the last size, and the shown iteration must move on.
    first = _shown_iteration(app, 80, 24)
    deadline = time.monotonic() + 10
    while (_shown_iteration(app, 80, 24) or -1) <= (first or -1) and time.monotonic() < deadline:
        app.read(0.2)
    assert (_shown_iteration(app, 80, 24) or -1) > (first or -1), "no longer drawing after the resizes"
    app.send("q")
    assert app.exited_within(EXIT_DEADLINE)
    assert os.WIFEXITED(app.status) and os.WEXITSTATUS(app.status) == 0


def _shown_iteration(app, columns: int, rows: int) -> int | None:
    """The iteration on the status line of the screen the app drew (all its output played through pyte)."""
    import pyte  # the test extra

    screen = pyte.Screen(columns, rows)
    pyte.ByteStream(screen).feed(bytes(app.raw))
    found = re.search(r"iter (\d+)", "\n".join(screen.display))
    return int(found.group(1)) if found else None


COLOUR_SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def _colour_parameters(raw: bytes) -> set[str]:
    """The colour parameters of every SGR sequence: '38;5;N', '48;2;R;G;B', '31', '97' …"""
    found = set()
    for match in COLOUR_SGR.finditer(raw):
        parts = match.group(1).decode().split(";")
        i = 0
        while i < len(parts):
            if parts[i] in ("38", "48") and i + 1 < len(parts):
                width = 3 if parts[i + 1] == "5" else 5
                found.add(";".join(parts[i:i + width]))
                i += width
                continue
            if parts[i].isdigit() and (30 <= int(parts[i]) <= 49 or 90 <= int(parts[i]) <= 107):
                found.add(parts[i])
            i += 1
    return found


def _glyphs_after_steps(app: PtyApp) -> str:
    app.send("]")  # step ×10
    app.send(" " * 5)
    deadline = time.monotonic() + 10  # the screen as drawn (only changed cells are sent: read it through pyte)
    while _shown_iteration(app, 160, 48) != 50 and time.monotonic() < deadline:
        app.read(0.2)
    assert _shown_iteration(app, 160, 48) == 50
    app.read(0.5)  # the pictures follow the counters
    return app.text


@pytest.mark.parametrize("term", ["xterm", "screen"])
def test_a_16_colour_terminal_gets_16_colours_and_every_distinction_as_a_glyph(launch, term):
    app = launch("--init", "random", "--hidden", "4", columns=160, rows=48, term=term)
    text = _glyphs_after_steps(app)
    extended = {p for p in _colour_parameters(bytes(app.raw)) if p.startswith(("38;", "48;"))}
    assert not extended, f"TERM={term} was sent 256-colour or true-colour codes: {sorted(extended)[:5]}"
    assert "●" in text and "○" in text  # the two classes on the decision boundary
    assert "+" in text and "−" in text  # the weights' signs on the network's edges


def test_no_color_keeps_classes_signs_and_identical_units_readable(launch):
    app = launch("--init", "constant", "--hidden", "3", columns=160, rows=48, env={"NO_COLOR": "1"})
    text = _glyphs_after_steps(app)
    assert "●" in text and "○" in text
    assert "≡A" in text  # identical units carry a group letter, not a colour
    assert "{h1,h2,h3}" in text
    assert "1 of 3 units distinct" in text


def test_paused_app_uses_no_cpu_between_keys(launch):
    """Idle must mean idle on a shared lab server (the figure itself is bench/ui.py's): well under 10%."""
    app = launch()
    app.read(1.0)
    before, started = app.cpu_seconds(), time.monotonic()
    app.read(3.0)
    share = (app.cpu_seconds() - before) / (time.monotonic() - started)
    assert share < 0.10, f"a paused app used {share:.0%} of a core"
