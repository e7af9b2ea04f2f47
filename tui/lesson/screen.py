"""The lesson screen: one step's text above the live panel it talks about, a status line, the keys.

``n`` / ``p`` move between the nine steps (each sets up its own network); the run keys play freely
with the live run (space steps, r runs, z / x / i change the init …), as in the main app, but the data,
learning rate and seed stay the step's (d D l L N only say so). The text is
wrapped here by cell width (rich's Text.wrap: a Hangul syllable is two cells), and shown unwrapped, so a
line is never cut or re-wrapped by the terminal.
"""
from __future__ import annotations

import threading
from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from engine.config import ACTIVATIONS, INIT_SCHEMES, Config, ConfigError
from tui.cells import wrap_cells
from tui.i18n import app_error_text, t, translate_bindings
from tui.lesson.question import QuestionScreen
from tui.lesson.quiz import Asked, LessonQuiz, copy_of, measure, question_for
from tui.lesson.steps import STEPS, set_up, text_values
from tui.keys import DRIVE_KEYS, INIT_KEYS, PANEL_KEYS, RUN_KEYS
from tui.run_side import (SCALES, RunSide, TimedRuns, cycle, file_part, hidden_after, hidden_refusal, move_weights_layer,
                          next_in, run_panels, speed_at_least)
from tui.widgets.run_frame import init_label
from tui.widgets.status import fit_line, status_parts

PANELS = {1: "net", 2: "weights", 3: "loss", 4: "boundary"}
TEXT_BOX_CHROME = 4  # round border (2) and padding 0 1 (2) around the lesson text, in cells
NOTICE_SECONDS = 5  # a notice without its own timeout, as long as a Textual toast stays
NOTICE_STYLES = {"information": "bold", "warning": "bold yellow", "error": "bold red"}
TEXT_BOX_SHARE = 0.6  # of the screen's rows at most (#lesson-box's max-height)


