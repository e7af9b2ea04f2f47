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
from tui.teardown import torn_down
from tui.screens.under_modal import DimmedBackdrop

# (section, ((keys, description[, the setting they change]), …)); titles and descriptions are table keys,
# translated when shown. A lab's config can lock a setting (tui/locks.py): its keys are marked.
KEYS = (
    ("help.drive", (
        ("space  →", "help.step"),
        ("←", "help.back"),
        ("] [", "help.stride"),
        ("r", "help.run"),
        ("> <  . ,", "help.speed"),
    )),
    ("help.change", (
        ("z", "help.zeros", "init"),
        ("x", "help.random", "init"),
        ("i I", "help.init", "init"),
        ("a A", "help.activation", "activation"),
        ("d D", "help.dataset", "dataset"),
        ("+ -", "help.hidden", "hidden"),
        ("l L", "help.lr", "lr"),
        ("s S", "help.scale", "scale"),
        ("n N", "help.seed", "seed"),
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


def help_text(width: int = WIDE, lesson: bool = False, locked: frozenset[str] = frozenset()) -> Text:
    """The whole help, laid out for ``width`` cells: a description that wraps keeps to its column.
    With ``lesson``, the keys as they are in the lesson; the keys of ``locked`` settings say they are locked."""
    text = Text()
    sections = KEYS
    if lesson:
        sections = (LESSON_KEYS, *((title, tuple(("↑ ↓", *rest) if key == "↑ ↓ PgUp PgDn" else (key, *rest)
                                                 for key, *rest in keys if key not in NOT_IN_THE_LESSON))
                                   for title, keys in KEYS))
    for title, keys in sections:
        for line in wrap_cells(t(title), width):
            text.append(f"{line}\n", "bold underline")
        for key, what, *setting in keys:
            text.append(f"  {key:<14}", "bold")
            said = t(what) + (f" ({t('lock.mark')})" if set(setting) & locked else "")
            lines = wrap_cells(said, max(10, width - KEY_COLUMN))
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
    """Re-laid out for its own width, so wrapped descriptions stay in their column. ``width``: the width it is
    expected to get (laid out once, not twice, when that is right)."""

    def __init__(self, lesson: bool, width: int = WIDE, locked: frozenset[str] = frozenset(), **options) -> None:
        super().__init__(help_text(width, lesson=lesson, locked=locked), **options)
        self.lesson = lesson
        self.locked = locked
        self._width = width

    def on_resize(self) -> None:
        if self.content_size.width != self._width:
            self._width = self.content_size.width
            self.update(help_text(self._width, self.lesson, self.locked))


class HelpScreen(DimmedBackdrop, ModalScreen[None]):
    """``keep_rows``: rows at the bottom left uncovered (the main screen's status bar, explanation and footer, so
    the run's numbers stay in sight while it runs under the help)."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "key.close", show=False),
        SCREENSHOT_KEY,
    ]

    def __init__(self, lesson: bool = False, keep_rows: int = 0, locked: frozenset[str] = frozenset()) -> None:
        super().__init__()
        translate_bindings(self)
        self.lesson = lesson
        self.keep_rows = keep_rows
        self.locked = locked

    BOX_CHROME = 4  # the box's border and padding, in cells across (app.tcss)

    def compose(self) -> ComposeResult:
        width, height = self.app.size
        box_height = self.box_height(height)
        text_width = min(WIDE + self.BOX_CHROME, int(0.9 * width)) - self.BOX_CHROME
        if len(help_text(text_width, self.lesson, self.locked).plain.splitlines()) > box_height - 2:
            text_width -= 2  # it will scroll: room for the scrollbar
        with VerticalScroll(id="help-box") as box:
            box.styles.height = box_height
            yield HelpText(self.lesson, max(10, text_width), self.locked, id="help-text")

    def on_mount(self) -> None:
        if torn_down(self):  # pushed just before an exit: nothing of it was mounted (tui/teardown.py)
            return
        self.query_one("#help-box").border_title = t("help.title")

    def box_height(self, height: int) -> int:
        """90% of the screen, from the row under the title bar, above the kept rows."""
        return max(5, min(round(0.9 * height), height - 1 - self.keep_rows))

    def on_resize(self) -> None:
        if torn_down(self):  # opened just before an exit: no box was mounted (tui/teardown.py)
            return
        self.query_one("#help-box").styles.height = self.box_height(self.app.size.height)

    def on_screen_resume(self) -> None:
        """Opened again (the app keeps one): the rows to leave may differ, and it starts from the top."""
        if torn_down(self):
            return
        box = self.query_one("#help-box")
        box.styles.height = self.box_height(self.app.size.height)
        box.scroll_home(animate=False)

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
