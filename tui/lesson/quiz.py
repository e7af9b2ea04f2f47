"""The lesson's questions (predict, then reveal): one per step, asked before the step's run is shown.

A question is about the run the step sets up, as far as it says ("at iteration 100, how many units are
distinct?"). Its right answer is measured, never written down: a copy of the step's run is trained that far
(``measure``, in a worker thread while the student thinks) and the number read off it. Its options split every
value the number can take into ranges that do not overlap and leave no gap, so exactly one option is right
whatever the run computes (a step whose network changes, say with more inputs or layers, still gets a
question with exactly one right answer).
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field, replace

import numpy as np

from engine.config import Config
from engine.trainer import Trainer
from tui.i18n import t

LETTERS = "abcd"
CHUNK = 100  # iterations trained between two looks at "cancelled" (leaving the lesson mid-measurement)
INF = math.inf

# What each step asks: (kind, iterations after the step's start). The kinds:
#   changed          how many weights of W1 one iteration changes (none / some / all)
#   distinct         how many hidden units (of the first hidden layer) are distinct
#   accuracy         the accuracy reached
#   accuracy_change  how far the accuracy moves from where the step starts
#   gap              the unit gap (the smallest difference between two units), by decades
ASKED: dict[int, tuple[str, int]] = {
    1: ("changed", 1),
    2: ("changed", 1),
    3: ("distinct", 100),
    4: ("accuracy_change", 1000),
    5: ("accuracy", 1000),
    6: ("accuracy", 1000),
    7: ("accuracy_change", 1000),
    8: ("accuracy", 1000),
    9: ("gap", 5000),
}
FALLBACK = ("accuracy", 1000)  # a kind that needs two units (distinct, gap) on a one-unit network


@dataclass(frozen=True)
class Option:
    """Right when ``low <= value < high`` (the last range, up to +inf, holds +inf: a diverged run's number)."""

    low: float
    high: float
    label: str

    def holds(self, value: float) -> bool:
        return self.low <= value < self.high or value == self.high == INF


@dataclass(frozen=True)
class Question:
    id: str  # "<step>.<kind>", what an export records
    step: int
    kind: str
    start: int  # the iteration the step's run stands at when asked
    after: int  # iterations trained past it
    text: str
    options: tuple[Option, ...]

    @property
    def at(self) -> int:
        return self.start + self.after

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    def right_letter(self, value: float) -> str:
        """The one option ``value`` falls in (the options leave no gap and do not overlap)."""
        (letter,) = [letter for letter, option in zip(LETTERS, self.options) if option.holds(value)]
        return letter

    def label(self, letter: str) -> str:
        return self.options[LETTERS.index(letter)].label


@dataclass(frozen=True)
class Measured:
    kind: str
    value: float  # what the options are about (non-finite mapped to +inf: a diverged run's gap)
    figures: dict  # the measured numbers, as the why quotes them

    @property
    def why(self) -> str:
        """One sentence quoting the measured numbers (in the current language)."""
        return t(f"quiz.{self.kind}.why", **self.figures)


def _units_options(units: int) -> tuple[Option, ...]:
    """1 … units split into at most four ranges: every count alone up to four units, else 1, 2 … units/2,
    units/2 + 1 … units - 1, and all of them (the two counts the lesson is about, and the ranges between)."""
    if units <= 4:
        ranges = [(k, k) for k in range(1, units + 1)]
    else:
        half = units // 2
        ranges = [(1, 1), (2, half), (half + 1, units - 1), (units, units)]
    options = []
    for low, high in ranges:
        if low == high == 1:
            label = t("quiz.units.one", units=units)
        elif low == high == units:
            label = t("quiz.units.all", units=units)
        elif low == high:
            label = t("quiz.units.count", count=low)
        else:
            label = t("quiz.units.range", low=low, high=high)
        options.append(Option(low, high + 1, label))
    # Open at both ends, so that the options cover every number (a count outside 1 … units cannot happen).
    return (replace(options[0], low=-INF), *options[1:-1], replace(options[-1], high=INF))


def _changed_options(entries: int) -> tuple[Option, ...]:
    options = [Option(-INF, 1, t("quiz.changed.none"))]
    if entries > 1:
        options.append(Option(1, entries, t("quiz.changed.some")))
    options.append(Option(entries, INF, t("quiz.changed.all", entries=entries)))
    return tuple(options)


ACCURACY_EDGES = (0.60, 0.75, 0.85)
CHANGE_EDGES = (-1.0, 1.0, 5.0)  # percentage points
GAP_EDGES = (1e-10, 1e-6, 1e-2)


def _change_options() -> tuple[Option, ...]:
    """More than 1 point lower, within 1 point, 1 to 5 points higher, 5 or more (percentage points)."""
    drop, small, large = CHANGE_EDGES
    a, b = f"{abs(small):g}", f"{large:g}"
    return (Option(-INF, drop, t("quiz.accuracy_change.down", a=a)),
            Option(drop, small, t("quiz.accuracy_change.same", a=a)),
            Option(small, large, t("quiz.accuracy_change.up", a=a, b=b)),
            Option(large, INF, t("quiz.accuracy_change.much", b=b)))


def _edges_options(edges: tuple[float, ...], kind: str, show) -> tuple[Option, ...]:
    """Ranges below the first edge, between two edges and from the last edge up; labelled with ``show``."""
    bounds = (-INF, *edges, INF)
    options = []
    for index, (low, high) in enumerate(zip(bounds, bounds[1:])):
        if index == 0:
            label = t(f"quiz.{kind}.below", high=show(high))
        elif index == len(edges):
            label = t(f"quiz.{kind}.above", low=show(low))
        else:
            label = t(f"quiz.{kind}.between", low=show(low), high=show(high))
        options.append(Option(low, high, label))
    return tuple(options)


def _gap(value: float | None) -> str:
    """Three digits, and an exponent without its zero: 1.23e-5, 1e-10, 0.01."""
    return "—" if value is None else f"{value:.3g}".replace("e-0", "e-").replace("e+0", "e+")


def question_for(step: int, config: Config, start: int) -> Question:
    """Step ``step``'s question, for its network ``config`` standing at iteration ``start``, in the current
    language."""
    kind, after = ASKED[step]
    units = config.layers[0]
    if kind in ("distinct", "gap") and units < 2:
        kind, after = FALLBACK
    values = {"after": after, "at": start + after, "start": start, "units": units}
    if kind == "changed":
        entries = units * len(config.features)
        options = _changed_options(entries)
        values["entries"] = entries
    elif kind == "distinct":
        options = _units_options(units)
    elif kind == "accuracy":
        options = _edges_options(ACCURACY_EDGES, kind, lambda v: f"{v:.0%}")
    elif kind == "accuracy_change":
        options = _change_options()
    else:
        options = _edges_options(GAP_EDGES, kind, _gap)
    text = t(f"quiz.{kind}.question" + (".later" if start else ""), **values)
    return Question(f"{step}.{kind}", step, kind, start, after, text, options)


def copy_of(trainer: Trainer) -> Trainer:
    """A run standing where ``trainer`` stands (its exact parameters), to train on without touching it."""
    copy = Trainer(trainer.config, trainer.data)
    copy.params.load(trainer.params)
    copy.iteration = trainer.iteration
    copy.diverged = trainer.diverged
    return copy


def measure(question: Question, run: Trainer, cancelled: threading.Event | None = None) -> Measured | None:
    """Train ``run`` (a copy: see copy_of) ``question.after`` iterations and read the number asked about.
    None when ``cancelled`` was set meanwhile."""
    before = run.snapshot()
    W1 = np.array(run.params.W1)
    left = question.after
    while left > 0 and not run.diverged:
        if cancelled is not None and cancelled.is_set():
            return None
        done = run.step(min(CHUNK, left))
        left -= done
        if not done:
            break
    after = run.snapshot()
    kind = question.kind
    figures = {"at": run.iteration, "start": question.start}
    if kind == "changed":
        changes = np.abs(np.array(run.params.W1) - W1)
        value = float(np.count_nonzero(changes))
        figures.update(changed=int(value), entries=changes.size, largest=f"{changes.max():.2g}")
    elif kind == "distinct":
        value = float(after.distinct_units)
        figures.update(distinct=after.distinct_units, units=after.n_h, gap=_gap(after.unit_gap))
    elif kind == "accuracy":
        value = after.accuracy
        figures.update(acc=f"{after.accuracy:.1%}")
    elif kind == "accuracy_change":
        value = 100 * (after.accuracy - before.accuracy)
        figures.update(acc0=f"{before.accuracy:.1%}", acc=f"{after.accuracy:.1%}", change=f"{value:+.1f}")
    else:
        value = after.unit_gap
        figures.update(gap0=_gap(before.unit_gap), gap=_gap(value))
    if not math.isfinite(value):
        value = INF
    return Measured(kind, value, figures)


@dataclass
class Asked:
    """One step's question and what became of it."""

    question: Question
    answer: str | None = None  # a letter, "skipped", or None (not answered yet)
    measured: Measured | None = None

    @property
    def right(self) -> str | None:
        return None if self.measured is None else self.question.right_letter(self.measured.value)

    @property
    def correct(self) -> bool | None:
        if self.right is None or self.answer in (None, "skipped"):
            return None
        return self.answer == self.right

    def verdict(self) -> str:
        """Right or not, and why (the measured numbers): one sentence."""
        assert self.measured is not None and self.correct is not None
        key = "quiz.verdict.right" if self.correct else "quiz.verdict.wrong"
        return t(key, letter=self.right, label=self.question.label(self.right), why=self.measured.why)

    def record(self) -> dict:
        q = self.question
        return {"step": q.step, "question": q.id, "asked": q.text, "iteration": q.at,
                "options": {letter: option.label for letter, option in zip(LETTERS, q.options)},
                "answer": self.answer, "right": self.right, "correct": self.correct,
                "measured": None if self.measured is None or not math.isfinite(self.measured.value)
                else self.measured.value}


@dataclass
class LessonQuiz:
    """The questions asked so far in one lesson, by step number: each is asked once, on the step's first visit."""

    asked: dict[int, Asked] = field(default_factory=dict)

    def record(self, steps: int) -> dict:
        """The lesson's answers for an export: every step, asked or not (answer null: not asked yet)."""
        return {"questions": [self.asked[n].record() if n in self.asked else
                              {"step": n, "question": None, "answer": None, "right": None, "correct": None}
                              for n in range(1, steps + 1)],
                "right": sum(1 for a in self.asked.values() if a.correct),
                "answered": sum(1 for a in self.asked.values() if a.answer not in (None, "skipped")),
                "skipped": sum(1 for a in self.asked.values() if a.answer == "skipped")}
