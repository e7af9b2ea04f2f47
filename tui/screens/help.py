"""Help: every key of the app, and what the run is showing."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.cells import wrap_cells
from tui.i18n import t, translate_bindings
from tui.keys import SCREENSHOT_KEY

# (section, ((keys, description), …)); titles and descriptions are table keys, translated when shown.
KEYS = (
    ("help.drive", (
        ("space  →", "help.step"),
        ("←", "help.back"),
        ("] [", "help.stride"),
        ("r", "help.run"),
        ("> <  . ,", "help.speed"),
    )),
    ("help.change", (
        ("z", "help.zeros"),
        ("x", "help.random"),
        ("i I", "help.init"),
        ("a A", "help.activation"),
        ("d D", "help.dataset"),
        ("+ -", "help.hidden"),
        ("l L", "help.lr"),
        ("s S", "help.scale"),
        ("n N", "help.seed"),
    )),
    ("help.look", (
        ("1 2 3 4", "help.panels"),
        ("w W", "help.weights_layer"),
        ("↑ ↓ PgUp PgDn", "help.scroll"),
        ("c", "help.compare"),
        ("g", "help.lesson"),
        ("e E", "help.export"),
        ("ctrl+p", "help.palette"),
        ("ctrl+s", "help.screenshot"),
        ("? F1", "help.help"),
        ("q", "help.quit"),
    )),
)
# Over the lesson: its own keys first; n and PgUp/PgDn move between steps there, and each step sets the
# data set, learning rate and seed, so those keys are left out.
LESSON_KEYS = ("help.lesson_keys", (
    ("n PgDn", "help.lesson_next"),
    ("p PgUp", "help.lesson_previous"),
    ("esc g", "help.lesson_leave"),
    ("a b c d", "help.lesson_answer"),
    ("esc", "help.lesson_skip"),
))
NOT_IN_THE_LESSON = ("d D", "l L", "n N", "g")  # and PgUp PgDn, which move between steps there
KEY_COLUMN = 16  # "  " + the keys padded to 14 cells
WIDE = 96  # the help box's text width on a wide terminal (box at most 100 cells)


def help_text(width: int = WIDE, lesson: bool = False) -> Text:
    """The whole help, laid out for ``width`` cells: a description that wraps keeps to its column.
    With ``lesson``, the keys as they are in the lesson."""
    text = Text()
    sections = KEYS
    if lesson:
        sections = (LESSON_KEYS, *((title, tuple(("↑ ↓", what) if key == "↑ ↓ PgUp PgDn" else (key, what)
                                                 for key, what in keys if key not in NOT_IN_THE_LESSON))
                                   for title, keys in KEYS))
    for title, keys in sections:
        for line in wrap_cells(t(title), width):
            text.append(f"{line}\n", "bold underline")
        for key, what in keys:
            text.append(f"  {key:<14}", "bold")
            lines = wrap_cells(t(what), max(10, width - KEY_COLUMN))
            text.append(f"{lines[0]}\n")
            for more in lines[1:]:
                text.append(" " * KEY_COLUMN + f"{more}\n")
        text.append("\n")
    text.append("\n".join(wrap_cells(t("help.why"), width)) + "\n", "italic")
    text.append("\n".join(wrap_cells(t("help.contract"), width)) + "\n")
    text.append("\n".join(wrap_cells(t("help.chart", exact=t("chart.exact_zero")), width)) + "\n")
    text.append("\n".join(wrap_cells(t("help.close"), width)), "dim")
    return text


class HelpText(Static):
    """Re-laid out for its own width, so wrapped descriptions stay in their column."""

    def __init__(self, lesson: bool, **options) -> None:
        super().__init__(help_text(lesson=lesson), **options)
        self.lesson = lesson

    def on_resize(self) -> None:
        self.update(help_text(self.content_size.width, self.lesson))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "key.close", show=False),
        SCREENSHOT_KEY,
    ]

    def __init__(self, lesson: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield HelpText(self.lesson, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = t("help.title")

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
