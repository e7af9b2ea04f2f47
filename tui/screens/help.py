"""Help: every key of the app, and what the run is showing."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t

KEYS = (
    ("Drive training", (
        ("space  →", "one step (of the current stride)"),
        ("←", "one step back (exact: replays from a checkpoint)"),
        ("] [", "stride up / down: 1, 10, 100, 1000 iterations per step"),
        ("r", "run / pause continuous training"),
        ("> <  . ,", "faster / slower auto-run (iterations per second, up to max)"),
    )),
    ("Change the run (each change starts again at iteration 0)", (
        ("z", "reset with zero weights"),
        ("x", "reset with small random weights (randn × 0.01)"),
        ("i I", "next / previous init scheme: zeros constant random xavier he"),
        ("a A", "next / previous hidden activation: tanh sigmoid relu leaky_relu"),
        ("d D", "next / previous data set"),
        ("+ -", "more / fewer hidden units (1 to 64)"),
        ("l L", "larger / smaller learning rate"),
        ("s S", "larger / smaller init scale"),
        ("n N", "next / previous seed"),
    )),
    ("Look", (
        ("1 2 3 4", "show the network, weights, loss or boundary panel (small terminals)"),
        ("↑ ↓ PgUp PgDn", "scroll the network and weights panels (many hidden units)"),
        ("c", "help.compare"),
        ("g", "help.lesson"),
        ("e", "help.export"),
        ("ctrl+p", "command palette: every action by name"),
        ("ctrl+s", "save an SVG screenshot in the working directory"),
        ("? F1", "this help"),
        ("q", "quit"),
    )),
)


def help_text() -> Text:
    text = Text()
    for title, keys in KEYS:
        text.append(f"{title}\n", "bold underline")
        for key, what in keys:
            what = t(what) if what.startswith("help.") else what  # translated when shown, after --lang
            text.append(f"  {key:<14}", "bold")
            text.append(f"{what}\n")
        text.append("\n")
    text.append("Why random init? With equal weights every hidden unit computes the same function and gets\n"
                "the same gradient, so they stay identical forever: watch \"1 of 4 units distinct\".\n", "italic")
    text.append("Press escape, q, ? or F1 to close.", "dim")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help · keys"

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
