"""`shallow-tui --serve`: textual-serve on 127.0.0.1 answers GET / with our page; its options; without
textual-serve, one clear line. (What a browser does with the page: test_browser.py.)

textual-serve is in the test extra (pyproject.toml), so CI runs the real server; the skip below is only
for an environment installed without it.
"""
from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys

import pytest

from tests.tui.serving import REPO, ServedLab, free_port

needs_textual_serve = pytest.mark.skipif(importlib.util.find_spec("textual_serve") is None,
                                         reason="textual-serve is not installed (pip install '.[test]' or '.[serve]')")


@needs_textual_serve
def test_serve_answers_get_on_localhost_with_a_page_of_relative_addresses_and_stops():
    with ServedLab("--max-sessions", "3") as lab:
        status, page = lab.wait_until_up()
    assert status == 200 and "<title>shallow-tui</title>" in page
    assert not re.findall(r"(?:https?|wss?)://", page.split("-->", 1)[1]), "an absolute address in the page"
    assert "fonts.googleapis" not in page
    assert f"serving on http://127.0.0.1:{lab.port}/, at most 3 sessions at once" in lab.output()
    assert "Traceback" not in lab.output()


@needs_textual_serve
def test_the_address_to_open_names_the_machine_for_a_wildcard_bind():
    from tui.serve import address_to_open

    assert address_to_open("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert address_to_open("0.0.0.0", 8000) == f"http://{socket.gethostname()}:8000/"
    assert address_to_open("::1", 9000) == "http://[::1]:9000/"


@pytest.mark.parametrize("args, message", [
    (["--max-sessions", "3"], "--max-sessions works with --serve"),
    (["--serve", "--max-sessions", "0"], "--max-sessions must be an integer of at least 1, got 0"),
    (["--serve", "--max-sessions", "many"], "--max-sessions"),
])
def test_bad_max_sessions_is_one_line_exit_2(args, message):
    result = subprocess.run([sys.executable, "-m", "tui", *args], cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_serve_without_textual_serve_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "textual_serve"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('not installed (test)')\n")
    (blocker / "server.py").write_text("")
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{REPO}")
    result = subprocess.run([sys.executable, "-m", "tui", "--serve", "--port", str(free_port())], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'shallow-tui[serve]'" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
