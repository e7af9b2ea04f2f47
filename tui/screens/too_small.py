"""Below the minimum size: one message over every screen (the run, compare mode, the lesson, help, the palette),
and no key but q (and ctrl+c, which says to press q) reaches anything. The app pushes it when the terminal shrinks below the minimum and pops it
when it grows back, so whatever was on screen returns as it was.

A modal screen: Textual then leaves the screens below, and the app's own (non-priority) bindings, out of the
keys' reach; the app refuses its priority ones (the palette) itself while this is up (ShallowApp.check_action).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t, translate_bindings
from tui.teardown import torn_down


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { background: $background; align: center middle; }
    #too-small { width: 1fr; height: 1fr; content-align: center middle; text-align: center; text-style: bold; }
    """
    BINDINGS = [Binding("q", "app.quit", "key.quit", show=False),
                Binding("ctrl+c", "app.help_quit", show=False)]  # the app's, which this modal screen hides

    def __init__(self, min_size: tuple[int, int]) -> None:
        super().__init__()
        translate_bindings(self)
        self.min_size = min_size

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        if torn_down(self):  # pushed by a resize just before an exit: nothing of it was mounted (tui/teardown.py)
            return
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        min_width, min_height = self.min_size
        self.query_one("#too-small", Static).update(
            t("app.too_small", min_width=min_width, min_height=min_height, width=width, height=height))
