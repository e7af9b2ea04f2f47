"""The `shallow-tui --serve` harness of tests/tui/test_serve.py, test_browser.py and bench/browser.py: a served
lab on a free port and its app processes, a TCP tunnel, and a headless Chromium tab whose terminal screen is
read from the bytes its websocket receives (xterm.js draws on a canvas: the DOM holds no text).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1000, "height": 620}
SLOW = 60  # seconds: an app's first frame on a loaded 2-core machine; a bound, not a sleep


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedLab:
    """`python -m tui --serve --port P OPTIONS…` in its own process group, answering on 127.0.0.1:P."""

    def __init__(self, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        # to a file, not a pipe: textual-serve logs every request, and a pipe nobody reads would fill and block it
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", "tui", "--serve", "--port", str(self.port), *options],
                                        cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        """What the server wrote so far (stdout and stderr)."""
        if self.log.closed:
            return self.final_output
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_until_up(self, timeout: float = 30) -> tuple[int, str]:
        """(status, page) of the first answer to GET /; AssertionError if none comes."""
        deadline, last_error = time.monotonic() + timeout, None
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    return response.status, response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:  # e.g. 503 from a full lab: an answer all the same
                return error.code, error.read().decode("utf-8", "replace")
            except OSError as error:
                last_error = error
                time.sleep(0.2)
        raise AssertionError(f"no answer on {self.url}: {last_error}; exit {self.process.poll()}")

    def app_pids(self) -> list[int]:
        """The app processes textual-serve started (python -m tui …, below the server; not the shell around one)."""
        return [pid for pid, argv in _processes().items() if argv[1:3] == ["-m", "tui"] and pid != self.process.pid
                and _descends_from(pid, self.process.pid)]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.final_output = self.output()
        self.log.close()

    def __enter__(self) -> "ServedLab":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _processes() -> dict[int, list[str]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    found[int(entry)] = [part.decode("utf-8", "replace") for part in f.read().split(b"\0")[:-1]]
            except OSError:  # gone meanwhile
                pass
    return found


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rpartition(")")[2].split()[1])
    except OSError:
        return 0


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        pid = _parent(pid)
        if pid == ancestor:
            return True
    return False


class Tunnel:
    """A TCP forwarder from a free local port to ``target_port``, as `ssh -L` is: it counts the bytes it carried."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.bytes = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += 1
            threading.Thread(target=self._carry, args=(client, server), daemon=True).start()

    def _carry(self, client: socket.socket, server: socket.socket) -> None:
        back = threading.Thread(target=self._copy, args=(server, client), daemon=True)
        back.start()
        self._copy(client, server)
        back.join()
        client.close()
        server.close()

    def _copy(self, source: socket.socket, sink: socket.socket) -> None:
        """One direction until its end, then pass the end on (a half close, as ssh does)."""
        try:
            while chunk := source.recv(1 << 16):
                self.bytes += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()


def chromium() -> str | None:
    """Debian's chromium (apt-get install chromium), or another Chromium build on PATH."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def launch(playwright):
    """A headless Chromium; Playwright gives each launch a new, empty user-data-dir."""
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)


class Tab:
    """A browser tab (its own context) on a served page: ``lines`` is its terminal's screen as the websocket drew
    it (pyte), ``received`` the bytes that websocket brought, ``requests`` and ``sockets`` every address asked for."""

    def __init__(self, browser, url: str, viewport: dict | None = None) -> None:
        import pyte

        self.context = browser.new_context(viewport=viewport or VIEWPORT)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.sockets: list[str] = []
        self.received = 0
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", self._on_socket)
        self.response = self.page.goto(url)

    def _on_socket(self, socket) -> None:
        self.sockets.append(socket.url)
        query = parse_qs(urlsplit(socket.url).query)
        self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        socket.on("framesent", self._on_sent)
        socket.on("framereceived", self._on_received)

    def _on_sent(self, payload) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = re.search(r'"width":\s*(\d+),\s*"height":\s*(\d+)', payload)
            self.screen.resize(int(size[2]), int(size[1]))

    def _on_received(self, payload) -> None:
        if isinstance(payload, bytes):  # the app's output; text frames are textual-serve's own (pong, open_url)
            self.received += len(payload)
            self.stream.feed(payload)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    @property
    def lines(self) -> list[str]:
        return self.screen.display

    def wait_for(self, predicate, what: str, timeout: float = SLOW) -> None:
        deadline = time.monotonic() + timeout
        while not predicate(self.lines):
            assert time.monotonic() < deadline, f"{what} not on screen within {timeout} s:\n" + "\n".join(self.lines)
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames

    def wait_for_text(self, text: str, timeout: float = SLOW) -> None:
        self.wait_for(lambda lines: any(text in line for line in lines), repr(text), timeout)

    def status(self) -> str:
        return next((line for line in self.lines if "units distinct" in line), "")

    def iteration(self) -> int:
        found = re.search(r"iter (\d+)", self.status())
        return int(found[1]) if found else -1

    def close(self) -> None:
        self.context.close()
