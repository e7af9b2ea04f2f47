"""`shallow-tui --serve`: textual-serve on 127.0.0.1 answers GET /; without textual-serve, one clear line.

textual-serve is in the test extra (pyproject.toml), so CI runs the real server; the skip below is only
for an environment installed without it.
"""
from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(importlib.util.find_spec("textual_serve") is None,
                    reason="textual-serve is not installed (pip install '.[test]' or '.[serve]')")
def test_serve_answers_get_on_localhost_and_stops():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tui", "--serve", "--port", str(port)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline, page, last_error = time.monotonic() + 30, None, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = (response.status, response.read().decode("utf-8", "replace"))
                break
            except OSError as error:
                last_error = error
                time.sleep(0.2)
        assert page is not None, f"no answer on 127.0.0.1:{port}: {last_error}; exit {server.poll()}"
        status, body = page
        assert status == 200 and "shallow-tui" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    assert f"http://127.0.0.1:{port}/" in server.stderr.read().decode()


def test_serve_without_textual_serve_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "textual_serve"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('not installed (test)')\n")
    (blocker / "server.py").write_text("")
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{REPO}")
    result = subprocess.run([sys.executable, "-m", "tui", "--serve", "--port", str(_free_port())], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'shallow-tui[serve]'" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
