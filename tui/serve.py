"""`shallow-tui --serve`: the app in a web browser through textual-serve (an optional extra).

Bound to 127.0.0.1 by default: a lab reaches it through an SSH tunnel
(``ssh -L 8000:127.0.0.1:8000 server``), and nobody else on the network can drive it. Each browser tab
gets its own app process, started with the same options as this command (minus the serving ones).
"""
from __future__ import annotations

import shlex
import sys

from tui.i18n import t


def app_command(options: list[str]) -> str:
    """The shell command textual-serve starts for each browser session."""
    return shlex.join([sys.executable, "-m", "tui", *options])


def serve(options: list[str], host: str, port: int) -> int:
    """Serve until ctrl+c; the exit status. Raises ImportError when textual-serve is not installed."""
    from textual_serve.server import Server  # ImportError: the caller says how to install it

    server = Server(app_command(options), host=host, port=port, title="shallow-tui")
    print(t("serve.serving", host=host, port=port), file=sys.stderr, flush=True)
    server.serve()
    return 0