class LessonScreen(TimedRuns, Screen):
    ASKS = True  # each step asks its question (tui/lesson/quiz.py) on its first visit, before its run is shown
    DEFAULT_CSS = """
    LessonScreen { layout: vertical; }
    #lesson-box { height: auto; max-height: 60%; border: round $accent; border-title-style: bold;
                  padding: 0 1; scrollbar-size-vertical: 1; }
    #lesson-text { text-wrap: nowrap; text-overflow: clip; width: 1fr; }
    #lesson-panels { height: 1fr; }
    #lesson-status { height: 1; background: $boost; padding: 0 1; }
    """
    BINDINGS = [
        # No Footer here: the key line ends the lesson text instead, so the panel below keeps its row.
        Binding("n,pagedown", "next_step", "key.next"),
        Binding("p,pageup", "previous_step", "key.previous"),
        *DRIVE_KEYS,
        Binding("escape,g", "leave", "key.leave", key_display="esc"),
        Binding("z", "change('init', 'zeros')", "key.zeros", show=False),
        Binding("x", "change('init', 'random')", "key.random", show=False),
        # The app's data, learning-rate and seed keys (d D l L N; n is "next" here) would otherwise reach
        # the hidden run underneath: here they say why they do nothing.
        Binding("d,D,l,L,N", "fixed_setting", "key.lesson_fixed", show=False),
        *INIT_KEYS,
        *RUN_KEYS,
        *PANEL_KEYS,
    ]

    def __init__(self, start: int = 0) -> None:
        super().__init__()
        translate_bindings(self)
        self.index = start
        self.run = RunSide(STEPS[start].config)
        self.stride = STEPS[start].stride
        self.speed = speed_at_least(10 * self.stride)
        self.panel = STEPS[start].panel
        self.lines: list[str] = []
        self._values: dict = {}
        # The newest notice of this step, shown in the text box in place of the key line (see show_notice).
        self.notice: tuple[str, str] | None = None  # (message, severity)
        self._notice_timer = None
        self.quiz = LessonQuiz()
        self._leaving = threading.Event()  # stops a question's measurement still training when the lesson goes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="lesson-box"):
            yield Static(id="lesson-text")
        with Vertical(id="lesson-panels"):
            yield from run_panels("lesson-")
        yield Static(id="lesson-status")

    def on_mount(self) -> None:
        self.go_to(self.index)

    def on_resize(self) -> None:
        self.redraw()

    # -- the steps -------------------------------------------------------------------------------------
    @property
    def step_info(self):
        return STEPS[self.index]

    def go_to(self, index: int) -> None:
        self.pause()
        self.clear_notice(redraw=False)  # a notice belongs to the step that raised it
        self.index = index
        step = STEPS[index]
        set_up(step, self.run.trainer)
        self.run.reset_points()
        self.stride, self.panel = step.stride, step.panel
        self.speed = speed_at_least(10 * step.stride)  # r runs ten strides a second; > and < change it
        self._values = text_values(step, self.run.trainer)
        self.redraw()
        if self.ASKS and step.number not in self.quiz.asked:
            self.ask()

    # -- the step's question ---------------------------------------------------------------------------
    def ask(self) -> None:
        """Ask the step's question over the whole screen, and measure its answer on a copy of the run (in a
        thread: a deep network takes a second or two to train that far)."""
        step, trainer = self.step_info, self.run.trainer
        asked = Asked(question_for(step.number, step.config, trainer.iteration))
        self.quiz.asked[step.number] = asked
        run, leaving, app = copy_of(trainer), self._leaving, self.app

        def work() -> None:
            measured = measure(asked.question, run, leaving)
            if measured is not None:  # posted, not call_from_thread: an app that is exiting never answers
                app.post_message(events.Callback(callback=partial(self._measured, asked, measured)))

        self.run_worker(work, thread=True, group="quiz", exit_on_error=False)
        title = t("quiz.title", n=step.number, total=len(STEPS), title=t(f"lesson.{step.number}.title"))
        self.app.push_screen(QuestionScreen(asked, title, t(f"lesson.{step.number}.body", **self._values),
                                            self.screenshot_name().replace(".svg", "-question.svg")),
                             callback=self._answered)

    def _measured(self, asked: Asked, measured) -> None:
        asked.measured = measured
        for screen in self.app.screen_stack:
            if isinstance(screen, QuestionScreen) and screen.asked is asked:
                screen.measured()

    def _answered(self, move: int | None) -> None:
        if move == 1:
            self.action_next_step()
        elif move == -1:
            self.action_previous_step()
        else:
            self.redraw()

    def action_next_step(self) -> None:
        if self.index + 1 >= len(STEPS):
            self.notify(t("lesson.last"), timeout=3)
            return
        self.go_to(self.index + 1)

    def action_previous_step(self) -> None:
        if self.index == 0:
            self.notify(t("lesson.first"), timeout=3)
            return
        self.go_to(self.index - 1)

    # -- drawing ---------------------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        return max(10, self.app.size.width - TEXT_BOX_CHROME)

    def lesson_text(self) -> str:
        number = self.step_info.number
        return t(f"lesson.{number}.body", **self._values) + "\n" + t("lesson.keys")

    # -- notices ---------------------------------------------------------------------------------------
    def show_notice(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """The app's notify() while the lesson is on screen: the message takes the key line's place in the
        text box until it times out or the step changes. A toast would cover the live panel the step asks the
        student to watch, and outlive the step that raised it (it stayed over step 9's chart)."""
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self.notice = (message, severity)
        self._notice_timer = self.set_timer(NOTICE_SECONDS if timeout is None else timeout, self.clear_notice)
        self.redraw()

    def clear_notice(self, redraw: bool = True) -> None:
        if self._notice_timer is not None:
            self._notice_timer.stop()
            self._notice_timer = None
        if self.notice is not None:
            self.notice = None
            if redraw:
                self.redraw()

    def _text(self) -> Text:
        """The step's text, and under it the key line (dim) or the newest notice in its place."""
        number = self.step_info.number
        if self.notice is None:
            tail_text, style = t("lesson.keys"), "dim"
        else:
            message, severity = self.notice
            tail_text, style = "▸ " + message, NOTICE_STYLES.get(severity, "bold")
        body_text = t(f"lesson.{number}.body", **self._values)
        width = self.text_width
        body, tail = wrap_cells(body_text, width), wrap_cells(tail_text, width)
        # When the box cannot hold every line (a small terminal, 60×16) it scrolls, and its scrollbar takes a
        # cell: a line as wide as the box lost its last letters. One row early, to be sure.
        if len(body) + len(tail) >= int(self.app.size.height * TEXT_BOX_SHARE) - 2:  # less the border
            body, tail = wrap_cells(body_text, width - 1), wrap_cells(tail_text, width - 1)
        self.lines = body + tail
        text = Text("\n".join(body), end="")
        text.append("\n" + "\n".join(tail), style)
        return text

    def redraw(self) -> None:
        number = self.step_info.number
        lesson_text = self._text()
        frame = self.run.frame(self._timer is not None, self.speed_label, self.stride)
        with self.app.batch_update():
            box = self.query_one("#lesson-box")
            box.border_title = t("lesson.title", n=number, total=len(STEPS), title=t(f"lesson.{number}.title"))
            # The status line below has no room for the speed at 80 columns: the box's lower edge shows it, and
            # "? help", which stays in sight when a small terminal (60×16) scrolls the text and its key line.
            box.border_subtitle = " · ".join((t("status.stride", stride=self.stride), self.run_state(),
                                              t("keyline.help")))
            self.query_one("#lesson-text", Static).update(lesson_text)
            for key, name in PANELS.items():
                panel = self.query_one(f"#lesson-{name}")
                panel.display = key == self.panel
            self.query_one(f"#lesson-{PANELS[self.panel]}").show(frame)
            # One line, so the panel keeps its rows: the contract's words always, the rest if it fits (the
            # accuracy first: steps 4, 7 and 9 are about it). No stride or run state: the box's edge has them.
            status = fit_line(status_parts(frame, pace=False), self.app.size.width - 2)
            self.query_one("#lesson-status", Static).update(status)

    # -- free play -------------------------------------------------------------------------------------
    def runs(self) -> list[RunSide]:
        return [self.run]

    def action_change(self, name: str, value) -> None:
        self.change(**{name: value})

    def change(self, **setting) -> None:
        """Start the lesson's run again with ``setting`` (its keys and the command palette come here)."""
        try:
            config = self.run.config.replace(**setting)
        except ConfigError as error:
            self.notify(app_error_text(error), severity="error")
            return
        self.pause()
        self.run.reset(config)
        self.redraw()
        if config != self.step_info.config:  # its text quotes its own network: say what runs now
            what = f"{init_label(config)} · {config.activation} · n_h {','.join(map(str, config.layers))}"
            self.notify(t("lesson.changed", what=what), timeout=5)

    def action_cycle_init(self, direction: int) -> None:
        self.action_change("init", cycle(INIT_SCHEMES, self.run.config.init, direction))

    def action_cycle_activation(self, direction: int) -> None:
        self.action_change("activation", cycle(ACTIVATIONS, self.run.config.activation, direction))

    def action_scale(self, direction: int) -> None:
        config: Config = self.run.config
        if config.init == "zeros":
            self.notify(t("app.no_scale"), severity="warning")
            return
        scale = next_in(SCALES, config.resolved_scale, direction)
        if scale is None:
            self.notify(t("app.scale_largest" if direction > 0 else "app.scale_smallest",
                          scale=f"{config.resolved_scale:g}"), severity="warning")
            return
        self.action_change("scale", scale)

    def action_hidden(self, direction: int) -> None:
        hidden = hidden_after(self.run.config.hidden, direction)
        if hidden is None:
            self.notify(hidden_refusal(direction), severity="warning")
            return
        self.action_change("hidden", hidden)

    def action_panel(self, number: int) -> None:
        self.panel = number
        self.redraw()

    def action_scroll_panels(self, lines: int) -> None:
        for name in ("net", "weights"):
            panel = self.query_one(f"#lesson-{name}")
            if panel.display:
                panel.scroll_relative(y=lines, animate=False)

    def action_weights_layer(self, direction: int) -> None:
        """w / W: the weights panel's next or previous hidden layer (shown first if it is hidden)."""
        move_weights_layer(self, [self.query_one("#lesson-weights")], len(self.run.config.layers), direction,
                           lambda: self.action_panel(2))

    def action_export(self, fmt: str = "csv") -> None:
        from tui.export import start_export

        # A JSON export records the lesson's questions: each step's answer (or skipped), the right one, right or not.
        answers = {"lesson": {"step": self.step_info.number, **self.quiz.record(len(STEPS))}}
        start_export(self.app, self.run.trainer, label=f"lesson{self.step_info.number}-", fmt=fmt, extra=answers)

    def screenshot_name(self) -> str:
        """ctrl+s here: "shallow-tui-lesson-step3-iter12-constant-0.5.svg"."""
        return (f"shallow-tui-lesson-step{self.step_info.number}-iter{self.run.trainer.iteration}-"
                f"{file_part(init_label(self.run.config))}.svg")

    def action_fixed_setting(self) -> None:
        self.notify(t("lesson.fixed"), timeout=4)

    def on_unmount(self) -> None:
        self._leaving.set()

    def action_leave(self) -> None:
        self._leaving.set()
        self.pause()
        self.clear_notice(redraw=False)
        self.app.clear_notifications()  # toasts raised here (under help, say) stay with the lesson
        self.dismiss()
