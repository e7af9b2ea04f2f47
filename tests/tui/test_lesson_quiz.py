"""The lesson asks before it shows (tui/lesson/quiz.py, tui/lesson/question.py): each step's question, its
right answer measured on the step's own run, exactly one right option, nothing given away, 80×24, keys, export."""
from __future__ import annotations

import functools
import json
import math

import numpy as np
import pytest
from rich.cells import cell_len

from engine.config import Config
from engine.features import FEATURES
from engine.trainer import Trainer
from tests.tui.conftest import screen_lines
from tui import i18n
from tui.cells import wrap_cells
from tui.lesson.question import QuestionScreen
from tui.lesson.quiz import ACCURACY_EDGES, CHANGE_EDGES, GAP_EDGES, LETTERS, copy_of, measure, question_for
from tui.lesson.screen import LessonScreen
from tui.lesson.steps import STEPS, set_up, text_values

STEP_NUMBERS = [step.number for step in STEPS]


@pytest.fixture(params=["en", "ko"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _step_run(number: int) -> Trainer:
    step = STEPS[number - 1]
    trainer = Trainer(step.config)
    set_up(step, trainer)
    return trainer


def _read_off(kind: str, before: Trainer, after: Trainer) -> float:
    """The number a question asks about, read off the run before and after training (independently of
    quiz.measure: a second run trained from the step's start, not a copy)."""
    if kind == "changed":
        return float(np.count_nonzero(np.asarray(after.params.W1) != np.asarray(before.params.W1)))
    s = after.snapshot()
    if kind == "distinct":
        return float(s.distinct_units)
    if kind == "accuracy":
        return s.accuracy
    if kind == "accuracy_change":
        return 100 * (s.accuracy - before.snapshot().accuracy)
    assert kind == "gap"
    return s.unit_gap


def _figure(kind: str, value: float, after: Trainer) -> str:
    """How a text that gave the answer away would write the measured number."""
    if kind == "changed":
        return f"{int(value)} of {after.params.W1.size}"
    if kind == "distinct":
        return f"{int(value)} of {after.snapshot().n_h}"
    if kind == "accuracy":
        return f"{value:.1%}"
    if kind == "accuracy_change":
        return f"{value:+.1f}"
    return f"{value:.3g}".replace("e-0", "e-")


@functools.lru_cache(maxsize=None)
def _trained(number: int):
    """Step ``number``'s run as the lesson sets it up, its question's answer as quiz.measure gets it (on a copy),
    and the same number read off a second run trained as far from the step's start (a deep step takes seconds:
    once per step, for both languages)."""
    trainer = _step_run(number)
    question = question_for(number, STEPS[number - 1].config, trainer.iteration)
    measured = measure(question, copy_of(trainer))
    independent = _step_run(number)
    start = copy_of(independent)
    independent.step(question.after)
    return trainer, measured, _read_off(question.kind, start, independent), independent


@pytest.mark.parametrize("number", STEP_NUMBERS)
def test_each_step_has_one_right_answer_measured_on_its_own_run(number, language):
    trainer, measured, value, independent = _trained(number)
    step = STEPS[number - 1]
    question = question_for(number, step.config, trainer.iteration)
    assert 2 <= len(question.options) <= 4
    labels = [option.label for option in question.options]
    assert len(set(labels)) == len(labels) and all(labels), labels
    if language == "ko":
        assert any("\uac00" <= ch <= "\ud7a3" for ch in question.text + labels[0] + measured.why)
    assert independent.iteration == question.at
    holding = [letter for letter, option in zip(LETTERS, question.options) if option.holds(value)]
    assert len(holding) == 1, (value, labels)
    assert measured.value == value  # bit for bit: training is deterministic
    assert question.right_letter(measured.value) == holding[0]
    # the why quotes the measured number (a count as it is, "{units}개 중 {distinct}개" in Korean)
    quoted = str(int(value)) if question.kind in ("changed", "distinct") else _figure(question.kind, value,
                                                                                     independent)
    assert quoted in measured.why, (quoted, measured.why)
    assert str(question.at) in measured.why or question.kind == "changed"


@pytest.mark.parametrize("number", STEP_NUMBERS)
def test_the_text_before_the_question_does_not_give_the_answer_away(number, language):
    """The step's text, as the question screen shows it above the question, states neither the right option
    nor the measured number the question asks about."""
    step = STEPS[number - 1]
    trainer, measured, _value, independent = _trained(number)
    body = i18n.t(f"lesson.{number}.body", **text_values(step, trainer))
    question = question_for(number, step.config, trainer.iteration)
    right = question.label(question.right_letter(measured.value))
    assert right not in body, (right, body)
    figure = _figure(question.kind, measured.value, independent)
    assert figure not in body, (figure, body)


VALUES = (-math.inf, -1e9, -5.0, -1.0, -0.5, 0.0, 1e-300, 1e-12, 0.3, 0.5, 0.6, 0.75, 0.85, 0.99, 1.0, 1.5, 2.0,
          3.0, 4.0, 5.0, 7.0, 8.0, 31.0, 32.0, 33.0, 63.0, 64.0, 100.0, 1e9, math.inf)


@pytest.mark.parametrize("units", [1, 2, 3, 4, 5, 7, 8, 16, 32, 64])
@pytest.mark.parametrize("inputs", [1, 2, 3, 7])
def test_exactly_one_option_holds_whatever_the_run_computes(units, inputs, language):
    """Whatever network a step gets (t14l's steps 5 and 8 change theirs) and whatever its run measures, the
    options are 2 to 4 distinct ranges with exactly one holding the number."""
    features = tuple(FEATURES)[:inputs]
    config = Config(hidden=units, features=features)
    edges = [*ACCURACY_EDGES, *CHANGE_EDGES, *GAP_EDGES]
    values = sorted({*VALUES, *edges, *(math.nextafter(e, -math.inf) for e in edges),
                     *(float(k) for k in range(0, units * inputs + 2))})
    for number in STEP_NUMBERS:
        for start in (0, 1000):
            question = question_for(number, config, start)
            labels = [option.label for option in question.options]
            assert 2 <= len(labels) <= 4 and len(set(labels)) == len(labels)
            for value in values:
                if question.kind in ("changed", "distinct") and math.isfinite(value) and value != int(value):
                    continue  # counts are whole numbers
                assert sum(option.holds(value) for option in question.options) == 1, (question.id, value)
            if question.kind == "distinct":  # every count a run can have: 1 … units
                assert [question.right_letter(k) for k in range(1, units + 1)][0] == "a"
                assert question.right_letter(units) == LETTERS[len(labels) - 1]


# -- in the app -------------------------------------------------------------------------------------------
async def _measured(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _question_fits(screen: QuestionScreen, width: int) -> None:
    box = screen.query_one("#question-box")
    assert max(cell_len(line) for line in screen.lines) <= screen.text_width == width - 4
    assert len(screen.lines) <= box.content_size.height and box.max_scroll_y == 0


async def test_every_step_asks_first_then_says_right_or_not_and_reveals(asking, language, tmp_path, monkeypatch):
    """At 80×24, in both languages: each step's question covers the run (no status line, no panel), fits,
    answers with a–d; the verdict (✓ or ✗ and the measured why, at most two lines) comes before the run;
    the JSON export records every step's answer, the right one and right or not."""
    from tui.app import ShallowApp

    monkeypatch.chdir(tmp_path)
    app = ShallowApp(Config(), lesson=True)
    given: dict[int, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for number in STEP_NUMBERS:
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.asked.question.step == number
            lesson = app.screen_stack[-2]
            assert isinstance(lesson, LessonScreen) and lesson.step_info.number == number
            shown = "\n".join(screen_lines(app))
            status = str(lesson.query_one("#lesson-status").render()).strip()
            assert status.startswith("iter ") and status not in shown  # the run is hidden, its status too
            assert str(lesson.query_one("#lesson-box").border_subtitle) not in shown
            question = screen.asked.question
            assert question.text.split()[0] in shown.replace("\n", " ")
            _question_fits(screen, 80)
            iteration = lesson.run.trainer.iteration
            await pilot.press("space", "r", "left", "z", "x")  # nothing reaches the run before the answer
            assert lesson.run.trainer.iteration == iteration and lesson.run.config == STEPS[number - 1].config
            assert lesson._timer is None
            await _measured(app, pilot)
            right = screen.asked.right
            wrong = next(letter for letter in question.letters if letter != right)
            answer = right if number % 2 else wrong  # right on odd steps, wrong on even ones
            await pilot.press(answer)
            await _measured(app, pilot)
            given[number] = answer
            assert app.screen is screen and screen.asked.correct == (answer == right)
            verdict = screen.asked.verdict()
            assert len(wrap_cells(verdict, screen.text_width)) <= 2, verdict
            assert verdict.startswith("✓" if answer == right else "✗")
            assert screen.asked.measured.why in verdict
            lines = [line.rstrip() for line in screen_lines(app)]
            assert any("✓" in line and f"{right})" in line for line in lines)
            _question_fits(screen, 80)
            await pilot.press("space")  # the run, revealed
            assert app.screen is lesson and lesson.index == number - 1
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("p")  # a step asked already: straight to its run
        assert app.screen is lesson and lesson.index == len(STEPS) - 2
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await pilot.pause()
    (path,) = tmp_path.glob("*.json")
    recorded = json.loads(path.read_text())["lesson"]
    assert recorded["step"] == len(STEPS) - 1
    assert [q["step"] for q in recorded["questions"]] == STEP_NUMBERS
    for q in recorded["questions"]:
        assert q["answer"] == given[q["step"]] and q["question"].startswith(f"{q['step']}.")
        assert q["correct"] == (q["answer"] == q["right"]) and q["right"] in q["options"]
    assert recorded["right"] == sum(1 for n in STEP_NUMBERS if n % 2) and recorded["answered"] == len(STEPS)


async def test_keys_on_a_question(asking, tmp_path, monkeypatch):
    """a–d answer (only the question's letters), esc skips (recorded), n / p skip to another step, ? lists the
    answer and skip keys, answering waits for the measurement, and the run underneath never moves."""
    from tui.app import ShallowApp
    from tui.screens.help import HelpScreen

    monkeypatch.chdir(tmp_path)
    app = ShallowApp(Config(), lesson=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.asked.question.letters == "abc"
        await pilot.press("d")  # not one of this question's letters (and not the lesson's 'd')
        assert screen.asked.answer is None and "a–c" in screen.note[0]
        await pilot.press("ctrl+s")  # a picture of the question, named after the step; the question stays
        await pilot.pause()
        assert app.screen is screen and [p.name for p in tmp_path.glob("*.svg")] == [
            "lesson-step1-flower-tanh-h2-zeros-iter0-question.svg"]  # tui/file_names.py
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(str(app.screen.query_one("#help-text").render()).split())  # wrapped lines joined
        assert f"a b c d {i18n.t('help.lesson_answer')}" in shown and f"esc {i18n.t('help.lesson_skip')}" in shown
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")  # skip: the run shows, the export says skipped
        lesson = app.screen
        assert isinstance(lesson, LessonScreen) and screen.asked.answer == "skipped"
        await pilot.press("n")
        assert isinstance(app.screen, QuestionScreen) and app.screen.asked.question.step == 2
        await pilot.press("n")  # skip it and go on: step 3's question
        assert app.screen.asked.question.step == 3 and lesson.quiz.asked[2].answer == "skipped"
        await pilot.press("p")  # skip step 3's too, back to step 2: asked already, so no question again
        assert app.screen is lesson and lesson.index == 1 and lesson.quiz.asked[3].answer == "skipped"
        await pilot.press("n", "n")  # step 3 (asked), step 4: its question
        assert app.screen.asked.question.step == 4
        await pilot.press("a")  # answered before its measurement may be done: it says so until it is
        question = app.screen
        assert question.asked.answer == "a"
        await _measured(app, pilot)
        assert question.asked.measured is not None and question.asked.correct is not None
        await pilot.press("escape")
        assert app.screen is lesson
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.trainer.iteration == 0  # the app's own run under the lesson never moved
    (path,) = tmp_path.glob("*.json")
    questions = json.loads(path.read_text())["lesson"]["questions"]
    assert [q["answer"] for q in questions[:5]] == ["skipped", "skipped", "skipped", "a", None]
    assert questions[0]["right"] == "a" and questions[0]["correct"] is None and questions[4]["right"] is None


async def test_a_question_at_its_smallest_readable_size_and_korean(asking, language):
    """The longest step texts with their question and verdict at 80×24, both languages (the other sizes:
    the box scrolls)."""
    from tui.app import ShallowApp

    app = ShallowApp(Config(), lesson=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.screen_stack[-2]
        for number in (9, 8, 7, 4):
            lesson.quiz.asked.clear()
            await pilot.press("escape")
            lesson.go_to(number - 1)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.asked.question.step == number
            await _measured(app, pilot)
            await pilot.press("a")
            await _measured(app, pilot)
            _question_fits(screen, 80)


async def test_the_palette_over_a_question_answers_it_and_never_moves_the_run(asking):
    from tests.tui.conftest import palette_pick
    from tui.app import ShallowApp
    from tui.screens.palette import RunCommands

    app = ShallowApp(Config(), lesson=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        names = [name for name, _, _ in RunCommands(screen).commands()]
        assert i18n.t("palette.step") not in names and i18n.t("palette.run") not in names
        assert i18n.t("palette.quiz_skip") in names and len(names) == len(screen.asked.question.options) + 3
        await palette_pick(app, pilot, "Answer a")
        assert app.screen is screen and screen.asked.answer == "a"
        await _measured(app, pilot)
        assert screen.asked.correct is not None
        verdict_start = screen.asked.verdict()[:24]  # its first line, on screen
        assert any(verdict_start in line for line in screen_lines(app)), verdict_start
        assert app.screen_stack[-2].run.trainer.iteration == 0
