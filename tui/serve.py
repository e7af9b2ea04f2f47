"""`shallow-tui --serve`: the app in a web browser through textual-serve (an optional extra).

Bound to 127.0.0.1 by default: a lab reaches it through an SSH tunnel
(``ssh -L 9000:127.0.0.1:8000 server``, any local port), and nobody else on the network can drive it. Each tab
gets its own app process, started with the same options as this command (minus the serving ones).
The page is our own (tui/web/): relative addresses, no request to any other host, the terminal focused
on load; ``--max-sessions N`` turns the N+1th tab away with a page that says why.
"""
from __future__ import annotations

import logging
import shlex
import socket
import sys
from pathlib import Path

import aiohttp_jinja2  # textual-serve's own dependencies: importing this module raises ImportError without it
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.i18n import language, t

log = logging.getLogger("textual-serve")  # its handler writes to the serving terminal
PAGES = Path(__file__).resolve().parent / "web"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def app_command(options: list[str]) -> str:
    """The shell command textual-serve starts for each browser session."""
    return shlex.join([sys.executable, "-m", "tui", *options])


def address_to_open(host: str, port: int) -> str:
    """The address to give students: a wildcard bind is reached by the machine's name, not by 0.0.0.0."""
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()
    elif ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class LabServer(Server):
    """textual-serve's Server with tui/web/'s pages, counting its sessions against ``max_sessions``."""

    def __init__(self, command: str, host: str, port: int, max_sessions: int | None = None) -> None:
        super().__init__(command, host=host, port=port, title="shallow-tui", templates_path=PAGES)
        self.max_sessions = max_sessions
        self.sessions = 0  # open websockets, each with its app process

    def full(self) -> bool:
        return self.max_sessions is not None and self.sessions >= self.max_sessions

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve's banner names 0.0.0.0 or the long command: serve() prints one line instead

    async def handle_index(self, request: web.Request) -> web.Response:
        if self.full():
            return self.refusal(request)
        return aiohttp_jinja2.render_template("index.html", request, {
            "lang": language(), "title": self.title, "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "start": t("serve.page.start"), "ended": t("serve.page.ended"), "again": t("serve.page.again")})

    def refusal(self, request: web.Request) -> web.Response:
        log.warning(t("serve.refused_log", limit=self.max_sessions, peer=request.remote))
        response = aiohttp_jinja2.render_template("refused.html", request, {
            "lang": language(), "title": t("serve.full.title"), "heading": t("serve.full.heading"),
            "why": t("serve.full.why", limit=self.max_sessions), "what_to_do": t("serve.full.what_to_do"),
            "again": t("serve.full.again")}, status=503)
        response.headers["Retry-After"] = "30"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if self.full():  # the page was loaded while a place was free, or the socket was opened directly
            return await self.refuse_socket(request)
        self.sessions += 1  # no await between the check and here: two sockets cannot take one place
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def refuse_socket(self, request: web.Request) -> web.WebSocketResponse:
        """Send the tab back to ./ (textual.js follows "open_url"): the refusal page, or a place freed since."""
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        await websocket.send_json(["open_url", {"url": "./", "new_tab": False}])
        await websocket.close()
        return websocket


def serve(options: list[str], host: str, port: int, max_sessions: int | None = None) -> int:
    """Serve until ctrl+c; the exit status."""
    server = LabServer(app_command(options), host, port, max_sessions)
    limit = t("serve.limit", limit=max_sessions) if max_sessions else ""
    said = "serve.serving_everywhere" if host in WILDCARD_HOSTS else "serve.serving"
    print(t(said, address=address_to_open(host, port), limit=limit), file=sys.stderr, flush=True)
    server.serve()
    return 0
