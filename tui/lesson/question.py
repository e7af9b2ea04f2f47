"""A lesson step's question, before its run is shown: the step's text, the question, its lettered answers.

A modal screen, opaque, over the whole lesson: the panels and the status line under it would show the answer.
Its own keys only (a modal stops the app's): a–d answer (a and d are the activation and the fixed data key
in the lesson), esc skips, n / p skip to another step, ? help, q quits, ctrl+s saves a picture. Once answered
it says right or not and why (the measured numbers, or "measuring …" until the copy of the run is trained
that far), and space or enter shows the run.
"""
from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.cells import wrap_cells
from tui.i18n import t, translate_bindings
from tui.keys import SCREENSHOT_KEY
from tui.lesson.quiz import LETTERS, Asked

CHROME = 4  # round border (2) and padding 0 1 (2), in cells
INDENT = "   "  # an answer's wrapped lines, under its text
NOTE_SECONDS = 5  # as long as the lesson's own notices stay
NOTE_STYLES = {"information": "bold", "warning": "bold yellow", "error": "bold red"}


class QuestionScreen(ModalScreen[int]):
    """Dismissed with the steps to move: 0 (stay: the step's run is shown), +1 or -1 (n or p)."""

    DEFAULT_CSS = """
    QuestionScreen { background: $background; }
    #question-box { width: 100%; height: 100%; border: round $accent; border-title-style: bold; padding: 0 1; }
    #question-text { width: 1fr; text-wrap: nowrap; text-overflow: clip; }
    """
    BINDINGS = [
        *(Binding(letter, f"answer('{letter}')", "help.lesson_answer", show=False) for letter in LETTERS),
        Binding("escape", "skip", "help.lesson_skip", show=False),
        Binding("space,enter", "see_run", "quiz.keys.answered", show=False),
        Binding("n,pagedown", "move(1)", "key.next", show=False),
        Binding("p,pageup", "move(-1)", "key.previous", show=False),
        Binding("question_mark,f1", "app.help", "key.help", show=False),
        Binding("q", "app.quit", "key.quit", show=False),
        SCREENSHOT_KEY,
    ]

    def __init__(self, asked: Asked, title: str, body: str, screenshot_name: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.asked = asked
        self.title_text = title
        self.body = body
        self._screenshot_name = screenshot_name
        # The newest notice ("answer with a or b", a screenshot's file), shown above the key line: a toast would
        # cover the question's text at 80×24.
        self.note: tuple[str, str] | None = None  # (message, severity)
        self._note_timer = None
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="question-box"):
            yield Static(id="question-text")

    def on_mount(self) -> None:
        self.query_one("#question-box").border_title = self.title_text
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    @property
    def answered(self) -> bool:
        return self.asked.answer is not None

    @property
    def text_width(self) -> int:
        return max(10, self.app.size.width - CHROME)

    def _text(self) -> Text:
        width, question, asked = self.text_width, self.asked.question, self.asked
        text = Text(end="")
        lines: list[str] = []

        def add(part: list[str], style: str = "") -> None:
            for line in part:
                text.append(("\n" if lines else "") + line, style)
                lines.append(line)

        add(wrap_cells(self.body, width))
        add([""])
        add(wrap_cells(question.text, width), "bold")
        right = asked.right if self.answered else None
        for letter, option in zip(LETTERS, question.options):
            mark = ""
            if right is not None:
                mark = "  ✓" if letter == right else "  ✗" if letter == asked.answer else ""
            wrapped = wrap_cells(f"{letter}) {option.label}{mark}", width - len(INDENT))
            chosen = letter == asked.answer
            add([INDENT + wrapped[0]] + [INDENT + "   " + more for more in wrapped[1:]], "bold" if chosen else "")
        add([""])
        if not self.answered:
            self._add_note(add, width)
            add(wrap_cells(t("quiz.keys", letters=self.letter_range), width), "dim")
        elif asked.measured is None:
            add(wrap_cells(t("quiz.measuring", at=question.at), width), "italic")
        else:
            add(wrap_cells(asked.verdict(), width), "bold green" if asked.correct else "bold red")
            self._add_note(add, width)
            add(wrap_cells(t("quiz.keys.answered"), width), "dim")
        self.lines = lines
        return text

    def _add_note(self, add, width: int) -> None:
        if self.note is not None:
            message, severity = self.note
            add(wrap_cells("▸ " + message, width), NOTE_STYLES.get(severity, "bold"))

    def show_notice(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """The app's notify() while the question is on screen (see ShallowApp.notify)."""
        if self._note_timer is not None:
            self._note_timer.stop()
        self.note = (message, severity)
        self._note_timer = self.set_timer(NOTE_SECONDS if timeout is None else timeout, self.clear_note)
        self.redraw()

    def clear_note(self) -> None:
        self.note = None
        self._note_timer = None
        self.redraw()

    @property
    def letter_range(self) -> str:
        letters = self.asked.question.letters
        return f"{letters[0]}–{letters[-1]}" if len(letters) > 2 else " ".join(letters)

    def redraw(self) -> None:
        self.query_one("#question-text", Static).update(self._text())

    def measured(self) -> None:
        """The copy of the run has been trained that far: show the verdict if the answer is in."""
        self.redraw()

    # -- keys ------------------------------------------------------------------------------------------
    def action_answer(self, letter: str) -> None:
        if self.answered:
            self.action_see_run()
            return
        if letter not in self.asked.question.letters:
            self.show_notice(t("quiz.only", letters=self.letter_range), "warning")
            return
        self.asked.answer = letter
        self.redraw()

    def action_skip(self) -> None:
        if not self.answered:
            self.asked.answer = "skipped"
        self.dismiss(0)

    def action_see_run(self) -> None:
        if self.answered and self.asked.measured is not None:
            self.dismiss(0)

    def action_move(self, steps: int) -> None:
        if not self.answered:
            self.asked.answer = "skipped"
        self.dismiss(steps)

    def question_commands(self):
        """The command palette over the question (tui/screens/palette.py): answer, skip, and nothing that would
        move the run behind it."""
        for letter, option in zip(LETTERS, self.asked.question.options):
            yield (t("palette.quiz_answer", letter=letter, label=option.label), partial(self.action_answer, letter),
                   t("palette.quiz_answer.help"))
        yield t("palette.quiz_skip"), self.action_skip, t("help.lesson_skip")

    def screenshot_name(self) -> str:
        return self._screenshot_name
